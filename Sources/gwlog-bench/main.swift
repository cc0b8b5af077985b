/// `gwlog-bench`: gwlog against peer Datalog engines on the shared benchmark workloads.
///
/// Run it with `Scripts/bench.sh` (a release build, then this tool with its arguments), e.g.
/// `Scripts/bench.sh --sizes small,medium --reps 3` or `Scripts/bench.sh --workloads
/// iam-large --peers none`. Workloads come from `../shared/bench/gen/*.py` (`--seed 1`,
/// exactly as `run_all.sh` makes them) and are generated once into `.build-bench-data/`. Each
/// gwlog measurement is a child process (this tool re-run with `--single NAME`) that loads and
/// evaluates `programs/<prog>.dl` in-process and reports load and evaluation seconds, tuple
/// counts, the `counts` relation and its own peak RSS; "total s" is that child's whole-process
/// wall time. Peers (`Scripts/install-peers.sh` installs nemo and clingo) run through
/// `run_peers.py`, timed as whole processes. Ratios are peer seconds / gwlog total seconds, so
/// above 1 means gwlog is faster. Soufflé columns (marked `*`) are the medians recorded in
/// `PEERS.md` on the project machine, not measured now. Counts are compared with `PEERS.md` and
/// every peer; any difference prints `MISMATCH`. Progress goes to stderr, the report to stdout.
import Foundation

/// Runs the benchmark (or, with `--single`, one measurement); returns the exit code.
func benchMain() -> Int32 {
  let options: Options
  do {
    options = try Options(Array(CommandLine.arguments.dropFirst()))
  } catch {
    FileHandle.standardError.write(Data("error: \(error)\n\n\(Options.usage)\n".utf8))
    return 2
  }
  if options.wantsHelp {
    print(Options.usage)
    return 0
  }
  if let single = options.single {
    return SingleRun.runHere(
      single, shared: options.shared, dataRoot: options.dataRoot, threads: options.threads,
      recordsProvenance: options.proofs != "off")
  }
  do {
    return try runBenchmark(options)
  } catch {
    FileHandle.standardError.write(Data("error: \(error)\n".utf8))
    return 1
  }
}

/// Generates missing data, measures every workload, prints the header, table and findings.
func runBenchmark(_ options: Options) throws -> Int32 {
  let executable =
    (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
    ?? CommandLine.arguments[0]
  let peerNames = options.peers ?? Peers.installed()
  let peers = Peers(engines: peerNames, shared: options.shared, work: options.dataRoot + "/_peers")
  let references = Reference.load(peersFile: options.shared + "/bench/PEERS.md")
  let date = ISO8601DateFormatter().string(from: Date())
  print("gwlog-bench \(date)")
  print("machine: \(Machine.summary())")
  print("gwlog: commit \(gitCommit()), \(options.threads) thread(s), median of \(options.reps)")
  print("peers: \(peerNames.isEmpty ? "none" : peerNames.joined(separator: ", "))")
  print("")

  var reports: [WorkloadReport] = []
  var provenanceRows: [(String, SingleRun, SingleRun)] = []
  for workload in options.workloads {
    progress("\(workload.name): data")
    try workload.ensureData(shared: options.shared, dataRoot: options.dataRoot)
    var runs: [SingleRun] = []
    for rep in 0..<options.reps {
      progress("\(workload.name): gwlog rep \(rep + 1)/\(options.reps)")
      let run = SingleRun.inChild(
        workload, executable: executable, arguments: options.childArguments,
        timeout: options.timeout)
      progress(
        "\(workload.name): gwlog \(String(format: "%.2f", run.processWallSeconds)) s"
          + (run.error.map { " FAILED: \($0)" } ?? ""))
      runs.append(run)
      if run.error != nil { break }
    }
    if options.proofs == "both" {
      var off: [SingleRun] = []
      for _ in 0..<options.reps {
        off.append(
          SingleRun.inChild(
            workload, executable: executable,
            arguments: options.childArguments + ["--proofs", "off"],
            timeout: options.timeout))
      }
      provenanceRows.append((workload.name, SingleRun.median(runs), SingleRun.median(off)))
    }
    let peerResults = try peers.run(
      workload, dataRoot: options.dataRoot, reps: options.reps, timeout: options.peerTimeout)
    reports.append(
      WorkloadReport(
        workload: workload, gwlog: SingleRun.median(runs), peers: peerResults,
        reference: references[workload.name]))
  }

  for line in Table.render(reports, peerNames: peerNames) { print(line) }
  print("")
  print("* Soufflé 2.5 medians from PEERS.md (its machine; not measured now). Ratios are")
  print("  peer s / gwlog total s: above 1 means gwlog is faster. gwlog total s is the wall")
  print("  time of the whole child process (start, load, evaluate, count); peers' is theirs.")
  if !provenanceRows.isEmpty {
    print("")
    print("provenance cost: evaluation seconds with recording on / off, and one proof rebuilt")
    print("workload        | eval on s | eval off s | ratio | proof ms | proof nodes | height")
    for (name, on, off) in provenanceRows {
      let ratio = off.evaluationSeconds > 0 ? on.evaluationSeconds / off.evaluationSeconds : 0
      print(
        name.padding(toLength: 16, withPad: " ", startingAt: 0) + "| "
          + String(
            format: "%9.2f | %10.2f | %5.2f | %8.2f | %11d | %6d", on.evaluationSeconds,
            off.evaluationSeconds, ratio, on.proofMilliseconds ?? 0, on.proofNodes ?? 0,
            on.proofHeight ?? 0))
    }
  }
  let mismatches = reports.flatMap(\.mismatches)
  let failures = reports.filter { $0.gwlog.error != nil }
  for report in failures {
    print("gwlog FAILED on \(report.workload.name): \(report.gwlog.error ?? "")")
  }
  if mismatches.isEmpty {
    print("counts: gwlog agrees with every reference and peer it was checked against")
  } else {
    print("")
    print("!!! MISMATCH: gwlog's results differ !!!")
    for line in mismatches { print("  MISMATCH \(line)") }
  }
  return mismatches.isEmpty && failures.isEmpty ? 0 : 1
}

/// The package's current commit (short), or `unknown`.
func gitCommit() -> String {
  let result = try? Subprocess.capture(
    "/usr/bin/env", ["git", "-C", Options.packageRoot, "rev-parse", "--short", "HEAD"])
  guard let result, result.0 == 0 else { return "unknown" }
  return result.1.trimmingCharacters(in: .whitespacesAndNewlines)
}

/// One progress line on stderr.
func progress(_ text: String) {
  FileHandle.standardError.write(Data("[bench] \(text)\n".utf8))
}

exit(benchMain())
