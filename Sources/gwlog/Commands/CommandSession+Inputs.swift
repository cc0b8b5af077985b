import Foundation
import GwlogCloud
import GwlogEngine

/// How a command reads its PATHs and says what it read: standard input for `-`, skipping
/// bad files (`--keep-going`, the default when a folder is read), and `-v`.
extension CommandSession {
  /// The settings for loading `paths`: keep going when asked, or by default when one of
  /// them is a folder; standard input read once when a path is `-`.
  func loadSettings(for paths: [String]) -> LoadSettings {
    let keepsGoing = options.keepsGoing ?? paths.contains(where: Self.isDirectory)
    let input = paths.contains("-") ? [UInt8](FileHandle.standardInput.readDataToEndOfFile()) : nil
    return LoadSettings(keepsGoing: keepsGoing, standardInput: input, focus: readFocus())
  }

  /// The backend whose chain alone is read: a `query` or `explain` of a `canInvoke` goal
  /// with a constant backend, goal-directed, with the model, without `--read-all`.
  private func readFocus() -> ReadFocus? {
    guard options.loadsModel, !options.readsAll,
      options.command == .query || options.command == .explain,
      options.queryFile == nil, options.requestURL == nil
    else { return nil }
    if let backend = options.backend { return ReadFocus(backend: backend) }
    guard options.gateway == nil, let goal = options.goal else { return nil }
    return ReadFocus(goal: goal)
  }

  /// The line that says a focused read left files unopened, also set as `unopened` in JSON
  /// output; empty when every file was read.
  func readingLines() -> String {
    guard unopenedFiles > 0 else { return "" }
    reporter.setMember("unopened", .integer(Int64(unopenedFiles)))
    let count = unopenedFiles == 1 ? "1 file" : "\(unopenedFiles) files"
    return "read the backend's chain: \(count) of other projects not opened (--read-all)\n"
  }

  /// Hands a load's problems to the reporter, each skipped file's errors as warnings with
  /// the closing `N files skipped` line and an answer marked incomplete, and with `-v` the
  /// list of files read.
  func record(_ report: LoadReport) {
    reporter.report(report.problems)
    unopenedFiles = report.unopened
    let skipped = report.skipped
    for file in skipped {
      reporter.report(
        file.errors.map { error in
          var warning = error
          warning.severity = .warning
          return warning
        })
    }
    if options.isVerbose { listFiles(report.files) }
    guard !skipped.isEmpty else { return }
    let count = skipped.count == 1 ? "1 file" : "\(skipped.count) files"
    reporter.setMember("incomplete", .bool(true))
    reporter.appendMember(
      "skipped",
      skipped.map { file in
        .object([
          ("file", .string(file.path)),
          ("reason", .string(file.errors.first?.message ?? "it could not be read")),
        ])
      })
    reporter.closingLines.append(
      "gwlog: \(count) skipped (the errors above say why); the answer may be incomplete")
    if options.format == .text {
      let ending =
        "the answer may be incomplete: \(count) could not be read and "
        + (skipped.count == 1 ? "was" : "were") + " skipped"
      reporter.outputEnding =
        options.command == .import ? "% " + ending + "\n" : "\n" + ending + "\n"
    }
  }

  /// `-v`: each file on stderr with what it was read as, and in JSON as `inputs`.
  private func listFiles(_ files: [LoadedFile]) {
    for file in files {
      reporter.leadingLines.append(
        file.isSkipped
          ? "skipped \(file.path): \(file.errors.first?.message ?? "it could not be read")"
          : "read \(file.path): \(file.kind ?? "")")
    }
    reporter.appendMember(
      "inputs",
      files.map { file in
        .object([
          ("file", .string(file.path)),
          ("kind", file.kind.map(JSONValue.string) ?? .null),
          ("skipped", .bool(file.isSkipped)),
        ])
      })
  }
}
