import Foundation
import GwlogEngine
import Testing

@testable import GwlogCloud

/// Fixture paths and helpers for the importer tests.
enum ImportFixtures {
  /// `Tests/GwlogCloudTests/Fixtures/formats` (a copy of shared/docs/formats).
  static let formats = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures/formats").path

  static func path(_ name: String) -> String { formats + "/" + name }

  /// The facts of `paths` as `relation(values)` lines with `@ file-name:pointer` origins.
  static func facts(_ paths: [String]) -> (facts: [ImportedFact], diagnostics: [Diagnostic]) {
    GcloudImport.read(paths: paths)
  }

  /// The facts of one fixture, as `relation("a", "b")` strings.
  static func lines(_ name: String) -> Set<String> {
    Set(facts([path(name)]).facts.map(line))
  }

  static func line(_ f: ImportedFact) -> String {
    "\(f.relation)(" + f.values.map { Value.symbol($0).description }.joined(separator: ", ") + ")"
  }

  /// A fresh temporary directory.
  static func temporaryDirectory() throws -> String {
    let url = FileManager.default.temporaryDirectory
      .appendingPathComponent("gwlog-import-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url.path
  }

  static func write(_ text: String, to path: String) throws {
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
  }
}

extension ImportFixtures {
  /// The repository root (four levels above this file).
  static let repositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().path

  /// Every `.json` / `.ndjson` file of the fixtures and of `facts/example`, sorted.
  static func gcloudFiles() -> [String] {
    var out: [String] = []
    for folder in [formats, repositoryRoot + "/facts/example"] {
      let enumerator = FileManager.default.enumerator(atPath: folder)
      while let item = enumerator?.nextObject() as? String {
        if GcloudImport.isImportable(item) { out.append(folder + "/" + item) }
      }
    }
    return out.sorted()
  }

  /// The top-level JSON values of a file as the importer reads it: one document, or one per
  /// line for `.ndjson` (and for a `.json` file that only parses line by line).
  static func documents(_ path: String) throws -> [JSONNode] {
    let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    if path.hasSuffix(".ndjson") { return try JSONReader.parseLines(bytes).get() }
    switch JSONReader.parse(bytes) {
    case .success(let root): return [root]
    case .failure(let error):
      guard case .success(let records) = JSONReader.parseLines(bytes), records.count > 1 else {
        throw error
      }
      return records
    }
  }
}
