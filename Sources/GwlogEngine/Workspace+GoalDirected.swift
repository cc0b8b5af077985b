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
  /// Whether goal constants are canonicalised against the alias evaluation (the workspace has
  /// an alias relation).
  let usesAliases: Bool
  /// The `--stats` line.
  let summary: String
  /// Further goals demanded in the same evaluation (a host's companion questions).
  var companions: [(relation: Int, constants: [(column: Int, id: UInt32)])] = []
  /// Relations the evaluation computed in full: complete for any goal.
  var complete: Set<Int> = []

  /// Whether a goal with these constants can be answered from the goal-directed database.
  func serves(relation goal: Int, constants given: [(column: Int, id: UInt32?)]) -> Bool {
    if complete.contains(goal) { return true }
    func covers(_ bound: [(column: Int, id: UInt32)]) -> Bool {
      bound.allSatisfy { c in given.contains { $0.column == c.column && $0.id == c.id } }
    }
    if goal == relation && covers(constants) { return true }
    return companions.contains { $0.relation == goal && covers($0.constants) }
  }
}

extension Workspace {
  /// Evaluates only what `goal` needs, by the magic-set rewrite (`DemandRewrite`), when the
  /// goal has constants and the rewrite applies; otherwise evaluates the whole program.
  ///
  /// Later questions about other goals, relations or tuples evaluate what they need (another
  /// goal-directed evaluation, or the whole program), so answers never depend on which
  /// evaluation ran. `statistics?.goalDirected` says which one did and why.
  public func evaluate(for goal: String, options: EvaluationOptions = EvaluationOptions()) throws {
    let compilation = try compiled()
    compilation.options = options
    compilation.answersByDemand = true
    // A goal that does not parse is reported when it is answered.
    guard let atom = try? parseGoal(goal, path: "<goal>") else {
      return try evaluateInFull(compilation, because: nil, after: nil)
    }
    try evaluateGoalDirected(atom, in: compilation, after: nil)
  }

  /// `evaluate(for:options:)` for a parsed goal.
  ///
  /// With `forExplanation`, demand passes only the goal's own bindings (not those earlier
  /// body literals bind), so that the one evaluation serves both the goal's answers and, when
  /// it does not hold, its why-not (`explain`), instead of a second evaluation.
  public func evaluate(
    for goal: Atom, options: EvaluationOptions = EvaluationOptions(),
    forExplanation: Bool = false
  ) throws {
    let compilation = try compiled()
    compilation.options = options
    compilation.answersByDemand = true
    try evaluateGoalDirected(
      goal, in: compilation, after: nil, passesSideways: !forExplanation)
  }

  /// Parses a goal written as text (an optional `?-` and final `.` are accepted) once, for
  /// every later use; its diagnostics name `path`.
  public func parseGoal(_ text: String, path: String = "<goal>") throws -> Atom {
    let file = SourceFile(path: path, text: text)
    let fileID = sources.add(file)
    switch Parser.parseGoal(file, fileID: fileID) {
    case .success(let atom): return atom
    case .failure(let error): throw error
    }
  }

