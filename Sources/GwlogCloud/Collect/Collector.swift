import Foundation
import GwlogEngine

/// What `gwlog collect` reads: gateways named one by one, every gateway of some projects,
/// and the projects to search for backend addresses that do not name theirs.
public struct CollectScope: Sendable {
  /// `--gateway G --project P --location L`.
  public var gateways: [GatewayReference]
  /// `--all-gateways --project P`.
  public var allGatewaysProjects: [String]
  /// `--backend-project P`: where to look up `*.a.run.app` addresses.
  public var backendProjects: [String]
  /// `--organization O`, `--folder F`, `--project P` alone: nodes (`organizations/O`,
  /// `folders/F`, `projects/P`) read whole from Cloud Asset Inventory
  /// (docs/collect.md#the-scope-route).
  public var assetScopes: [String]

  /// Creates a scope.
  public init(
    gateways: [GatewayReference] = [], allGatewaysProjects: [String] = [],
    backendProjects: [String] = [], assetScopes: [String] = []
  ) {
    self.gateways = gateways
    self.allGatewaysProjects = allGatewaysProjects
    self.backendProjects = backendProjects
    self.assetScopes = assetScopes
  }
}

/// How far a collection is, for progress lines.
public struct CollectProgress: Sendable {
  /// Commands finished.
  public var done: Int
  /// Commands chosen so far (grows as outputs name more things to read).
  public var total: Int
  /// Commands that failed so far.
  public var failed: Int
  /// What the last finished command read.
  public var reading: String
}

/// What a collection did.
public struct CollectSummary: Sendable {
  /// Every log entry, in the order the commands were chosen.
  public var entries: [CollectLogEntry]
  /// The files written, sorted.
  public var written: [String]
  /// Files an earlier collection wrote that this one did not, removed.
  public var removed: [String]

  /// The gcloud commands run.
  public var commands: Int { entries.filter { $0.status != nil }.count }
  /// The entries that failed (commands, and addresses no command could be chosen for).
  public var failures: [CollectLogEntry] { entries.filter { $0.failure != nil } }
}

/// A problem that stops a collection before or after its commands.
public struct CollectError: Error, Sendable {
  /// One lowercase sentence.
  public var message: String
  /// How to fix it.
  public var help: String?
}

/// Drives gcloud along the chain from gateways to everything their routes rest on
/// (docs/collect.md#the-chain), or reads whole scopes from Cloud Asset Inventory and what it
/// does not hold (docs/collect.md#the-scope-route): each round runs the commands the previous outputs named, in
/// parallel, then reads what they printed; writes every output under the naming convention
/// and the log of every command.
public final class Collector {
  let runner: any GcloudRunner
  let folder: String
  let jobs: Int
  /// The chain's state: what was read so far and what waits on what.
  var state = CollectState()
  /// Every step chosen, so that none runs twice.
  private var issued: Set<CollectStep> = []
  private var entries: [CollectLogEntry] = []
  private var written: Set<String> = []

  /// A collector that runs `runner` (at most `jobs` commands at a time) and writes into
  /// `folder`.
  public init(runner: any GcloudRunner, folder: String, jobs: Int = 4) {
    self.runner = runner
    self.folder = folder
    self.jobs = max(1, jobs)
  }

  /// The steps a collection starts with.
  static func firstSteps(_ scope: CollectScope) -> [CollectStep] {
    scope.gateways.map { CollectStep.gateway($0) }
      + scope.allGatewaysProjects.map { CollectStep.gatewayList(project: $0) }
      + scope.assetScopes.flatMap { node in
        ["resource", "iam-policy"].map { CollectStep.assetList(scope: node, content: $0) }
      }
  }

  /// The commands a collection starts with, as shell lines (`--dry-run`): the later ones
  /// depend on what these print.
  public static func firstCommands(_ scope: CollectScope) -> [String] {
    firstSteps(scope).map { step in
      (["gcloud"] + step.arguments).map(CollectLog.shellQuoted).joined(separator: " ")
    }
  }

  /// Runs the whole chain for `scope`; `progress` is called after each command, from the
  /// thread that ran it.
  public func collect(
    _ scope: CollectScope, progress: (@Sendable (CollectProgress) -> Void)? = nil
  ) throws -> CollectSummary {
    try prepareFolder()
    let previous = previousOutputs()
    state.backendProjects = scope.backendProjects
    state.scopeRoute = !scope.assetScopes.isEmpty
    var round = admit(Self.firstSteps(scope))
    let counter = ProgressCounter()
    while !round.isEmpty {
      counter.add(total: round.count)
      let runner = self.runner
      let steps = round
      let results = ParallelRuns.map(steps.count, jobs: jobs) { index in
        let result = runner.run(steps[index].arguments)
        let snapshot = counter.finished(failed: result.status != 0, steps[index].summary)
        progress?(snapshot)
        return result
      }
      var next: [CollectStep] = []
      for (step, result) in zip(steps, results) { next += process(step, result) }
      next += state.resolveHashedAddresses()
      round = admit(next)
    }
    for unresolved in state.unresolvedAddresses() { entries.append(unresolved) }
    let removed = try removeStale(previous)
    try writeLog()
    return CollectSummary(
      entries: entries, written: written.sorted(), removed: removed)
  }

