/// Files that hold something other than the output gwlog expects.
///
/// gcloud's error text saved in place of its output, or YAML (gcloud's default format) in a
/// `.json` file: each gets an error that says what it is and how to run the command again.
enum GcloudOutputProblems {
  /// The `ERROR: (gcloud.…)` line when the file's first line with content is one (gcloud's
  /// standard error redirected into the file), else nil.
  static func errorLine(_ bytes: [UInt8]) -> String? {
    // gcloud's messages start with a capital letter; JSON with `{` or `[`: most files are
    // ruled out by their first byte, without decoding anything (this runs on every file).
    let blanks: Set<UInt8> = [0x20, 0x09, 0x0A, 0x0D]
    guard let first = bytes.first(where: { !blanks.contains($0) }), first == 0x45 || first == 0x57
    else { return nil }
    let text = String(decoding: bytes.prefix(4096), as: UTF8.self)
    guard
      let first = text.split(separator: "\n").first(where: {
        !$0.trimmingCharacters(in: .whitespaces).isEmpty
      })
    else { return nil }
    let line = first.trimmingCharacters(in: .whitespaces)
    guard line.hasPrefix("ERROR:") || line.hasPrefix("WARNING:") else { return nil }
    return line
  }

  /// Reports a file that holds gcloud's error text.
  static func reportErrorText(_ line: String, in file: ImportFile) {
    let command = commandName(line).map { "`gcloud \($0) … --format=json`" } ?? "the command"
    file.session.diagnostics.append(
      .error(
        .badJSON,
        "`\(file.path)` holds gcloud's error output, not its result: \(line.prefix(200))",
        help: "fix the error and run \(command) again, saving only its standard output "
          + "(`> FILE`, not `&> FILE` or `2>&1`); `gwlog collect` does this and logs failures"))
  }

  /// `gcloud.iam.policies.list` in `ERROR: (gcloud.iam.policies.list) …` → `iam policies list`.
  private static func commandName(_ line: String) -> String? {
    guard let open = line.range(of: "(gcloud."),
      let close = line[open.upperBound...].firstIndex(of: ")")
    else { return nil }
    return line[open.upperBound..<close].replacingOccurrences(of: ".", with: " ")
  }

  /// Whether bytes that are not JSON read as a YAML mapping or list (what gcloud prints
  /// without `--format=json`).
  ///
  /// Text that starts like JSON (`{`, `[`) is broken JSON, not YAML; otherwise only the first
  /// lines (up to 64 KiB) are parsed, so that a large broken file costs no more than a small one.
  static func isYAML(_ bytes: [UInt8]) -> Bool {
    let blanks: Set<UInt8> = [0x20, 0x09, 0x0A, 0x0D]
    guard let first = bytes.first(where: { !blanks.contains($0) }), first != 0x7B, first != 0x5B
    else { return false }
    var head = bytes.prefix(65_536)
    if head.count < bytes.count, let end = head.lastIndex(of: 0x0A) { head = head[..<end] }
    guard case .success(let parsed) = YAMLReader.parseDocuments(Array(head)),
      let first = parsed.documents.first
    else { return false }
    return first.members != nil || first.array != nil
  }

  /// Reports YAML in a `.json` file.
  static func reportYAMLInJSON(in file: ImportFile) {
    let yamlName =
      file.path.hasSuffix(".json") ? String(file.path.dropLast(5)) + ".yaml" : file.path + ".yaml"
    file.session.diagnostics.append(
      .error(
        .badJSON,
        "`\(file.path)` is YAML, not JSON: gcloud prints YAML unless told otherwise",
        help: "run the command again with `--format=json`, or rename the file to "
          + "`\(yamlName)`, which gwlog reads as YAML"))
  }
}
