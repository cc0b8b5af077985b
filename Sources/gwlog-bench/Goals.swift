import Foundation
import GwlogEngine

/// The goals of the goal-directed measurement on an IAM workload, chosen deterministically
/// from the full evaluation in the `--single` child.
///
/// `holding` is the first `can_invoke` pair in code-point order. `failing` is the first
/// `backend` pair (in the same order) that is not in `can_invoke`: a gateway that routes to a
/// backend it may not call, the question a user would ask. `answers` counts the `can_invoke`
/// pairs whose service is `holding`'s, the rows `gwlog query 'can_invoke(G, "SVC")'` must
/// print.
struct GoalSample: Codable, Sendable {
  /// The holding pair: gateway, service.
  var holding: [String]
  /// The non-holding pair: gateway, service.
  var failing: [String]
  /// Gateways that may invoke `holding`'s service.
  var answers: Int

  /// Picks the goals from an evaluated IAM workspace; nil when `can_invoke` is empty.
  static func pick(from workspace: Workspace) -> GoalSample? {
    let invokes = sortedPairs(workspace.tuples(of: "can_invoke"))
    guard let holding = invokes.first else { return nil }
    let held = Set(invokes)
    let backends = sortedPairs(workspace.tuples(of: "backend"))
    // Without such a backend, a gateway paired with a service it has no route to.
    let failing =
      backends.first { !held.contains($0) }
      ?? [holding[0], backends.last { $0[1] != holding[1] }?[1] ?? holding[0]]
    return GoalSample(
      holding: holding, failing: failing, answers: invokes.filter { $0[1] == holding[1] }.count)
  }

  /// The holding goal as gwlog source: `can_invoke("GW", "SVC")`.
  var holdingGoal: String { Self.goal(holding[0], holding[1]) }
  /// The non-holding goal as gwlog source.
  var failingGoal: String { Self.goal(failing[0], failing[1]) }
  /// The query for the gateways that may invoke `holding`'s service.
  var query: String { "can_invoke(G, \(Self.quoted(holding[1])))" }

  private static func goal(_ gateway: String, _ service: String) -> String {
    "can_invoke(\(quoted(gateway)), \(quoted(service)))"
  }

  private static func quoted(_ text: String) -> String {
    "\""
      + text.replacingOccurrences(of: "\\", with: "\\\\")
      .replacingOccurrences(of: "\"", with: "\\\"") + "\""
  }

  private static func sortedPairs(_ rows: [[Value]]) -> [[String]] {
    rows.filter { $0.count == 2 }.map { row in
      row.map { value -> String in
        switch value {
        case .symbol(let s): return s
        case .integer(let n): return String(n)
        }
      }
    }.sorted { a, b in
      for (x, y) in zip(a, b) where x != y { return x.utf8.lexicographicallyPrecedes(y.utf8) }
      return a.count < b.count
    }
  }
}

/// One `gwlog` CLI process: its wall time, peak RSS, and what it printed.
struct CLIRun: Sendable {
  /// Wall time of the whole process, seconds.
  var wallSeconds: Double = 0
  /// Peak RSS in MiB (`ru_maxrss` of the process).
  var peakMegabytes: Double = 0
  /// The figure of the `loaded in` line of `--stats`, if printed.
  var loadSeconds: Double?
  /// The figure of the `evaluated in` line of `--stats`, if printed.
  var evaluationSeconds: Double?
  /// Non-empty lines on standard output.
  var outputLines: [Substring] = []
  /// Why the run failed (exit status and the last line of stderr), if it did.
  var error: String?
}

/// The goal-directed figures of one IAM workload, all through the release `gwlog` binary.
struct GoalMeasurement: Sendable {
  /// The workload's name.
  var workload: String
  /// The goals measured.
  var sample: GoalSample
  /// `gwlog run PROGRAM -F DATA`: the full evaluation the others are compared with.
  var run: CLIRun
  /// `gwlog explain` of the holding pair.
  var explainHolding: CLIRun
  /// `gwlog explain` of the non-holding pair.
  var explainFailing: CLIRun
  /// `gwlog query 'can_invoke(G, "SVC")'` (`--format tsv`: one line per answer).
  var query: CLIRun

