import Foundation

/// The measurements of one command on one organisation: every repetition's wall time, peak
/// memory and `--stats`, and the last run's output.
struct ModelRun: Sendable {
  /// The command.
  var command: ModelCommand
  /// Wall seconds of each run.
  var walls: [Double] = []
  /// Peak RSS of each run, MiB.
  var peaks: [Double] = []
  /// User plus system CPU seconds of each run.
  var cpus: [Double] = []
  /// `--stats` of each run.
  var stats: [CLIStatistics] = []
  /// Non-empty lines the last run printed on standard output.
  var outputLines: [Substring] = []
  /// Why a run failed (exit status, timeout, memory), if one did.
  var error: String?
  /// `--check` disagreements with the generator's intent.
  var checkProblems: [String] = []

  /// The median wall time.
  var wall: Double { Measure.median(walls) }
  /// The largest peak RSS.
  var peak: Double { peaks.max() ?? 0 }
  /// The median CPU seconds.
  var cpu: Double { Measure.median(cpus) }
  /// The seconds the targets are judged on: wall time, or CPU time with `--model-time cpu`.
  func judged(byCPU: Bool) -> Double { byCPU ? cpu : wall }
  /// The median over the runs of what the phases leave: process start and output.
  var otherSeconds: Double? {
    let values = zip(walls, stats).compactMap { wall, s -> Double? in
      guard let read = s.readSeconds, let eval = s.evaluationSeconds else { return nil }
      return wall - read - eval - (s.answerSeconds ?? 0)
    }
    return values.isEmpty ? nil : Measure.median(values)
  }

  /// The median of one `--stats` figure over the runs that printed it.
  func median(_ figure: (CLIStatistics) -> Double?) -> Double? {
    let values = stats.compactMap(figure)
    return values.isEmpty ? nil : Measure.median(values)
  }
}

/// The model workloads (`--model`, `--model-org`): the release `gwlog` CLI with the Google
/// Cloud model on generated organisations (docs/benchmarks.md), each command its own
/// measured process, judged against issue 15's targets.
struct ModelBench: Sendable {
  /// The `gwlog` binary.
  let gwlog: String
  /// The benchmark's options.
  let options: Options

  /// Runs every model workload and prints its report; returns the exit code (1 when a
  /// command failed or, with `--check`, an answer disagrees with the generator's intent).
  func run() throws -> Int32 {
    var orgs: [ModelOrg] = []
    for size in options.modelSizes {
      progress("model \(size): data")
      orgs.append(try ModelOrg.ensure(size: size, dataRoot: options.modelDataRoot))
    }
    for directory in options.modelOrgs { orgs.append(try ModelOrg.load(directory: directory)) }
    let work = options.dataRoot + "/_model"
    try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
    let baseline = modelBaseline(work: work, at: orgs.first?.meta.evaluationTime)
    var results: [(ModelOrg, [ModelRun])] = []
    for org in orgs {
      var runs: [ModelRun] = []
      for command in ModelCommand.all(
        for: org, full: options.modelFull, threads: options.threads)
      {
        runs.append(measure(command, org: org, work: work))
      }
      results.append((org, runs))
    }
    return report(results, baseline: baseline)
  }

