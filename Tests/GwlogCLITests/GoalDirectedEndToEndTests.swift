import Foundation
import Testing

/// `query` and `explain` with constants run goal-directed by default; on the shipped example
/// organisation (the Google Cloud model, with its negations) every routed pair's explanation
/// and proofs must be exactly those of `--full`.
@Suite struct GoalDirectedEndToEndTests {
  static let example = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("facts/example").path
  static let at = ["--at", "2026-11-25T00:00:00Z", "--no-color"]

  /// Output without the line that reports the evaluation time.
  static func withoutTiming(_ text: String) -> String {
    text.split(separator: "\n", omittingEmptySubsequences: false)
      .filter { !$0.hasPrefix("evaluated in") }.joined(separator: "\n")
  }

  @Test func everyRoutedPairIsExplainedAsByAFullEvaluation() throws {
    let routed = try GwlogProcess.run(
      ["query", "routed(G, B)", Self.example, "--format", "tsv"] + Self.at)
    #expect(routed.status == 0)
    let pairs = routed.stdout.split(separator: "\n").map { $0.split(separator: "\t") }
      .filter { $0.count == 2 }
    #expect(pairs.count == 10)
    var holding = 0
    for pair in pairs {
      let goal = "canInvoke(\"\(pair[0])\", \"\(pair[1])\")"
      let directed = try GwlogProcess.run(["explain", goal, Self.example, "--proof"] + Self.at)
      let full = try GwlogProcess.run(
        ["explain", goal, Self.example, "--proof", "--full"] + Self.at)
      #expect(directed.status == (directed.stdout.hasPrefix("yes:") ? 0 : 4))
      #expect(Self.withoutTiming(directed.stdout) == Self.withoutTiming(full.stdout), "\(goal)")
      if directed.stdout.hasPrefix("yes: ") { holding += 1 }
    }
    #expect(holding == 3)
  }

  @Test func queryWithProofsAndStatistics() throws {
    let goal = "canInvoke(G, orders-api)"
    let directed = try GwlogProcess.run(["query", goal, Self.example, "--explain"] + Self.at)
    let full = try GwlogProcess.run(["query", goal, Self.example, "--explain", "--full"] + Self.at)
    #expect(directed.stdout.contains("shop-gw"))
    #expect(Self.withoutTiming(directed.stdout) == Self.withoutTiming(full.stdout))

    let stats = try GwlogProcess.run(["query", goal, Self.example, "--stats"] + Self.at)
    let line = stats.stdout + stats.stderr
    #expect(line.contains("goal-directed: magic-set rewrite for canInvoke(G, "))

    let json = try GwlogProcess.run(
      ["explain", "canInvoke(shop-gw, orders-api)", Self.example, "--stats", "--format", "json"]
        + Self.at)
    let statistics = json.json?["stats"] as? [String: Any]
    #expect((statistics?["goalDirected"] as? String)?.hasPrefix("goal-directed: magic-set") == true)
    let fullJSON = try GwlogProcess.run(
      [
        "explain", "canInvoke(shop-gw, orders-api)", Self.example, "--full", "--stats",
        "--format", "json",
      ] + Self.at)
    let fullStatistics = fullJSON.json?["stats"] as? [String: Any]
    #expect(fullStatistics?["goalDirected"] is NSNull)
  }
}
