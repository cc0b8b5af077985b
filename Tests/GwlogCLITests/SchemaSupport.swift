import Foundation
import Testing
import _GwlogTestSupport

/// The schemas the output tests validate against: gwlog's own (docs/json-schema) and the
/// SARIF 2.1.0 schema (Fixtures/sarif-schema-2.1.0.json).
enum Schemas {
  /// The repository root (three levels above this file).
  static let root = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  /// `docs/json-schema/gwlog-1.schema.json`.
  static let gwlog = load(root.appendingPathComponent("docs/json-schema/gwlog-1.schema.json"))

  /// The OASIS SARIF 2.1.0 schema.
  static let sarif = load(
    URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("Fixtures/sarif-schema-2.1.0.json"))

  private static func load(_ url: URL) -> JSONSchemaValidator? {
    guard let data = try? Data(contentsOf: url),
      let document = JSONDocument.parse(String(decoding: data, as: UTF8.self))
    else { return nil }
    return JSONSchemaValidator(schema: document)
  }

  /// Expects `execution`'s stdout to be one document `validator` accepts; returns it.
  @discardableResult
  static func expectValid(
    _ execution: Execution, against validator: JSONSchemaValidator?, _ label: String,
    sourceLocation: SourceLocation = #_sourceLocation
  ) -> JSONDocument? {
    guard let validator else {
      Issue.record("the schema did not load", sourceLocation: sourceLocation)
      return nil
    }
    guard let document = JSONDocument.parse(execution.stdout) else {
      Issue.record(
        "\(label): stdout is not JSON: \(execution.stdout.prefix(300))",
        sourceLocation: sourceLocation)
      return nil
    }
    let errors = validator.errors(in: document)
    #expect(
      errors.isEmpty, "\(label): \(errors.prefix(5).joined(separator: "\n"))",
      sourceLocation: sourceLocation)
    return document
  }
}
