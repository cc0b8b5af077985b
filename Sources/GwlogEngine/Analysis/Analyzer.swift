/// Runs the analysis passes over parsed programs: relation catalog (arity, declared types),
/// facts vs rules, type checks, range restriction, unknown relations, stratification.
struct Analyzer {
  /// A fact relation mentioned outside programs (bulk `.facts`/`.tsv` files).
  struct ExternalRelation {
    let name: String
    let arity: Int
    let span: SourceSpan
  }

  private(set) var program = CheckedProgram()
  private(set) var diagnostics: [Diagnostic] = []
  private var typeBases: [String: ColumnType?] = [:]

  init(builtins: BuiltinRegistry) { program.builtins = builtins }

  /// Analyses everything; the result is usable only when no error was reported.
  mutating func analyze(_ programs: [Program], external: [ExternalRelation]) -> CheckedProgram {
    let statements = programs.flatMap(\.statements)
    resolveTypes(statements)
    // User-defined names shadow built-ins.
    for s in statements {
      switch s {
      case .declaration(let d): program.userDefined.insert(d.name)
      case .clause(let c): program.userDefined.insert(c.head.name)
      case .directive(let d) where d.kind == .input:
        for r in d.relations { program.userDefined.insert(r.name) }
      default: break
      }
    }
    for e in external { program.userDefined.insert(e.name) }
    for s in statements { if case .declaration(let d) = s { declare(d) } }
    for e in external { _ = use(e.name, arity: e.arity, at: e.span)?.markFacts(&program) }
    for s in statements {
      switch s {
      case .clause(let c): addClause(c)
      case .query(let q):
        // Registers the goal's relation and checks its arity.
        _ = use(q.goal.name, arity: q.goal.arguments.count, at: q.goal.nameSpan)
        program.queries.append(q)
      default: break
      }
    }
    for s in statements { if case .directive(let d) = s { applyDirective(d) } }
    warnUnknownRelations(statements)
    let (strata, cycleErrors) = Stratifier(
      relationCount: program.relations.count, rules: program.rules,
      names: program.relations.map(\.name)
    ).stratify()
    diagnostics += cycleErrors
    program.strata = strata
    return program
  }

  private mutating func resolveTypes(_ statements: [Statement]) {
    var pending: [TypeDeclaration] = []
    for s in statements { if case .typeDeclaration(let t) = s { pending.append(t) } }
    for t in pending where t.base != nil { typeBases[t.name] = t.base }
    // Aliases and unions resolve to a base when all their references do.
    var changed = true
    while changed {
      changed = false
      for t in pending where typeBases[t.name] == nil {
        let bases = t.references.map { ref -> ColumnType?? in
          switch ref {
          case "symbol": return .some(.symbol)
          case "number", "unsigned": return .some(.number)
          default: return typeBases[ref]
          }
        }
        if bases.allSatisfy({ $0 != nil }), let first = bases.first ?? nil,
          bases.allSatisfy({ ($0 ?? nil) == first })
        {
          typeBases[t.name] = first
          changed = true
        }
      }
    }
  }

  private mutating func declare(_ d: Declaration) {
    if let existing = program.relationIDs[d.name] {
      diagnostics.append(
        .error(
          .redeclared, "relation `\(d.name)` is declared twice", at: d.nameSpan,
          notes: [
            DiagnosticNote(
              span: program.relations[existing].declaration, message: "first declared here")
          ], help: "remove one of the declarations"))
      return
    }
    let types = d.columns.map { c -> ColumnType? in
      c.type ?? (typeBases[c.typeName] ?? nil)
    }
    let info = RelationInfo(
      name: d.name, arity: d.columns.count, types: types, declaration: d.span, firstUse: d.nameSpan)
    program.relationIDs[d.name] = program.relations.count
    program.relations.append(info)
  }

  /// Registers a use of a relation, checking its arity; returns its id.
  private mutating func use(_ name: String, arity: Int, at span: SourceSpan) -> Int? {
    if arity > Limits.maximumArity {
      diagnostics.append(
        .error(
          .limit,
          "relation `\(name)` has \(arity) arguments, more than the limit of "
            + "\(Limits.maximumArity)", at: span))
      return nil
    }
    if let id = program.relationIDs[name] {
      let info = program.relations[id]
      if info.arity != arity {
        let what = info.declaration != nil ? "declared" : "first used"
        diagnostics.append(
          .error(
            .arityMismatch,
            "relation `\(name)` has \(info.arity) argument\(info.arity == 1 ? "" : "s") "
              + "but is used with \(arity) here", at: span,
            notes: [
              DiagnosticNote(
                span: info.declaration ?? info.firstUse,
                message: "\(what) with \(info.arity) here")
            ]))
        return nil
      }
      return id
    }
    let id = program.relations.count
    program.relationIDs[name] = id
    program.relations.append(
      RelationInfo(
        name: name, arity: arity, types: Array(repeating: nil, count: arity), declaration: nil,
        firstUse: span))
    return id
  }

