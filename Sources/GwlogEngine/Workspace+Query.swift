extension Workspace {
  /// Names of all relations of the program (declared, used, or with facts), sorted by bytes.
  public var relationNames: [String] {
    check()
    return (checked?.relations.map(\.name) ?? []).sorted { Value.bytesLess($0, $1) }
  }

  /// The relations selected for output: `.output` ones, else every derived relation, sorted.
  public var outputRelations: [String] {
    check()
    guard let relations = checked?.relations else { return [] }
    let marked = relations.filter(\.isOutput)
    let chosen = marked.isEmpty ? relations.filter(\.hasRules) : marked
    return chosen.map(\.name).sorted { Value.bytesLess($0, $1) }
  }

  /// The arity of a relation, if known.
  public func arity(of relation: String) -> Int? {
    check()
    guard let id = checked?.relationIDs[relation] else { return nil }
    return checked?.relations[id].arity
  }

  /// Every tuple of a relation after evaluation, in output order (docs/language.md#output-order).
  public func tuples(of relation: String) -> [[Value]] {
    guard let db = completeDatabase(), let id = checked?.relationIDs[relation] else { return [] }
    let r = db.relations[id]
    return sortedRows(r, rows: Array(0..<r.count)).map { row in
      (0..<r.arity).map { pool.value(r.rows[row * r.arity + $0]) }
    }
  }

  /// Row ids of `r` sorted by their values in output order.
  func sortedRows(_ r: Relation, rows: [Int]) -> [Int] {
    let arity = r.arity
    let data = r.rows
    let pool = self.pool
    return rows.sorted { a, b in
      for c in 0..<arity {
        let x = data[a * arity + c]
        let y = data[b * arity + c]
        if x != y { return pool.less(x, y) }
      }
      return false
    }
  }

  /// The `?- goal.` queries found in loaded files, in load order.
  public var fileQueries: [Query] {
    programs.flatMap { p in
      p.statements.compactMap { s -> Query? in
        if case .query(let q) = s { return q }
        return nil
      }
    }
  }

  /// Answers a goal such as `path(X, "b")` (an optional `?-` and final `.` are accepted),
  /// evaluating the program first if needed.
  public func query(_ goal: String) throws -> QueryResult {
    try answer(try parseGoal(goal, path: "<query>"), text: goal)
  }

  /// Answers a parsed goal.
  public func answer(_ atom: Atom, text: String) throws -> QueryResult {
    let goal = try resolve(atom)
    guard let db = database else { throw DiagnosticError([]) }
    let r = db.relations[goal.relation]
    // Project onto the variables, sort, and drop duplicate answers.
    var seen = Set<[UInt32]>()
    var answers: [[UInt32]] = []
    for row in matchingRows(goal) {
      let t = r.rows + row * r.arity
      var answer = [UInt32](repeating: 0, count: goal.variables.count)
      for (c, v) in goal.variableColumns { answer[v] = t[c] }
      if seen.insert(answer).inserted { answers.append(answer) }
    }
    let pool = self.pool
    answers.sort { a, b in
      for k in 0..<a.count where a[k] != b[k] { return pool.less(a[k], b[k]) }
      return false
    }
    return QueryResult(
      goal: text, variables: goal.variables, rows: answers.map { $0.map { pool.value($0) } })
  }

  /// A goal resolved against the program: relation, constants per column (nil when the
  /// constant occurs nowhere), and variables with their columns.
  struct ResolvedGoal {
    let relation: Int
    let atom: Atom
    var variables: [String] = []
    var constants: [(column: Int, id: UInt32?)] = []
    var variableColumns: [(column: Int, variable: Int)] = []

    /// The goal's variables and interned constants (nil for a symbol that occurs nowhere).
    init(_ atom: Atom, relation: Int, program: CheckedProgram, pool: ConstantPool) throws {
      self.relation = relation
      self.atom = atom
      for (c, term) in atom.arguments.enumerated() {
        switch term {
        case .wildcard: continue
        case .variable(let name, _):
          if let k = variables.firstIndex(of: name) {
            variableColumns.append((c, k))
          } else {
            variables.append(name)
            variableColumns.append((c, variables.count - 1))
          }
        case .symbol(let s, _): constants.append((c, pool.lookup(s)))
        default:
          do {
            let value = try ConstantFolding.value(of: term, builtins: program.builtins)
            constants.append((c, pool.intern(value)))
          } catch let error as Interpreter.RunError {
            throw DiagnosticError([error.diagnostic])
          }
        }
      }
    }
  }

  /// Checks a goal's relation and arity, makes sure an evaluation serves it, rewrites alias
  /// constants (`aliasRelation`) and interns the goal's constants; `atom` of the result is
  /// the rewritten goal, and `compilation.current` the evaluation that answers it.
  ///
  /// A goal-directed evaluation serves the goals whose constants it was computed for; for
  /// another goal one goal-directed evaluation is tried, then a full one.
  func resolve(_ written: Atom) throws -> ResolvedGoal {
    let compilation = try compiledForAnswers()
    let id = try relationID(of: written, in: compilation.program)
    if compilation.current == nil { try evaluateInFull(compilation) }
    var triedAnother = false
    while let current = compilation.current {
      guard let state = current.goalDirected else {
        let atom = try canonicalized(written, relation: id)
        return try checkedNames(
          ResolvedGoal(atom, relation: id, program: compilation.program, pool: pool),
          in: compilation)
      }
      var atom = written
      if state.usesAliases, written.arguments.contains(where: \.isSymbol) {
        if let aliases = try aliasEvaluation(in: compilation) {
          atom = try canonicalized(
            written, relation: id, in: aliases.database, goalRelationIsComplete: false)
        }
      }
      let goal = try checkedNames(
        ResolvedGoal(atom, relation: id, program: compilation.program, pool: pool),
        in: compilation)
      if state.serves(relation: id, constants: goal.constants) { return goal }
      if triedAnother {
        try replaceByFull(state, because: "a goal it does not cover was asked", in: compilation)
      } else {
        // Another goal: evaluated for itself (once; if that does not serve it, in full).
        triedAnother = true
        try evaluateGoalDirected(written, in: compilation, after: state.summary)
      }
    }
    throw DiagnosticError([])
  }

  /// `goal` unchanged, or an `unknown-name` error for its first symbol constant that occurs
  /// in nothing loaded, when the host asks for the check (`unknownConstantsAreErrors`).
  private func checkedNames(_ goal: ResolvedGoal, in compilation: Compilation) throws
    -> ResolvedGoal
  {
    try checkNames(of: goal.atom, in: compilation)
    return goal
  }

  /// Throws `unknown-name` for the first symbol constant of `atom` that occurs in nothing
  /// loaded (not interned), when the host asks for the check.
  func checkNames(of atom: Atom, in compilation: Compilation) throws {
    guard unknownConstantsAreErrors, isBuiltIn(relation: atom.name, in: compilation.program)
    else { return }
    for term in atom.arguments {
      guard case .symbol(let name, let span) = term, pool.lookup(name) == nil else { continue }
      let known =
        (try? aliasEvaluation(in: compilation)).flatMap { $0 }.map {
          knownNames(in: $0.database, compilation.program)
        } ?? []
      let help =
        Suggestions.closest(to: name, among: known).map {
          "did you mean `\($0)`?"
        } ?? "check the spelling, or load the files that describe it"
      throw DiagnosticError([
        .error(
          .unknownName, "`\(name)` names nothing that was loaded", at: span, help: help)
      ])
    }
  }

  /// Whether a relation comes from the host's built-in sources (its declaration, or else its
  /// first use, is in one): the check of goal constants applies to those only, so that a
  /// user's own relations answer as plain Datalog does.
  private func isBuiltIn(relation name: String, in program: CheckedProgram) -> Bool {
    guard let prefix = builtInSources?.pathPrefix, let id = program.relationIDs[name] else {
      return false
    }
    let info = program.relations[id]
    let span = info.declaration ?? info.firstUse
    return sources.file(span.file)?.path.hasPrefix(prefix) ?? false
  }

  /// The names of the alias relation (both columns), for did-you-mean suggestions.
  private func knownNames(in database: Database, _ program: CheckedProgram) -> [String] {
    guard let name = aliasRelation, let id = program.relationIDs[name],
      database.relations[id].arity == 2
    else { return [] }
    let r = database.relations[id]
    var names = Set<String>()
    for k in 0..<(r.count * 2) {
      if let s = pool.symbol(r.rows[k]) { names.insert(s) }
    }
    return Array(names)
  }

  /// The compilation, checked, with the errors that stop answering thrown.
  private func compiledForAnswers() throws -> Compilation {
    check()
    guard let compilation else { throw DiagnosticError([]) }
    if compilation.current == nil {
      let errors = diagnostics.filter { $0.severity == .error }
      if !errors.isEmpty { throw DiagnosticError(errors) }
    }
    return compilation
  }

  /// The id of the goal's relation; throws when the program has no such relation or the
  /// arity differs.
  private func relationID(of atom: Atom, in program: CheckedProgram) throws -> Int {
    guard let id = program.relationIDs[atom.name] else {
      let names = program.relations.map(\.name)
      throw DiagnosticError([
        .error(
          .unknownRelation, "unknown relation `\(atom.name)` in the goal", at: atom.nameSpan,
          help: Suggestions.closest(to: atom.name, among: names).map { "did you mean `\($0)`?" }
            ?? "the program defines no relation of that name")
      ])
    }
    let info = program.relations[id]
    guard info.arity == atom.arguments.count else {
      throw DiagnosticError([
        .error(
          .arityMismatch,
          "relation `\(atom.name)` has \(info.arity) argument\(info.arity == 1 ? "" : "s") but "
            + "the goal gives \(atom.arguments.count)", at: atom.span)
      ])
    }
    return id
  }

  /// Row ids of the goal's relation that match its constants and repeated variables.
  func matchingRows(_ goal: ResolvedGoal) -> [Int] {
    guard let db = database, goal.constants.allSatisfy({ $0.id != nil }) else { return [] }
    let r = db.relations[goal.relation]
    var matching: [Int] = []
    var binding = [UInt32](repeating: 0, count: goal.variables.count)
    var bound = [Bool](repeating: false, count: goal.variables.count)
    rows: for row in 0..<r.count {
      let t = r.rows + row * r.arity
      for (c, id) in goal.constants where t[c] != id { continue rows }
      for k in 0..<bound.count { bound[k] = false }
      for (c, v) in goal.variableColumns {
        if bound[v] {
          if binding[v] != t[c] { continue rows }
        } else {
          binding[v] = t[c]
          bound[v] = true
        }
      }
      matching.append(row)
    }
    return matching
  }
}

