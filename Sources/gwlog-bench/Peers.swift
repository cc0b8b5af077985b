import Foundation

/// One peer engine's median figures on one workload, read from `run_peers.py`'s JSONL.
struct PeerResult: Sendable {
  /// The engine's name in `run_peers.py` (`nemo`, `clingo`, `swipl`).
  var engine: String
  /// `ok`, or the status of the failed run (`timeout`, `memlimit`, `error`, `missing`).
  var status: String
  /// Median wall time of the whole process over the successful runs.
  var wallSeconds: Double = 0
  /// Median max RSS in MiB over the successful runs (or of the failed run).
  var peakMegabytes: Double = 0
  /// Result counts the engine reported (empty when it reports none).
  var counts: [String: Int] = [:]
  /// Digest of the `can_invoke` pairs (IAM only).
  var canInvokeDigest: String?
}

/// Runs the installed peer engines through `SHARED/bench/run_peers.py`, which times each run
/// as a whole process under `/usr/bin/time -v` and appends one JSON record per run.
struct Peers {
  /// Engines to run, in column order.
  let engines: [String]
  /// The shared folder (holding `bench/run_peers.py`).
  let shared: String
  /// Scratch directory for results, converted facts and engine outputs.
  let work: String
  /// Extra environment for `run_peers.py` (`CLINGO` when clingo is only a Python module).
  let environment: [String: String]

  /// The peers `run_peers.py` can run here, among nemo, clingo and swipl.
  static func installed() -> [String] {
    var found: [String] = []
    if Subprocess.pythonSucceeds("import nmo_python") { found.append("nemo") }
    if Subprocess.onPath("clingo") != nil || Subprocess.pythonSucceeds("import clingo") {
      found.append("clingo")
    }
    if Subprocess.onPath("swipl") != nil { found.append("swipl") }
    return found
  }

  /// Prepares a runner; clingo from `pip install clingo` has no `clingo` script, so it is
  /// run as `python3 -m clingo` (adding Python's start-up, about 0.05 s, to its wall time).
  init(engines: [String], shared: String, work: String) {
    self.engines = engines
    self.shared = shared
    self.work = work
    var environment = ProcessInfo.processInfo.environment
    if environment["CLINGO"] == nil, Subprocess.onPath("clingo") == nil {
      environment["CLINGO"] = "python3 -m clingo"
    }
    self.environment = environment
  }

  /// Runs every engine `reps` times on `workload` and returns their medians, in engine order.
  func run(_ workload: Workload, dataRoot: String, reps: Int, timeout: Double) throws
    -> [PeerResult]
  {
    guard !engines.isEmpty else { return [] }
    try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
    let results = "\(work)/\(workload.name).jsonl"
    try? FileManager.default.removeItem(atPath: results)
    let arguments = [
      "python3", "\(shared)/bench/run_peers.py", "run", "--program", workload.program,
      "--data", workload.dataDirectory(dataRoot: dataRoot), "--label", workload.name,
      "--engines", engines.joined(separator: ","), "--reps", String(reps),
      "--timeout", String(timeout), "--results", results, "--work", "\(work)/\(workload.name)",
    ]
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = arguments
    process.environment = environment
    // Progress lines go to stderr so that stdout holds only the report.
    process.standardOutput = FileHandle.standardError
    try process.run()
    process.waitUntilExit()
    let records = Self.records(at: results)
    return engines.map { engine in
      Self.summarize(engine: engine, records.filter { $0.engine == engine })
    }
  }

  /// One line of `run_peers.py`'s JSONL (the fields the report uses).
  struct Record: Decodable {
    var engine: String
    var status: String
    var wallSeconds: Double?
    var peakMegabytes: Double?
    var counts: [String: Int]?
    var canInvokeDigest: String?

    enum CodingKeys: String, CodingKey {
      case engine, status, counts
      case wallSeconds = "wall_s"
      case peakMegabytes = "maxrss_mb"
      case canInvokeDigest = "can_invoke_sha"
    }
  }

  private static func records(at path: String) -> [Record] {
    guard let data = FileManager.default.contents(atPath: path) else { return [] }
    return String(decoding: data, as: UTF8.self).split(separator: "\n").compactMap {
      try? JSONDecoder().decode(Record.self, from: Data($0.utf8))
    }
  }

  private static func summarize(engine: String, _ records: [Record]) -> PeerResult {
    let ok = records.filter { $0.status == "ok" }
    guard let first = ok.first else {
      let last = records.last
      return PeerResult(
        engine: engine, status: last?.status ?? "missing", wallSeconds: last?.wallSeconds ?? 0,
        peakMegabytes: last?.peakMegabytes ?? 0)
    }
    return PeerResult(
      engine: engine, status: "ok", wallSeconds: Measure.median(ok.compactMap(\.wallSeconds)),
      peakMegabytes: Measure.median(ok.compactMap(\.peakMegabytes)), counts: first.counts ?? [:],
      canInvokeDigest: first.canInvokeDigest)
  }
}
