import GwlogEngine

/// `gwlog explain GOAL [PATH ...]`: for now, whether GOAL holds; proof trees and why-not
/// explanations arrive with the provenance feature.
enum ExplainCommand {
  /// The note printed in place of a proof.
  static let proofsUnavailable = "proofs are not available yet"

  /// Runs the command; the exit code comes from the reporter.
  static func run(_ session: CommandSession) {
    let goal = session.options.goal ?? ""
    let reporter = session.reporter
    reporter.setMember("query", .string(goal))
    guard session.loadAndCheck(), session.evaluate(), let answers = session.answer(goal) else {
      return
    }
    let holds = !answers.rows.isEmpty
    reporter.setMember("holds", .bool(holds))
    reporter.setMember("proof", .null)
    reporter.setMember("note", .string(proofsUnavailable))
    var text = holds ? "true\n" : "false\n"
    text += "note: \(proofsUnavailable)\n"
    text += "evaluated in " + StatisticsReport.seconds(session.evaluationSeconds) + "\n"
    reporter.print(text)
  }
}
