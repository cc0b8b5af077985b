import Foundation

/// gwlog and Soufflé measured in the same run, in turn.
///
/// For each repetition and thread count, the `gwlog run` CLI, Soufflé compiled and Soufflé
/// interpreted run one after the other (A B C A B C …), each a whole process writing the
/// program's outputs with `-D`. Medians of
/// wall time and peak RSS are compared; a ratio counts only when both ran here, now.
struct SideBySide: Sendable {
  /// One engine configuration.
  enum Contender: String, CaseIterable, Sendable {
    /// `gwlog run PROG -F DATA -D OUT --threads N` (provenance recorded, as always).
    case gwlog
    /// The program compiled by `souffle -o`, run with `-jN`.
    case souffleCompiled = "souffle-c"
    /// `souffle -jN` interpreting the program.
    case souffleInterpreted = "souffle-i"
  }

  /// One process run.
  struct Run: Sendable {
    var wallSeconds: Double = 0
    var peakMegabytes: Double = 0
    var counts: [String: Int] = [:]
    var canInvokeDigest: String?
    /// Why it failed (status, timeout, the last line of stderr), if it did.
    var error: String?
  }

  /// The medians of one contender on one workload at one thread count.
  struct Figures: Sendable {
    var wallSeconds: Double
    var peakMegabytes: Double
    var runs: Int
    var error: String?
    var counts: [String: Int]
    var canInvokeDigest: String?

    /// The medians of `runs` (the first error wins).
    init(_ runs: [Run]) {
      self.runs = runs.count
      wallSeconds = Measure.median(runs.map(\.wallSeconds))
      peakMegabytes = Measure.median(runs.map(\.peakMegabytes))
      error = runs.lazy.compactMap(\.error).first
      counts = runs.first?.counts ?? [:]
      canInvokeDigest = runs.first?.canInvokeDigest
    }
  }

  /// Everything measured for one workload at one thread count.
  struct Result: Sendable {
    var workload: Workload
    var threads: Int
    var figures: [Contender: Figures]
    /// Seconds `souffle -o` took for this program (nil when reused or not compiled).
    var compileSeconds: Double?

    /// Differences between gwlog's counts (and `can_invoke` digest) and each Soufflé's.
    var mismatches: [String] {
      guard let ours = figures[.gwlog], ours.error == nil else { return [] }
      var found: [String] = []
      for contender in [Contender.souffleCompiled, .souffleInterpreted] {
        guard let theirs = figures[contender], theirs.error == nil else { continue }
        for name in Set(ours.counts.keys).union(theirs.counts.keys).sorted()
        where ours.counts[name] != theirs.counts[name] {
          found.append(
            "\(workload.name) -j\(threads): \(name) gwlog="
              + "\(ours.counts[name].map(String.init) ?? "none") \(contender.rawValue)="
              + "\(theirs.counts[name].map(String.init) ?? "none")")
        }
        if ours.canInvokeDigest != theirs.canInvokeDigest {
          found.append(
            "\(workload.name) -j\(threads): can_invoke digest gwlog="
              + "\(ours.canInvokeDigest ?? "none") \(contender.rawValue)="
              + "\(theirs.canInvokeDigest ?? "none")")
        }
      }
      return found
    }
  }

  /// The gwlog CLI.
  let gwlog: String
  /// The Soufflé to run.
  let souffle: Souffle
  /// The contenders, in the order each repetition runs them.
  let contenders: [Contender]
  /// Thread counts, each measured for every contender.
  let threads: [Int]
  /// Seconds after which a run is killed.
  let timeout: Double

  /// Measures `workload` `reps` times per contender and thread count, in turn.
  func measure(_ workload: Workload, shared: String, dataRoot: String, reps: Int) throws
    -> [Result]
  {
    let source = workload.programPath(shared: shared)
    let data = workload.dataDirectory(dataRoot: dataRoot)
    var compiled: Souffle.Compiled?
    if contenders.contains(.souffleCompiled) {
      progress("\(workload.name): souffle -o \(workload.program)")
      compiled = try souffle.compile(source, name: workload.program, timeout: timeout * 4)
    }
    var runs: [Int: [Contender: [Run]]] = [:]
    for rep in 0..<reps {
      for n in threads {
        for contender in contenders {
          let run = try self.run(
            contender, compiled: compiled, source: source, data: data, threads: n,
            out: "\(souffle.work)/out/\(workload.name)-\(contender.rawValue)-j\(n)")
          progress(
            "\(workload.name): \(contender.rawValue) -j\(n) rep \(rep + 1)/\(reps) "
              + String(format: "%.2f s %.0f MB", run.wallSeconds, run.peakMegabytes)
              + (run.error.map { " FAILED: \($0)" } ?? ""))
          runs[n, default: [:]][contender, default: []].append(run)
        }
      }
    }
    return threads.map { n in
      var figures: [Contender: Figures] = [:]
      for contender in contenders { figures[contender] = Figures(runs[n]?[contender] ?? []) }
      return Result(
        workload: workload, threads: n, figures: figures,
        compileSeconds: compiled.flatMap { $0.reused ? nil : $0.seconds })
    }
  }

