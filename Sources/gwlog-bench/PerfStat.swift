import Foundation

/// Hardware counters of one process from `perf stat` (`--perf`).
///
/// Cycles, instructions and cache references and misses, with the software counters beside
/// them. A machine whose
/// kernel exposes no CPU performance-monitoring unit (many virtual machines) reports the
/// hardware ones as not supported; the table then says so.
struct PerfStat: Sendable {
  /// The events asked for, hardware first.
  static let events = [
    "cycles", "instructions", "cache-references", "cache-misses", "task-clock", "page-faults",
  ]

  /// The `perf` executable.
  let executable: String

  /// `perf` on `PATH`, or nil.
  static func find() -> PerfStat? { Subprocess.onPath("perf").map(PerfStat.init) }

  /// What one run measured: the process's wall time and each event's count (nil when the
  /// event is not supported here).
  struct Figures: Sendable {
    var wallSeconds: Double = 0
    var counters: [String: Double?] = [:]
    var error: String?
  }

  /// Runs `executable arguments` under `perf stat -x,` and reads the counters it wrote.
  func measure(
    _ program: String, _ arguments: [String], work: String, name: String, timeout: Double
  ) throws -> Figures {
    try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
    let report = "\(work)/\(name).perf"
    let timed = try Subprocess.timed(
      executable,
      ["stat", "-x", ",", "-e", Self.events.joined(separator: ","), "-o", report, "--", program]
        + arguments, stdout: "\(work)/\(name).stdout", stderr: "\(work)/\(name).stderr",
      timeout: timeout)
    var figures = Figures(wallSeconds: timed.wallSeconds)
    if timed.status != 0 || timed.timedOut {
      figures.error =
        timed.timedOut
        ? String(format: "timeout after %.0f s", timeout) : "exit \(timed.status)"
    }
    let text = FileManager.default.contents(atPath: report).map {
      String(decoding: $0, as: UTF8.self)
    }
    figures.counters = Self.parse(text ?? "")
    return figures
  }

  /// The counters of `perf stat -x,` output: `value,unit,event,…` lines; a value of
  /// `<not supported>` or `<not counted>` gives nil.
  static func parse(_ text: String) -> [String: Double?] {
    var counters: [String: Double?] = [:]
    for line in text.split(separator: "\n") where !line.hasPrefix("#") {
      let fields = line.split(separator: ",", omittingEmptySubsequences: false)
      guard fields.count >= 3 else { continue }
      let event = String(fields[2]).split(separator: ":").first.map(String.init) ?? ""
      guard Self.events.contains(event) else { continue }
      counters[event] = Double(fields[0])
    }
    return counters
  }
}

extension Tables {
  /// One row per workload and engine: wall time, the hardware counters (or `n/s` when not
  /// supported), instructions per cycle and the cache-miss rate.
  static func perf(_ rows: [(workload: String, engine: String, figures: PerfStat.Figures)])
    -> TextTable
  {
    var table = TextTable(header: [
      "workload", "engine", "wall s", "cycles", "instructions", "IPC", "cache refs",
      "cache misses", "miss %", "task-clock ms", "page faults",
    ])
    let count = { (f: PerfStat.Figures, event: String) -> String in
      guard let entry = f.counters[event] else { return "-" }
      guard let value = entry else { return "n/s" }
      return String(format: "%.3g", value)
    }
    for (workload, engine, f) in rows {
      let value = { (event: String) -> Double? in f.counters[event] ?? nil }
      let ipc = value("instructions").flatMap { i in value("cycles").map { i / $0 } }
      let miss = value("cache-misses").flatMap { m in value("cache-references").map { m / $0 } }
      table.rows.append([
        workload, engine, f.error.map { "FAILED: \($0)" } ?? seconds(f.wallSeconds),
        count(f, "cycles"), count(f, "instructions"), ipc.map { String(format: "%.2f", $0) } ?? "-",
        count(f, "cache-references"), count(f, "cache-misses"),
        miss.map { String(format: "%.1f", $0 * 100) } ?? "-",
        value("task-clock").map { String(format: "%.0f", $0) } ?? "-", count(f, "page-faults"),
      ])
    }
    return table
  }
}
