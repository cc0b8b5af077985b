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

  /// `Tests/GwlogCloudTests/Fixtures/coverage`: outputs of the shapes added since formats/
  /// was copied (effective tags, App Engine services, disabled default URLs).
  static let coverage = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures/coverage").path

  /// The path of the coverage fixture `name`.
  static func coveragePath(_ name: String) -> String { coverage + "/" + name }

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

  /// Every `.json` / `.ndjson` file of the fixtures and of `facts/example`, sorted (not the
  /// OpenAPI `.yaml` of the formats).
  static func gcloudFiles() -> [String] {
    var out: [String] = []
    for folder in [formats, coverage, repositoryRoot + "/facts/example"] {
      let enumerator = FileManager.default.enumerator(atPath: folder)
      while let item = enumerator?.nextObject() as? String {
        if GcloudImport.isImportable(item) && !item.hasSuffix(".yaml") {
          out.append(folder + "/" + item)
        }
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

extension ImportFixtures {
  /// The facts of a folder of `files` as `relation("a", "b")` lines, and its diagnostics.
  static func load(_ files: [String: String]) throws -> (
    lines: Set<String>, diagnostics: [Diagnostic]
  ) {
    let dir = try ImportGapTests.folder(files)
    let (facts, diagnostics) = ImportFixtures.facts([dir])
    return (Set(facts.map(ImportFixtures.line)), diagnostics)
  }

  /// The lines of `relation` among `lines`.
  static func of(_ relation: String, _ lines: Set<String>) -> Set<String> {
    lines.filter { $0.hasPrefix(relation + "(") }
  }

  /// The messages of `diagnostics` of `severity`.
  static func messages(_ diagnostics: [Diagnostic], _ severity: Severity) -> [String] {
    diagnostics.filter { $0.severity == severity }.map(\.message)
  }
}
