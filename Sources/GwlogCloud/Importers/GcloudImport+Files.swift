import GwlogEngine

extension GcloudImport {
  /// Resolves the merged files; with `keepsGoing`, an error found while resolving names
  /// (an ambiguous short name) is its file's error too: that file's facts are dropped, the
  /// error leaves the problems, and the file is recorded in `files` as skipped.
  ///
  /// Names the file mapped (project numbers, account IDs) stay mapped for the others: they
  /// were read without error.
  static func resolve(_ merge: inout ImportMerge, files: inout [LoadedFile], keepsGoing: Bool)
    -> (FactStore, [StoredFact])
  {
    let (store, resolved) = merge.resolve()
    var facts = resolved
    guard keepsGoing else { return (store, facts) }
    let read = Set(files.filter { !$0.isSkipped }.map(\.path))
    var late: [String: [Diagnostic]] = [:]
    for d in merge.diagnostics where d.severity == .error {
      if let file = d.location?.file, read.contains(file) { late[file, default: []].append(d) }
    }
    guard !late.isEmpty else { return (store, facts) }
    facts.removeAll { late[store.file(of: $0)] != nil }
    merge.diagnostics.removeAll { d in
      d.severity == .error && d.location.map { late[$0.file] != nil } == true
    }
    for k in files.indices {
      if let errors = late[files[k].path] {
        files[k] = LoadedFile(path: files[k].path, kind: nil, errors: errors)
      }
    }
    return (store, facts)
  }
}
