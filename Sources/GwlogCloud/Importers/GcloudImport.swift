import Foundation
import GwlogEngine

/// Loads the JSON that `gcloud ... --format=json` prints (files and folders of them) as facts
/// of the Google Cloud model (`facts/gcp/inputs.dl`), every fact with its file and JSON
/// pointer.
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
    let (facts, diagnostics) = read(paths: paths)
    for f in facts {
      workspace.addFact(
        relation: f.relation, values: f.values.map { .symbol($0) }, origin: f.origin)
    }
    return diagnostics
  }

  /// Whether a path names gcloud JSON output the importers read (`.json`, `.ndjson`).
  public static func isImportable(_ path: String) -> Bool {
    path.hasSuffix(".json") || path.hasSuffix(".ndjson")
  }

  /// The facts of `paths` as gwlog text (for `gwlog import PATH... -o out.facts`): a
  /// `% from FILE` comment per source file, then its facts, sorted.
  public static func factsText(paths: [String]) -> (text: String, diagnostics: [Diagnostic]) {
    let (facts, diagnostics) = read(paths: paths)
    var files: [String] = []
    var byFile: [String: [String]] = [:]
    for f in facts {
      if byFile[f.origin.file] == nil { files.append(f.origin.file) }
      let values = f.values.map { Value.symbol($0).description }.joined(separator: ", ")
      byFile[f.origin.file, default: []].append("\(f.relation)(\(values)).")
    }
    var text = "% Imported by gwlog from gcloud JSON output.\n"
    for file in files {
      text += "\n% from \(file)\n"
      text +=
        byFile[file, default: []].sorted { Value.bytesLess($0, $1) }.joined(separator: "\n") + "\n"
    }
    return (text, diagnostics)
  }

  /// Reads and resolves every file.
  static func read(paths: [String]) -> ([ImportedFact], [Diagnostic]) {
    let session = ImportSession()
    for (path, named) in files(paths, session: session) {
      importFile(path, named: named, session: session)
    }
    let facts = session.resolve()
    return (facts, session.diagnostics)
  }

  /// The files to read: named ones as given, folders' `.json`/`.ndjson` files sorted.
  static func files(_ paths: [String], session: ImportSession) -> [(String, Bool)] {
    var out: [(String, Bool)] = []
    for path in paths {
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
        session.diagnostics.append(
          .error(.io, "cannot read `\(path)`: no such file or directory", help: "check the path"))
        continue
      }
      guard isDirectory.boolValue else {
        out.append((path, true))
        continue
      }
      var found: [String] = []
      let enumerator = FileManager.default.enumerator(atPath: path)
      while let item = enumerator?.nextObject() as? String {
        guard item.hasSuffix(".json") || item.hasSuffix(".ndjson") else { continue }
        let full = path.hasSuffix("/") ? path + item : path + "/" + item
        var dir: ObjCBool = false
        if FileManager.default.fileExists(atPath: full, isDirectory: &dir), !dir.boolValue {
          found.append(full)
        }
      }
      out += found.sorted { Value.bytesLess($0, $1) }.map { ($0, false) }
    }
    return out
  }

  static func importFile(_ path: String, named: Bool, session: ImportSession) {
    let file = ImportFile(path: path, session: session, named: named)
    guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
      let data = FileManager.default.contents(atPath: path)
    else {
      session.diagnostics.append(
        .error(.io, "cannot read `\(path)`", help: "check the file's permissions"))
      return
    }
    if let size = attributes[.size] as? Int, size > maximumFileSize {
      session.diagnostics.append(
        .error(.limit, "`\(path)` is larger than \(maximumFileSize >> 20) MiB; skipped"))
      return
    }
    let bytes = [UInt8](data)
    if path.hasSuffix(".ndjson") {
      switch JSONReader.parseLines(bytes) {
      case .failure(let error): badJSON(path, error, session: session)
      case .success(let records): importRecords(records, in: file)
      }
      return
    }
    switch JSONReader.parse(bytes) {
    case .failure(let error):
      // An asset export saved as `.json` is still one object per line.
      if case .success(let records) = JSONReader.parseLines(bytes), records.count > 1 {
        importRecords(records, in: file)
      } else {
        badJSON(path, error, session: session)
      }
    case .success(let root):
      if !Importer.importDocument(root, in: file) { unknownShape(file) }
    }
  }

  private static func importRecords(_ records: [JSONNode], in file: ImportFile) {
    for (index, record) in records.enumerated() {
      var lineFile = file
      // The reader already gives each record's nodes pointers that start at `/INDEX`.
      lineFile.pointerPrefix = record.pointer.hasPrefix("/\(index)") ? "" : "/\(index)"
      if !Importer.importRecord(record, in: lineFile) {
        unknownShape(lineFile)
        return
      }
    }
  }

  private static func badJSON(_ path: String, _ error: FormatError, session: ImportSession) {
    // Too deep a nesting is a resource limit, not a syntax error.
    session.diagnostics.append(
      .error(
        error.isDepthLimit ? .limit : .badJSON,
        "\(path):\(error.line):\(error.column): \(error.message)", help: error.help))
  }

  private static func unknownShape(_ file: ImportFile) {
    let shapes = Importer.Shape.allCases.map(\.rawValue).joined(separator: "; ")
    if file.named {
      file.session.diagnostics.append(
        .error(
          .badJSON, "`\(file.path)` is not a gcloud output gwlog understands",
          help: "gwlog reads: \(shapes)"))
    } else {
      file.session.diagnostics.append(
        .warning(.badJSON, "`\(file.path)` is of an unknown shape; skipped"))
    }
  }
}
