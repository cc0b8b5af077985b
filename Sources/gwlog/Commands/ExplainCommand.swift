import GwlogCloud
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
    guard session.loadAndCheck(), session.evaluate(goal: goal),
      let explanation = session.explain(goal)
    else { return }
    let renderer = ProofRenderer(
      useColor: options.format == .text
        && Terminal.colorsOutput(noColorFlag: options.forbidsColor))
    let document: JSONValue
    let text: String
    switch explanation {
    case .proof(let proof):
      document = renderer.jsonDocument(goal: goal, proof: proof)
      text = options.format == .dot ? renderer.dot(proof) : renderer.text(proof)
    case .whyNot(let whyNot):
      var whyNotDocument = renderer.json(whyNot)
      var whyNotText = options.format == .dot ? renderer.dot(whyNot) : renderer.text(whyNot)
      // With the model, its diagnosis of the pair follows the first line.
      let causes = options.loadsModel ? Causes.of(goal: whyNot.goal, in: session.workspace) : []
      if !causes.isEmpty {
        if case .object(var members) = whyNotDocument {
          members.append(
            (
              "causes",
              .array(
                causes.map {
                  .object([
                    ("layer", .string($0.layer)), ("code", .string($0.code)),
                    ("detail", .string($0.detail)),
                  ])
                })
            ))
          whyNotDocument = .object(members)
        }
        if options.format == .text, let newline = whyNotText.firstIndex(of: "\n") {
          var section = "\ncauses found by the Google Cloud model:\n"
          for cause in causes { section += "  \(cause.layer) \(cause.code): \(cause.detail)\n" }
          whyNotText.insert(contentsOf: section, at: whyNotText.index(after: newline))
        }
      }
      document = whyNotDocument
      text = whyNotText
    }
    if case .object(let members) = document {
      for (key, value) in members { reporter.setMember(key, value) }
    }
    var output = text
    // One last line: how long evaluation took and, with the model, the time used for
    // IAM conditions.
    let timeLine = session.evaluationTimeLine()
    if options.format == .text {
      output += "\nevaluated in " + StatisticsReport.seconds(session.evaluationSeconds)
      output += timeLine.map { " (conditions " + $0.dropLast() + ")" } ?? ""
      output += "\n"
    }
    reporter.print(output, diagnosticsFirst: false)
  }
}
