import GwlogEngine

/// `gwlog check [PATH ...]`: parse and analyse without evaluating; print the diagnostics
/// and, when there is no error, a one-line summary.
enum CheckCommand {
  /// Runs the command; the exit code comes from the reporter.
  static func run(_ session: CommandSession) {
    guard session.loadAndCheck() else { return }
    let workspace = session.workspace
    let relations = workspace.relationNames.count
    let rules = workspace.ruleCount
    session.reporter.setMember(
      "summary",
      .object([("relations", .integer(Int64(relations))), ("rules", .integer(Int64(rules)))]))
    let relationWord = relations == 1 ? "relation" : "relations"
    let ruleWord = rules == 1 ? "rule" : "rules"
    session.reporter.print("ok: \(relations) \(relationWord), \(rules) \(ruleWord)\n")
  }
}
