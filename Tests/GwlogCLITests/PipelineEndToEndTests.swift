import Foundation
import Testing

/// One `explain` reads every input file once and interns it once, however many evaluations
/// its answer needs (goal-directed, alias, the model's causes): `--stats` says so.
@Suite struct PipelineEndToEndTests {
  static let example = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("facts/example").path

  /// The `stats.inputs` object of a JSON run, or nil.
  static func inputs(_ arguments: [String]) throws -> [String: Any]? {
    let run = try GwlogProcess.run(arguments + ["--stats", "--format", "json"])
    return (run.json?["stats"] as? [String: Any])?["inputs"] as? [String: Any]
  }

  @Test func aBrokenPairsExplanationLoadsEveryInputOnce() throws {
    let arguments = [
      "explain", "canInvoke(shop-gw, payments-api)", Self.example, "--at",
      "2026-11-25T00:00:00Z", "--read-all",
    ]
    let inputs = try #require(try Self.inputs(arguments))
    #expect(inputs["loads"] as? Int == 1)
    // The answer needed more than one evaluation (alias, goal-directed, causes) ...
    #expect((inputs["evaluations"] as? Int ?? 0) >= 2)
    let files = try #require(inputs["files"] as? [[String: Any]])
    let paths = files.compactMap { $0["path"] as? String }
    // ... and every file appears once, the role catalog and the example's JSON among them.
    #expect(Set(paths).count == paths.count)
    let catalog = files.filter { ($0["path"] as? String)?.hasSuffix("facts/gcp/roles.tsv") == true }
    #expect(catalog.count == 1)
    #expect((catalog.first?["facts"] as? Int ?? 0) > 100_000)
    let json = paths.filter { $0.hasSuffix(".json") }
    let onDisk = try FileManager.default.contentsOfDirectory(atPath: Self.example)
      .filter { $0.hasSuffix(".json") }
    let names = json.map { URL(fileURLWithPath: $0).lastPathComponent }
    #expect(Set(names).isSubset(of: Set(onDisk)))
    // Only the three API descriptions give the model no fact.
    #expect(names.count == onDisk.count - 3)
  }
}
