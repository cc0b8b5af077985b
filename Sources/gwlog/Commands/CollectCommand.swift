import Foundation
import GwlogCloud
import GwlogEngine

/// `gwlog collect`: gcloud run from gateways along their chains into a snapshot folder.
///
/// It reads everything the gateways' routes rest on (docs/collect.md). The chain itself is
/// `Collector`'s; this parses options, finds gcloud and prints progress and the summary.
enum CollectCommand {
  /// Runs the command; returns the exit code (2 for usage errors and a missing gcloud, 1
  /// when no gateway could be read).
  static func main(_ split: SplitArguments) -> Int32 {
    var errors = split.errors
    let options = CollectOptions(split, errors: &errors)
    let reporter = Reporter(
      format: .text, colorsDiagnostics: Terminal.colorsDiagnostics(options.color))
    guard errors.isEmpty else {
      reporter.report(errors)
      return reporter.finish()
    }
    if options.dryRun {
      for line in Collector.firstCommands(options.scope) { reporter.print(line + "\n") }
      reporter.print(
        "(later commands depend on what these print; the log of a real run lists them all)\n")
      return reporter.finish()
    }
    let environment = ProcessInfo.processInfo.environment
    guard
      let gcloud = ProcessGcloudRunner.locate(explicit: options.gcloud, environment: environment)
    else {
      let named = options.gcloud ?? environment["GWLOG_GCLOUD"]
      reporter.report(
        .error(
          .usage,
          named.map { "gcloud `\($0)` is not an executable file" }
            ?? "gcloud is not on PATH",
          help: "install the Google Cloud CLI (`gcloud`), or name it with `--gcloud PATH` or "
            + "GWLOG_GCLOUD"))
      return reporter.finish()
    }
    let collector = Collector(
      runner: ProcessGcloudRunner(program: gcloud), folder: options.folder, jobs: options.jobs)
    let showsProgress = Terminal.isErrorTerminal
    let start = Date()
    let summary: CollectSummary
    do {
      summary = try collector.collect(options.scope) { progress in
        guard showsProgress else { return }
        let failed = progress.failed > 0 ? ", \(progress.failed) failed" : ""
        Terminal.writeError(
          "\r\u{1B}[2K[\(progress.done)/\(progress.total)\(failed)] \(progress.reading)")
      }
    } catch let error as CollectError {
      if showsProgress { Terminal.writeError("\r\u{1B}[2K") }
      reporter.report(.error(.io, error.message, help: error.help))
      return reporter.finish()
    } catch {
      reporter.report(.error(.io, "collection failed: \(error)"))
      return reporter.finish()
    }
    if showsProgress { Terminal.writeError("\r\u{1B}[2K") }
    report(summary, options: options, seconds: Date().timeIntervalSince(start), to: reporter)
    return reporter.finish()
  }

  /// The summary: what was written, what failed and what that leaves unknown, and the next
  /// command to run.
  private static func report(
    _ summary: CollectSummary, options: CollectOptions, seconds: Double, to reporter: Reporter
  ) {
    let folder = options.folder
    reporter.print(
      "wrote \(summary.written.count) gcloud outputs to \(folder) "
        + "(\(summary.commands) gcloud commands, \(String(format: "%.1f", seconds)) s)\n")
    if !summary.removed.isEmpty {
      reporter.print(
        "removed \(summary.removed.count) outputs of an earlier collection that this one did "
          + "not write\n")
    }
    let failures = summary.failures
    if !failures.isEmpty {
      reporter.print(
        "\(failures.count) reads failed; the verdicts that rest on them will say unknown:\n")
      for entry in failures {
        let code = entry.failure?.code ?? "FAILED"
        let what = entry.arguments.isEmpty ? "" : entry.commandLine + ": "
        reporter.print("  \(code) \(what)\(entry.failure?.message ?? "")\n")
      }
    }
    reporter.print("log: \(folder)/\(CollectLog.fileName)\n")
    reporter.print("next: gwlog query 'canInvoke(X, Y)' \(folder)\n")
    let gatewayFailed = summary.entries.contains { entry in
      entry.failure != nil && entry.arguments.starts(with: ["api-gateway", "gateways"])
    }
    if gatewayFailed {
      reporter.report(
        .error(
          .io, "a gateway could not be read, so its routes are not in the snapshot",
          help: "see the failed `gcloud api-gateway gateways` command above"))
    }
  }
}
