import Foundation

/// The `meta.json` that `Scripts/gen-gcp-org.py` writes last into an organisation's folder:
/// what the benchmark asks and what the generator intended (docs/benchmarks.md).
struct ModelOrgMeta: Decodable, Sendable {
  /// A gateway/backend pair, canonical names.
  struct Pair: Decodable, Sendable, Equatable {
    /// The gateway, `projects/P/locations/R/gateways/G`.
    var gateway: String
    /// The backend's canonical name (or its address when no backend matches).
    var backend: String
  }
  /// The names the benchmark's questions use.
  struct Benchmark: Decodable, Sendable {
    /// A pair that works.
    var working: Pair?
    /// A pair that does not work.
    var broken: Pair?
    /// A backend several gateways call.
    var backend: String?
  }
  /// One API Gateway route and the verdict the generator intended.
  struct Route: Decodable, Sendable {
    /// The gateway.
    var gateway: String
    /// The backend (or address).
    var backend: String
    /// `yes` or `no`.
    var verdict: String
    /// The intended cause code of a broken pair (`missing-permission`), `""` for a working one.
    var cause: String
    /// The generator's scenario (`works-folder-group`, `denied`, ...).
    var scenario: String
  }
  /// Files and bytes of one written format.
  struct Size: Decodable, Sendable {
    /// Files written.
    var files: Int
    /// Bytes written.
    var bytes: Int
  }

  /// Projects in the organisation.
  var projects: Int
  /// The generator's seed.
  var seed: Int
  /// The time the intended verdicts hold at (`--at`).
  var evaluationTime: String
  /// The gcloud folder, relative to the organisation's folder.
  var gcloudDir: String?
  /// Sizes by format (`gcloud`, `asset`).
  var sizes: [String: Size]
  /// The benchmark's questions.
  var benchmark: Benchmark
  /// Every route.
  var routes: [Route]
  /// Seconds the generator took.
  var generationSeconds: Double?

  /// The route of a pair, if the generator made one.
  func route(_ pair: Pair) -> Route? {
    routes.first { $0.gateway == pair.gateway && $0.backend == pair.backend }
  }
}

/// A generated organisation on disk and the commands the benchmark runs on it.
struct ModelOrg: Sendable {
  /// How the report names it: the size (`10k`) or the folder's name.
  var label: String
  /// The folder holding `meta.json`.
  var directory: String
  /// Its `meta.json`.
  var meta: ModelOrgMeta

  /// The folder of gcloud JSON that gwlog reads.
  var gcloudPath: String { directory + "/" + (meta.gcloudDir ?? "gcloud") }

  /// Bytes of gcloud JSON in `gcloudPath`.
  var gcloudBytes: Int { meta.sizes["gcloud"]?.bytes ?? 0 }

  /// The organisation in `directory`; throws when its `meta.json` is missing or unreadable.
  static func load(directory: String, label: String? = nil) throws -> ModelOrg {
    let path = directory + "/meta.json"
    guard let data = FileManager.default.contents(atPath: path) else {
      throw BenchError(
        "`\(path)` does not exist; generate the organisation with Scripts/gen-gcp-org.py --out "
          + directory)
    }
    do {
      let meta = try JSONDecoder().decode(ModelOrgMeta.self, from: data)
      guard meta.gcloudDir != nil else {
        throw BenchError("`\(path)` has no gcloud folder; generate it with --format gcloud or both")
      }
      return ModelOrg(
        label: label ?? URL(fileURLWithPath: directory).lastPathComponent, directory: directory,
        meta: meta)
    } catch let error as BenchError {
      throw error
    } catch {
      throw BenchError("`\(path)` is not a generator's meta.json: \(error)")
    }
  }

  /// The project count a size names: `1k` is 1,000, `10k` 10,000, `100k` 100,000, and a plain
  /// number is itself; nil for anything else.
  static func projects(forSize size: String) -> Int? {
    if size.hasSuffix("k"), let n = Int(size.dropLast()), n > 0 { return n * 1000 }
    if let n = Int(size), n > 0 { return n }
    return nil
  }

  /// The organisation of `size` projects (seed 1) under `dataRoot/gcp-org-SIZE`, generated
  /// with `Scripts/gen-gcp-org.py` unless its `meta.json` (written last) is there.
  static func ensure(size: String, dataRoot: String) throws -> ModelOrg {
    guard let projects = projects(forSize: size) else {
      throw BenchError(
        "`--model` takes sizes such as 1k, 10k, 100k or a project count, not `\(size)`")
    }
    let directory = "\(dataRoot)/gcp-org-\(size)"
    if !FileManager.default.fileExists(atPath: directory + "/meta.json") {
      try FileManager.default.createDirectory(atPath: dataRoot, withIntermediateDirectories: true)
      let script = Options.packageRoot + "/Scripts/gen-gcp-org.py"
      let status = try Subprocess.run(
        "/usr/bin/env",
        ["python3", script, "--projects", String(projects), "--seed", "1", "--out", directory])
      guard status == 0 else {
        throw BenchError("generator `\(script) --projects \(projects)` exited with \(status)")
      }
    }
    return try load(directory: directory, label: size)
  }
}

/// One command the benchmark runs on an organisation.
struct ModelCommand: Sendable {
  /// What it asks.
  var question: ModelQuestion
  /// Whether it is the `--full` variant (the whole program evaluated).
  var full: Bool
  /// The `gwlog` arguments.
  var arguments: [String]

  /// The report's name for it: `explain working`, `explain working --full`.
  var label: String { question.rawValue + (full ? " --full" : "") }

  /// The commands for `org`: both explains, the callers query and the audit, each with
  /// `--stats`, the org's evaluation time and `threads`; with `full`, also the `--full`
  /// variants of the three goal-directed ones.
  static func all(for org: ModelOrg, full: Bool, threads: Int) -> [ModelCommand] {
    let common = [
      org.gcloudPath, "--at", org.meta.evaluationTime, "--threads", String(threads), "--stats",
    ]
    var out: [ModelCommand] = []
    let bench = org.meta.benchmark
    for variant in full ? [false, true] : [false] {
      let extra = variant ? ["--full"] : []
      if let pair = bench.working {
        out.append(
          ModelCommand(
            question: .explainWorking, full: variant,
            arguments: ["explain", goal(pair)] + common + extra))
      }
      if let pair = bench.broken {
        out.append(
          ModelCommand(
            question: .explainBroken, full: variant,
            arguments: ["explain", goal(pair)] + common + extra))
      }
      if let backend = bench.backend {
        out.append(
          ModelCommand(
            question: .callers, full: variant,
            arguments: ["query", "canInvoke(X, \(quoted(backend)))"] + common + extra
              + ["--format", "tsv"]))
      }
    }
    out.append(
      ModelCommand(
        question: .audit, full: false,
        arguments: ["query", "invokeProblem(G, B, L, C, _)"] + common + ["--format", "tsv"]))
    return out
  }

  /// `canInvoke("G", "B")`.
  static func goal(_ pair: ModelOrgMeta.Pair) -> String {
    "canInvoke(\(quoted(pair.gateway)), \(quoted(pair.backend)))"
  }

  private static func quoted(_ text: String) -> String {
    "\""
      + text.replacingOccurrences(of: "\\", with: "\\\\")
      .replacingOccurrences(of: "\"", with: "\\\"") + "\""
  }
}