  /// The steps not chosen before, in order, each once.
  private func admit(_ steps: [CollectStep]) -> [CollectStep] {
    steps.filter { issued.insert($0).inserted }
  }

  /// Marks a step as done without running it (a project described by its number).
  func markIssued(_ step: CollectStep) { issued.insert(step) }

  /// Logs one finished command, writes its output, and returns the steps it names.
  private func process(_ step: CollectStep, _ result: GcloudResult) -> [CollectStep] {
    let milliseconds = Int64((result.seconds * 1000).rounded())
    var entry = CollectLogEntry(
      arguments: step.arguments, status: result.status, output: step.output, written: false,
      reads: step.reads, failure: nil, milliseconds: milliseconds)
    guard result.status == 0 else {
      entry.failure = GcloudFailure.classify(status: result.status, stderr: result.stderr)
      entry.addresses = state.addresses[step] ?? []
      entries.append(entry)
      return state.failed(step)
    }
    guard case .success(let json) = JSONReader.parse(result.stdout) else {
      entry.failure = GcloudFailure(
        code: "BAD_OUTPUT", message: "gcloud exited with 0 but did not print JSON")
      entry.addresses = state.addresses[step] ?? []
      entries.append(entry)
      return state.failed(step)
    }
    let outcome = state.followUps(step, json)
    for done in outcome.alreadyRun { markIssued(done) }
    entry.note = outcome.note
    if let name = outcome.output ?? step.output, outcome.writes {
      entry.output = name
      do {
        try write(result.stdout, to: name)
        entry.written = true
      } catch {
        entry.failure = GcloudFailure(
          code: "NOT_WRITTEN", message: "cannot write `\(name)`: \(error.localizedDescription)")
      }
    } else if !outcome.writes {
      entry.output = nil
    }
    entries.append(entry)
    return outcome.next
  }

  // ---- the folder ---------------------------------------------------------------------------

  private func prepareFolder() throws {
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) {
      guard isDirectory.boolValue else {
        throw CollectError(
          message: "`\(folder)` is a file, not a folder",
          help: "name a folder with `-o DIR`; it is created when missing")
      }
      return
    }
    do {
      try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    } catch {
      throw CollectError(
        message: "cannot create `\(folder)`: \(error.localizedDescription)",
        help: "name a folder you may write with `-o DIR`")
    }
  }

  private func path(_ name: String) -> String {
    folder.hasSuffix("/") ? folder + name : folder + "/" + name
  }

  /// Writes `bytes` as `name` in the folder, atomically (a reader never sees half a file).
  private func write(_ bytes: [UInt8], to name: String) throws {
    try Data(bytes).write(to: URL(fileURLWithPath: path(name)), options: .atomic)
    written.insert(name)
  }

  /// The outputs the folder's previous log says were written.
  private func previousOutputs() -> [String] {
    guard let data = FileManager.default.contents(atPath: path(CollectLog.fileName)) else {
      return []
    }
    return CollectLog.writtenOutputs([UInt8](data))
  }

  /// Removes what the previous collection wrote and this one did not (a read that now fails
  /// must not leave its old output behind); only plain names in the folder are touched.
  private func removeStale(_ previous: [String]) throws -> [String] {
    var removed: [String] = []
    for name in Set(previous).subtracting(written).sorted()
    where !name.contains("/") && name.hasSuffix(".json") && name != CollectLog.fileName {
      let file = path(name)
      guard FileManager.default.fileExists(atPath: file) else { continue }
      do {
        try FileManager.default.removeItem(atPath: file)
        removed.append(name)
      } catch {
        throw CollectError(
          message: "cannot remove the stale `\(file)`: \(error.localizedDescription)",
          help: "remove it by hand: an earlier collection wrote it and this one could not read it")
      }
    }
    return removed
  }

  private func writeLog() throws {
    do {
      try Data(CollectLog.text(entries).utf8).write(
        to: URL(fileURLWithPath: path(CollectLog.fileName)), options: .atomic)
    } catch {
      throw CollectError(
        message: "cannot write `\(path(CollectLog.fileName))`: \(error.localizedDescription)",
        help: "check that the folder may be written")
    }
  }
}

/// Counts finished commands across the worker threads.
private final class ProgressCounter: @unchecked Sendable {
  private let lock = NSLock()
  private var done = 0
  private var total = 0
  private var failed = 0

  func add(total count: Int) {
    lock.lock()
    total += count
    lock.unlock()
  }

  func finished(failed failure: Bool, _ reading: String) -> CollectProgress {
    lock.lock()
    defer { lock.unlock() }
    done += 1
    if failure { failed += 1 }
    return CollectProgress(done: done, total: total, failed: failed, reading: reading)
  }
}
