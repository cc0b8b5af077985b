/// Recognises which gcloud output a JSON document is, by the shape table
/// (`ShapeTable.entries`), and hands its objects to the importer of that shape.
enum Importer {
  /// The shape of one JSON object, if known.
  static func shape(of node: JSONNode) -> Shape? {
    ShapeTable.entry(for: node)?.shape
  }

  /// Imports a whole document; returns false when its shape is unknown.
  static func importDocument(_ root: JSONNode, in file: ImportFile) -> Bool {
    if let items = root.array { return importList(root, items: items, in: file) }
    if let (items, complete) = denyListingResponse(root, in: file) {
      guard complete else {
        for item in items where ShapeTable.entry(for: item)?.shape == .denyPolicy {
          IAMPolicyImporter.denyPolicy(item, in: file)
        }
        return true
      }
      return importList(root, items: items, in: file)
    }
    if let (entry, items) = ShapeTable.wrapped(root) {
      return nameless(root, items: items, entry: entry, in: file)
    }
    guard let entry = ShapeTable.entry(for: root) else { return false }
    switch entry.imports {
    case .nameless: return nameless(root, items: [root], entry: entry, in: file)
    default:
      importElement(root, entry: entry, in: file)
      return true
    }
  }

  /// The policies of a deny policy listing as gcloud 528 prints it; nil for anything else.
  ///
  /// `gcloud iam policies list` prints the API's response object (`{"policies": [...]}`,
  /// `{}` when none is attached), in a file named as a deny policy listing. A response with a `nextPageToken` is one
  /// page: its policies are read, but it does not say that the node's policies were listed.
  private static func denyListingResponse(_ root: JSONNode, in file: ImportFile) -> (
    items: [JSONNode], complete: Bool
  )? {
    guard let members = root.members,
      members.allSatisfy({ $0.key == "policies" || $0.key == "nextPageToken" }),
      case .denyListing? = FileNameConvention.target(of: file.path)
    else { return nil }
    let items = root["policies"]?.array ?? []
    if let token = root["nextPageToken"]?.string, !token.isEmpty {
      file.session.report(
        .warning, .badJSON, file: file.path, at: root["nextPageToken"],
        "this deny policy listing is one page of several, so it does not say which policies "
          + "are attached", help: "list again with `--page-token=\(token)` and load every page")
      return (items, false)
    }
    return (items, true)
  }

  /// Imports one NDJSON line (an asset export record, or any document); returns false when
  /// its shape is unknown.
  static func importRecord(_ record: JSONNode, in file: ImportFile) -> Bool {
    if let entry = ShapeTable.entry(for: record), entry.isRecord,
      case .named(let importer) = entry.imports
    {
      importer(record, file)
      return true
    }
    return importDocument(record, in: file)
  }

  /// A list document: as a whole when its first element's shape is a list shape, otherwise
  /// element by element (unknown elements are skipped with a warning), then what the list
  /// makes known as a whole (`ShapeEntry.listed`).
  private static func importList(_ root: JSONNode, items: [JSONNode], in file: ImportFile) -> Bool {
    let entries = items.map(ShapeTable.entry(for:))
    guard let first = entries.first else {
      emptyList(root, in: file)
      return true
    }
    guard let firstEntry = first else { return false }
    switch firstEntry.imports {
    case .list(let importer):
      importer(items, file)
      return true
    case .namelessList:
      return nameless(root, items: items, entry: firstEntry, in: file)
    default:
      for (item, entry) in zip(items, entries) {
        guard let entry else {
          file.session.report(
            .warning, .badJSON, file: file.path, at: item,
            "skipped a list element of an unknown shape")
          continue
        }
        importElement(item, entry: entry, in: file)
      }
      firstEntry.listed?(root, items, FileNameConvention.target(of: file.path), file)
      return true
    }
  }

  /// An empty list (`[]`): nothing, unless the file name says what it lists (the members
  /// of a group, the deny policies of a node, the tags of a resource), which it then says
  /// there are none of.
  private static func emptyList(_ root: JSONNode, in file: ImportFile) {
    let target = FileNameConvention.target(of: file.path)
    guard let shape = target?.listShape,
      let entry = ShapeTable.entries.first(where: { $0.shape == shape })
    else { return }
    switch entry.imports {
    case .namelessList(let importer): _ = importer(root, [], target, file)
    default: entry.listed?(root, [], target, file)
    }
  }

  /// Imports one object that is not a whole resource-name-less document: the shapes that
  /// need the file name import nothing here.
  private static func importElement(_ node: JSONNode, entry: ShapeEntry, in file: ImportFile) {
    switch entry.imports {
    case .named(let importer): importer(node, file)
    case .list(let importer): importer([node], file)
    case .nameless, .namelessList, .ignored: break
    }
  }

  /// A resource-name-less output: its resource comes from the file name.
  private static func nameless(
    _ root: JSONNode, items: [JSONNode], entry: ShapeEntry, in file: ImportFile
  ) -> Bool {
    let target = FileNameConvention.target(of: file.path)
    let imported: Bool
    switch entry.imports {
    case .nameless(let importer): imported = importer(root, target, file)
    case .namelessList(let importer): imported = importer(root, items, target, file)
    case .named, .list, .ignored: imported = false
    }
    if !imported {
      file.session.report(
        file.named ? .error : .warning, .badJSON, file: file.path, at: nil,
        "\(entry.shape.rawValue) names no resource and the file name does not say which"
          + (file.named ? "" : "; skipped"), help: FileNameConvention.help)
    }
    return true
  }
}
