import Foundation

/// The benchmark's command-line options.
struct Options: Sendable {
  /// Workloads to run, in order.
  var workloads: [Workload] = []
  /// The shared folder holding `bench/` (programs, generators, `run_peers.py`, `PEERS.md`).
  var shared: String
  /// Where generated workloads live (one directory per workload).
  var dataRoot: String
  /// Peer engines to run; nil means every installed one.
  var peers: [String]?
  /// Repetitions per workload and engine; medians are reported.
  var reps = 1
  /// gwlog worker threads (1, like the peers' single-thread figures).
  var threads = 1
  /// Seconds after which a gwlog child is killed.
  var timeout: Double = 600
  /// Seconds after which `run_peers.py` kills a peer run.
  var peerTimeout: Double = 300
  /// Provenance recording for gwlog: on (default), off, or both (adds a cost table).
  var proofs = "on"
  /// The hidden `--single NAME`: measure one workload in this process (the child's mode).
  var single: Workload?
  /// Whether `--help` was given.
  var wantsHelp = false

  /// The usage text for `--help`.
  static let usage = """
    usage: gwlog-bench [--workloads A,B,… | --sizes small,medium,large] [--shared PATH]
                       [--data DIR] [--peers nemo,clingo,swipl|none] [--reps N] [--threads N]
                       [--timeout S] [--peer-timeout S] [--proofs on|off|both]

      --workloads    workloads by name: tc-chain-SIZE, tc-rand-SIZE, sg-SIZE, iam-SIZE
      --sizes        every workload of these sizes (default small,medium)
      --shared       the shared folder with bench/ (default: ../shared next to the package)
      --data         generated workloads, reused when present (default .build-bench-data/)
      --peers        peer engines run through bench/run_peers.py (default: those installed)
      --reps         repetitions; medians are reported (default 1)
      --threads      gwlog evaluation threads (default 1)
      --timeout      seconds before a gwlog run is killed (default 600)
      --peer-timeout seconds before a peer run is killed (default 300)
      --proofs       record provenance: on (default), off, or both (also prints the
                     cost of recording and the time to rebuild one proof)
    """

  /// The package root: three levels above this file, or the current directory when the
  /// sources have moved since the build.
  static var packageRoot: String {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent().path
    if FileManager.default.fileExists(atPath: root + "/Package.swift") { return root }
    return FileManager.default.currentDirectoryPath
  }

  /// Parses `arguments` (without the program name); throws on unknown or malformed options.
  init(_ arguments: [String]) throws {
    let root = Self.packageRoot
    shared = URL(fileURLWithPath: root + "/../shared").standardizedFileURL.path
    dataRoot = root + "/.build-bench-data"
    var names: [String]?
    var sizes = ["small", "medium"]
    var rest = arguments[...]
    while let flag = rest.popFirst() {
      if flag == "--help" || flag == "-h" {
        wantsHelp = true
        continue
      }
      guard let value = rest.popFirst() else { throw BenchError("`\(flag)` needs a value") }
      let list = value.split(separator: ",").map(String.init)
      switch flag {
      case "--workloads": names = list
      case "--sizes": sizes = list
      case "--shared": shared = value
      case "--data": dataRoot = value
      case "--peers": peers = value == "none" ? [] : list
      case "--reps": reps = try Self.positive(value, flag)
      case "--threads": threads = try Self.positive(value, flag)
      case "--timeout": timeout = Double(try Self.positive(value, flag))
      case "--peer-timeout": peerTimeout = Double(try Self.positive(value, flag))
      case "--proofs":
        guard ["on", "off", "both"].contains(value) else {
          throw BenchError("`--proofs` takes on, off or both, not `\(value)`")
        }
        proofs = value
      case "--single":
        guard let workload = Workload.named(value) else {
          throw BenchError("unknown workload `\(value)`")
        }
        single = workload
      default: throw BenchError("unknown option `\(flag)`")
      }
    }
    if let names {
      workloads = try names.map { name in
        guard let workload = Workload.named(name) else {
          throw BenchError("unknown workload `\(name)`")
        }
        return workload
      }
    } else {
      for size in sizes where !["small", "medium", "large"].contains(size) {
        throw BenchError("unknown size `\(size)`")
      }
      workloads = Workload.all.filter { sizes.contains($0.size) }
    }
    if let peers {
      for peer in peers where !["nemo", "clingo", "swipl"].contains(peer) {
        throw BenchError("unknown peer `\(peer)`")
      }
    }
  }

  /// Arguments that make a `--single` child see the same files and settings.
  var childArguments: [String] {
    ["--shared", shared, "--data", dataRoot, "--threads", String(threads)]
      + (proofs == "off" ? ["--proofs", "off"] : [])
  }

  private static func positive(_ text: String, _ flag: String) throws -> Int {
    guard let n = Int(text), n > 0 else {
      throw BenchError("`\(flag)` needs a positive integer, not `\(text)`")
    }
    return n
  }
}
