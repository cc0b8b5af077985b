import Foundation

/// What a goal-directed evaluation computed: enough to answer goals on `relation` whose
/// constants include `constants`.
struct GoalDirectedState {
  /// The goal's relation.
  let relation: Int
  /// Bound columns and their interned values.
  let constants: [(column: Int, id: UInt32)]
  /// The same constants as terms (for a second rewrite).
  let terms: [(column: Int, term: Term)]
  /// The goal's span (for the demand seed).
  let span: SourceSpan
  /// Whether demand passed bindings sideways (answers); false for the why-not's evaluation.
  let passesSideways: Bool
  /// The database in which the alias relation is complete (for canonical goal constants),
  /// when the workspace has one.
  let aliases: Database?
  /// The `--stats` line.
  let summary: String

  /// This state with its summary following `earlier`'s (a second goal was asked).
  func following(_ earlier: GoalDirectedState) -> GoalDirectedState {
    GoalDirectedState(
      relation: relation, constants: constants, terms: terms, span: span,
      passesSideways: passesSideways, aliases: aliases,
      summary: earlier.summary + "; then " + summary)
  }

  /// Whether a goal with these constants can be answered from the goal-directed database.
  func serves(relation goal: Int, constants given: [(column: Int, id: UInt32?)]) -> Bool {
    goal == relation
      && constants.allSatisfy { c in given.contains { $0.column == c.column && $0.id == c.id } }
  }
}

extension Workspace {
  /// Evaluates only what `goal` needs, by the magic-set rewrite (`DemandRewrite`), when the
  /// goal has constants and the rewrite applies; otherwise evaluates the whole program.
  ///
  /// Later questions about other goals, relations or tuples evaluate the whole program first,
  /// so answers never depend on which evaluation ran. `statistics?.goalDirected` says which
  /// one did and why.
  public func evaluate(for goal: String, options: EvaluationOptions = EvaluationOptions()) throws {
    let file = SourceFile(path: "<goal>", text: goal)
    let fileID = sources.add(file)
    // A goal that does not parse is reported when it is answered.
    guard case .success(let atom) = Parser.parseGoal(file, fileID: fileID) else {
      return try evaluateInFull(options, because: nil)
    }
    try evaluate(for: atom, options: options)
  }

  /// `evaluate(for:options:)` for a parsed goal.
  func evaluate(for written: Atom, options: EvaluationOptions) throws {
    check()
    let errors = diagnostics.filter { $0.severity == .error }
    if !errors.isEmpty { throw DiagnosticError(errors) }
    guard let program = checked else { return }
    var atom = written
    // A goal that does not name a relation is reported when it is answered.
    guard let relation = program.relationIDs[atom.name],
      program.relations[relation].arity == atom.arguments.count
    else { return try evaluateInFull(options, because: nil) }
    // Goal constants are made canonical first, from the alias relation alone.
    var aliases: Database?
    if let aliasName = aliasRelation, let aliasID = program.relationIDs[aliasName],
      atom.arguments.contains(where: { if case .symbol = $0 { return true } else { return false } })
    {
      let restricted = DemandRewrite.restricted(program, to: aliasID)
      do {
        let (db, _) = try run(restricted.program, options: options, only: restricted.reachable)
        atom = try canonicalized(atom, relation: relation, in: db, goalRelationIsComplete: false)
        aliases = db
      } catch is Ambiguity {
        return try evaluateInFull(
          options, because: "a goal constant has several canonical names")
      } catch {
        return try evaluateInFull(options, because: nil)
      }
    }
    var constants: [(column: Int, term: Term)] = []
    var ids: [(column: Int, id: UInt32)] = []
    for (c, term) in atom.arguments.enumerated() {
      switch term {
      case .variable, .wildcard: continue
      default:
        guard let value = try? ConstantFolding.value(of: term, builtins: program.builtins) else {
          return try evaluateInFull(options, because: nil)
        }
        let span = term.span
        switch value {
        case .symbol(let s): constants.append((c, .symbol(s, span)))
        case .integer(let i): constants.append((c, .integer(i, span)))
        }
        ids.append((c, pool.intern(value)))
      }
    }
    switch DemandRewrite.rewrite(program, relation: relation, constants: constants, span: atom.span)
    {
    case .notApplicable(let reason):
      try evaluateInFull(options, because: reason)
    case .rewritten(let result):
      lastOptions = options
      guard let (db, stats) = try runDemanded(result.program, options: options) else {
        return try evaluateInFull(
          options, because: "evaluating only what the goal needs failed on a demanded value")
      }
      let demands = result.adornments.map { "\($0.relation)@\($0.adornment)" }
      var summary =
        "goal-directed: magic-set rewrite for \(Printer.atom(atom)), \(demands.count) demand "
        + "relation\(demands.count == 1 ? "" : "s") (\(demands.prefix(8).joined(separator: ", "))"
        + (demands.count > 8 ? ", ..." : "") + ")"
      if !result.evaluatedInFull.isEmpty {
        summary +=
          "; evaluated in full (read in an aggregate, or under negation where demand would "
          + "not stay stratified): "
          + result.evaluatedInFull.prefix(8).joined(separator: ", ")
          + (result.evaluatedInFull.count > 8 ? ", ..." : "")
      }
      var withSummary = stats
      withSummary.goalDirected = summary
      lastStatistics = withSummary
      database = db
      goalDirected = GoalDirectedState(
        relation: relation, constants: ids, terms: constants, span: atom.span,
        passesSideways: true, aliases: aliases, summary: summary)
    }
  }

