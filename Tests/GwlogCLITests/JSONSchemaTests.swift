import Foundation
import Testing
import _GwlogTestSupport

/// Every command's `--format json` document follows docs/json-schema/gwlog-1.schema.json
/// (schema `gwlog/1`), checked with the test-support validator; the validator itself is
/// checked on documents the schema must reject.
@Suite struct JSONSchemaTests {
  /// The repository's example organisation.
  static let example = Schemas.root.appendingPathComponent("facts/example").path
  static let at = ["--at", "2026-11-25T00:00:00Z"]

  /// Command lines run in a folder holding `prog.dl` (the path program with a query) and
  /// `bad/` (one good and one broken program): every command, each kind of document.
  static let cheap: [[String]] = [
    ["query", "path(1, X)", "prog.dl", "--no-model", "--explain", "--stats"],
    ["query", "-q", "prog.dl", "prog.dl", "--no-model"],
    ["query", "nosuch(X)", "prog.dl", "--no-model"],
    ["explain", "path(1, 3)", "prog.dl", "--no-model"],
    ["explain", "path(3, 1)", "prog.dl", "--no-model", "--stats"],
    ["explain", "path(1,", "prog.dl", "--no-model"],
    ["check", "prog.dl", "--no-model", "-v"],
    ["check", "bad", "--no-model"],
    ["run", "prog.dl", "--stats"],
    ["run", "prog.dl", "-D", "out"],
    ["run", "bad", "-v"],
    ["import", example + "/run-services-describe-orders-api.json"],
    ["import", example + "/run-services-describe-orders-api.json", "-o", "out.facts", "--stats"],
    ["import", "nosuch.json"],
    ["version"],
    ["--bogus"],
    ["query", "--threads", "0"],
    ["audit", "--strict", "bad"],
  ]

  /// The runs that evaluate the Google Cloud model (a few seconds each in a debug build).
  static let modelled: [[String]] = [
    ["query", "canInvoke(shop-gw, B)", example] + at,
    ["explain", "canInvoke(shop-gw, payments-api)", example] + at,
    ["explain", "--gateway", "admin-gw", "--backend", "orders-api", example] + at,
    ["why", "https://shop-gw-1a2b3c4d.uc.gateway.dev/pay", example] + at,
    ["audit", example, "--stats"] + at,
  ]

  @Test func everyDocumentFollowsTheSchema() throws {
    let directory = try TemporaryDirectory()
    try directory.write("prog.dl", pathProgram + "?- path(1, X).\n")
    try FileManager.default.createDirectory(
      at: directory.url.appendingPathComponent("bad"), withIntermediateDirectories: true)
    try directory.write("bad/good.dl", "edge(7, 8).\nreach(X) :- edge(X, _).\n")
    try directory.write("bad/broken.dl", "edge(1,\n")
    for arguments in Self.cheap + Self.modelled {
      let execution = try GwlogProcess.run(arguments + ["--format", "json"], in: directory.url)
      let label = arguments.joined(separator: " ")
      #expect(execution.stderr.isEmpty, "\(label): \(execution.stderr)")
      let document = Schemas.expectValid(execution, against: Schemas.gwlog, label)
      #expect(document?["schema"] == .string("gwlog/1"), "\(label)")
      if let command = arguments.first, !command.hasPrefix("-") {
        #expect(document?["command"] == .string(command), "\(label)")
      }
    }
  }

  @Test func everyCommandWithJSONIsCovered() throws {
    let overview = try GwlogProcess.run(["--help"]).stdout
    let block =
      overview.components(separatedBy: "commands:\n").last?
      .components(separatedBy: "\n\n").first ?? ""
    let covered = Set((Self.cheap + Self.modelled).compactMap(\.first))
      .union(["diff"])  // DiffEndToEndTests validates its documents
    for line in block.split(separator: "\n") {
      guard let command = line.split(separator: " ").first.map(String.init) else { continue }
      let help = try GwlogProcess.run([command, "--help"]).stdout
      if help.contains("output format: ") && help.contains("json") {
        #expect(covered.contains(command), "no JSON schema test runs `gwlog \(command)`")
      }
    }
  }