  /// Runs `command` up to `--model-reps` times (once when the first run takes longer than
  /// `--model-long` seconds or fails).
  func measure(_ command: ModelCommand, org: ModelOrg, work: String) -> ModelRun {
    var run = ModelRun(command: command)
    let slug = "\(org.label)-\(command.label)".replacingOccurrences(of: " ", with: "-")
    for rep in 0..<options.modelReps {
      progress("model \(org.label): \(command.label) \(rep + 1)/\(options.modelReps)")
      let out = "\(work)/\(slug).out"
      let err = "\(work)/\(slug).err"
      do {
        let timed = try Subprocess.timed(
          gwlog, command.arguments, stdout: out, stderr: err, timeout: options.timeout,
          memoryLimitMegabytes: options.maxMemory)
        run.walls.append(timed.wallSeconds)
        run.peaks.append(timed.peakMegabytes)
        run.cpus.append(timed.cpuSeconds)
        let stderr = read(err)
        run.stats.append(CLIStatistics(parsing: stderr))
        if timed.timedOut {
          run.error = String(
            format: "killed after the %.0f s timeout, peak %.0f MB", options.timeout,
            timed.peakMegabytes)
        } else if timed.killedForMemory {
          run.error = String(
            format: "killed at the %.0f MB memory limit after %.0f s", options.maxMemory ?? 0,
            timed.wallSeconds)
        } else if !Subprocess.answered.contains(timed.status) {
          let last = stderr.split(separator: "\n").last { !$0.hasPrefix("evaluated in") } ?? ""
          run.error = "exit \(timed.status): \(last)"
        }
        run.outputLines = read(out).split(separator: "\n").filter { !$0.isEmpty }
      } catch {
        run.error = "cannot run `\(gwlog)`: \(error)"
      }
      progress(
        "model \(org.label): \(command.label) "
          + (run.error
            ?? String(
              format: "%.2f s (cpu %.2f s), %.0f MB", run.walls.last ?? 0, run.cpus.last ?? 0,
              run.peaks.last ?? 0)))
      if run.error != nil || (run.walls.last ?? 0) > options.modelLongSeconds { break }
    }
    if options.checksModel, run.error == nil {
      run.checkProblems = ModelCheck.problems(
        command.question, output: run.outputLines, meta: org.meta)
    }
    return run
  }

  /// `gwlog` with the model on an empty folder: what reading the model alone costs (the
  /// role catalog among it), the base of the load rate.
  func modelBaseline(work: String, at: String?) -> ModelRun? {
    let empty = work + "/empty"
    try? FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
    let command = ModelCommand(
      question: .callers, full: false,
      arguments: ["query", "canInvoke(X, Y)", empty, "--stats", "--threads", "1"]
        + (at.map { ["--at", $0] } ?? []))
    var run = ModelRun(command: command)
    for _ in 0..<max(1, options.modelReps) {
      guard
        let timed = try? Subprocess.timed(
          gwlog, command.arguments, stdout: work + "/baseline.out", stderr: work + "/baseline.err",
          timeout: options.timeout)
      else { return nil }
      run.walls.append(timed.wallSeconds)
      run.peaks.append(timed.peakMegabytes)
      run.cpus.append(timed.cpuSeconds)
      run.stats.append(CLIStatistics(parsing: read(work + "/baseline.err")))
    }
    return run
  }

