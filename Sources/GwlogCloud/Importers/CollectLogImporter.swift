/// The log `gwlog collect` writes (`gwlog-collect.jsonl`, docs/collect.md#the-log): every
/// read that failed becomes `inputUnreadable(KIND, TARGET, COMMAND, "CODE: message")`, so
/// that a verdict resting on it is unknown and says why rather than guessing.
enum CollectLogImporter {
  /// Whether `path` names a collection log (by its file name only).
  static func isLog(_ path: String) -> Bool {
    let name = path.split(separator: "/").last.map(String.init) ?? path
    return name == CollectLog.fileName
  }

  /// Imports the failed entries of a log; lines that are not JSON objects are an error.
  static func importLog(_ bytes: [UInt8], in file: ImportFile) {
    let records: [JSONNode]
    switch JSONReader.parseLines(bytes) {
    case .failure(let error):
      file.session.report(
        .error, .badJSON, file: file.path, at: nil,
        "line \(error.line) of the collection log is not JSON: \(error.message)",
        help: "run `gwlog collect` again to rewrite it")
      return
    case .success(let parsed): records = parsed
    }
    for record in records {
      guard let error = record["error"], let code = error["code"]?.string else { continue }
      let message = error["message"]?.string ?? ""
      let failure = message.isEmpty ? code : "\(code): \(message)"
      let argv = (record["argv"]?.array ?? []).compactMap(\.string)
      let command = argv.isEmpty ? "" : argv.map(CollectLog.shellQuoted).joined(separator: " ")
      var lineFile = file
      lineFile.pointerPrefix = ""
      for (kind, target) in inputs(of: record) {
        lineFile.fact(
          .inputUnreadable, [.symbol(kind), target, .symbol(command), .symbol(failure)],
          at: record)
      }
    }
  }

  /// What a failed entry leaves unknown: the route addresses that led to it (`for`), and the
  /// input it reads, named as the file it would have written names it (so that it resolves
  /// like that file's facts would have, docs/file-naming.md).
  private static func inputs(of record: JSONNode) -> [(String, ImportTerm)] {
    var found: [(String, ImportTerm)] = []
    for address in (record["for"]?.array ?? []).compactMap(\.string) {
      found.append(("backend", .symbol(address)))
    }
    guard let reads = record["reads"], let kind = reads["kind"]?.string,
      let target = reads["target"]?.string
    else { return found }
    if kind == "backend" { return found + [("backend", .symbol(target))] }
    if kind == "describe" || kind == "org-policy" { return found }
    if let output = record["output"]?.string,
      let named = term(FileNameConvention.target(of: output))
    {
      return found + [(kind, named)]
    }
    switch kind {
    case "group", "service-account", "deny-policy": return found + [(kind, .symbol(target))]
    default: return found + [(kind, .name(target))]
    }
  }

  /// The term a file-name target stands for.
  private static func term(_ target: FileNameConvention.Target?) -> ImportTerm? {
    switch target {
    case .resource(let term)?, .denyListing(let term)?: return term
    case .group(let email)?: return .symbol("group:" + email.lowercased())
    case .tags(let name)?: return .resourceNamed(name, strict: false)
    case .orgPolicy?, nil: return nil
    }
  }
}