  @Test func theSchemaRejectsWhatItDoesNotDescribe() throws {
    let validator = try #require(Schemas.gwlog)
    let good = try #require(
      JSONDocument.parse(
        #"{"command": "check", "errors": [], "schema": "gwlog/1", "warnings": [],"#
          + #" "summary": {"relations": 2, "rules": 1}}"#))
    #expect(validator.errors(in: good).isEmpty)
    let bad = [
      #"{"command": "check", "errors": [], "schema": "gwlog/1", "warnings": [], "extra": 1}"#,
      #"{"command": "check", "errors": [], "schema": "gwlog/2", "warnings": []}"#,
      #"{"command": "check", "errors": {}, "schema": "gwlog/1", "warnings": []}"#,
      #"{"command": "check", "schema": "gwlog/1", "warnings": []}"#,
      #"{"command": "check", "errors": [], "schema": "gwlog/1", "warnings": [], "summary": {"relations": "2", "rules": 1}}"#,
      #"{"command": "nosuch", "errors": [], "schema": "gwlog/1", "warnings": []}"#,
      #"{"command": "query", "errors": [{"code": "usage", "message": "m", "file": null, "line": 1.5, "column": null, "pointer": null, "help": null}], "schema": "gwlog/1", "warnings": []}"#,
      #"{"command": "diff", "errors": [], "schema": "gwlog/1", "warnings": [], "changes": [{"gateway": "g"}]}"#,
    ]
    for text in bad {
      let document = try #require(JSONDocument.parse(text), "\(text)")
      #expect(!validator.errors(in: document).isEmpty, "accepted: \(text)")
    }
  }

  @Test func theValidatorKnowsItsKeywords() throws {
    func errors(_ schema: String, _ value: String) throws -> [String] {
      let s = try #require(JSONDocument.parse(schema))
      let v = try #require(JSONDocument.parse(value))
      return JSONSchemaValidator(schema: s).errors(in: v)
    }
    #expect(try errors(#"{"type": "integer"}"#, "3").isEmpty)
    #expect(try !errors(#"{"type": "integer"}"#, "true").isEmpty)
    #expect(try !errors(#"{"type": "boolean"}"#, "1").isEmpty)
    #expect(try errors(#"{"type": ["string", "null"]}"#, "null").isEmpty)
    #expect(try !errors(#"{"enum": [1, "a"]}"#, #""b""#).isEmpty)
    #expect(try !errors(#"{"const": {"a": [1]}}"#, #"{"a": [2]}"#).isEmpty)
    #expect(try errors(#"{"const": {"a": 1, "b": 2}}"#, #"{"b": 2, "a": 1}"#).isEmpty)
    #expect(try !errors(#"{"items": {"minimum": 0}}"#, "[1, -1]").isEmpty)
    #expect(try !errors(#"{"uniqueItems": true}"#, "[1, 2, 1]").isEmpty)
    #expect(try !errors(#"{"minItems": 1}"#, "[]").isEmpty)
    #expect(try !errors(#"{"pattern": "^[0-9]+$"}"#, #""12a""#).isEmpty)
    #expect(try !errors(#"{"format": "date-time"}"#, #""yesterday""#).isEmpty)
    #expect(try !errors(#"{"format": "uri"}"#, #""no scheme""#).isEmpty)
    #expect(try !errors(#"{"oneOf": [{"type": "integer"}, {"minimum": 0}]}"#, "3").isEmpty)
    #expect(try errors(#"{"anyOf": [{"type": "integer"}, {"minimum": 0}]}"#, "3").isEmpty)
    #expect(try !errors(#"{"not": {"type": "null"}}"#, "null").isEmpty)
    let ref =
      ##"{"$defs": {"n": {"type": "integer"}}, "properties": {"a": {"$ref": "#/$defs/n"}}}"##
    #expect(try !errors(ref, #"{"a": "x"}"#).isEmpty)
    #expect(try errors(ref, #"{"a": 1, "b": "any"}"#).isEmpty)
    let closed = #"{"properties": {"a": {}}, "additionalProperties": {"type": "string"}}"#
    #expect(try !errors(closed, #"{"a": 1, "b": 2}"#).isEmpty)
    #expect(try errors(closed, #"{"a": 1, "b": "x"}"#).isEmpty)
    #expect(try !errors(#"{"required": ["a"]}"#, "{}").isEmpty)
    // A keyword it does not know is an error, never silently passed.
    #expect(try !errors(#"{"patternProperties": {}}"#, "{}").isEmpty)
  }
}
