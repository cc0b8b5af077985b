/// `gwlog-bench`: gwlog against peer Datalog engines on the shared benchmark workloads.
///
/// Run it with `Scripts/bench.sh` (a release build, then this tool with its arguments), e.g.
/// `Scripts/bench.sh` (every workload and installed peer), `Scripts/bench.sh --sizes
/// small,medium --reps 3` or `Scripts/bench.sh --workloads iam-large --peers none`. Workloads
/// come from `../shared/bench/gen/*.py` (`--seed 1`, exactly as `run_all.sh` makes them) and
/// are generated once into `.build-bench-data/`. Each gwlog measurement is a child process
/// (this tool re-run with `--single NAME`) that loads and evaluates `programs/<prog>.dl`
/// in-process and reports load and evaluation seconds, tuple counts, the `counts` relation
/// and its own peak RSS; "wall s" is that child's whole-process wall time.
///
/// With Soufflé installed (`$SOUFFLE`, else `souffle` on `PATH`), every workload is also run
/// side by side (`SideBySide`): `gwlog run`, the program compiled by `souffle -o` and the
/// interpreter, one thread and two, in turn, each a whole process; the table shows medians,
/// ratios gwlog / Soufflé and the issue's targets. Without Soufflé the report says so and
/// compares with the other peers only. Other peers (`Scripts/install-peers.sh` installs nemo,
/// clingo and, with `--swipl`, SWI-Prolog) run through `run_peers.py`. Ratios are gwlog /
/// peer, so below 1 means gwlog is faster. On the IAM workloads the release `gwlog` CLI also
/// runs the full program, `explain` of a holding and a failing `can_invoke` pair, and a
/// `query`, each as its own process. Counts are compared with `PEERS.md` (counts only) and
/// every engine run; any difference prints `MISMATCH`. Progress goes to stderr, the report to
/// stdout.
///
/// The model workloads (`--model 1k,10k,100k`, `--model-org DIR`, `ModelBench`) run the
/// release `gwlog` CLI with the Google Cloud model on organisations from
/// `Scripts/gen-gcp-org.py` and judge them against issue 15's targets (docs/benchmarks.md).
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
  if options.checksImportScaling {
    let executable =
      (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
      ?? CommandLine.arguments[0]
    let gwlog =
      options.gwlogBinary
      ?? URL(fileURLWithPath: executable).deletingLastPathComponent()
      .appendingPathComponent("gwlog").path
    do {
      return try ImportScaling.run(gwlog: gwlog, directory: options.dataRoot + "/_import-scaling")
    } catch {
      FileHandle.standardError.write(Data("error: \(error)\n".utf8))
      return 1
    }
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

/// Generates missing data, measures every workload, prints the header, tables and findings.
func runBenchmark(_ options: Options) throws -> Int32 {
  let executable =
    (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
    ?? CommandLine.arguments[0]
  let peerNames = options.peers ?? Peers.installed()
  let peers = Peers(engines: peerNames, shared: options.shared, work: options.dataRoot + "/_peers")
  let references = Reference.load(peersFile: options.shared + "/bench/PEERS.md")
  let gwlog =
    options.gwlogBinary
    ?? URL(fileURLWithPath: executable).deletingLastPathComponent().appendingPathComponent("gwlog")
    .path
  let goalRunner = GoalRunner(
    gwlog: gwlog, threads: options.threads, work: options.dataRoot + "/_goals",
    timeout: options.timeout)
  let souffle =
    options.runsSouffle
    ? Souffle.find().map { Souffle(executable: $0, work: options.dataRoot + "/_souffle") } : nil
  let sideBySide = souffle.map { souffle in
    SideBySide(
      gwlog: gwlog, souffle: souffle,
      contenders: [.gwlog, .souffleCompiled]
        + (options.runsSouffleInterpreter ? [.souffleInterpreted] : []),
      threads: options.souffleThreads, timeout: options.timeout)
  }
  let date = ISO8601DateFormatter().string(from: Date())
  print("gwlog-bench \(date)")
  print("machine: \(Machine.summary())")
  print("load at start: \(Machine.uptime())")
  print(
    "gwlog: commit \(gitCommit()), \(options.threads) thread(s), median of \(options.reps)"
      + (options.largeReps.map { " (large: \($0))" } ?? "")
      + ", provenance \(options.proofs)")
  print(
    "peers: \(peerNames.isEmpty ? "none" : peerNames.joined(separator: ", ")), timeout "
      + "\(Int(options.peerTimeout)) s" + (options.peersOn100k ? "" : ", not on iam-100k"))
  if let souffle {
    print(
      "souffle: \(souffle.executable) (\(souffle.version())), side by side at "
        + options.souffleThreads.map { "-j\($0)" }.joined(separator: ", "))
  } else {
    print(
      options.runsSouffle
        ? "souffle: not found (set $SOUFFLE or put `souffle` on PATH); no side-by-side "
          + "table, the other peers only" : "souffle: not run (--souffle off)")
  }
  print("")

  var reports: [WorkloadReport] = []
  var goals: [GoalMeasurement] = []
  var provenanceRows: [(String, SingleRun, SingleRun)] = []
  var sideResults: [SideBySide.Result] = []
  var perfRows: [(workload: String, engine: String, figures: PerfStat.Figures)] = []
  let classic = !options.runsModel || options.explicitWorkloads
  for workload in options.workloads where classic {
    let reps = options.repetitions(for: workload)
    progress("\(workload.name): data")
    try workload.ensureData(shared: options.shared, dataRoot: options.dataRoot)
    var runs: [SingleRun] = []
    for rep in 0..<reps {
      progress("\(workload.name): gwlog rep \(rep + 1)/\(reps)")
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
      for _ in 0..<reps {
        off.append(
          SingleRun.inChild(
            workload, executable: executable,
            arguments: options.childArguments + ["--proofs", "off"],
            timeout: options.timeout))
      }
      provenanceRows.append((workload.name, SingleRun.median(runs), SingleRun.median(off)))
    }
    let gwlogRun = SingleRun.median(runs)
    if options.measuresGoals, workload.hasGoals, let sample = gwlogRun.goals {
      progress("\(workload.name): gwlog CLI run, explain and query")
      goals.append(
        goalRunner.measure(
          workload, sample: sample, program: workload.programPath(shared: options.shared),
          data: workload.dataDirectory(dataRoot: options.dataRoot)))
    }
    let peerResults =
      workload.runsPeersByDefault || options.peersOn100k
      ? try peers.run(
        workload, dataRoot: options.dataRoot, reps: reps, timeout: options.peerTimeout) : []
    reports.append(
      WorkloadReport(
        workload: workload, gwlog: gwlogRun, peers: peerResults,
        reference: references[workload.name]))
    if let sideBySide, workload.runsPeersByDefault || options.peersOn100k {
      sideResults += try sideBySide.measure(
        workload, shared: options.shared, dataRoot: options.dataRoot, reps: reps)
      if options.perfWorkloads.contains(workload.name) {
        perfRows += try measurePerf(workload, sideBySide, options)
      }
    }
  }
  var status: Int32 = 0
  if classic {
    print("load at end: \(Machine.uptime())")
    print("")
    printSideBySide(
      sideResults, perf: perfRows, found: souffle != nil, markdown: options.markdown)
    printTables(reports, goals: goals, peerNames: peerNames, markdown: options.markdown)
    if !provenanceRows.isEmpty { printProvenance(provenanceRows) }
    status = printFindings(reports, goals: goals, sideBySide: sideResults)
  }
  if options.runsModel {
    let model = try ModelBench(gwlog: gwlog, options: options).run()
    print("load at end: \(Machine.uptime())")
    status = max(status, model)
  }
  return status
}

/// Runs gwlog and Soufflé compiled (one thread each) once more under `perf stat`.
func measurePerf(_ workload: Workload, _ sideBySide: SideBySide, _ options: Options) throws
  -> [(workload: String, engine: String, figures: PerfStat.Figures)]
{
  guard let perf = PerfStat.find() else {
    progress("\(workload.name): perf not on PATH; no counters")
    return []
  }
  let source = workload.programPath(shared: options.shared)
  let data = workload.dataDirectory(dataRoot: options.dataRoot)
  let compiled = try sideBySide.souffle.compile(
    source, name: workload.program, timeout: options.timeout * 4)
  var rows: [(workload: String, engine: String, figures: PerfStat.Figures)] = []
  for contender in [SideBySide.Contender.gwlog, .souffleCompiled] {
    let out = "\(sideBySide.souffle.work)/perf/\(workload.name)-\(contender.rawValue)"
    try? FileManager.default.removeItem(atPath: out)
    try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
    let (executable, arguments) = sideBySide.command(
      contender, compiled: compiled, source: source, data: data, threads: 1, out: out)
    progress("\(workload.name): perf stat \(contender.rawValue)")
    let figures = try perf.measure(
      executable, arguments, work: out + "-perf", name: "run", timeout: options.timeout)
    rows.append((workload.name, contender.rawValue, figures))
  }
  return rows
}

/// The side-by-side table (or why there is none), the compile times and the counters.
func printSideBySide(
  _ results: [SideBySide.Result],
  perf: [(workload: String, engine: String, figures: PerfStat.Figures)], found: Bool,
  markdown: Bool
) {
  guard found else {
    print("gwlog beside Soufflé: Soufflé is not installed here, so there is no side-by-side")
    print("table; the other peers are compared below")
    print("")
    return
  }
  guard !results.isEmpty else { return }
  print("gwlog beside Soufflé, measured now, in turn (medians; gw/c below 1: gwlog is faster)")
  print("")
  for line in Tables.sideBySide(results).lines(markdown: markdown) { print(line) }
  print("")
  print("gw: `gwlog run PROG -F DATA -D OUT --threads j` (provenance recorded); souffle-c: the")
  print("program compiled by `souffle -o`, run with -jj; souffle-i: `souffle -jj`. Each a whole")
  print("process (load, evaluate, write outputs); MB is its peak RSS. Compile time is shown")
  print("apart and never counted. Targets: gw/c time <= 0.8x on tc and sg, <= 0.4x on iam at")
  print("one thread, <= 0.6x at two; gw/c mem <= 1.0x.")
  if !perf.isEmpty {
    print("")
    print("perf stat, one thread, one run each (n/s: the event is not supported on this machine)")
    print("")
    for line in Tables.perf(perf).lines(markdown: markdown) { print(line) }
  }
  print("")
}

/// Prints the tables and what their columns mean.
func printTables(
  _ reports: [WorkloadReport], goals: [GoalMeasurement], peerNames: [String], markdown: Bool
) {
  print("gwlog in-process (the measuring child), counts checked against PEERS.md and the peers")
  print("")
  for line in Tables.gwlog(reports).lines(markdown: markdown) { print(line) }
  print("")
  print("gw wall s: the whole measuring process (start, read facts, evaluate, count, rebuild")
  print("one proof).")
  let measured = reports.filter { !$0.peers.isEmpty }
  if !peerNames.isEmpty, !measured.isEmpty {
    print("")
    print("gwlog against the peers, measured now (gw/peer below 1: gwlog is faster)")
    print("")
    for line in Tables.peers(measured, peerNames: peerNames).lines(markdown: markdown) {
      print(line)
    }
  }
  if !goals.isEmpty {
    print("")
    print("goal-directed, through the gwlog CLI (/run: wall time over `gwlog run`'s)")
    print("")
    for line in Tables.goals(goals).lines(markdown: markdown) { print(line) }
    print("")
    for m in goals {
      print("\(m.workload): holds \(m.sample.holdingGoal)")
      print("\(m.workload): fails \(m.sample.failingGoal)")
    }
  }
  for report in reports where report.workload.size == "100k" {
    print("")
    printLargeOrg(report, goals: goals.first { $0.workload == report.workload.name })
  }
}

/// The iam-100k summary: facts read, load and evaluation split, query and explain times.
func printLargeOrg(_ report: WorkloadReport, goals: GoalMeasurement?) {
  let run = report.gwlog
  let name = report.workload.name
  guard run.error == nil else {
    print("\(name): FAILED: \(run.error ?? "")")
    return
  }
  let counts = run.counts.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
  print("\(name) (Scripts/gen-iam-org.py --size 100k --seed 1):")
  print(
    "  facts read \(run.totalTuples - run.derivedTuples), derived \(run.derivedTuples): "
      + counts.joined(separator: ", "))
  print(
    "  in-process: load " + String(format: "%.2f", run.loadSeconds) + " s, evaluate "
      + String(format: "%.2f", run.evaluationSeconds) + " s, wall "
      + String(format: "%.2f", run.processWallSeconds) + " s, peak "
      + String(format: "%.0f", run.peakMegabytes) + " MB")
  guard let goals else { return }
  let cli = { (label: String, r: CLIRun) in
    print(
      "  CLI \(label): "
        + (r.error.map { "FAILED: \($0)" } ?? String(format: "%.2f s", r.wallSeconds))
        + (r.loadSeconds.map { String(format: ", load %.2f s", $0) } ?? "")
        + (r.evaluationSeconds.map { String(format: ", evaluate %.2f s", $0) } ?? "")
        + String(format: ", peak %.0f MB", r.peakMegabytes))
  }
  cli("run", goals.run)
  cli("query", goals.query)
  cli("explain (holds)", goals.explainHolding)
  cli("explain (fails)", goals.explainFailing)
}

/// The provenance cost table of `--proofs both`.
func printProvenance(_ rows: [(String, SingleRun, SingleRun)]) {
  print("")
  print("provenance cost: evaluation seconds with recording on / off, and one proof rebuilt")
  print("workload        | eval on s | eval off s | ratio | proof ms | proof nodes | height")
  for (name, on, off) in rows {
    let ratio = off.evaluationSeconds > 0 ? on.evaluationSeconds / off.evaluationSeconds : 0
    print(
      name.padding(toLength: 16, withPad: " ", startingAt: 0) + "| "
        + String(
          format: "%9.2f | %10.2f | %5.2f | %8.2f | %11d | %6d", on.evaluationSeconds,
          off.evaluationSeconds, ratio, on.proofMilliseconds ?? 0, on.proofNodes ?? 0,
          on.proofHeight ?? 0))
  }
}

/// Prints failures and disagreements; returns the exit code (1 when there are any).
func printFindings(
  _ reports: [WorkloadReport], goals: [GoalMeasurement], sideBySide: [SideBySide.Result]
) -> Int32 {
  print("")
  let mismatches =
    reports.flatMap(\.mismatches) + goals.flatMap(\.problems) + sideBySide.flatMap(\.mismatches)
  let failures = reports.filter { $0.gwlog.error != nil }
  for report in failures {
    print("gwlog FAILED on \(report.workload.name): \(report.gwlog.error ?? "")")
  }
  for m in goals {
    for (label, run) in [
      ("run", m.run), ("explain", m.explainHolding), ("explain", m.explainFailing),
      ("query", m.query),
    ] {
      if let error = run.error { print("gwlog \(label) FAILED on \(m.workload): \(error)") }
    }
  }
  if mismatches.isEmpty {
    print("counts: gwlog agrees with every reference and peer it was checked against")
  } else {
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