  /// Makes the current evaluation a goal-directed one for `written`, or a full one when the
  /// rewrite does not apply; `earlier` is the evaluation it replaces (its note is kept).
  func evaluateGoalDirected(
    _ written: Atom, in compilation: Compilation, after earlier: String?,
    passesSideways: Bool = true
  ) throws {
    let program = compilation.program
    // A goal that does not name a relation is reported when it is answered.
    guard let relation = program.relationIDs[written.name],
      program.relations[relation].arity == written.arguments.count
    else { return try evaluateInFull(compilation, because: nil, after: earlier) }
    var atom = written
    // Goal constants are made canonical first, from the alias relation alone.
    if atom.arguments.contains(where: \.isSymbol) {
      do {
        if let aliases = try aliasEvaluation(in: compilation) {
          atom = try canonicalized(
            atom, relation: relation, in: aliases.database, goalRelationIsComplete: false)
        }
      } catch let error as DiagnosticError {
        throw error  // an ambiguous name: the full evaluation would say the same
      } catch {
        return try evaluateInFull(compilation, because: nil, after: earlier)
      }
    }
    // A constant that names nothing is reported before anything interns it.
    try checkNames(of: atom, in: compilation)
    guard let constants = groundConstants(of: atom, program: program) else {
      return try evaluateInFull(compilation, because: nil, after: earlier)
    }
    let repairRelations =
      passesSideways
      ? []
      : program.relations.indices.filter {
        repairPolicy.reads(relation: program.relations[$0].name)
      }
    let companions = passesSideways ? [] : companionGoals(of: atom, in: program)
    switch DemandRewrite.rewrite(
      program, relation: relation, constants: constants.terms, span: atom.span,
      passesSideways: passesSideways, alsoInFull: repairRelations,
      companions: companions.map { ($0.relation, $0.terms) })
    {
    case .notApplicable(let reason):
      try evaluateInFull(compilation, because: reason, after: earlier)
    case .rewritten(let result):
      guard let (db, stats) = try runRewritten(result, in: compilation) else {
        return try evaluateInFull(
          compilation,
          because: "evaluating only what the goal needs failed on a demanded value", after: earlier)
      }
      let summary =
        Self.summary(of: result, for: atom)
        + (passesSideways ? "" : "; demand from the goal's bindings only, for its explanation")
      var state = GoalDirectedState(
        relation: relation, constants: constants.ids, terms: constants.terms, span: atom.span,
        passesSideways: passesSideways, usesAliases: hasAliasRelation(program),
        summary: earlier.map { $0 + "; then " + summary } ?? summary)
      state.companions = companions.map { ($0.relation, $0.ids) }
      state.complete = Set(result.evaluatedInFull.compactMap { program.relationIDs[$0] })
      var withSummary = stats
      withSummary.goalDirected = state.summary
      compilation.current = Evaluation(
        scope: .goalDirected(state), database: db, statistics: withSummary)
    }
  }

  /// The host's companion questions of a canonical goal, resolved (unknown relations and
  /// goals whose constants do not fold are left out).
  private func companionGoals(of atom: Atom, in program: CheckedProgram) -> [(
    relation: Int, terms: [(column: Int, term: Term)], ids: [(column: Int, id: UInt32)]
  )] {
    guard let companions = explanationCompanions?(atom) else { return [] }
    return companions.compactMap { companion in
      guard let id = program.relationIDs[companion.name],
        program.relations[id].arity == companion.arguments.count,
        let constants = groundConstants(of: companion, program: program)
      else { return nil }
      return (id, constants.terms, constants.ids)
    }
  }

  /// The goal's bound columns as terms and as interned ids; nil when a constant does not
  /// fold (it is reported when the goal is answered).
  private func groundConstants(of atom: Atom, program: CheckedProgram) -> (
    terms: [(column: Int, term: Term)], ids: [(column: Int, id: UInt32)]
  )? {
    var terms: [(column: Int, term: Term)] = []
    var ids: [(column: Int, id: UInt32)] = []
    for (c, term) in atom.arguments.enumerated() {
      switch term {
      case .variable, .wildcard: continue
      default:
        guard let value = try? ConstantFolding.value(of: term, builtins: program.builtins) else {
          return nil
        }
        let span = term.span
        switch value {
        case .symbol(let s): terms.append((c, .symbol(s, span)))
        case .integer(let i): terms.append((c, .integer(i, span)))
        }
        ids.append((c, pool.intern(value)))
      }
    }
    return (terms, ids)
  }

  /// The `--stats` note of a goal-directed evaluation.
  private static func summary(of result: DemandRewrite.Result, for atom: Atom) -> String {
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
    return summary
  }

  /// Whether goal constants of `program` are rewritten through an alias relation.
  func hasAliasRelation(_ program: CheckedProgram) -> Bool {
    aliasRelation.map { program.relationIDs[$0] != nil } ?? false
  }

  /// The program restricted to the alias relation, evaluated once per compilation; nil when
  /// the workspace has no alias relation.
  func aliasEvaluation(in compilation: Compilation) throws -> Evaluation? {
    if let aliases = compilation.aliases { return aliases }
    let program = compilation.program
    guard let aliasName = aliasRelation, let aliasID = program.relationIDs[aliasName] else {
      return nil
    }
    let restricted = DemandRewrite.restricted(program, to: aliasID)
    let (db, stats) = try run(restricted.program, in: compilation)
    // What the alias relation depends on was computed in full, with the original rules.
    for stratum in restricted.program.strata {
      for id in stratum.relations where compilation.complete[id] == nil {
        compilation.complete[id] = db.relations[id]
      }
    }
    let aliases = Evaluation(scope: .full, database: db, statistics: stats)
    compilation.aliases = aliases
    return aliases
  }