  /// The executable and arguments of one contender's run.
  func command(
    _ contender: Contender, compiled: Souffle.Compiled?, source: String, data: String,
    threads: Int, out: String
  ) -> (executable: String, arguments: [String]) {
    switch contender {
    case .gwlog:
      return (
        gwlog,
        ["run", source, "-F", data, "-D", out, "--threads", String(threads), "--no-model"]
      )
    case .souffleCompiled:
      return souffle.arguments(
        compiled: compiled, source: source, data: data, out: out, threads: threads)
    case .souffleInterpreted:
      return souffle.arguments(
        compiled: nil, source: source, data: data, out: out, threads: threads)
    }
  }

  /// Runs one contender once into a fresh `out` and reads what it wrote.
  private func run(
    _ contender: Contender, compiled: Souffle.Compiled?, source: String, data: String,
    threads: Int, out: String
  ) throws -> Run {
    try? FileManager.default.removeItem(atPath: out)
    try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
    let (executable, arguments) = command(
      contender, compiled: compiled, source: source, data: data, threads: threads, out: out)
    let timed = try Subprocess.timed(
      executable, arguments, stdout: out + ".stdout", stderr: out + ".stderr", timeout: timeout)
    var run = Run(wallSeconds: timed.wallSeconds, peakMegabytes: timed.peakMegabytes)
    if timed.timedOut {
      run.error = String(format: "timeout after %.0f s", timeout)
    } else if timed.status != 0 {
      run.error = "exit \(timed.status): " + Souffle.lastLine(out + ".stderr")
    }
    run.counts = OutputFiles.counts(in: out)
    run.canInvokeDigest = OutputFiles.canInvokeDigest(in: out)
    return run
  }
}

/// The side-by-side table and the issue's targets judged on it.
extension Tables {
  /// One row per workload and thread count: gwlog, Soufflé compiled and interpreted, the
  /// ratios gwlog / Soufflé (time and peak memory) and the verdict against the targets.
  static func sideBySide(_ results: [SideBySide.Result]) -> TextTable {
    var table = TextTable(header: [
      "workload", "j", "gw s", "gw MB", "souffle-c s", "souffle-c MB", "gw/c time", "target",
      "time", "gw/c mem", "memory", "souffle-i s", "souffle-i MB", "gw/i time", "compile s",
      "counts",
    ])
    for result in results {
      let gw = result.figures[.gwlog]
      let compiled = result.figures[.souffleCompiled]
      let interpreted = result.figures[.souffleInterpreted]
      let cell = { (f: SideBySide.Figures?) -> [String] in
        guard let f else { return ["-", "-"] }
        if let error = f.error { return ["FAILED: \(error)", "-"] }
        return [seconds(f.wallSeconds), megabytes(f.peakMegabytes)]
      }
      let ok = { (f: SideBySide.Figures?) -> SideBySide.Figures? in f?.error == nil ? f : nil }
      let time = Targets.ratio(ok(gw)?.wallSeconds, ok(compiled)?.wallSeconds)
      let memory = Targets.ratio(ok(gw)?.peakMegabytes, ok(compiled)?.peakMegabytes)
      let limit = Targets.timeRatio(for: result.workload.program, threads: result.threads)
      var row = [result.workload.name, String(result.threads)] + cell(gw) + cell(compiled)
      row += [
        Targets.text(time), Targets.limitText(limit), Targets.verdict(time, limit: limit),
        Targets.text(memory), Targets.verdict(memory, limit: Targets.memoryRatio),
      ]
      row += cell(interpreted)
      row.append(Targets.text(Targets.ratio(ok(gw)?.wallSeconds, ok(interpreted)?.wallSeconds)))
      row.append(result.compileSeconds.map(seconds) ?? "-")
      row.append(result.mismatches.isEmpty ? "ok" : "MISMATCH")
      table.rows.append(row)
    }
    return table
  }
}
