import Foundation
import GwlogCloud
import GwlogEngine

extension ExitCode {
  /// `gwlog diff`: a pair that could invoke in the old snapshot no longer can.
  static let pairLost: Int32 = 4
}

/// `gwlog diff OLD_DIR NEW_DIR`: the pairs whose verdict changed between two snapshots,
/// each with its causes and the facts that changed it; exit 4 when a pair was lost.
enum DiffCommand {
  /// Runs the command; the exit code comes from the reporter.
  static func run(_ session: CommandSession) {
    let options = session.options
    let reporter = session.reporter
    // Both snapshots are judged at the same instant, so that no condition flips between them.
    var shared = options
    shared.evaluationTime = options.evaluationTime ?? Int64(Date().timeIntervalSince1970)
    var sides: [CommandSession] = []
    for path in options.paths {
      var one = shared
      one.paths = [path]
      let side = CommandSession(options: one, reporter: reporter)
      guard side.loadAndCheck(), side.evaluate() else { return }
      reporter.detachSpans()
      sides.append(side)
    }
    guard sides.count == 2 else { return }
    let changes: [VerdictChange]
    do {
      changes = try SnapshotDiff.changes(old: sides[0].workspace, new: sides[1].workspace)
    } catch {
      reporter.report(error: error)
      return
    }
    let timeLine = sides[1].evaluationTimeLine() ?? ""
    let roots = options.paths
    reporter.setMember("changes", .array(changes.map { json($0, roots: roots) }))
    reporter.setMember("summary", summaryJSON(changes))
    if options.format == .text {
      reporter.print(
        changes.map { text($0, roots: roots) }.joined() + summary(changes) + "\n" + timeLine)
    }
    if changes.contains(where: \.isLost) { reporter.outcome = ExitCode.pairLost }
  }

  /// `lost`, `gained` or `changed`.
  static func label(_ change: VerdictChange) -> String {
    change.isLost ? "lost" : change.isGained ? "gained" : "changed"
  }

  /// One change as text: the pair and both verdicts, the causes, then each fact that
  /// changed with its file (relative to its snapshot) and JSON pointer.
  static func text(_ change: VerdictChange, roots: [String]) -> String {
    var out = "\(label(change)): \(change.gateway) -> \(change.backend): "
    out += "\(change.old ?? "not routed") -> \(change.new ?? "not routed")\n"
    let side = change.causesAreOld ? "old" : "new"
    for cause in change.causes { out += "  cause (\(side)): \(cause)\n" }
    for fact in change.facts {
      out += "  \(fact.isAdded ? "added" : "removed"): \(fact.fact)\n"
      out += "    in \(place(fact.origin, roots: roots))\n"
    }
    return out
  }

  /// `old:FILE:LINE at /pointer`, the file relative to its snapshot folder.
  static func place(_ origin: FactOrigin, roots: [String]) -> String {
    var file = origin.file
    for (root, side) in zip(roots, ["old", "new"]) {
      let prefix = root.hasSuffix("/") ? root : root + "/"
      if file.hasPrefix(prefix) {
        file = side + ":" + file.dropFirst(prefix.count)
        break
      }
    }
    var out = file + (origin.line.map { ":\($0)" } ?? "")
    if let pointer = origin.path { out += " at " + (pointer.isEmpty ? "/" : pointer) }
    return out
  }

  /// The closing line.
  static func summary(_ changes: [VerdictChange]) -> String {
    guard !changes.isEmpty else { return "no verdict changed\n" }
    let lost = changes.filter(\.isLost).count
    let gained = changes.filter(\.isGained).count
    let pairs = changes.count == 1 ? "1 pair" : "\(changes.count) pairs"
    return "\n\(pairs) changed: \(lost) lost, \(gained) gained, "
      + "\(changes.count - lost - gained) other\n"
  }

  static func summaryJSON(_ changes: [VerdictChange]) -> JSONValue {
    let lost = changes.filter(\.isLost).count
    let gained = changes.filter(\.isGained).count
    return .object([
      ("changed", .integer(Int64(changes.count))), ("lost", .integer(Int64(lost))),
      ("gained", .integer(Int64(gained))),
    ])
  }

  /// One change as JSON.
  static func json(_ change: VerdictChange, roots: [String]) -> JSONValue {
    .object([
      ("gateway", .string(change.gateway)),
      ("backend", .string(change.backend)),
      ("old", change.old.map(JSONValue.string) ?? .null),
      ("new", change.new.map(JSONValue.string) ?? .null),
      ("change", .string(label(change))),
      ("causes", .array(change.causes.map(JSONValue.string))),
      ("causesFrom", .string(change.causesAreOld ? "old" : "new")),
      (
        "facts",
        .array(
          change.facts.map { fact in
            .object([
              ("change", .string(fact.isAdded ? "added" : "removed")),
              ("fact", .string(fact.fact)),
              ("source", AuditCommand.origin(fact.origin)),
            ])
          })
      ),
    ])
  }
}
