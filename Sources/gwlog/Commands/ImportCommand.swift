import Foundation
import GwlogCloud
import GwlogEngine

/// `gwlog import PATH ... [-o FILE]`: gcloud JSON to readable, sorted gwlog facts.
enum ImportCommand {
  /// Runs the command; the exit code comes from the reporter.
  static func run(_ session: CommandSession) {
    let options = session.options
    let reporter = session.reporter
    guard !options.paths.isEmpty else {
      reporter.report(
        .error(
          .usage, "`gwlog import` needs at least one PATH",
          help: "name gcloud JSON files or directories, e.g. `gwlog import dumps/ -o org.facts`"))
      return
    }
    let (text, report, statistics) = GcloudImport.factsText(
      paths: options.paths, settings: session.loadSettings(for: options.paths),
      threads: options.threads)
    session.record(report)
    if options.showsStatistics {
      reporter.setMember(
        "importStats",
        .object([
          ("files", .integer(Int64(statistics.files))),
          ("bytes", .integer(Int64(statistics.bytes))),
          ("facts", .integer(Int64(statistics.facts))),
          ("threads", .integer(Int64(statistics.threads))),
          ("microseconds", .integer(Int64(statistics.totalSeconds * 1e6))),
        ]))
      reporter.setTrailer(statistics.summary + "\n")
    }
    guard !reporter.hasErrors else { return }
    if let path = options.importOutput {
      do {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
      } catch {
        reporter.report(.error(.io, "cannot write `\(path)`: \(error.localizedDescription)"))
        return
      }
      let count = Self.factLines(text)
      reporter.setMember(
        "written", .object([("file", .string(path)), ("facts", .integer(Int64(count)))]))
      if options.format == .text { reporter.print("wrote \(count) facts to \(path)\n") }
    } else {
      reporter.setMember("facts", .string(text))
      if options.format == .text { reporter.print(text) }
    }
  }

  /// The lines of `text` that are facts (neither empty nor `%` comments).
  static func factLines(_ text: String) -> Int {
    var count = 0
    var lineStart = true
    for b in text.utf8 {
      if lineStart && b != UInt8(ascii: "%") && b != UInt8(ascii: "\n") { count += 1 }
      lineStart = b == UInt8(ascii: "\n")
    }
    return count
  }
}
