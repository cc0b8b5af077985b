import GwlogEngine

/// `gwlog query GOAL [PATH ...]`: evaluate, then print the answers to GOAL as a table,
/// TSV rows or a JSON document.
enum QueryCommand {
  /// Runs the command; the exit code comes from the reporter.
  static func run(_ session: CommandSession) {
    let goal = session.options.goal ?? ""
    let reporter = session.reporter
    var answers: QueryResult?
    if session.loadAndCheck(), session.evaluate() {
      answers = session.answer(goal)
    }
    reporter.setMember("query", .string(goal))
    guard let answers else {
      reporter.setMember("answers", .array([]))
      return
    }
    let rows = Array(answers.rows.prefix(session.options.limit ?? Int.max))
    reporter.setMember("answers", AnswerTable.json(variables: answers.variables, rows: rows))
    switch session.options.format {
    case .tsv: reporter.print(AnswerTable.tsv(variables: answers.variables, rows: rows))
    default: reporter.print(AnswerTable.text(variables: answers.variables, rows: rows))
    }
  }
}
