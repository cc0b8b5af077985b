import Foundation
import GwlogEngine

/// Loads the JSON that `gcloud ... --format=json` prints (files and folders of them) as facts
/// of the Google Cloud model (`facts/gcp/inputs.dl`), every fact with its file and JSON
/// pointer.
///
/// Files are read, parsed and imported on several threads, one `ImportSession` each, then
/// merged in file order (`ImportMerge`), so the facts, their origins and the problems are
/// those of reading the files one after another.
public enum GcloudImport {
  /// The largest file read (bytes).
  public static let maximumFileSize = 256 << 20

  /// Imports `paths` into `workspace` and returns the problems found.
  ///
  /// Paths are files, or folders searched recursively for `.json` and `.ndjson` (in sorted
  /// order). Files named directly must be of a known shape (error otherwise); unknown files
  /// found in a folder are skipped with a warning.
  @discardableResult
  public static func load(paths: [String], into workspace: Workspace) -> [Diagnostic] {
    let (files, problems) = files(paths)
    var merge = importFiles(files, diagnostics: problems, threads: defaultThreads)
    let (store, facts) = merge.resolve()
    workspace.addFacts(batch(facts, store))
    return merge.diagnostics
  }

  /// Imports the given files in one import (so that files resolve against each other) and
  /// returns the problems found; `named` files must be of a known shape, others (found in a
  /// folder) are skipped with a warning when they are not.
  static func load(
    files: [(path: String, named: Bool)], into workspace: Workspace, threads: Int? = nil
  ) -> [Diagnostic] {
    load(files: files, into: workspace, threads: threads, settings: LoadSettings()).problems
  }

  /// `load(files:into:threads:)` under `settings` (a file `-` is standard input, and with
  /// `keepsGoing` a file with an error is left out whole; with a focus only the focus's
  /// chain is read); returns the problems, every file read or skipped, and how many files a
  /// focused read left unopened.
  static func load(
    files: [(path: String, named: Bool)], into workspace: Workspace, threads: Int?,
    settings: LoadSettings
  ) -> (problems: [Diagnostic], files: [LoadedFile], unopened: Int) {
    guard !files.isEmpty else { return ([], [], 0) }
    var statistics = ImportStatistics()
    var (merge, loaded) = importFiles(
      files, diagnostics: [], threads: threads ?? defaultThreads, statistics: &statistics,
      settings: settings)
    let (store, facts) = resolve(&merge, files: &loaded, keepsGoing: settings.keepsGoing)
    workspace.addFacts(batch(facts, store))
    return (merge.diagnostics, loaded, statistics.unopened)
  }

  /// Whether a path names gcloud JSON output the importers read (`.json`, `.ndjson`).
  public static func isImportable(_ path: String) -> Bool {
    path.hasSuffix(".json") || path.hasSuffix(".ndjson") || path.hasSuffix(".yaml")
      || CollectLogImporter.isLog(path)
  }

  /// The facts of `paths` as gwlog text (for `gwlog import PATH... -o out.facts`): a
  /// `% from FILE` comment per source file, then its facts, sorted.
  public static func factsText(paths: [String]) -> (text: String, diagnostics: [Diagnostic]) {
    let (text, diagnostics, _) = factsText(paths: paths, threads: nil)
    return (text, diagnostics)
  }

  /// `factsText(paths:)` on `threads` threads (default: the active cores), with what the
  /// import read and where its time went.
  public static func factsText(paths: [String], threads: Int?) -> (
    text: String, diagnostics: [Diagnostic], statistics: ImportStatistics
  ) {
    let (text, report, statistics) = factsText(
      paths: paths, settings: LoadSettings(), threads: threads)
    return (text, report.problems, statistics)
  }

  /// `factsText(paths:threads:)` under `settings` (a path `-` is standard input, and with
  /// `keepsGoing` a file with an error is left out whole); the report lists every file read
  /// or skipped.
  public static func factsText(paths: [String], settings: LoadSettings, threads: Int?) -> (
    text: String, report: LoadReport, statistics: ImportStatistics
  ) {
    let (files, problems) = files(paths)
    var statistics = ImportStatistics()
    var (merge, loaded) = importFiles(
      files, diagnostics: problems, threads: threads ?? defaultThreads, statistics: &statistics,
      settings: settings)
    var start = ContinuousClock.now
    let (store, facts) = resolve(&merge, files: &loaded, keepsGoing: settings.keepsGoing)
    statistics.resolveSeconds = ImportStatistics.seconds(since: start)
    statistics.facts = facts.count
    start = ContinuousClock.now
    let text = factsText(facts, store)
    statistics.outputSeconds = ImportStatistics.seconds(since: start)
    return (text, LoadReport(problems: merge.diagnostics, files: loaded), statistics)
  }