  /// Evaluates a rewritten program, taking the relations it evaluates in full from earlier
  /// evaluations where they computed them, and keeping those it computes for later ones; nil
  /// when it stops on arithmetic only.
  private func runRewritten(_ result: DemandRewrite.Result, in compilation: Compilation) throws
    -> (Database, EvaluationStatistics)?
  {
    let inFull = result.evaluatedInFull.compactMap { compilation.program.relationIDs[$0] }
    let reused = Set(inFull.filter { compilation.complete[$0] != nil })
    guard let (db, stats) = try runDemanded(result.program, in: compilation, reusing: reused)
    else { return nil }
    for id in inFull where compilation.complete[id] == nil {
      compilation.complete[id] = db.relations[id]
    }
    return (db, stats)
  }

  /// Evaluates a rewritten program; nil when it stops on arithmetic only.
  ///
  /// Demand can bind a value the full evaluation never computes with (a symbol where a rule
  /// does arithmetic), so such an error is no verdict: the caller evaluates in full, which
  /// reports the program's own errors.
  private func runDemanded(
    _ program: CheckedProgram, in compilation: Compilation, reusing: Set<Int>
  ) throws -> (Database, EvaluationStatistics)? {
    do {
      return try run(program, in: compilation, reusing: reusing)
    } catch let error as DiagnosticError
      where error.diagnostics.allSatisfy({ $0.code == .arithmetic })
    {
      return nil
    }
  }

  /// Evaluates the whole program, noting in the statistics why the goal did not narrow it
  /// (after the note of the evaluation it replaces, if any).
  func evaluateInFull(_ compilation: Compilation, because reason: String?, after earlier: String?)
    throws
  {
    try evaluateInFull(compilation)
    guard let earlier else {
      if let reason {
        compilation.current?.statistics.goalDirected = "goal-directed: not used, \(reason)"
      }
      return
    }
    let note = reason.map { "goal-directed: not used, \($0)" }
    compilation.current?.statistics.goalDirected = earlier + (note.map { "; then " + $0 } ?? "")
  }

  /// For the why-not of a goal a goal-directed evaluation found false: evaluates again with
  /// demand from the goal's own bindings only (complete for what the why-not search reads),
  /// plus the host's repair relations in full; falls back to a full evaluation when that
  /// rewrite does not apply.
  func evaluateForWhyNot(_ state: GoalDirectedState, in compilation: Compilation) throws {
    let program = compilation.program
    let repairRelations = program.relations.indices.filter {
      repairPolicy.reads(relation: program.relations[$0].name)
    }
    let outcome = DemandRewrite.rewrite(
      program, relation: state.relation, constants: state.terms, span: state.span,
      passesSideways: false, alsoInFull: repairRelations)
    guard case .rewritten(let result) = outcome,
      let (db, found) = try runRewritten(result, in: compilation)
    else {
      return try replaceByFull(state, because: "the goal does not hold", in: compilation)
    }
    let summary =
      state.summary + "; the goal does not hold, so its why-not was searched after "
      + "evaluating with demand from the goal's bindings only (\(result.adornments.count) "
      + "demand relations)"
    var stats = found
    stats.goalDirected = summary
    let next = GoalDirectedState(
      relation: state.relation, constants: state.constants, terms: state.terms,
      span: state.span, passesSideways: false, usesAliases: state.usesAliases, summary: summary)
    compilation.current = Evaluation(scope: .goalDirected(next), database: db, statistics: stats)
  }

  /// Replaces a goal-directed evaluation by a full one (keeping a note in the statistics).
  func replaceByFull(
    _ state: GoalDirectedState, because reason: String, in compilation: Compilation
  )
    throws
  {
    try evaluateInFull(compilation)
    compilation.current?.statistics.goalDirected =
      state.summary + "; then evaluated in full: " + reason
  }

  /// The database with every relation complete, for reads of whole relations.
  ///
  /// A goal-directed evaluation is replaced by a full one; an error is recorded as a
  /// diagnostic and leaves no database.
  func completeDatabase() -> Database? {
    guard let compilation, let current = compilation.current else { return nil }
    guard let state = current.goalDirected else { return current.database }
    do {
      try replaceByFull(state, because: "relation contents were read", in: compilation)
    } catch let error as DiagnosticError {
      diagnostics += error.diagnostics
      compilation.current = nil
    } catch {
      compilation.current = nil
    }
    return compilation.current?.database
  }
}

extension Term {
  /// Whether the term is a symbol constant.
  var isSymbol: Bool {
    if case .symbol = self { return true }
    return false
  }
}
