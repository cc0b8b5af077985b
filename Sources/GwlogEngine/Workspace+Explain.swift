extension Workspace {
  /// The minimal-height proof of a tuple after evaluation, or nil when it does not hold; a
  /// proof with a step that cannot be rebuilt says why in `Proof.failure`.
  public func proof(of relation: String, _ tuple: [Value]) -> Proof? {
    guard let (id, row) = row(of: relation, tuple), let db = database, let program = checked
    else { return nil }
    return ProofBuilder(database: db, program: program, sources: sources)
      .proof(relation: id, row: row)
  }

  /// Explains a goal such as `canInvoke("gw", "svc")`: the proof of its first answer when it
  /// holds, else every single-fact repair within `depth` rule applications.
  public func explain(_ goal: String, depth: Int = 12) throws -> Explanation {
    try explain(try parseGoal(goal), depth: depth)
  }

  /// `explain(_:depth:)` for a parsed goal.
  public func explain(_ written: Atom, depth: Int = 12) throws -> Explanation {
    var resolved = try resolve(written)
    guard let compilation, let current = compilation.current else { throw DiagnosticError([]) }
    if let first = firstRow(of: resolved, in: current.database) {
      let proof = proof(
        row: first, of: resolved.relation, in: current.database, compilation.program)
      // A proof with a step that cannot be rebuilt is never shown as if it were whole.
      if let failure = proof.failure { throw DiagnosticError([failure]) }
      return .proof(proof)
    }
    var database = current.database
    if let state = current.goalDirected, state.passesSideways {
      // The why-not reads relations with fewer bindings than the answers needed.
      try evaluateForWhyNot(state, in: compilation)
      resolved = try resolve(written)
      guard let next = compilation.current else { throw DiagnosticError([]) }
      database = next.database
    }
    return .whyNot(whyNot(resolved, in: database, program: compilation.program, depth: depth))
  }

  /// The first matching row of a resolved goal in output order, if any.
  private func firstRow(of goal: ResolvedGoal, in database: Database) -> Int? {
    sortedRows(database.relations[goal.relation], rows: matchingRows(goal)).first
  }

  /// The minimal-height proof of one row.
  private func proof(
    row: Int, of relation: Int, in database: Database, _ program: CheckedProgram
  ) -> Proof {
    ProofBuilder(database: database, program: program, sources: sources)
      .proof(relation: relation, row: row)
  }

  /// Every single-fact repair of a goal that does not hold, phrased by the host.
  private func whyNot(
    _ resolved: ResolvedGoal, in db: Database, program: CheckedProgram, depth: Int
  ) -> WhyNot {
    // The goal after alias rewriting: the why-not names canonical resources.
    let atom = resolved.atom
    let builder = ProofBuilder(database: db, program: program, sources: sources)
    // Goal constants that occur nowhere are interned so the search can name them.
    var values = [UInt32?](repeating: nil, count: db.relations[resolved.relation].arity)
    for (c, term) in atom.arguments.enumerated() {
      switch term {
      case .symbol(let s, _): values[c] = pool.intern(s)
      case .variable, .wildcard: break
      default:
        values[c] = resolved.constants.first { $0.column == c }?.id
      }
    }
    // A variable repeated in the goal (`e(X, X)`) is left free in the search.
    var search = WhyNotSearch(
      database: db, program: program, builder: builder, depth: max(1, depth),
      policy: repairPolicy, budget: whyNotBudget)
    search.memoises = whyNotMemoises
    var (repairs, partials) = search.explain(
      WhyNotSearch.Pattern(relation: resolved.relation, values: values))
    if let describe = repairDescriber {
      for k in repairs.indices {
        repairs[k].description = describe(repairs[k].action, repairs[k].relation, repairs[k].values)
      }
    }
    var whyNot = WhyNot(
      goal: Printer.atom(atom), repairs: repairs, partials: partials,
      isTruncated: search.isTruncated, depth: depth)
    whyNot.stoppedBy = search.exhausted
    whyNot.budget = whyNotBudget
    whyNot.hasVariables = !resolved.variables.isEmpty
    whyNot.goalValues = values.map { $0.map { pool.value($0) } }
    return whyNot
  }

  /// The proof of one answer of a goal, or nil when no tuple matches.
  ///
  /// The goal's variables take the values of `answer` (one per variable, as in
  /// `QueryResult`); `_` matches anything, and the first such tuple in output order is proved.
  public func proof(ofAnswer answer: [Value], to goal: String) -> Proof? {
    let file = SourceFile(path: "<goal>", text: goal)
    guard case .success(let atom) = Parser.parseGoal(file, fileID: -1) else { return nil }
    var names: [String] = []
    for case .variable(let name, _) in atom.arguments where !names.contains(name) {
      names.append(name)
    }
    guard names.count == answer.count else { return nil }
    var instantiated = atom
    instantiated.arguments = atom.arguments.map { term in
      guard case .variable(let name, let span) = term, let k = names.firstIndex(of: name) else {
        return term
      }
      switch answer[k] {
      case .integer(let i): return .integer(i, span)
      case .symbol(let s): return .symbol(s, span)
      }
    }
    // Resolving may replace a goal-directed database by a complete one.
    guard let resolved = try? resolve(instantiated), let db = database, let program = checked,
      let first = firstRow(of: resolved, in: db)
    else { return nil }
    return proof(row: first, of: resolved.relation, in: db, program)
  }

  /// The tuple of a relation with the greatest recorded proof height (ties: the first in
  /// row order), for benchmarks and examples; nil when the relation is empty.
  public func tallestTuple(of relation: String) -> [Value]? {
    guard let db = completeDatabase(), let id = checked?.relationIDs[relation] else { return nil }
    let r = db.relations[id]
    guard r.count > 0 else { return nil }
    var best = 0
    for row in 1..<max(1, r.count) where r.heights[row] > r.heights[best] { best = row }
    return (0..<r.arity).map { pool.value(r.rows[best * r.arity + $0]) }
  }

  /// The clause of a rule by its global id (as stored in proofs), for checkers and renderers.
  public func rule(_ id: Int) -> Clause? {
    check()
    guard let rules = checked?.rules, id >= 0, id < rules.count else { return nil }
    return rules[id].clause
  }
}
