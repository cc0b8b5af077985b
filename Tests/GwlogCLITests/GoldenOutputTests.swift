import Foundation
import XCTest

/// Pins what every `query`, `explain`, `run`, `check` and `import` of the example
/// organisation prints (stdout, stderr, exit status), byte for byte except evaluation times,
/// so that refactoring under the command line cannot change what a user sees unnoticed.
///
/// The command lines are in `Golden/commands.txt`; `GWLOG_UPDATE_GOLDEN=1` rewrites the
/// expected files instead of comparing (review that diff before committing it).
final class GoldenOutputTests: XCTestCase {
  /// The repository root (three levels above this file).
  private static let root = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
  private static let golden = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().appendingPathComponent("Golden")

  /// The commands that read `--at` (the others refuse it).
  static let readingTime: Set<String> = ["query", "explain", "audit", "diff", "run"]

  /// The command lines, numbered from 1 in file order (comments and blank lines skipped),
  /// with `--at` for the commands that read it.
  static func commands() throws -> [[String]] {
    let text = try String(
      contentsOf: golden.appendingPathComponent("commands.txt"), encoding: .utf8)
    return text.split(separator: "\n").map(String.init)
      .filter { !$0.hasPrefix("#") && !$0.trimmingCharacters(in: .whitespaces).isEmpty }
      .map { line in
        let words = line.split(separator: " ").map(String.init)
        let reads = words.first.map(readingTime.contains) ?? false
        return words + (reads ? ["--at", "2026-11-25T00:00:00Z"] : [])
      }
  }

  /// What a run printed, in the golden file's layout, with wall times replaced by `T`.
  static func record(_ execution: Execution) -> String {
    let text =
      "status \(execution.status)\n--- stdout\n\(execution.stdout)\n--- stderr\n"
      + "\(execution.stderr)\n"
    return text.replacingOccurrences(
      of: #"evaluated in [0-9.]+ ?m?s"#, with: "evaluated in T", options: .regularExpression)
  }

  func testEveryCommandPrintsWhatItDidBefore() throws {
    let update = ProcessInfo.processInfo.environment["GWLOG_UPDATE_GOLDEN"] == "1"
    let commands = try Self.commands()
    XCTAssertGreaterThan(commands.count, 40)
    var mismatches: [String] = []
    for (index, arguments) in commands.enumerated() {
      let name = String(format: "%03d.out", index + 1)
      let file = Self.golden.appendingPathComponent(name)
      let actual = Self.record(try GwlogProcess.run(arguments, in: Self.root))
      if update {
        try Data(actual.utf8).write(to: file)
        continue
      }
      let expected = (try? String(contentsOf: file, encoding: .utf8)) ?? "(missing \(name))"
      if actual != expected {
        mismatches.append("\(name): gwlog \(arguments.joined(separator: " "))")
        XCTAssertEqual(actual, expected, "output of \(name) changed")
      }
    }
    XCTAssert(mismatches.isEmpty, "changed outputs:\n" + mismatches.joined(separator: "\n"))
  }
}
