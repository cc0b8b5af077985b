import Foundation
import GwlogEngine

#if canImport(Glibc)
  import Glibc
#endif

/// Monotonic timing, peak memory, and the child-process protocol of one gwlog measurement.
///
/// Each measurement runs in a child process (the bench re-invoked with `--single NAME`), so
/// that the peak RSS it reports belongs to that workload alone and the wall time covers a
/// whole process, like the peers' figures.
enum Measure {
  /// Seconds since an arbitrary fixed point, from the monotonic clock.
  static func now() -> Double {
    var spec = timespec()
    clock_gettime(CLOCK_MONOTONIC, &spec)
    return Double(spec.tv_sec) + Double(spec.tv_nsec) * 1e-9
  }

  /// This process's peak resident set size in MiB (`ru_maxrss` is in KiB on Linux).
  static func peakResidentMegabytes() -> Double {
    var usage = rusage()
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
    return Double(usage.ru_maxrss) / 1024
  }

  /// The median of `values` (mean of the middle two for an even count; 0 when empty).
  static func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    guard !sorted.isEmpty else { return 0 }
    let mid = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
  }
}

/// What one `--single` child reports, as one JSON line on its standard output.
struct SingleRun: Codable, Sendable {
  /// The workload's name.
  var workload: String
  /// Reading, parsing and checking the sources plus loading facts into the database.
  var loadSeconds: Double = 0
  /// Evaluation to the fixpoint (the engine's own figure).
  var evaluationSeconds: Double = 0
  /// From the start of the child's work to the end of evaluation, inside the process.
  var inProcessSeconds: Double = 0
  /// Tuples derived by rules.
  var derivedTuples: Int = 0
  /// Tuples in all relations after evaluation.
  var totalTuples: Int = 0
  /// The `counts` relation: relation name → tuple count.
  var counts: [String: Int] = [:]
  /// `run_peers.py`'s digest of the sorted `can_invoke` pairs (IAM only).
  var canInvokeDigest: String?
  /// Whether provenance was recorded (`--proofs on`).
  var recordsProvenance = true
  /// Time to rebuild the proof of the tallest tuple of the workload's main relation, in ms.
  var proofMilliseconds: Double?
  /// Nodes and height of that proof.
  var proofNodes: Int?
  var proofHeight: Int?
  /// The goals of the goal-directed measurement (IAM only).
  var goals: GoalSample?
  /// Peak RSS of the child in MiB, from getrusage.
  var peakMegabytes: Double = 0
  /// The first errors, when loading or evaluation failed.
  var error: String?
  /// Wall time of the whole child process, filled in by the parent.
  var processWallSeconds: Double = 0
}

extension SingleRun {
  /// Loads and evaluates `workload` in this process and prints one JSON line.
  ///
  /// This is the body of `--single`; it returns the exit code.
  static func runHere(
    _ workload: Workload, shared: String, dataRoot: String, threads: Int,
    recordsProvenance: Bool = true
  ) -> Int32 {
    let start = Measure.now()
    var run = SingleRun(workload: workload.name)
    let workspace = Workspace()
    workspace.load(path: workload.programPath(shared: shared))
    workspace.factsDirectory = workload.dataDirectory(dataRoot: dataRoot)
    workspace.check()
    let checkedSeconds = Measure.now() - start
    var options = EvaluationOptions()
    options.threads = threads
    options.recordsProvenance = recordsProvenance
    run.recordsProvenance = recordsProvenance
    do {
      try workspace.evaluate(options: options)
    } catch let failure as DiagnosticError {
      run.error = failure.diagnostics.prefix(3).map(\.message).joined(separator: "; ")
    } catch {
      run.error = "\(error)"
    }
    run.inProcessSeconds = Measure.now() - start
    if let stats = workspace.statistics {
      run.loadSeconds = checkedSeconds + stats.loadSeconds
      run.evaluationSeconds = stats.evaluationSeconds
      run.derivedTuples = stats.derivedTuples
      run.totalTuples = stats.totalTuples
    }
    if run.error == nil {
      for row in workspace.tuples(of: "counts") where row.count == 2 {
        if case .symbol(let name) = row[0], case .integer(let n) = row[1] {
          run.counts[name] = Int(n)
        }
      }
      if workload.program == "iam" {
        run.canInvokeDigest = SHA1.resultDigest(workspace.tuples(of: "can_invoke"))
        run.goals = GoalSample.pick(from: workspace)
      }
      let main = ["iam": "can_invoke", "tc": "path", "sg": "sg"][workload.program] ?? ""
      if recordsProvenance, let tuple = workspace.tallestTuple(of: main) {
        let t0 = Measure.now()
        let proof = workspace.proof(of: main, tuple)
        run.proofMilliseconds = (Measure.now() - t0) * 1000
        run.proofNodes = proof?.nodes.count
        run.proofHeight = proof?.root?.height
      }
    }
    run.peakMegabytes = Measure.peakResidentMegabytes()
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    guard let data = try? encoder.encode(run) else { return 1 }
    print(String(decoding: data, as: UTF8.self))
    return run.error == nil ? 0 : 1
  }

  /// Runs `--single` for `workload` in a child process and times the whole process.
  ///
  /// The child is killed (by its own id) after `timeout` seconds; the result then carries
  /// an error. Polling every 2 ms bounds the wall-time error well below the figures shown.
  static func inChild(
    _ workload: Workload, executable: String, arguments: [String], timeout: Double
  ) -> SingleRun {
    var failed = SingleRun(workload: workload.name)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = ["--single", workload.name] + arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    let start = Measure.now()
    do {
      try process.run()
    } catch {
      failed.error = "cannot start `\(executable)`: \(error)"
      return failed
    }
    var timedOut = false
    while process.isRunning {
      if Measure.now() - start > timeout {
        timedOut = true
        kill(process.processIdentifier, SIGKILL)
        break
      }
      usleep(2000)
    }
    process.waitUntilExit()
    let wall = Measure.now() - start
    let output = pipe.fileHandleForReading.readDataToEndOfFile()
    failed.processWallSeconds = wall
    if timedOut {
      failed.error = String(format: "timeout after %.0f s", timeout)
      return failed
    }
    let line = String(decoding: output, as: UTF8.self).split(separator: "\n").last ?? ""
    guard var run = try? JSONDecoder().decode(SingleRun.self, from: Data(line.utf8)) else {
      failed.error = "child exited with \(Subprocess.exitStatus(process)) and no result"
      return failed
    }
    run.processWallSeconds = wall
    return run
  }

  /// The median of several runs, field by field; the first error wins.
  static func median(_ runs: [SingleRun]) -> SingleRun {
    guard var result = runs.first else { return SingleRun(workload: "") }
    if let failed = runs.first(where: { $0.error != nil }) { return failed }
    result.loadSeconds = Measure.median(runs.map(\.loadSeconds))
    result.evaluationSeconds = Measure.median(runs.map(\.evaluationSeconds))
    result.inProcessSeconds = Measure.median(runs.map(\.inProcessSeconds))
    result.processWallSeconds = Measure.median(runs.map(\.processWallSeconds))
    result.peakMegabytes = Measure.median(runs.map(\.peakMegabytes))
    return result
  }
}