  /// The facts as gwlog text: a `% from FILE` comment per source file, then its facts,
  /// sorted.
  static func factsText(_ facts: [StoredFact], _ store: FactStore) -> String {
    // Each value's text, quoted once.
    var quoted = [String?](repeating: nil, count: store.symbols.count)
    var order: [Int] = []
    var byFile: [Int: [String]] = [:]
    for f in facts {
      let file = store.origins.file(of: Int(f.origin))
      if byFile[file] == nil { order.append(file) }
      var line = f.relation.name + "("
      for k in 0..<Int(f.count) {
        let v = Int(store.value(f, k))
        if k > 0 { line += ", " }
        if let text = quoted[v] {
          line += text
        } else {
          let text = Value.symbol(store.symbols.string(UInt32(v))).description
          quoted[v] = text
          line += text
        }
      }
      byFile[file, default: []].append(line + ").")
    }
    var text = "% Imported by gwlog from gcloud JSON output.\n"
    for file in order {
      text += "\n% from \(store.origins.files[file])\n"
      text +=
        byFile[file, default: []].sorted { Value.bytesLess($0, $1) }.joined(separator: "\n") + "\n"
    }
    return text
  }

  /// Reads and resolves every file (on `threads` threads): the facts with their values as
  /// text.
  static func read(paths: [String], threads: Int? = nil) -> ([ImportedFact], [Diagnostic]) {
    let (facts, problems, _) = read(paths: paths, settings: LoadSettings(), threads: threads)
    return (facts, problems)
  }

  /// `read(paths:threads:)` under `settings`, with every file read or skipped.
  static func read(paths: [String], settings: LoadSettings, threads: Int? = nil) -> (
    facts: [ImportedFact], problems: [Diagnostic], files: [LoadedFile]
  ) {
    let (files, problems) = files(paths)
    var statistics = ImportStatistics()
    var (merge, loaded) = importFiles(
      files, diagnostics: problems, threads: threads ?? defaultThreads, statistics: &statistics,
      settings: settings)
    let (store, facts) = resolve(&merge, files: &loaded, keepsGoing: settings.keepsGoing)
    let out = facts.map { f in
      ImportedFact(
        inputRelation: f.relation, values: (0..<Int(f.count)).map { store.text(f, $0) },
        origin: store.origins[Int(f.origin)], authority: f.authority, order: f.order)
    }
    return (out, merge.diagnostics, loaded)
  }