  private mutating func addClause(_ c: Clause) {
    if program.builtin(for: c.head) != nil {
      diagnostics.append(
        .error(
          .syntax, "`\(c.head.name)` is a built-in and cannot be defined", at: c.head.nameSpan,
          help: "rename the relation, or `.decl` it to shadow the built-in"))
      return
    }
    guard let head = use(c.head.name, arity: c.head.arguments.count, at: c.head.nameSpan) else {
      return
    }
    if c.body.isEmpty {
      var ground = true
      for t in c.head.arguments where !TermWalk.isGround(t) {
        ground = false
        let location = TermWalk.variables(t).first?.1 ?? TermWalk.wildcard(in: t) ?? t.span
        diagnostics.append(
          .error(
            .unsafeVariable, "a fact must be ground, but `\(c.head.name)` has a variable here",
            at: location, help: "write a constant, or add a body that binds the variable"))
      }
      checkTypes(c)
      if ground {
        program.relations[head].hasFacts = true
        program.facts.append(ProgramFact(relation: head, atom: c.head))
      }
      return
    }
    let literalCount = Self.literalCount(c.body)
    if literalCount > Limits.maximumBodyLiterals {
      diagnostics.append(
        .error(
          .limit,
          "rule has \(literalCount) body literals, more than the limit of "
            + "\(Limits.maximumBodyLiterals)", at: c.head.span,
          help: "split the rule with intermediate relations"))
      return
    }
    program.relations[head].hasRules = true
    var dependencies: [(Int, DependencyKind, SourceSpan)] = []
    collectDependencies(c.body, kind: nil, into: &dependencies)
    checkTypes(c)
    var safety = Safety(program: program)
    safety.check(c)
    diagnostics += safety.diagnostics
    warnSingletons(c)
    program.add(
      CheckedRule(
        id: program.rules.count, head: head, clause: c,
        dependencies: dependencies.map { (relation: $0.0, kind: $0.1, span: $0.2) }))
  }

  /// Literals in a body, counting those inside aggregates.
  private static func literalCount(_ body: [Literal]) -> Int {
    var n = body.count
    for literal in body {
      if case .comparison(let l, _, let r, _) = literal {
        for case .aggregate(let a) in [l, r] { n += literalCount(a.body) }
      }
    }
    return n
  }

  /// Warns about named variables that occur once in a rule: usually a typo.
  private mutating func warnSingletons(_ c: Clause) {
    var occurrences: [(String, SourceSpan)] = []
    for t in c.head.arguments { TermWalk.allVariables(t, into: &occurrences) }
    for l in c.body { TermWalk.allVariables(l, into: &occurrences) }
    var counts: [String: Int] = [:]
    for (name, _) in occurrences { counts[name, default: 0] += 1 }
    for (name, span) in occurrences where counts[name] == 1 && !name.hasPrefix("_") {
      diagnostics.append(
        .warning(
          .singletonVariable, "variable `\(name)` occurs only once in this rule", at: span,
          help: "write `_` if any value will do, or check the spelling"))
    }
  }

  private mutating func collectDependencies(
    _ body: [Literal], kind outer: DependencyKind?,
    into out: inout [(Int, DependencyKind, SourceSpan)]
  ) {
    for literal in body {
      switch literal {
      case .positive(let atom), .negative(let atom, _):
        for t in atom.arguments { collectAggregates(t, into: &out) }
        if let builtin = program.builtin(for: atom) {
          checkConstantPattern(atom, builtin)
          continue
        }
        if program.builtins.hasPredicate(named: atom.name),
          !program.userDefined.contains(atom.name)
        {
          diagnostics.append(
            .error(
              .arityMismatch,
              "built-in `\(atom.name)` does not take \(atom.arguments.count) "
                + "argument\(atom.arguments.count == 1 ? "" : "s")", at: atom.nameSpan))
          continue
        }
        guard let id = use(atom.name, arity: atom.arguments.count, at: atom.nameSpan) else {
          continue
        }
        var kind: DependencyKind = .positive
        if case .negative = literal { kind = .negative }
        if outer == .aggregate { kind = .aggregate }
        out.append((id, kind, atom.nameSpan))
      case .comparison(let lhs, _, let rhs, _):
        collectAggregates(lhs, into: &out)
        collectAggregates(rhs, into: &out)
      }
    }
  }

  /// Reports a constant regular expression of `match` that cannot be compiled, at load
  /// time rather than when the rule first runs.
  private mutating func checkConstantPattern(_ atom: Atom, _ builtin: BuiltinPredicate) {
    guard builtin.name == "match", builtin.arity == 2, let first = atom.arguments.first,
      case .symbol(let pattern, let span) = first, let problem = RegexBuiltin.problem(with: pattern)
    else { return }
    diagnostics.append(
      .error(
        .syntax, problem, at: span,
        help: "escape characters that the expression should match literally with `\\`"))
  }

