import Foundation
import GwlogCloud
import GwlogEngine

/// The steps the subcommands share: load the PATHs into a workspace, check, evaluate and
/// answer goals, with every diagnostic passed on to the reporter.
final class CommandSession {
  /// The validated command line.
  let options: Options
  /// Where results and diagnostics go.
  let reporter: Reporter
  /// The engine session.
  let workspace = Workspace()
  /// Wall time of the last `evaluate()`, in seconds.
  private(set) var evaluationSeconds: Double = 0
  /// Wall time of `loadAndCheck()`: the model, the PATHs (gcloud JSON imported) and the check.
  private(set) var readSeconds: Double = 0
  /// Wall time spent answering after evaluation (proofs, why-nots, verdicts) that did not
  /// evaluate again.
  private(set) var answerSeconds: Double = 0

  /// gcloud output files a focused read did not open (docs/reading.md).
  var unopenedFiles = 0

  /// The evaluation time of IAM conditions (`--at`, else now), in seconds since 1970 UTC.
  let evaluationTime: Int64

  /// Creates a session for one command.
  init(options: Options, reporter: Reporter) {
    self.options = options
    self.reporter = reporter
    self.evaluationTime = options.evaluationTime ?? Int64(Date().timeIntervalSince1970)
  }

  /// The line that says which time conditions were evaluated at, when the model is loaded;
  /// also set as `evaluatedAt` in JSON output.
  func evaluationTimeLine() -> String? {
    guard options.loadsModel else { return nil }
    let time = RFC3339.string(fromSeconds: evaluationTime)
    reporter.setMember("evaluatedAt", .string(time))
    return "evaluated at \(time)\n"
  }

  /// Loads the PATHs (`./facts` when none is given and the command does that), attaches
  /// the `-F` directory, and checks the program; returns whether there are no errors.
  func loadAndCheck() -> Bool {
    let clock = ContinuousClock()
    let start = clock.now
    defer { readSeconds = Self.seconds(clock.now - start) }
    if let directory = options.factsDirectory {
      guard Self.isDirectory(directory) else {
        reporter.report(
          .error(
            .io, "facts directory `\(directory)` does not exist",
            help: "`-F` takes a directory of NAME.facts or NAME.tsv files"))
        return false
      }
      workspace.factsDirectory = directory
    }
    var paths = options.paths
    if paths.isEmpty, options.command.loadsDefaultFacts, Self.isDirectory("facts") {
      paths = ["facts"]
    }
    record(
      ModelSession.load(
        paths: paths, into: workspace, evaluationTime: evaluationTime,
        withModel: options.loadsModel, assumptions: options.assumptions, threads: options.threads,
        settings: loadSettings(for: paths)))
    if let queryFile = options.queryFile { workspace.load(path: queryFile) }
    workspace.check()
    synchronize()
    return !reporter.hasErrors
  }

  /// The command's goal, parsed once (diagnostics name `path`); nil, with the error
  /// reported, when it does not parse.
  func parseGoal(_ text: String, path: String) -> Atom? {
    do {
      let atom = try workspace.parseGoal(text, path: path)
      synchronize()
      return atom
    } catch {
      synchronize()
      reporter.report(error: error)
      return nil
    }
  }

  /// Evaluates the program; returns whether it completed without errors.
  ///
  /// With `--stats` it also hands the statistics to the reporter, whether or not
  /// evaluation completed.
  ///
  /// With a `goal` (single-goal `query` and `explain`), only what the goal needs is
  /// evaluated unless `--full` is given.
  func evaluate(goal: Atom? = nil) -> Bool {
    let clock = ContinuousClock()
    let start = clock.now
    do {
      if let goal, !options.evaluatesInFull {
        try workspace.evaluate(
          for: goal, options: options.evaluationOptions,
          forExplanation: options.command.explains)
      } else {
        try workspace.evaluate(options: options.evaluationOptions)
      }
    } catch {
      reporter.report(error: error)
    }
    if options.format == .text && Terminal.isErrorTerminal && !options.command.explains {
      Terminal.writeError("\r\u{1B}[2K")  // clear the progress line
    }
    evaluationSeconds = Self.seconds(clock.now - start)
    synchronize()
    reportStatistics()
    return !reporter.hasErrors
  }

