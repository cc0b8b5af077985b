import GwlogCloud
import GwlogEngine

/// `gwlog explain GOAL [PATH ...]` and `gwlog why URL [PATH ...]`: whether GOAL holds, and why.
///
/// The verdict (yes, no or unknown) comes first, then for a gateway/backend pair the cause
/// and the fix as gcloud commands in one screen (`PairReport`), for other goals a small proof
/// or the best repairs (`ExplanationSummary`); `--proof` prints everything, and JSON and DOT
/// carry all of it.
///
/// The first line comes before anything else on either stream, so in text and DOT modes
/// the load warnings follow the explanation (on stderr), and in JSON mode they are in the
/// document's `warnings`. A goal without variables exits with the verdict's code.
enum ExplainCommand {
  /// Runs the command; the exit code comes from the reporter.
  static func run(_ session: CommandSession) {
    let options = session.options
    let reporter = session.reporter
    guard session.goalIsSpelledWell(), session.loadAndCheck(), let asked = session.askedGoal()
    else {
      reporter.setMember("goal", .string(options.goal ?? ""))
      return
    }
    let goal = asked.text
    reporter.setMember("goal", .string(goal))
    if let route = asked.route { reporter.setMember("route", .string(route)) }
    guard let atom = session.parseGoal(goal, path: "<goal>"),
      session.evaluate(goal: atom), let explanation = session.explain(atom)
    else { return }
    let report = options.loadsModel ? PairReport.make(explanation, in: session.workspace) : nil
    let useColor = options.colorsOutput
    let renderer = ProofRenderer(useColor: useColor)
    let verdict: String
    var document: JSONValue
    var text: String
    switch explanation {
    case .proof(let proof):
      verdict = "yes"
      document = renderer.jsonDocument(goal: goal, proof: proof)
      text = options.format == .dot ? renderer.dot(proof) : ""
    case .whyNot(let whyNot):
      verdict = whyNot.verdict
      document = renderer.json(whyNot)
      if options.format == .dot {
        var shown = whyNot
        if let limit = options.limit { shown.repairs = Array(shown.repairs.prefix(limit)) }
        text = renderer.dot(shown, notes: report.flatMap(fixNote).map { [$0] } ?? [])
      } else {
        text = ""
      }
    }
    if let report {
      document = report.json(augmenting: document, limit: options.limit)
    } else if let limit = options.limit {
      document = limitingRepairs(document, to: limit)
    }
    // Both set JSON members too (`evaluatedAt`, `assumed`).
    let timeLine = session.evaluationTimeLine()
    let assumed = session.assumptionLines()
    let focused = !session.readingLines().isEmpty  // sets `unopened` in JSON
    if options.format == .text {
      text = textOutput(explanation, report: report, route: asked.route, session, useColor)
      text += "\nevaluated in " + StatisticsReport.seconds(session.evaluationSeconds)
      text += focused ? " on the backend's chain" : ""
      text += timeLine.map { " (conditions " + $0.dropLast() + ")" } ?? ""
      text += "\n" + assumed
    }
    if case .object(let members) = document {
      for (key, value) in members { reporter.setMember(key, value) }
    }
    if isGround(atom) { reporter.outcome = ExitCode.code(forVerdict: verdict) }
    reporter.print(text, diagnosticsFirst: false)
  }

  /// The text: the pair's report, or the summary of another goal.
  private static func textOutput(
    _ explanation: Explanation, report: PairReport?, route: String?, _ session: CommandSession,
    _ useColor: Bool
  ) -> String {
    let options = session.options
    let renderer = ProofRenderer(useColor: useColor)
    var output: String
    if let report {
      output = report.text(
        PairReport.TextOptions(
          limit: options.limit, verbose: options.showsEverything, useColor: useColor))
      if let route {
        // The route goes right under the verdict, which stays the first line.
        var lines = output.split(separator: "\n", omittingEmptySubsequences: false)
        lines.insert(Substring(route), at: min(1, lines.count))
        output = lines.joined(separator: "\n")
      }
      if case .proof(let proof) = explanation, options.showsEverything {
        output += "\nthe proof:\n" + renderer.text(proof)
      }
    } else {
      output = ExplanationSummary.text(
        explanation, limit: options.limit, verbose: options.showsEverything, renderer: renderer)
    }
    return output
  }

  /// The recommended fix with its commands, for a note in the DOT graph.
  private static func fixNote(_ report: PairReport) -> String? {
    if report.verdict == "unknown" {
      let commands = report.recommendedCommands
      return commands.isEmpty
        ? nil : (["fetch, then ask again:"] + commands).joined(separator: "\n")
    }
    guard let fix = report.recommended else { return nil }
    return (["fix: " + fix.summary] + fix.commands.map { "$ " + $0 }).joined(separator: "\n")
  }

  /// Whether the goal has no variables or wildcards (its verdict is then the exit code).
  static func isGround(_ atom: Atom) -> Bool {
    atom.arguments.allSatisfy { term in
      switch term {
      case .variable, .wildcard: return false
      default: return true
      }
    }
  }

  /// A why-not document with at most `limit` repairs.
  private static func limitingRepairs(_ document: JSONValue, to limit: Int) -> JSONValue {
    guard case .object(var members) = document else { return document }
    for k in members.indices where members[k].0 == "repairs" {
      if case .array(let repairs) = members[k].1 {
        members[k].1 = .array(Array(repairs.prefix(limit)))
      }
    }
    return .object(members)
  }
}
