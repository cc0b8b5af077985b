import Foundation
import Testing

@testable import gwlog_bench

/// The benchmark's pure logic: targets, ratios, table rendering and `--stats` parsing.
@Suite struct ReportLogicTests {
  @Test func targetsPerProgram() {
    #expect(Targets.timeRatio(for: "tc") == 0.8)
    #expect(Targets.timeRatio(for: "sg") == 0.8)
    #expect(Targets.timeRatio(for: "iam") == 0.4)
    #expect(Targets.timeRatio(for: "tc", threads: 2) == 0.6)
    #expect(Targets.timeRatio(for: "iam", threads: 1) == 0.4)
  }

  @Test func verdictAtTheBoundaryIsMet() {
    #expect(Targets.verdict(0.8, limit: 0.8) == "met")
    #expect(Targets.verdict(0.81, limit: 0.8) == "missed")
    #expect(Targets.verdict(0.2, limit: 0.5) == "met")
    #expect(Targets.verdict(nil, limit: 0.5) == "n/a")
    #expect(Targets.verdict(.infinity, limit: 0.5) == "n/a")
  }

  @Test func ratioIsOursOverTheirs() {
    #expect(Targets.ratio(1.0, 4.0) == 0.25)
    #expect(Targets.ratio(nil, 4.0) == nil)
    #expect(Targets.ratio(1.0, 0) == nil)
    #expect(Targets.text(0.254) == "0.25x")
    #expect(Targets.text(nil) == "-")
    #expect(Targets.limitText(0.5) == "<= 0.5x")
  }

  @Test func alignedTableLeftAlignsTheFirstColumnOnly() {
    let table = TextTable(header: ["workload", "s"], rows: [["a", "1.50"], ["long-name", "2"]])
    #expect(
      table.lines(markdown: false) == [
        "workload  |    s",
        "----------+-----",
        "a         | 1.50",
        "long-name |    2",
      ])
  }

  @Test func markdownTableEscapesBars() {
    let table = TextTable(header: ["a", "b"], rows: [["x|y", "1"]])
    #expect(table.lines(markdown: true) == ["| a | b |", "|---|---|", "| x\\|y | 1 |"])
  }

  @Test func statsLinesParse() {
    #expect(GoalRunner.seconds(after: "evaluated in ", in: "evaluated in 30.435s") == 30.435)
    #expect(
      GoalRunner.seconds(after: "loaded in ", in: "loaded in 0.537s; 99417265 tuples") == 0.537)
    #expect(GoalRunner.seconds(after: "evaluated in ", in: "evaluated in ?s") == nil)
  }

  @Test func peersTableRowsParse() throws {
    let file = FileManager.default.temporaryDirectory
      .appendingPathComponent("peers-\(ProcessInfo.processInfo.processIdentifier).md")
    try """
    | workload | engine | runs | median wall s (min-max) | median max RSS MB | extra | result counts |
    |---|---|---|---|---|---|---|
    | sg-small | souffle-compiled | 3 | 0.17 (0.17-0.24) | 24 | compile 11.73 s | sg=1245094 |
    | sg-small | swipl | 3 | error after 19.53 s | 3307.0 | | |
    """.write(to: file, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(at: file) }
    let table = Reference.load(peersFile: file.path)
    let sg = try #require(table["sg-small"])
    #expect(sg.wallSeconds == ["souffle-compiled": 0.17])
    #expect(sg.peakMegabytes == ["souffle-compiled": 24])
    #expect(sg.counts == ["sg": 1_245_094])
  }
}
