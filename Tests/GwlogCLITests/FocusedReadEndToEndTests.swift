import Foundation
import Testing

/// A question about one backend opens only that backend's chain (docs/reading.md) and
/// answers as a full read does: the same verdict, exit code, fix, causes (but the hints about
/// grants elsewhere) and repairs in the same order, on the example organisation and on a
/// generated one; a file outside the chain is never opened, one on it still makes the
/// answer unknown.
@Suite struct FocusedReadEndToEndTests {
  static let example = GoalDirectedEndToEndTests.example
  static let root = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
  static let at = ["--at", "2026-11-25T00:00:00Z"]
  /// Causes that name grants elsewhere: computed only from what was read.
  static let hints: Set<String> = ["granted-elsewhere", "granted-to-another-account"]

  /// Every routed pair of a folder, from a full read.
  static func pairs(in folder: String) throws -> [(String, String)] {
    let run = try GwlogProcess.run(
      ["query", "verdict(G, B, V)", folder, "--format", "tsv", "--read-all"] + at)
    #expect(run.status == 0, "\(run.stderr)")
    return run.stdout.split(separator: "\n").dropFirst().compactMap { line in
      let cells = line.split(separator: "\t").map(String.init)
      return cells.count == 3 ? (cells[0], cells[1]) : nil
    }
  }

  /// Explains the pair focused and in full and checks that they agree; returns the focused
  /// run's count of unopened files.
  @discardableResult
  static func expectSameAnswer(_ gateway: String, _ backend: String, in folder: String) throws
    -> Int
  {
    let goal = "canInvoke(\"\(gateway)\", \"\(backend)\")"
    let arguments = ["explain", goal, folder, "--format", "json", "--proof"] + at
    let focused = try GwlogProcess.run(arguments)
    let full = try GwlogProcess.run(arguments + ["--read-all"])
    #expect(focused.status == full.status, "\(goal): exit \(focused.status) vs \(full.status)")
    let a = try #require(focused.json, "\(goal): \(focused.stderr)")
    let b = try #require(full.json, "\(goal): \(full.stderr)")
    #expect(b["unopened"] == nil)
    for key in ["verdict", "holds", "fix", "commands"] {
      #expect(describe(a[key]) == describe(b[key]), "\(goal): \(key) differs")
    }
    #expect(describe(a["repairs"]) == describe(b["repairs"]), "\(goal): repairs differ")
    #expect(causes(a) == causes(b), "\(goal): causes differ")
    return a["unopened"] as? Int ?? 0
  }

  /// The causes but the hints, as text.
  static func causes(_ document: [String: Any]) -> [String] {
    let list = document["causes"] as? [[String: Any]] ?? []
    return list.filter { !hints.contains($0["code"] as? String ?? "") }.map { describe($0) }
  }

  /// A JSON value as sorted-keys text, for comparing.
  static func describe(_ value: Any?) -> String {
    guard let value, JSONSerialization.isValidJSONObject([value]),
      let data = try? JSONSerialization.data(withJSONObject: [value], options: [.sortedKeys])
    else { return String(describing: value) }
    return String(decoding: data, as: UTF8.self)
  }

  @Test func everyPairOfTheExampleAnswersAsOnAFullRead() throws {
    let pairs = try Self.pairs(in: Self.example)
    #expect(pairs.count >= 8)
    var unopened = 0
    for (gateway, backend) in pairs where !backend.contains("://") {
      unopened = max(unopened, try Self.expectSameAnswer(gateway, backend, in: Self.example))
    }
    #expect(unopened > 0, "no pair of the example was read focused")
  }

  @Test(.enabled(if: CollectTools.python != nil, "needs python3"))
  func everyPairOfAGeneratedOrgAnswersAsOnAFullRead() throws {
    let scratch = try TemporaryDirectory()
    let out = scratch.url.appendingPathComponent("org").path
    let generator = Process()
    generator.executableURL = URL(fileURLWithPath: CollectTools.python ?? "python3")
    generator.arguments = [
      Self.root.appendingPathComponent("Scripts/gen-gcp-org.py").path, "--out", out,
      "--projects", "80", "--seed", "5", "--format", "gcloud",
    ]
    generator.standardOutput = FileHandle.nullDevice
    try generator.run()
    generator.waitUntilExit()
    #expect(generator.terminationStatus == 0)
    let folder = out + "/gcloud"
    // Every fourth pair, to keep the run short: the 1k and 10k orgs are compared in full by
    // the benchmark's notes (docs/reading.md#checked).
    let pairs = try Self.pairs(in: folder).filter { !$0.1.contains("://") }
    #expect(pairs.count >= 12)
    var focused = 0
    for (k, (gateway, backend)) in pairs.enumerated() where k % 4 == 0 {
      if try Self.expectSameAnswer(gateway, backend, in: folder) > 0 { focused += 1 }
    }
    #expect(focused >= 3)
  }

  /// A copy of the example with one file replaced by text that is not JSON.
  static func exampleBreaking(_ file: String) throws -> TemporaryDirectory {
    try ExampleSnapshot.copy(replacing: [file: "{ not json"])
  }

  @Test func aBrokenFileOfAnotherProjectIsNeverOpened() throws {
    let snapshot = try Self.exampleBreaking("projects-get-iam-policy-sandbox.json")
    let goal = ["explain", "canInvoke(shop-gw, orders-api)", snapshot.url.path] + Self.at
    let focused = try GwlogProcess.run(goal)
    #expect(focused.status == 0)
    #expect(focused.stdout.hasPrefix("yes: shop-gw can invoke orders-api\n"))
    #expect(!focused.stderr.contains("skipped"))
    // Read in full, the broken file may have held anything: unknown, never yes.
    let full = try GwlogProcess.run(goal + ["--read-all"])
    #expect(full.status == 5)
    #expect(full.stderr.contains("1 file skipped"))
  }

  @Test func aBrokenFileOnTheChainMakesTheAnswerUnknown() throws {
    let snapshot = try Self.exampleBreaking("projects-get-iam-policy-shop-backend.json")
    let run = try GwlogProcess.run(
      ["explain", "canInvoke(shop-gw, orders-api)", snapshot.url.path] + Self.at)
    #expect(run.status == 5)
    #expect(run.stderr.contains("projects-get-iam-policy-shop-backend.json"))
  }

  @Test func aGoalWithAVariableBackendReadsEveryFile() throws {
    let run = try GwlogProcess.run(
      ["query", "canInvoke(shop-gw, B)", Self.example, "--format", "json"] + Self.at)
    #expect(run.status == 0)
    #expect(run.json?["unopened"] == nil)
    let focused = try GwlogProcess.run(
      ["query", "canInvoke(G, orders-api)", Self.example, "--format", "json"] + Self.at)
    #expect(focused.json?["unopened"] as? Int ?? 0 > 0)
    #expect(
      try GwlogProcess.run(["query", "canInvoke(G, orders-api)", Self.example] + Self.at).stdout
        .contains("of other projects not opened (--read-all)"))
    #expect(
      try GwlogProcess.run(["explain", "canInvoke(shop-gw, orders-api)", Self.example] + Self.at)
        .stdout.contains("s on the backend's chain (conditions evaluated at "))
  }
}
