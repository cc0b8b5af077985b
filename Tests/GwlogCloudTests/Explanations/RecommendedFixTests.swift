import Foundation
import GwlogEngine
import Testing

@testable import GwlogCloud

/// For every broken pair of the example organisation (facts/example/README.md), `explain`'s
/// report fits one screen (25 lines of 100 columns with the final evaluation line), and its
/// recommended fix, run as printed against a copy of the snapshot, makes the verdict yes.
///
/// Two loads in all: the example, and one copy with every pair's fix applied. The fixes edit
/// disjoint sets of files (checked), so no pair's verdict can owe its yes to another's fix.
@Suite struct RecommendedFixTests {
  static let example = ExampleOrgTests.example
  static let evaluationTime = ExampleOrgTests.evaluationTime

  /// Every broken pair, and whether a fix exists: an event-triggered function and a Google
  /// API address are no change of the snapshot away from working.
  static let broken: [(gateway: String, backend: String, fixable: Bool)] = [
    ("shop-gw", "payments-api", true),
    ("shop-gw", "inventory-api", true),
    ("shop-gw", "checkout-fn", true),
    ("partner-gw", "report-fn", true),
    ("admin-gw", "orders-api", true),
    ("partner-gw", "audit-fn", false),
    ("shop-gw", ExampleOrgTests.geocode, false),
  ]

  /// The lines `explain` adds after the report: a blank line and the evaluation time.
  static let trailingLines = 2

  static func goal(_ gateway: String, _ backend: String) -> String {
    "canInvoke(\(Value.symbol(gateway).description), \(Value.symbol(backend).description))"
  }

  /// The report of each broken pair, from one load and one evaluation of the example.
  static func reports() throws -> [PairReport] {
    let workspace = Workspace()
    let problems = ModelSession.load(
      paths: [example], into: workspace, evaluationTime: evaluationTime)
    #expect(problems.filter { $0.severity == .error }.isEmpty)
    try workspace.evaluate()
    return try broken.map { pair in
      let atom = try workspace.parseGoal(goal(pair.gateway, pair.backend))
      let explanation = try ModelSession.explain(atom, in: workspace, depth: 12)
      return try #require(PairReport.make(explanation, in: workspace))
    }
  }

  @Test func eachBrokenPairFitsOneScreenAndItsFixMakesItWork() throws {
    let reports = try Self.reports()
    var fixed: [PairReport] = []
    for (pair, report) in zip(Self.broken, reports) {
      #expect(report.verdict == "no", "\(pair)")
      let lines = report.text().split(separator: "\n", omittingEmptySubsequences: false).dropLast()
      #expect(lines.count + Self.trailingLines <= 25, "\(pair): \(lines.count) lines")
      for line in lines {
        #expect(line.count <= TextLayout.width, "\(pair): \(line.count) columns: \(line)")
      }
      #expect(lines.first == "no: \(pair.gateway) cannot invoke \(pair.backend)")
      guard pair.fixable else {
        #expect(
          report.recommended == nil, "\(pair) has a fix: \(report.recommended?.summary ?? "")")
        continue
      }
      let fix = try #require(report.recommended, "\(pair) has no fix")
      #expect(!fix.commands.isEmpty, "\(pair): \(fix.summary) has no command")
      fixed.append(report)
    }
    let verdicts = try Self.verdicts(afterRunningTheFixesOf: fixed)
    for report in fixed {
      #expect(verdicts[report.gateway + "|" + report.backend] == "yes", "\(report.headline)")
    }
    // The pairs without a fix stay broken.
    for report in reports where report.recommended == nil {
      #expect(verdicts[report.gateway + "|" + report.backend] == "no", "\(report.headline)")
    }
  }

  /// The verdict of every pair, keyed `gateway|backend`, after the recommended commands of
  /// `reports`, as printed (wrapped lines and all), ran against one copy of the example.
  static func verdicts(afterRunningTheFixesOf reports: [PairReport]) throws -> [String: String] {
    let scratch = FileManager.default.temporaryDirectory
      .appendingPathComponent("gwlog-fix-\(UUID().uuidString)")
    let snapshot = scratch.appendingPathComponent("snapshot")
    let work = scratch.appendingPathComponent("work")
    try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: scratch) }
    try FileManager.default.copyItem(at: URL(fileURLWithPath: example), to: snapshot)
    var simulator = GcloudSimulator(snapshot: snapshot, workingDirectory: work)
    var touched: Set<String> = []
    for report in reports {
      simulator.edited = []
      for command in report.recommendedCommands {
        try simulator.run(TextLayout.command(command).joined(separator: "\n"))
      }
      #expect(!simulator.edited.isEmpty, "\(report.headline): the fix edits no file")
      #expect(
        touched.isDisjoint(with: simulator.edited), "\(report.headline) edits files of another fix")
      touched.formUnion(simulator.edited)
    }
    let workspace = Workspace()
    let problems = ModelSession.load(
      paths: [snapshot.path], into: workspace, evaluationTime: evaluationTime)
    #expect(problems.filter { $0.severity == .error }.isEmpty, "\(problems.map(\.message))")
    try workspace.evaluate()
    var verdicts: [String: String] = [:]
    for row in try workspace.query("verdict(G, B, V)").rows {
      guard row.count == 3, case .symbol(let g) = row[0], case .symbol(let b) = row[1],
        case .symbol(let v) = row[2]
      else { continue }
      verdicts[g + "|" + b] = v
    }
    return verdicts
  }
}