  private mutating func collectAggregates(
    _ t: Term, into out: inout [(Int, DependencyKind, SourceSpan)]
  ) {
    switch t {
    case .aggregate(let a):
      if let target = a.target { collectAggregates(target, into: &out) }
      collectDependencies(a.body, kind: .aggregate, into: &out)
    case .binary(_, let l, let r, _):
      collectAggregates(l, into: &out)
      collectAggregates(r, into: &out)
    case .negate(let x, _): collectAggregates(x, into: &out)
    case .call(let name, let args, let span):
      if program.builtins.functionIndex(name, arity: args.count) == nil {
        diagnostics.append(
          .error(
            .unknownRelation, "unknown function `\(name)/\(args.count)`", at: span,
            help: Suggestions.closest(to: name, among: program.builtins.functions.map(\.name))
              .map { "did you mean `\($0)`?" }))
      }
      for a in args { collectAggregates(a, into: &out) }
    default: break
    }
  }

  private mutating func applyDirective(_ d: Directive) {
    for (name, span) in d.relations {
      guard let id = program.relationIDs[name] else {
        let known = program.relations.map(\.name)
        diagnostics.append(
          .error(
            .unknownRelation, "`.\(d.kind.rawValue)` names `\(name)`, which is not declared",
            at: span,
            help: Suggestions.closest(to: name, among: known).map { "did you mean `\($0)`?" }
              ?? "declare it with `.decl \(name)(...)`"))
        continue
      }
      switch d.kind {
      case .input:
        program.relations[id].isInput = true
        program.relations[id].inputParameters = d.parameters
      case .output, .printsize: program.relations[id].isOutput = true
      case .fixed: program.relations[id].isFixed = true
      }
    }
  }

  private mutating func warnUnknownRelations(_ statements: [Statement]) {
    let defined = program.relations.filter {
      $0.hasFacts || $0.hasRules || $0.declaration != nil || $0.isInput
    }.map(\.name)
    for info in program.relations
    where !(info.hasFacts || info.hasRules || info.declaration != nil || info.isInput) {
      let suggestion = Suggestions.closest(to: info.name, among: defined)
      diagnostics.append(
        .warning(
          .unknownRelation, "relation `\(info.name)` has no facts and no rules", at: info.firstUse,
          help: suggestion.map { "did you mean `\($0)`?" }
            ?? "it is empty; add facts, or `.decl` it to mark it as an input"))
    }
  }

  // MARK: types

  private mutating func checkTypes(_ c: Clause) {
    var variableTypes: [String: (ColumnType, SourceSpan)] = [:]
    func visit(_ atom: Atom) {
      guard let id = program.relationIDs[atom.name], program.builtin(for: atom) == nil else {
        return
      }
      let types = program.relations[id].types
      guard types.count == atom.arguments.count else { return }
      for (column, (t, type)) in zip(atom.arguments, types).enumerated() {
        guard let type else { continue }
        check(t, expected: type, relation: atom.name, column: column + 1, &variableTypes)
      }
    }
    visit(c.head)
    func visitBody(_ body: [Literal]) {
      for l in body {
        switch l {
        case .positive(let a), .negative(let a, _): visit(a)
        case .comparison(let lhs, _, let rhs, _):
          for side in [lhs, rhs] {
            if case .aggregate(let a) = side { visitBody(a.body) }
          }
        }
      }
    }
    visitBody(c.body)
  }

  private mutating func check(
    _ t: Term, expected: ColumnType, relation: String, column: Int,
    _ variableTypes: inout [String: (ColumnType, SourceSpan)]
  ) {
    let declaration = program.relationIDs[relation].flatMap { program.relations[$0].declaration }
    func mismatch(_ found: String, _ span: SourceSpan) {
      diagnostics.append(
        .error(
          .typeMismatch,
          "column \(column) of `\(relation)` is declared `\(expected.rawValue)` but gets \(found)",
          at: span,
          notes: declaration.map { [DiagnosticNote(span: $0, message: "declared here")] } ?? []))
    }
    switch t {
    case .symbol(let s, let span): if expected == .number { mismatch("the symbol `\(s)`", span) }
    case .integer(let i, let span): if expected == .symbol { mismatch("the number `\(i)`", span) }
    case .binary(_, _, _, let span), .negate(_, let span):
      if expected == .symbol { mismatch("an arithmetic expression", span) }
    case .variable(let name, let span):
      if let (previous, at) = variableTypes[name], previous != expected {
        diagnostics.append(
          .error(
            .typeMismatch,
            "variable `\(name)` is used as `\(previous.rawValue)` and as `\(expected.rawValue)`",
            at: span,
            notes: [DiagnosticNote(span: at, message: "used as `\(previous.rawValue)` here")]
          ))
      } else {
        variableTypes[name] = (expected, span)
      }
    default: break
    }
  }
}

extension Int {
  fileprivate func markFacts(_ program: inout CheckedProgram) -> Int {
    program.relations[self].hasFacts = true
    return self
  }
}
