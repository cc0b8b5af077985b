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
    let (text, diagnostics) = GcloudImport.factsText(paths: options.paths)
    for d in diagnostics { reporter.report(d) }
    guard !reporter.hasErrors else { return }
    if let path = options.importOutput {
      do {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
      } catch {
        reporter.report(.error(.io, "cannot write `\(path)`: \(error.localizedDescription)"))
        return
      }
      let count = text.split(separator: "\n").filter { !$0.hasPrefix("%") && !$0.isEmpty }.count
      reporter.setMember(
        "written", .object([("file", .string(path)), ("facts", .integer(Int64(count)))]))
      if options.format == .text { reporter.print("wrote \(count) facts to \(path)\n") }
    } else {
      reporter.setMember("facts", .string(text))
      if options.format == .text { reporter.print(text) }
    }
  }
}