  /// Prints the tables, the load figures, where the time goes and the findings.
  func report(_ results: [(ModelOrg, [ModelRun])], baseline: ModelRun?) -> Int32 {
    print("")
    print("machine load now: \(Machine.uptime())")
    print(
      "model workloads: the gwlog CLI with the Google Cloud model on generated organisations"
        + " (Scripts/gen-gcp-org.py), median of up to \(options.modelReps) runs, "
        + "\(options.threads) thread(s); targets of issue 15")
    print("")
    var table = TextTable(header: [
      "org", "question", "runs", "wall s", "cpu s", "peak MB", "read s", "eval s", "answer s",
      "other s",
      "check", "target",
    ])
    var failures: [String] = []
    for (org, runs) in results {
      for run in runs {
        let read = run.median(\.readSeconds)
        let eval = run.median(\.evaluationSeconds)
        let answer = run.median(\.answerSeconds)
        let other = run.error == nil ? run.otherSeconds : nil
        let check =
          !options.checksModel
          ? "-" : run.error != nil ? "-" : run.checkProblems.isEmpty ? "ok" : "MISMATCH"
        let targets = ModelTargets.verdicts(
          projects: org.meta.projects, question: run.command.question,
          seconds: run.judged(byCPU: options.modelJudgesCPU),
          megabytes: run.peak, failed: run.error != nil)
        table.rows.append([
          org.label, run.command.label, String(run.walls.count),
          run.error == nil ? Tables.seconds(run.wall) : "FAILED", Tables.seconds(run.cpu),
          Tables.megabytes(run.peak),
          opt(read), opt(eval), opt(answer), opt(other), check,
          run.command.full ? "-" : targets.isEmpty ? "-" : targets.joined(separator: "; "),
        ])
        if let error = run.error { failures.append("\(org.label) \(run.command.label): \(error)") }
        for p in run.checkProblems { failures.append("\(org.label) \(run.command.label): \(p)") }
      }
    }
    for line in table.lines(markdown: options.markdown) { print(line) }
    print("")
    print(
      "read: the model, the gcloud files (imported) and the check; eval: evaluation (`evaluated"
        + " in`, the input store included); answer: proofs, why-nots and verdicts after it;"
        + " other: process start and output; cpu: user + system seconds of the process."
        + (options.modelJudgesCPU
          ? " Targets judged on cpu (--model-time cpu): with one thread on a loaded machine it"
            + " stands in for the wall time of an idle one." : " Targets judged on wall."))
    print("")
    if let baseline, let read = baseline.median(\.readSeconds) {
      let store = baseline.median(\.storeSeconds) ?? 0
      print(
        "model alone (an empty folder): read \(Tables.seconds(read)) s + input store "
          + "\(Tables.seconds(store)) s, wall \(Tables.seconds(baseline.wall)) s, peak "
          + "\(Tables.megabytes(baseline.peak)) MB; model ready "
          + ModelTargets.judgeAtMost(read + store, ModelTargets.modelReadySeconds, unit: "s"))
    }
    let base = baseline?.median(\.readSeconds) ?? 0
    for (org, runs) in results {
      let m = org.meta
      let megabytes = Double(org.gcloudBytes) / 1_000_000
      var line =
        "\(org.label): \(m.projects) projects, \(m.routes.count) routes, "
        + "\(m.sizes["gcloud"]?.files ?? 0) files, \(String(format: "%.1f", megabytes)) MB of gcloud JSON"
        + (m.generationSeconds.map { String(format: " (generated in %.1f s)", $0) } ?? "")
      // Only the audit reads every file: an explain or a callers query opens one backend's
      // chain (docs/reading.md), so its read time says nothing of the rate.
      let reads = runs.filter { $0.error == nil && $0.command.question == .audit }
        .compactMap { $0.median(\.readSeconds) }
      if let read = reads.isEmpty ? nil : Measure.median(reads) {
        let importing = max(read - base, 1e-6)
        line +=
          "; the audit read in \(Tables.seconds(read)) s, of which the files \(Tables.seconds(importing)) s: "
          + ModelTargets.judgeAtLeast(
            megabytes / importing, ModelTargets.loadMegabytesPerSecond, unit: "MB/s")
      }
      print(line)
    }
    print("")
    print("where the time goes (the costliest strata and rules of each command's --stats):")
    for (org, runs) in results {
      for run in runs {
        guard let stats = run.stats.last else { continue }
        let how = stats.goalDirected.map { " " + Self.shortened($0, to: 150) } ?? ""
        print("  \(org.label) \(run.command.label):" + how)
        for cost in stats.costliest(options.modelProfileLines) {
          print(
            "    \(Tables.seconds(cost.seconds)) s  \(cost.tuples) tuples  \(cost.label)")
        }
      }
    }
    for (org, _) in results {
      print("\(org.label) benchmark pairs:")
      let b = org.meta.benchmark
      if let w = b.working { print("  working: \(ModelCommand.goal(w))") }
      if let x = b.broken { print("  broken:  \(ModelCommand.goal(x))") }
      if let backend = b.backend { print("  callers: canInvoke(X, \"\(backend)\")") }
    }
    print("")
    if failures.isEmpty {
      print(
        options.checksModel
          ? "model workloads: every answer agrees with the generator's intent"
          : "model workloads: every command finished")
      return 0
    }
    for f in failures { print("  FAILED \(f)") }
    return 1
  }

  /// `text` cut to `limit` characters with `…` when longer.
  static func shortened(_ text: String, to limit: Int) -> String {
    text.count <= limit ? text : String(text.prefix(limit)) + "…"
  }

  private func opt(_ value: Double?) -> String { value.map(Tables.seconds) ?? "-" }

  private func read(_ path: String) -> String {
    FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) } ?? ""
  }
}
