import GwlogEngine

/// `gwlog explain GOAL [PATH ...]`: the minimal-height proof of GOAL, or why it does not
/// hold, as a text tree, a JSON document or a Graphviz graph.
///
/// The first line of a why-not comes before anything else on either stream, so in text and
/// DOT modes the load warnings follow the explanation (on stderr), and in JSON mode they
/// are in the document's `warnings`.
enum ExplainCommand {
  /// Runs the command; the exit code comes from the reporter (0 whether or not GOAL holds).
  static func run(_ session: CommandSession) {
    let options = session.options
    let goal = options.goal ?? ""
    let reporter = session.reporter
    reporter.setMember("goal", .string(goal))
    guard session.loadAndCheck(), let atom = session.parseGoal(goal, path: "<goal>"),
      session.evaluate(goal: atom), let explanation = session.explain(atom)
    else { return }
    let renderer = ProofRenderer(
      useColor: options.colorsOutput)
    let document: JSONValue
    let text: String
    switch explanation {
    case .proof(let proof):
      document = renderer.jsonDocument(goal: goal, proof: proof)
      text = options.format == .dot ? renderer.dot(proof) : renderer.text(proof)
    case .whyNot(let whyNot):
      // With the model, its diagnosis of the pair (the findings) follows the first line.
      document = renderer.json(whyNot)
      text = options.format == .dot ? renderer.dot(whyNot) : renderer.text(whyNot)
    }
    if case .object(let members) = document {
      for (key, value) in members { reporter.setMember(key, value) }
    }
    var output = text
    // One last line: how long evaluation took and, with the model, the time used for
    // IAM conditions.
    let timeLine = session.evaluationTimeLine()
    let assumed = session.assumptionLines()
    if options.format == .text {
      output += "\nevaluated in " + StatisticsReport.seconds(session.evaluationSeconds)
      output += timeLine.map { " (conditions " + $0.dropLast() + ")" } ?? ""
      output += "\n" + assumed
    }
    reporter.print(output, diagnosticsFirst: false)
  }
}