  /// Threads to import on when the caller does not say: the active cores.
  static var defaultThreads: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }

  /// The files to read: named ones as given, folders' `.json`/`.ndjson` files sorted; and a
  /// problem for each path that does not exist.
  static func files(_ paths: [String]) -> ([(path: String, named: Bool)], [Diagnostic]) {
    var out: [(String, Bool)] = []
    var problems: [Diagnostic] = []
    for path in paths {
      if path == "-" {
        out.append((path, true))  // standard input
        continue
      }
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
        problems.append(
          .error(.io, "cannot read `\(path)`: no such file or directory", help: "check the path")
            .located(DiagnosticLocation(file: path)))
        continue
      }
      guard isDirectory.boolValue else {
        out.append((path, true))
        continue
      }
      out += Workspace.files(
        under: path, endingIn: [".json", ".ndjson", ".yaml", CollectLog.fileName]
      )
      .map { ($0, false) }
    }
    return (out, problems)
  }

  /// Every file read and imported (on `threads` threads), merged in order after `diagnostics`.
  static func importFiles(
    _ files: [(path: String, named: Bool)], diagnostics: [Diagnostic], threads: Int
  ) -> ImportMerge {
    var statistics = ImportStatistics()
    return importFiles(files, diagnostics: diagnostics, threads: threads, statistics: &statistics)
  }

  /// `importFiles`, counting files and bytes and timing the reading and the merge.
  static func importFiles(
    _ files: [(path: String, named: Bool)], diagnostics: [Diagnostic], threads: Int,
    statistics: inout ImportStatistics
  ) -> ImportMerge {
    importFiles(
      files, diagnostics: diagnostics, threads: threads, statistics: &statistics,
      settings: LoadSettings()
    ).merge
  }

  /// `importFiles` under `settings`: a file `-` is standard input, and with `keepsGoing` a
  /// file whose session has an error is not merged (left out whole: its facts, names and
  /// problems); returns the merge and every file with what it was recognised as.
  static func importFiles(
    _ files: [(path: String, named: Bool)], diagnostics: [Diagnostic], threads: Int,
    statistics: inout ImportStatistics, settings: LoadSettings
  ) -> (merge: ImportMerge, files: [LoadedFile]) {
    var start = ContinuousClock.now
    let input = settings.standardInput ?? []
    func read(_ indexes: [Int]) -> [ImportSession] {
      ParallelImport.map(indexes.count, threads: threads) { k in
        let i = indexes[k]
        return files[i].path == "-"
          ? importStandardInput(input) : importFile(files[i].path, named: files[i].named)
      }
    }
    let sessions: [ImportSession]
    if let focus = settings.focus {
      var focused = FocusedRead(files: files, focus: focus)
      focused.run(read)
      sessions = (0..<files.count).compactMap { focused.sessions[$0] }
      statistics.unopened = focused.unopened
    } else {
      sessions = read(Array(0..<files.count))
    }
    statistics.readSeconds = ImportStatistics.seconds(since: start)
    statistics.files = sessions.count
    statistics.threads = max(1, min(threads, sessions.count))
    start = ContinuousClock.now
    var merge = ImportMerge(diagnostics: diagnostics)
    var loaded: [LoadedFile] = []
    for session in sessions {
      statistics.bytes += session.byteCount
      let errors = session.diagnostics.filter { $0.severity == .error }
      if settings.keepsGoing && !errors.isEmpty {
        loaded.append(LoadedFile(path: session.path, kind: nil, errors: errors))
        continue
      }
      loaded.append(
        LoadedFile(
          path: session.path, kind: "gcloud output: " + (session.shape?.rawValue ?? "unknown")))
      merge.add(session)
    }
    statistics.mergeSeconds = ImportStatistics.seconds(since: start)
    return (merge, loaded)
  }

  /// The session of one file: read, parsed and imported.
  static func importFile(_ path: String, named: Bool) -> ImportSession {
    let session = ImportSession(path: path)
    switch FileBytes.read(path, limit: maximumFileSize) {
    case .success(let read):
      session.byteCount = read.count
      importBytes(read, into: session, named: named)
    case .failure(.unreadable):
      session.diagnostics.append(
        .error(.io, "cannot read `\(path)`", help: "check the file's permissions")
          .located(DiagnosticLocation(file: path)))
    case .failure(.tooLarge):
      session.diagnostics.append(
        .error(.limit, "`\(path)` is larger than \(maximumFileSize >> 20) MiB; skipped")
          .located(DiagnosticLocation(file: path)))
    }
    return session
  }

  /// The session of standard input, read by the caller (`<stdin>`, a file named directly).
  static func importStandardInput(_ bytes: [UInt8]) -> ImportSession {
    let session = ImportSession(path: LoadSettings.standardInputName)
    session.byteCount = bytes.count
    importBytes(bytes, into: session, named: true)
    return session
  }

  /// Parses and imports the bytes of `session`'s file, and records what they were
  /// recognised as.
  static func importBytes(_ bytes: [UInt8], into session: ImportSession, named: Bool) {
    let path = session.path
    let file = ImportFile(path: path, session: session, named: named)
    if CollectLogImporter.isLog(path) {
      CollectLogImporter.importLog(bytes, in: file)
      return
    }
    if let line = GcloudOutputProblems.errorLine(bytes) {
      GcloudOutputProblems.reportErrorText(line, in: file)
      return
    }
    if path.hasSuffix(".yaml") {
      importYAML(bytes, in: file)
      return
    }
    if path.hasSuffix(".ndjson") {
      switch JSONReader.parseLines(bytes) {
      case .failure(let error): badJSON(path, error, session: session)
      case .success(let records): session.shape = importRecords(records, in: file)
      }
      return
    }
    switch JSONReader.parse(bytes) {
    case .failure(let error):
      // An asset export saved as `.json` is still one object per line.
      if case .success(let records) = JSONReader.parseLines(bytes), records.count > 1 {
        session.shape = importRecords(records, in: file)
      } else if GcloudOutputProblems.isYAML(bytes) {
        GcloudOutputProblems.reportYAMLInJSON(in: file)
      } else {
        badJSON(path, error, session: session)
      }
    case .success(let root):
      if Importer.importDocument(root, in: file) {
        session.shape = Importer.recognisedShape(of: root, path: path)
      } else {
        unknownShape(file)
      }
    }
  }

  /// gcloud's YAML output: one document, or a list printed as one document per element
  /// (none for an empty list), read like the JSON of the same command.
  private static func importYAML(_ bytes: [UInt8], in file: ImportFile) {
    switch YAMLReader.parseDocuments(bytes) {
    case .failure(let error):
      file.session.diagnostics.append(
        .error(
          error.message == YAMLReader.depthLimitMessage ? .limit : .badJSON,
          "\(file.path):\(error.line):\(error.column): \(error.message)", help: error.help))
    case .success(let (documents, isList)):
      let root =
        isList || documents.count != 1
        ? JSONNode(kind: .array(documents), line: 1, column: 1, pointer: "") : documents[0]
      if Importer.importDocument(root, in: file) {
        file.session.shape = Importer.recognisedShape(of: root, path: file.path)
      } else {
        unknownShape(file)
      }
    }
  }

  /// Imports every record; returns the first's shape, nil when one is of an unknown shape.
  private static func importRecords(_ records: [JSONNode], in file: ImportFile)
    -> Importer.Shape?
  {
    for (index, record) in records.enumerated() {
      var lineFile = file
      // The reader already gives each record's nodes pointers that start at `/INDEX`.
      lineFile.pointerPrefix = record.pointer.hasPrefix("/\(index)") ? "" : "/\(index)"
      if !Importer.importRecord(record, in: lineFile) {
        unknownShape(lineFile)
        return nil
      }
    }
    return records.first.flatMap { Importer.recognisedShape(of: $0, path: file.path) }
  }

  private static func badJSON(_ path: String, _ error: FormatError, session: ImportSession) {
    // Too deep a nesting is a resource limit, not a syntax error.
    session.diagnostics.append(
      .error(
        error.isDepthLimit ? .limit : .badJSON,
        "\(path):\(error.line):\(error.column): \(error.message)", help: error.help
      ).located(DiagnosticLocation(file: path, line: error.line, column: error.column)))
  }

  private static func unknownShape(_ file: ImportFile) {
    let shapes = Importer.Shape.allCases.map(\.rawValue).joined(separator: "; ")
    if file.named {
      file.session.diagnostics.append(
        .error(
          .badJSON, "`\(file.path)` is not a gcloud output gwlog understands",
          help: "gwlog reads: \(shapes)"
        ).located(DiagnosticLocation(file: file.path, pointer: file.pointerPrefix)))
    } else {
      file.session.diagnostics.append(
        .warning(.badJSON, "`\(file.path)` is of an unknown shape; skipped")
          .located(DiagnosticLocation(file: file.path, pointer: file.pointerPrefix)))
    }
  }

  /// The engine's batch of `facts`: the symbols their values use and the origins they
  /// come from, each numbered in order of first use (as adding the facts one by one would
  /// intern them), and each relation's rows in fact order.
  static func batch(_ facts: [StoredFact], _ store: FactStore) -> HostFactBatch {
    var batch = HostFactBatch()
    var symbolOf = [UInt32](repeating: UInt32.max, count: store.symbols.count)
    var originOf: [UInt32: UInt32] = [:]
    var relationOf: [InputRelation: Int] = [:]
    store.symbols.bytes.withUnsafeBufferPointer { bytes in
      for f in facts {
        let k: Int
        if let known = relationOf[f.relation] {
          k = known
        } else {
          k = batch.relations.count
          relationOf[f.relation] = k
          batch.relations.append(HostFactBatch.Rows(relation: f.relation.name, arity: Int(f.count)))
        }
        for v in store.values(of: f) {
          if symbolOf[Int(v)] == UInt32.max {
            symbolOf[Int(v)] = UInt32(batch.symbolStarts.count)
            let start = Int(store.symbols.starts[Int(v)])
            let end = Int(store.symbols.ends[Int(v)])
            batch.symbolStarts.append(UInt32(batch.symbolBytes.count))
            batch.symbolBytes.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<end]))
            batch.symbolEnds.append(UInt32(batch.symbolBytes.count))
          }
          batch.relations[k].values.append(symbolOf[Int(v)])
        }
        let origin: UInt32
        if let known = originOf[f.origin] {
          origin = known
        } else {
          origin = UInt32(batch.origins.count)
          originOf[f.origin] = origin
          batch.origins.append(store.origins, entry: Int(f.origin))
        }
        batch.relations[k].origins.append(origin)
      }
    }
    return batch
  }
}
