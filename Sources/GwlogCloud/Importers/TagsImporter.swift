/// The tags in effect on a resource: `gcloud resource-manager tags bindings list
/// --parent=FULL_NAME --effective` (docs/file-naming.md), a list of effective tags that names
/// no resource, so the file name says which.
enum TagsImporter {
  /// The members of one effective tag that `effectiveTagSet` is built from: the namespaced key
  /// and value (`ORG/env`, `ORG/env/prod`), then the IDs (`tagKeys/1`, `tagValues/2`).
  static let members = ["namespacedTagKey", "namespacedTagValue", "tagKey", "tagValue"]

  /// One `effectiveTag` per tag and, when every element is a valid tag, `tagsRead` and the
  /// whole set as one `effectiveTagSet` value (`[]`: the empty set "").
  static func effectiveTags(
    _ root: JSONNode, _ items: [JSONNode], resource: ImportTerm, in file: ImportFile
  ) {
    var lines = Set<String>()
    var complete = true
    for item in items {
      guard let tag = tag(item, in: file) else {
        complete = false
        continue
      }
      file.fact(.effectiveTag, [resource, .symbol(tag.key), .symbol(tag.value)], at: item)
      lines.insert(tag.key + "=" + tag.value)
      lines.insert(tag.keyID + "=" + tag.valueID)
    }
    guard complete else { return }
    file.fact(.tagsRead, [resource], at: root)
    file.fact(.effectiveTagSet, [resource, .symbol(setText(lines))], at: root)
  }

  /// The `effectiveTagSet` value of `lines`: sorted by bytes, one per line.
  static func setText(_ lines: Set<String>) -> String {
    lines.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
      .joined(separator: "\n")
  }

  /// The names of one effective tag, or nil after reporting what is wrong with it.
  private static func tag(
    _ item: JSONNode, in file: ImportFile
  ) -> (key: String, value: String, keyID: String, valueID: String)? {
    guard item.isObject else {
      file.invalid(item, expected: "an object (an effective tag)")
      return nil
    }
    // Every member is read, so that each missing one is reported.
    let values = members.map { member -> String? in
      guard let value = file.string(item, member, required: true) else { return nil }
      // A key holds no `=` and no name a line break: the set is `KEY=VALUE` lines.
      let forbidden: Set<Character> = member.hasSuffix("Key") ? ["=", "\n", "\r"] : ["\n", "\r"]
      guard !value.isEmpty, !value.contains(where: forbidden.contains) else {
        file.session.report(
          .error, .badJSON, file: file.path, at: item[member] ?? item,
          "expected a non-empty tag name without line breaks"
            + (member.hasSuffix("Key") ? " or `=` for `\(member)`" : " for `\(member)`"))
        return nil
      }
      return value
    }
    let present = values.compactMap { $0 }
    guard present.count == members.count else { return nil }
    return (present[0], present[1], present[2], present[3])
  }
}