  /// Hands the statistics to the reporter with `--stats`.
  private func reportStatistics() {
    guard options.showsStatistics else { return }
    let statistics = workspace.statistics
    let phases = StatisticsReport.Phases(read: readSeconds, answer: answerSeconds)
    reporter.setMember(
      "stats", StatisticsReport.json(statistics, wallSeconds: evaluationSeconds, phases: phases))
    reporter.setTrailer(
      StatisticsReport.text(statistics, wallSeconds: evaluationSeconds, phases: phases))
  }

  /// A duration in seconds.
  private static func seconds(_ duration: Duration) -> Double {
    let parts = duration.components
    return Double(parts.seconds) + Double(parts.attoseconds) * 1e-18
  }

  /// Runs `body`; when it made the workspace evaluate again (a goal-directed evaluation
  /// completed for a why-not), its time counts as evaluation, otherwise as answering; the
  /// statistics are renewed either way.
  private func counted<T>(_ body: () throws -> T) rethrows -> T {
    let before = workspace.evaluationCount
    let clock = ContinuousClock()
    let start = clock.now
    defer {
      let elapsed = Self.seconds(clock.now - start)
      if workspace.evaluationCount != before {
        evaluationSeconds += elapsed
      } else {
        answerSeconds += elapsed
      }
      reportStatistics()
    }
    return try body()
  }

  /// Answers `goal` (written as `text`) against the evaluated program; nil (with
  /// diagnostics) when it fails.
  func answer(_ goal: Atom, text: String) -> QueryResult? {
    do {
      let result = try counted { try workspace.answer(goal, text: text) }
      synchronize()
      return result
    } catch {
      synchronize()
      reporter.report(error: error)
      return nil
    }
  }

  /// Explains `goal` (its proof, or why it does not hold, with the model's causes when the
  /// model is loaded) within `options.depth`; nil (with diagnostics) when the goal is bad.
  func explain(_ goal: Atom) -> Explanation? {
    do {
      let explanation = try counted {
        options.loadsModel
          ? try ModelSession.explain(goal, in: workspace, depth: options.depth)
          : try workspace.explain(goal, depth: options.depth)
      }
      synchronize()
      return explanation
    } catch {
      synchronize()
      reporter.report(error: error)
      return nil
    }
  }

  /// With the model, the verdict of every pair a `canInvoke` goal matches; nil otherwise or
  /// when the goal is not about `canInvoke`.
  func verdicts(_ goal: Atom) -> [PairVerdict]? {
    guard options.loadsModel else { return nil }
    do {
      let verdicts = try counted { try ModelSession.verdicts(for: goal, in: workspace) }
      synchronize()
      return verdicts
    } catch {
      synchronize()
      reporter.report(error: error)
      return nil
    }
  }

  /// The lines that say what was assumed (`--assume-no-deny`), also set as `assumed` in
  /// JSON output; empty when nothing was.
  func assumptionLines() -> String {
    guard options.loadsModel, !options.assumptions.isEmpty else { return "" }
    reporter.setMember("assumed", .array(options.assumptions.map { .string($0.rawValue) }))
    return options.assumptions.map { "assumed: " + $0.statement + "\n" }.joined()
  }

  /// The source text of a `?-` query's goal, as written in its file.
  func goalText(of query: Query) -> String {
    let span = query.goal.span
    if let file = workspace.sources.file(span.file), span.start >= 0,
      Int(span.end) <= file.bytes.count, span.start < span.end
    {
      return String(decoding: file.bytes[Int(span.start)..<Int(span.end)], as: UTF8.self)
    }
    return Printer.atom(query.goal)
  }

  /// Passes the workspace's sources and new diagnostics to the reporter.
  private func synchronize() {
    reporter.sources = workspace.sources
    reporter.report(workspace.diagnostics)
  }

  static func isDirectory(_ path: String) -> Bool {
    var isDirectory: ObjCBool = false
    return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
      && isDirectory.boolValue
  }
}
