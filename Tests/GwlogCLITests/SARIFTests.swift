import Foundation
import Testing
import _GwlogTestSupport

/// `gwlog audit --format sarif` on the example organisation: a log the official SARIF 2.1.0
/// schema accepts (Fixtures/sarif-schema-2.1.0.json), one result per model finding, each
/// located at a gcloud file of the snapshot and a JSON pointer that exists in that file.
@Suite struct SARIFTests {
  static let at = ["--at", "2026-11-25T00:00:00Z"]

  /// The value at a JSON pointer (RFC 6901), nil when it names nothing.
  static func resolve(_ pointer: String, in document: JSONDocument) -> JSONDocument? {
    var node = document
    for token in pointer.split(separator: "/", omittingEmptySubsequences: false).dropFirst() {
      let name = token.replacingOccurrences(of: "~1", with: "/")
        .replacingOccurrences(of: "~0", with: "~")
      switch node {
      case .object:
        guard let next = node[name] else { return nil }
        node = next
      case .array(let items):
        guard let k = Int(name), k >= 0, k < items.count else { return nil }
        node = items[k]
      default: return nil
      }
    }
    return node
  }

  @Test func theLogFollowsTheSchemaAndPointsAtRealFacts() throws {
    let sarif = try GwlogProcess.run(
      ["audit", "facts/example", "--format", "sarif"] + Self.at, in: Schemas.root)
    #expect(sarif.status == 0)
    let log = try #require(Schemas.expectValid(sarif, against: Schemas.sarif, "audit sarif"))
    #expect(log["version"] == .string("2.1.0"))
    guard case .array(let runs)? = log["runs"], let run = runs.first,
      case .array(let results)? = run["results"],
      case .array(let rules)? = run["tool"]?["driver"]?["rules"]
    else {
      Issue.record("no run with results and rules")
      return
    }
    // One result per row of the three relations.
    let rows = try #require(
      try GwlogProcess.run(
        [
          "run", "--model", "facts/example", "--only", "invokeProblem,nonCompliant,publicBackend",
          "--format", "json",
        ] + Self.at, in: Schemas.root
      ).json?["relations"] as? [String: [[Any]]])
    #expect(results.count == rows.values.map(\.count).reduce(0, +))
    #expect(results.count >= 10)
    let ruleIDs = rules.compactMap { rule -> String? in
      if case .string(let id)? = rule["id"] { return id }
      return nil
    }
    var kinds = Set<String>()
    for result in results {
      guard case .string(let rule)? = result["ruleId"],
        case .number(let index, _)? = result["ruleIndex"],
        case .array(let locations)? = result["locations"], let location = locations.first,
        case .string(let uri)? = location["physicalLocation"]?["artifactLocation"]?["uri"],
        case .array(let logical)? = location["logicalLocations"],
        case .string(let pointer)? = logical.first?["fullyQualifiedName"]
      else {
        Issue.record("a result without a rule, a file and a pointer: \(result)")
        continue
      }
      #expect(Int(index) < ruleIDs.count && ruleIDs[Int(index)] == rule)
      kinds.insert(String(rule.split(separator: "/").first ?? ""))
      #expect(uri.hasPrefix("facts/example/"), "\(uri)")
      let path = uri.removingPercentEncoding ?? uri
      let text = try String(
        contentsOf: Schemas.root.appendingPathComponent(path), encoding: .utf8)
      let file = try #require(JSONDocument.parse(text), "\(path) is not JSON")
      // A pointer into an OpenAPI document embedded in the file: its part up to `#`.
      let inFile = String(pointer.split(separator: "#", maxSplits: 1).first ?? "")
      #expect(pointer == "/" || Self.resolve(inFile, in: file) != nil, "\(path) has no \(pointer)")
    }
    #expect(kinds == ["invokeProblem", "nonCompliant", "publicBackend"])
  }

  @Test func theSchemaRejectsABrokenLog() throws {
    let validator = try #require(Schemas.sarif)
    let good =
      #"{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "gwlog"}}, "results": [{"message": {"text": "m"}, "level": "error"}]}]}"#
    #expect(validator.errors(in: try #require(JSONDocument.parse(good))).isEmpty)
    for bad in [
      #"{"runs": []}"#,
      #"{"version": "2.1.0", "runs": [{"tool": {"driver": {}}}]}"#,
      #"{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "g"}}, "results": [{"message": {"text": "m"}, "level": "fatal"}]}]}"#,
      #"{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "g"}}, "results": [{"message": {"text": "m"}, "locations": [{"physicalLocation": {"region": {"startLine": 0}}}]}]}]}"#,
    ] {
      #expect(
        !validator.errors(in: try #require(JSONDocument.parse(bad))).isEmpty, "accepted: \(bad)")
    }
  }
}