  /// Answers that contradict the full evaluation: explain must find a proof for the holding
  /// pair and none for the other, and the query must print every gateway of the service.
  var problems: [String] {
    var found: [String] = []
    let says = { (run: CLIRun) in run.outputLines.contains { $0.contains("does not hold") } }
    if explainHolding.error == nil, says(explainHolding) {
      found.append("\(workload): explain says \(sample.holdingGoal) does not hold")
    }
    if explainFailing.error == nil, !says(explainFailing) {
      found.append("\(workload): explain does not say \(sample.failingGoal) fails")
    }
    if query.error == nil, query.outputLines.count != sample.answers {
      found.append(
        "\(workload): query printed \(query.outputLines.count) answers, run has "
          + "\(sample.answers)")
    }
    return found
  }
}

/// Runs the `gwlog` CLI as a user would, each command its own measured process.
struct GoalRunner: Sendable {
  /// The `gwlog` binary.
  let gwlog: String
  /// `--threads` for every command (the same as the in-process runs).
  let threads: Int
  /// Where the commands' outputs are kept (`NAME-COMMAND.out`/`.err`), for inspection.
  let work: String
  /// Seconds after which a command is killed.
  let timeout: Double

  /// Measures the full run, both explains and the query on one workload.
  func measure(_ workload: Workload, sample: GoalSample, program: String, data: String)
    -> GoalMeasurement
  {
    let common = [program, "-F", data, "--no-model", "--threads", String(threads), "--stats"]
    let name = workload.name
    return GoalMeasurement(
      workload: name, sample: sample,
      run: command(["run"] + common, label: "\(name)-run"),
      explainHolding: command(
        ["explain", sample.holdingGoal] + common, label: "\(name)-explain-holding"),
      explainFailing: command(
        ["explain", sample.failingGoal] + common, label: "\(name)-explain-failing"),
      query: command(
        ["query", sample.query] + common + ["--format", "tsv"], label: "\(name)-query"))
  }

  /// Runs one command and reads its figures back.
  func command(_ arguments: [String], label: String) -> CLIRun {
    var result = CLIRun()
    let out = "\(work)/\(label).out"
    let err = "\(work)/\(label).err"
    do {
      try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
      let run = try Subprocess.timed(
        gwlog, arguments, stdout: out, stderr: err, timeout: timeout)
      result.wallSeconds = run.wallSeconds
      result.peakMegabytes = run.peakMegabytes
      if run.timedOut {
        result.error = String(format: "timeout after %.0f s", timeout)
      } else if !Subprocess.answered.contains(run.status) {
        result.error = "exit \(run.status): " + (lastLine(err) ?? "")
      }
    } catch {
      result.error = "cannot run `\(gwlog)`: \(error)"
      return result
    }
    result.outputLines = (read(out) ?? "").split(separator: "\n").filter { !$0.isEmpty }
    for line in (read(err) ?? "").split(separator: "\n") {
      if line.hasPrefix("loaded in ") {
        result.loadSeconds = Self.seconds(after: "loaded in ", in: line)
      } else if line.hasPrefix("evaluated in ") {
        result.evaluationSeconds = Self.seconds(after: "evaluated in ", in: line)
      }
    }
    return result
  }

  /// The number in `0.537s` right after `prefix`.
  static func seconds(after prefix: String, in line: Substring) -> Double? {
    let rest = line.dropFirst(prefix.count).prefix { $0.isNumber || $0 == "." }
    return Double(rest)
  }

  private func read(_ path: String) -> String? {
    FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
  }

  private func lastLine(_ path: String) -> String? {
    read(path)?.split(separator: "\n").last.map { $0.trimmingCharacters(in: .whitespaces) }
  }
}
