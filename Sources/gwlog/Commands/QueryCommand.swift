import GwlogEngine

/// `gwlog query GOAL [PATH ...]`: evaluate, then print the answers to GOAL as a table,
/// TSV rows or a JSON document; with `--explain`, each answer's proof as well.
enum QueryCommand {
  /// Runs the command; the exit code comes from the reporter.
  static func run(_ session: CommandSession) {
    let options = session.options
    if let queryFile = options.queryFile {
      if session.loadAndCheck(), session.evaluate() {
        RunCommand.answerFileQueries(session, from: queryFile)
        if let line = session.evaluationTimeLine(), options.format == .text {
          session.reporter.print("\n" + line)
        }
      }
      return
    }
    var goal = options.goal ?? ""
    let reporter = session.reporter
    var answers: QueryResult?
    var goalAtom: Atom?
    if session.goalIsSpelledWell(), session.loadAndCheck(), let asked = session.askedGoal(),
      let atom = session.parseGoal(asked.text, path: "<query>"), session.evaluate(goal: atom)
    {
      goal = asked.text
      goalAtom = atom
      answers = session.answer(atom, text: goal)
    }
    reporter.setMember("query", .string(goal))
    guard let answers else {
      reporter.setMember("answers", .array([]))
      return
    }
    let rows = Array(answers.rows.prefix(options.limit ?? Int.max))
    reporter.setMember("answers", AnswerTable.json(variables: answers.variables, rows: rows))
    var table: String
    switch options.format {
    case .tsv: table = AnswerTable.tsv(variables: answers.variables, rows: rows)
    default: table = AnswerTable.text(variables: answers.variables, rows: rows)
    }
    let ground = goalAtom.map(ExplainCommand.isGround) ?? false
    if ground { reporter.outcome = answers.rows.isEmpty ? ExitCode.no : ExitCode.success }
    if let atom = goalAtom, let verdicts = session.verdicts(atom) {
      reporter.setMember("verdicts", VerdictReport.json(verdicts))
      table = VerdictReport.text(
        verdicts, table: table, ground: answers.variables.isEmpty, format: options.format)
      if ground {
        reporter.outcome = ExitCode.code(forVerdict: verdicts.first?.verdict ?? "no")
      }
    }
    let timeLine =
      session.evaluationTimeLine().map {
        "\n" + session.assumptionLines() + session.readingLines() + $0
      } ?? ""
    guard options.explainsAnswers else {
      reporter.print(table + (options.format == .text ? timeLine : ""))
      return
    }
    let proofs = AnswerProofs.proofs(
      goal: goal, variables: answers.variables, rows: rows, in: session.workspace)
    // A proof with a step that cannot be rebuilt is an error, never shown silently.
    if let failure = proofs.lazy.compactMap({ $0?.failure }).first {
      reporter.report(failure)
      return
    }
    let renderer = ProofRenderer(
      useColor: options.colorsOutput)
    reporter.setMember(
      "proofs",
      .array(
        proofs.map { proof in
          proof.map { renderer.jsonDocument(goal: $0.root?.text ?? goal, proof: $0) } ?? .null
        }))
    reporter.print(
      AnswerProofs.text(table: table, proofs: proofs, renderer: renderer)
        + (options.format == .text ? timeLine : ""))
  }
}
