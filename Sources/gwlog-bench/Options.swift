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
  /// Repetitions for the `large` and `100k` workloads (default: `reps`).
  var largeReps: Int?
  /// gwlog worker threads (1, like the peers' single-thread figures).
  var threads = 1
  /// Seconds after which a gwlog child is killed.
  var timeout: Double = 600
  /// Seconds after which `run_peers.py` kills a peer run: nemo needs about 170 s on
  /// tc-chain-medium (`PEERS.md`) and far more on tc-chain-large, so those two time out instead
  /// of taking a quarter of an hour; every other peer run in `PEERS.md` is below 75 s.
  var peerTimeout: Double = 120
  /// Whether peers also run on `iam-100k`.
  var peersOn100k = false
  /// Whether the IAM workloads also time `gwlog explain` and `gwlog query` of one goal.
  var measuresGoals = true
  /// The release `gwlog` CLI binary for the goal-directed measurement (default: next to this
  /// executable).
  var gwlogBinary: String?
  /// Whether the tables are printed as markdown (for the README) instead of aligned text.
  var markdown = false
  /// Provenance recording for gwlog: on (default), off, or both (adds a cost table).
  var proofs = "on"
  /// Model workloads by size (`--model 1k,10k`): organisations generated with
  /// `Scripts/gen-gcp-org.py` into `modelDataRoot`.
  var modelSizes: [String] = []
  /// Model workloads on folders written by the generator (`--model-org DIR,...`).
  var modelOrgs: [String] = []
  /// Repetitions of each model command; medians are reported.
  var modelReps = 3
  /// A model command slower than this many seconds runs once.
  var modelLongSeconds: Double = 60
  /// Whether the goal-directed model commands also run with `--full`.
  var modelFull = false
  /// Whether the model workloads' answers are compared with the generator's intent.
  var checksModel = false
  /// Whether the model targets are judged on CPU seconds instead of wall seconds.
  var modelJudgesCPU = false
  /// MB of resident memory at which a measured gwlog command is killed (a watchdog).
  var maxMemory: Double? = 12_000
  /// How many of the costliest strata and rules the report shows per model command.
  var modelProfileLines = 3
  /// Where `--model` organisations are generated (default: `dataRoot`).
  var modelData: String?
  /// Whether workloads were chosen explicitly (`--all`, `--workloads`, `--sizes`).
  var explicitWorkloads = false
  /// The hidden `--single NAME`: measure one workload in this process (the child's mode).
  var single: Workload?
  /// Whether Soufflé (`$SOUFFLE` or `souffle` on `PATH`) runs beside gwlog when installed.
  var runsSouffle = true
  /// Thread counts of the side-by-side runs (gwlog `--threads N`, Soufflé `-jN`).
  var souffleThreads = [1, 2]
  /// Whether the side-by-side runs include Soufflé's interpreter.
  var runsSouffleInterpreter = true
  /// Workloads whose side-by-side runs are repeated once under `perf stat`.
  var perfWorkloads: [String] = []
  /// Whether `--help` was given.
  var wantsHelp = false
  /// Whether `--import-scaling` was given: run only that check (`ImportScaling`).
  var checksImportScaling = false

  /// The usage text for `--help`.
  static let usage = """
    usage: gwlog-bench [--all | --workloads A,B,… | --sizes small,medium,large,100k]
                       [--shared PATH] [--data DIR] [--peers nemo,clingo,swipl|none]
                       [--peers-100k] [--reps N] [--large-reps N] [--threads N] [--timeout S]
                       [--peer-timeout S] [--proofs on|off|both] [--goals on|off]
                       [--souffle on|off] [--souffle-threads 1,2] [--souffle-interp on|off]
                       [--perf WORKLOADS] [--gwlog PATH] [--markdown]
                       [--model 1k,10k,100k] [--model-org DIR,…] [--model-reps N]
                       [--model-full] [--check] [--max-memory MB] [--model-data DIR]
                       [--model-long S] [--model-time wall|cpu]
           gwlog-bench --import-scaling [--data DIR] [--gwlog PATH]

      --all          every workload: tc-chain, tc-rand, sg and iam at small, medium and
                     large, then iam-100k (the default)
      --workloads    workloads by name: tc-chain-SIZE, tc-rand-SIZE, sg-SIZE, iam-SIZE,
                     iam-100k
      --sizes        every workload of these sizes (100k: iam-100k)
      --shared       the shared folder with bench/ (default: ../shared next to the package)
      --data         generated workloads, reused when present (default .build-bench-data/)
      --peers        peer engines run through bench/run_peers.py (default: those installed)
      --peers-100k   also run the peers on iam-100k (clingo needs tens of GB there)
      --reps         repetitions; medians are reported (default 1)
      --large-reps   repetitions for the large and 100k workloads (default: --reps)
      --threads      gwlog evaluation threads (default 1)
      --timeout      seconds before a gwlog run is killed (default 600)
      --peer-timeout seconds before a peer run is killed (default 120; nemo exceeds it on
                     tc-chain-medium and tc-chain-large)
      --proofs       record provenance: on (default), off, or both (also prints the
                     cost of recording and the time to rebuild one proof)
      --goals        on the iam workloads, also time `gwlog explain` of a holding and a
                     failing can_invoke pair and `gwlog query 'can_invoke(G, "SVC")'`
                     through the CLI (default on)
      --souffle      run Soufflé beside gwlog when it is installed ($SOUFFLE, else
                     `souffle` on PATH; default on): each program compiled once with
                     `souffle -o` (compile time shown apart), then per repetition and
                     thread count `gwlog run`, the compiled program and the interpreter in
                     turn, each a whole process, medians of wall time and peak RSS
      --souffle-threads  thread counts of those runs (default 1,2: gwlog --threads N,
                     Soufflé -jN)
      --souffle-interp   include Soufflé's interpreter (default on)
      --perf         workloads whose gwlog and Soufflé compiled runs (one thread) are
                     repeated once under `perf stat` (cycles, instructions, cache misses)
      --gwlog        the gwlog CLI for --goals and the side-by-side runs (default: `gwlog`
                     next to this binary)
      --markdown     print the tables as markdown

    model workloads (docs/benchmarks.md): the gwlog CLI with the Google Cloud model on an
    organisation from Scripts/gen-gcp-org.py: explain of a working and of a broken pair, the
    callers of one backend, the full invokeProblem audit; wall time, peak memory, where the
    time goes (--stats) and issue 15's targets. Given alone, only these run.
      --model        organisations of these sizes (1k, 10k, 100k or a project count), seed
                     1, generated once into --model-data
      --model-org    folders the generator wrote (DIR/meta.json, DIR/gcloud)
      --model-reps   runs of each command, medians reported (default 3)
      --model-long   a command slower than this many seconds runs once (default 60)
      --model-full   also run the goal-directed commands with --full
      --check        compare the answers with the generator's intended verdicts and causes
      --max-memory   kill a gwlog command above this resident MB (default 12000)
      --model-data   where --model generates (default: --data; 100k needs about 2 GB)
      --model-time   judge the targets on wall (default) or cpu seconds (user + system:
                     on a loaded machine, what one thread would take on an idle one)
      --import-scaling  only check that `gwlog import` of one policy grows linearly with
                     its members and bindings (25k against 100k; generous bounds)
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
    var sizes = Workload.sizes
    var rest = arguments[...]
    while let flag = rest.popFirst() {
      switch flag {
      case "--help", "-h": wantsHelp = true
      case "--all":
        sizes = Workload.sizes
        explicitWorkloads = true
      case "--model-full": modelFull = true
      case "--check": checksModel = true
      case "--peers-100k": peersOn100k = true
      case "--markdown": markdown = true
      case "--import-scaling": checksImportScaling = true
      default: try parse(flag, value: rest.popFirst(), names: &names, sizes: &sizes)
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
      for size in sizes where !Workload.sizes.contains(size) {
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

  /// Parses one option that takes a value.
  private mutating func parse(
    _ flag: String, value: String?, names: inout [String]?, sizes: inout [String]
  ) throws {
    guard let value else { throw BenchError("`\(flag)` needs a value") }
    let list = value.split(separator: ",").map(String.init)
    switch flag {
    case "--workloads":
      names = list
      explicitWorkloads = true
    case "--sizes":
      sizes = list
      explicitWorkloads = true
    case "--model":
      for size in list where ModelOrg.projects(forSize: size) == nil {
        throw BenchError(
          "`--model` takes sizes such as 1k, 10k, 100k or a project count, not `\(size)`")
      }
      modelSizes = list
    case "--model-org": modelOrgs = list
    case "--model-reps": modelReps = try Self.positive(value, flag)
    case "--model-long": modelLongSeconds = Double(try Self.positive(value, flag))
    case "--model-data": modelData = value
    case "--model-time":
      guard ["wall", "cpu"].contains(value) else {
        throw BenchError("`--model-time` takes wall or cpu, not `\(value)`")
      }
      modelJudgesCPU = value == "cpu"
    case "--max-memory": maxMemory = Double(try Self.positive(value, flag))
    case "--shared": shared = value
    case "--data": dataRoot = value
    case "--peers": peers = value == "none" ? [] : list
    case "--reps": reps = try Self.positive(value, flag)
    case "--large-reps": largeReps = try Self.positive(value, flag)
    case "--threads": threads = try Self.positive(value, flag)
    case "--timeout": timeout = Double(try Self.positive(value, flag))
    case "--peer-timeout": peerTimeout = Double(try Self.positive(value, flag))
    case "--gwlog": gwlogBinary = value
    case "--souffle", "--souffle-interp":
      guard ["on", "off"].contains(value) else {
        throw BenchError("`\(flag)` takes on or off, not `\(value)`")
      }
      if flag == "--souffle" {
        runsSouffle = value == "on"
      } else {
        runsSouffleInterpreter = value == "on"
      }
    case "--souffle-threads": souffleThreads = try list.map { try Self.positive($0, flag) }
    case "--perf": perfWorkloads = list
    case "--proofs":
      guard ["on", "off", "both"].contains(value) else {
        throw BenchError("`--proofs` takes on, off or both, not `\(value)`")
      }
      proofs = value
    case "--goals":
      guard ["on", "off"].contains(value) else {
        throw BenchError("`--goals` takes on or off, not `\(value)`")
      }
      measuresGoals = value == "on"
    case "--single":
      guard let workload = Workload.named(value) else {
        throw BenchError("unknown workload `\(value)`")
      }
      single = workload
    default: throw BenchError("unknown option `\(flag)`")
    }
  }

  /// Whether any model workload was asked for.
  var runsModel: Bool { !modelSizes.isEmpty || !modelOrgs.isEmpty }

  /// Where `--model` organisations live.
  var modelDataRoot: String { modelData ?? dataRoot }

  /// The repetitions for `workload`: `--large-reps` for the large and 100k sizes.
  func repetitions(for workload: Workload) -> Int {
    ["large", "100k"].contains(workload.size) ? (largeReps ?? reps) : reps
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