/// How one tuple was derived: by a rule (with the height of its lowest derivation) or as an
/// input fact (with where it came from).
public struct TupleDerivation: Sendable, Equatable {
  /// The global rule id, or nil for an input fact.
  public var rule: Int?
  /// The height of the lowest known derivation (0 for input facts).
  public var height: Int
  /// For input facts: `file:line`, or the importer's origin.
  public var origin: String?
}

extension Workspace {
  /// The relation id and row of a tuple after evaluation, or nil when it does not hold.
  func row(of relation: String, _ tuple: [Value]) -> (relation: Int, row: Int)? {
    guard let db = completeDatabase(), let id = checked?.relationIDs[relation] else { return nil }
    let r = db.relations[id]
    guard tuple.count == r.arity else { return nil }
    var ids: [UInt32] = []
    for v in tuple {
      switch v {
      case .integer(let i): ids.append(pool.intern(i))
      case .symbol(let s):
        guard let known = pool.lookup(s) else { return nil }
        ids.append(known)
      }
    }
    let found: Int? = ids.withUnsafeBufferPointer { p in
      guard let base = p.baseAddress else { return r.count > 0 ? 0 : nil }
      return r.find(base)
    }
    return found.map { (id, $0) }
  }

  /// The recorded derivation of a tuple after evaluation, or nil when it does not hold.
  public func derivation(of relation: String, _ tuple: [Value]) -> TupleDerivation? {
    guard let (id, row) = row(of: relation, tuple), let db = database else { return nil }
    let r = db.relations[id]
    let tag = r.rule(ofRow: row)
    let height = Int(r.heights[row])
    if !Provenance.isInput(tag) { return TupleDerivation(rule: Int(tag), height: height) }
    if tag & Provenance.originEntry != 0 {
      let index = Int(tag & Provenance.payloadMask)
      return TupleDerivation(
        rule: nil, height: height,
        origin: index < db.origins.count ? db.origins[index].description : nil)
    }
    let file = r.inputFile(ofRow: row).flatMap { sources.file($0)?.path } ?? "?"
    return TupleDerivation(
      rule: nil, height: height, origin: "\(file):\(tag & Provenance.payloadMask)")
  }
}