  /// Evaluates a rewritten program; nil when it stops on arithmetic only.
  ///
  /// Demand can bind a value the full evaluation never computes with (a symbol where a rule
  /// does arithmetic), so such an error is no verdict: the caller evaluates in full, which
  /// reports the program's own errors.
  private func runDemanded(_ program: CheckedProgram, options: EvaluationOptions) throws
    -> (Database, EvaluationStatistics)?
  {
    do {
      return try run(program, options: options)
    } catch let error as DiagnosticError
      where error.diagnostics.allSatisfy({ $0.code == .arithmetic })
    {
      return nil
    }
  }

  /// Evaluates the whole program, noting in the statistics why the goal did not narrow it.
  private func evaluateInFull(_ options: EvaluationOptions, because reason: String?) throws {
    try evaluate(options: options)
    if let reason { lastStatistics?.goalDirected = "goal-directed: not used, \(reason)" }
  }

  /// For the why-not of a goal a goal-directed evaluation found false: evaluates again with
  /// demand from the goal's own bindings only (complete for what the why-not search reads),
  /// plus the host's repair relations in full; falls back to a full evaluation when that
  /// rewrite does not apply.
  func evaluateForWhyNot() throws {
    guard let state = goalDirected, let program = checked else { return }
    let repairRelations = program.relations.indices.filter { id in
      let name = program.relations[id].name
      return name.hasPrefix("cannotAdd_") || name.hasPrefix("cannotRemove_")
        || name == "repairRank"
    }
    let outcome = DemandRewrite.rewrite(
      program, relation: state.relation, constants: state.terms, span: state.span,
      passesSideways: false, alsoInFull: repairRelations)
    guard case .rewritten(let result) = outcome else {
      return try evaluateCompletely(because: "the goal does not hold")
    }
    guard let (db, found) = try runDemanded(result.program, options: lastOptions) else {
      return try evaluateCompletely(because: "the goal does not hold")
    }
    var stats = found
    let summary =
      state.summary + "; the goal does not hold, so its why-not was searched after "
      + "evaluating with demand from the goal's bindings only (\(result.adornments.count) "
      + "demand relations)"
    stats.goalDirected = summary
    lastStatistics = stats
    database = db
    goalDirected = GoalDirectedState(
      relation: state.relation, constants: state.constants, terms: state.terms,
      span: state.span, passesSideways: false, aliases: state.aliases, summary: summary)
  }

  /// Replaces a goal-directed evaluation by a full one (keeping a note in the statistics).
  func evaluateCompletely(because reason: String) throws {
    guard let state = goalDirected else { return }
    try evaluate(options: lastOptions)
    lastStatistics?.goalDirected = state.summary + "; then evaluated in full: " + reason
  }

  /// Before relation contents are read directly: a goal-directed database holds only part
  /// of them, so the whole program is evaluated (an error leaves no database).
  func completeGoalDirected() {
    guard goalDirected != nil else { return }
    do {
      try evaluateCompletely(because: "relation contents were read")
    } catch {
      database = nil
    }
  }
}
