import Foundation

/// One benchmark workload: a program from `SHARED/bench/programs` over generated facts.
///
/// The list mirrors `SHARED/bench/run_all.sh`: per size, a chain and a random-graph transitive
/// closure, same generation, and the IAM-shaped organisation, all generated with `--seed 1`.
/// `iam-100k` (an organisation of 100,000 projects) comes from this package's
/// `Scripts/gen-iam-org.py`; peers run on it only when asked (`--peers-100k`).
struct Workload: Sendable {
  /// The workload's name, also its data directory's name (`tc-chain-small`).
  let name: String
  /// The program's base name in `programs/` (`tc`, `sg`, `iam`).
  let program: String
  /// The generator script: a file name in `SHARED/bench/gen/` (`tc.py`), or a path from the
  /// package root (`Scripts/gen-iam-org.py`).
  let generator: String
  /// The generator's `--size` argument (`chain-small` for `tc.py`, `small` otherwise).
  let generatorSize: String
  /// The size class (`small`, `medium`, `large`, `100k`), used by `--sizes`.
  let size: String

  /// The size classes, smallest first.
  static let sizes = ["small", "medium", "large", "100k"]

  /// Every known workload, small first, in `run_all.sh` order within a size.
  static let all: [Workload] =
    ["small", "medium", "large"].flatMap { size in
      [
        Workload(
          name: "tc-chain-\(size)", program: "tc", generator: "tc.py",
          generatorSize: "chain-\(size)", size: size),
        Workload(
          name: "tc-rand-\(size)", program: "tc", generator: "tc.py",
          generatorSize: "rand-\(size)", size: size),
        Workload(
          name: "sg-\(size)", program: "sg", generator: "sg.py", generatorSize: size, size: size),
        Workload(
          name: "iam-\(size)", program: "iam", generator: "iam.py", generatorSize: size, size: size),
      ]
    } + [
      Workload(
        name: "iam-100k", program: "iam", generator: "Scripts/gen-iam-org.py",
        generatorSize: "100k", size: "100k")
    ]

  /// Whether peers run on this workload by default (not on `iam-100k`, where clingo would
  /// need tens of GB and nemo minutes).
  var runsPeersByDefault: Bool { size != "100k" }

  /// Whether the goal-directed measurement (`gwlog explain` and `query` through the CLI)
  /// applies: the IAM workloads, whose goals are `can_invoke` pairs.
  var hasGoals: Bool { program == "iam" }

  /// The workload called `name`, if any.
  static func named(_ name: String) -> Workload? { all.first { $0.name == name } }

  /// The Soufflé-syntax program, `SHARED/bench/programs/<program>.dl`.
  func programPath(shared: String) -> String { "\(shared)/bench/programs/\(program).dl" }

  /// The directory holding this workload's `.facts` files.
  func dataDirectory(dataRoot: String) -> String { "\(dataRoot)/\(name)" }

  /// Generates the facts with the shared Python generator unless they are already there.
  ///
  /// A directory counts as generated when the generator's `meta.json`, written last, exists.
  func ensureData(shared: String, dataRoot: String) throws {
    let directory = dataDirectory(dataRoot: dataRoot)
    if FileManager.default.fileExists(atPath: directory + "/meta.json") { return }
    try FileManager.default.createDirectory(
      atPath: dataRoot, withIntermediateDirectories: true)
    let ours = generator.hasPrefix("Scripts/")
    let script = ours ? "\(Options.packageRoot)/\(generator)" : "\(shared)/bench/gen/\(generator)"
    let status = try Subprocess.run(
      "/usr/bin/env",
      ["python3", script, "--size", generatorSize, "--seed", "1", "--out", directory]
        + (ours ? ["--shared", shared] : []),
      quiet: true)
    guard status == 0 else {
      throw BenchError("generator `\(script) --size \(generatorSize)` exited with \(status)")
    }
  }
}

/// A failure that stops the benchmark, printed as one line.
struct BenchError: Error, CustomStringConvertible {
  /// The message, one lowercase sentence.
  let description: String

  /// Wraps a message.
  init(_ description: String) { self.description = description }
}
