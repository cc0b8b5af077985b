/// The magic-set rewrite behind goal-directed evaluation: for a goal with constants, only the
/// tuples the goal can need are derived.
///
/// Each relation the goal reaches through positive literals gets, per binding pattern
/// ("adornment", `b` bound / `f` free) it is asked with, a demand relation `name@bf...`
/// holding the bound arguments asked for. Every rule of such a relation is evaluated once
/// per adornment with the demand atom first in its body, and each body atom of a demanded
/// relation gets a demand rule built from the literals that bind its arguments before it
/// (sideways information passing: constants and bound variables first, the atom with the
/// most bound arguments next). Rewritten rules read and write the original relations, so
/// every derived tuple is a true tuple of the original program, and every tuple the goal
/// needs is derived.
///
/// A negation needs its relation complete only for the arguments it is checked with, so a
/// relation read under negation is demanded like any other, as long as the rewritten
/// program stays stratified; where it would not (a demand that depends on the rule that
/// reads the negation), and for whatever is read inside an aggregate, the relation and
/// everything it depends on is evaluated in full with its original rules. Relations the
/// goal does not reach are not evaluated at all.
///
/// Relation ids and rule ids of the original program are kept (new relations and rules are
/// appended; rules not needed are left out of the strata), so proofs can be rebuilt with the
/// original rules over the rewritten program's database, and demand atoms do not count
/// towards heights (`CheckedProgram.demandRelations`), so every derived tuple keeps its
/// minimal height in the original program.
struct DemandRewrite {
  /// A successful rewrite.
  struct Result {
    /// The rewritten program (original relations and rules first, at their ids).
    var program: CheckedProgram
    /// Relations the goal reaches (the others need not even be loaded).
    var reachable: Set<Int>
    /// Relation name and adornment of every demand relation, in creation order.
    var adornments: [(relation: String, adornment: String)]
    /// Relations evaluated in full because a demanded rule reads them under negation or in
    /// an aggregate (or depends on such a relation), by name.
    var evaluatedInFull: [String]
  }

  /// The rewrite, or why it does not apply (the reason is shown by `--stats`).
  enum Outcome {
    case rewritten(Result)
    case notApplicable(String)
  }

  let program: CheckedProgram
  private var passesSideways = true
  private var alsoInFull: [Int] = []
  private var companions: [(relation: Int, constants: [(column: Int, term: Term)])] = []

  /// Rewrites `program` for the goal `relation(...)` whose columns `constants` are bound to
  /// ground terms (symbols or integers).
  ///
  /// Without `passesSideways`, each body atom is demanded with only the arguments the head's
  /// demand binds (constants and head variables), not those earlier body literals bind: its
  /// relation is then complete for every pattern a why-not search of the goal reads (that
  /// search matches each rule with one literal left out). `alsoInFull` are relations to
  /// evaluate in full besides (the relations a why-not's repair policy reads).
  ///
  /// `companions` are further goals (relation, bound columns) demanded in the same program,
  /// so that one evaluation answers a goal and the questions a host asks with it; one that
  /// has no rules or no constants is left out.
  static func rewrite(
    _ program: CheckedProgram, relation goal: Int, constants: [(column: Int, term: Term)],
    span: SourceSpan, passesSideways: Bool = true, alsoInFull: [Int] = [],
    companions: [(relation: Int, constants: [(column: Int, term: Term)])] = []
  ) -> Outcome {
    var rewrite = DemandRewrite(program: program)
    rewrite.passesSideways = passesSideways
    rewrite.alsoInFull = alsoInFull
    rewrite.companions = companions.filter {
      !$0.constants.isEmpty && program.relations[$0.relation].hasRules && $0.relation != goal
    }
    // Negated relations are demanded too, except those whose demand closes a cycle through
    // the negation: they are evaluated in full, found one round at a time.
    var fullNegated: Set<Int> = []
    for _ in 0...program.relations.count {
      switch rewrite.run(goal: goal, constants: constants, span: span, fullNegated: fullNegated) {
      case .unstratified(let culprits) where !culprits.isSubset(of: fullNegated):
        fullNegated.formUnion(culprits)
      case .unstratified:
        return .notApplicable("the rewritten program would not be stratified")
      case .done(let outcome):
        return outcome
      }
    }
    return .notApplicable("the rewritten program would not be stratified")
  }

  /// The result of one attempt.
  private enum Attempt {
    case done(Outcome)
    /// Relations read under negation inside a cycle of the rewritten program.
    case unstratified(Set<Int>)
  }

  /// One attempt: a relation read under negation is demanded with the arguments bound there
  /// (complete for them, which is all a negation asks) unless it is in `fullNegated`; those,
  /// and relations read in aggregates, are evaluated in full.
  private func run(
    goal: Int, constants: [(column: Int, term: Term)], span: SourceSpan, fullNegated: Set<Int>
  ) -> Attempt {
    let goalName = program.relations[goal].name
    guard !constants.isEmpty else {
      return .done(.notApplicable("the goal has no constants"))
    }
    guard program.relations[goal].hasRules else {
      return .done(.notApplicable("`\(goalName)` has no rules; its facts are read directly"))
    }
    let reachable = closure(from: [goal] + companions.map(\.relation) + alsoInFull)
    let full = neededInFull(reachable: reachable, fullNegated: fullNegated)
    if full.contains(goal) {
      return .done(
        .notApplicable(
          "`\(goalName)` is read under negation or in an aggregate, so it is needed in full"))
    }
    var demands = Demands(rewrite: self, span: span, reachable: reachable, full: full)
    let goalBound = (0..<program.relations[goal].arity).map { c in
      constants.contains { $0.column == c }
    }
    let seedName = demands.demand(goal, goalBound)
    // Companions read in full are complete anyway; the others get seeds of their own.
    var seeds = [(name: seedName, constants: constants)]
    for companion in companions where !full.contains(companion.relation) {
      let bound = (0..<program.relations[companion.relation].arity).map { c in
        companion.constants.contains { $0.column == c }
      }
      seeds.append((demands.demand(companion.relation, bound), companion.constants))
    }
    demands.spread()
    let (active, unsafeHead) = activate(&demands, reachable: reachable, full: full)
    if let unsafeHead {
      return .done(.notApplicable("a demand rule for `\(unsafeHead)` would be unsafe"))
    }
    let (strata, culprits) = Self.stratify(demands.rewritten, active: active)
    if let culprits { return .unstratified(culprits) }
    var rewritten = demands.rewritten
    rewritten.strata = strata
    for (name, bound) in seeds {
      guard let seed = demands.ids[name] else { continue }
      let seedArguments = bound.sorted { $0.column < $1.column }.map(\.term)
      rewritten.facts.append(
        ProgramFact(
          relation: seed,
          atom: Atom(name: name, arguments: seedArguments, span: span, nameSpan: span)))
      rewritten.relations[seed].hasFacts = true
    }
    return .done(
      .rewritten(
        Result(
          program: rewritten, reachable: reachable, adornments: demands.adornments,
          evaluatedInFull: full.filter { reachable.contains($0) && program.relations[$0].hasRules }
            .sorted().map { program.relations[$0].name })))
  }

  /// The relations evaluated in full: `alsoInFull`, what a reachable rule reads in an
  /// aggregate or under a negation of `fullNegated`, and everything those depend on.
  private func neededInFull(reachable: Set<Int>, fullNegated: Set<Int>) -> Set<Int> {
    var fullRoots: [Int] = alsoInFull
    for r in reachable {
      for id in program.rules(withHead: r) {
        for d in program.rules[id].dependencies
        where d.kind == .aggregate || (d.kind == .negative && fullNegated.contains(d.relation)) {
          fullRoots.append(d.relation)
        }
      }
    }
    return closure(from: fullRoots)
  }

  /// The demand relations and rules of one attempt, created as the goal's demand spreads
  /// through the rules of the relations it reaches.
  private struct Demands {
    /// The rewrite (original program and options).
    let rewrite: DemandRewrite
    /// Where the goal was written (the demand relations' first use).
    let span: SourceSpan
    /// Relations the goal reaches.
    let reachable: Set<Int>
    /// Relations evaluated in full (not demanded).
    let full: Set<Int>
    /// The original program with the demand relations added so far.
    var rewritten: CheckedProgram
    /// Relation name and adornment of every demand relation, in creation order.
    var adornments: [(relation: String, adornment: String)] = []
    /// The demand relations' ids, by name.
    var ids: [String: Int] = [:]
    /// Demanded relations and binding patterns, in creation order (`spread` works through it).
    var work: [(relation: Int, bound: [Bool])] = []
    /// The guarded rules and demand rules, with the head relation they were made for.
    var newRules: [(head: Int, clause: Clause)] = []

    /// No demand yet, over the rewrite's program.
    init(rewrite: DemandRewrite, span: SourceSpan, reachable: Set<Int>, full: Set<Int>) {
      self.rewrite = rewrite
      self.span = span
      self.reachable = reachable
      self.full = full
      rewritten = rewrite.program
    }

    /// The demand relation of `relation` under `bound`, created (and queued) when new.
    mutating func demand(_ relation: Int, _ bound: [Bool]) -> String {
      let info = rewrite.program.relations[relation]
      let pattern = String(bound.map { $0 ? "b" : "f" })
      let name = info.name + "@" + pattern
      if ids[name] == nil {
        let id = rewritten.relations.count
        ids[name] = id
        rewritten.relationIDs[name] = id
        rewritten.userDefined.insert(name)
        var demandInfo = RelationInfo(
          name: name, arity: bound.filter { $0 }.count,
          types: zip(info.types, bound).filter { $0.1 }.map(\.0), declaration: nil,
          firstUse: span)
        demandInfo.hasRules = true
        rewritten.relations.append(demandInfo)
        rewritten.demandRelations.insert(id)
        adornments.append((info.name, pattern))
        work.append((relation, bound))
      }
      return name
    }

    /// Works through the queue: every rule of a demanded relation, guarded by its demand.
    mutating func spread() {
      var processed = 0
      while processed < work.count {
        let (relation, bound) = work[processed]
        processed += 1
        let guardName = demand(relation, bound)
        for id in rewrite.program.rules(withHead: relation) {
          guardRule(id, of: relation, bound: bound, guardName: guardName)
        }
      }
    }

    /// Rule `id` with its head's demand atom first, and for each body atom of a demanded
    /// relation a demand rule built from the literals that bind its arguments before it.
    private mutating func guardRule(_ id: Int, of relation: Int, bound: [Bool], guardName: String) {
      let program = rewrite.program
      let clause = program.rules[id].clause
      let guardAtom = Atom(
        name: guardName,
        arguments: zip(clause.head.arguments, bound).filter { $0.1 }.map(\.0),
        span: clause.head.span, nameSpan: clause.head.nameSpan)
      var guarded = clause
      guarded.body = [.positive(guardAtom)] + clause.body
      newRules.append((relation, guarded))
      var known = Set(guardAtom.arguments.flatMap { TermWalk.variables($0).map(\.0) })
      let outer = program.rules[id].outerNames
      var prefix: [Literal] = [.positive(guardAtom)]
      let locals = program.rules[id].negationLocals
      for literal in rewrite.sipsOrder(clause.body, known: known, outer: outer, locals: locals) {
        if let atom = demandedAtom(literal), let q = program.relationIDs[atom.name] {
          let qBound = atom.arguments.map { rewrite.isBound($0, known) }
          let head = Atom(
            name: demand(q, qBound),
            arguments: zip(atom.arguments, qBound).filter { $0.1 }.map(\.0),
            span: atom.span, nameSpan: atom.nameSpan)
          // `q@b(X) :- q@b(X), ...` adds nothing.
          if !(head.name == guardAtom.name
            && DemandRewrite.same(head.arguments, guardAtom.arguments))
          {
            newRules.append((q, Clause(head: head, body: prefix, span: clause.span)))
          }
        }
        guard rewrite.passesSideways else { continue }
        prefix.append(literal)
        known = Safety(program: rewritten).boundVariables([literal], initially: known, outer: outer)
      }
    }

    /// The atom of a literal that reads a relation to demand (reachable, with rules, not
    /// evaluated in full), if it has one.
    private func demandedAtom(_ literal: Literal) -> Atom? {
      let program = rewrite.program
      switch literal {
      case .positive(let atom), .negative(let atom, _):
        guard program.builtin(for: atom) == nil, let q = program.relationIDs[atom.name],
          reachable.contains(q), program.relations[q].hasRules, !full.contains(q)
        else { return nil }
        return atom
      case .comparison: return nil
      }
    }
  }

  /// Adds the new rules to the rewritten program; returns them, after the original rules of
  /// the relations needed in full (which keep their ids), or the head of one that is unsafe.
  private func activate(_ demands: inout Demands, reachable: Set<Int>, full: Set<Int>) -> (
    active: [CheckedRule], unsafeHead: String?
  ) {
    var active = program.rules.filter { reachable.contains($0.head) && full.contains($0.head) }
    for (head, clause) in demands.newRules {
      let rewritten = demands.rewritten
      let headID = rewritten.relationIDs[clause.head.name] ?? head
      let rule = CheckedRule(
        id: rewritten.rules.count, head: headID, clause: clause,
        dependencies: dependencies(clause.body, rewritten))
      var safety = Safety(program: rewritten)
      safety.check(clause)
      if safety.diagnostics.contains(where: { $0.severity == .error }) {
        return (active, clause.head.name)
      }
      demands.rewritten.add(rule)
      active.append(rule)
    }
    return (active, nil)
  }

  /// The strata of the rewritten program's active rules; when it is not stratified, the
  /// relations read under negation or in an aggregate inside one of its cycles instead.
  private static func stratify(_ rewritten: CheckedProgram, active: [CheckedRule]) -> (
    strata: [Stratum], culprits: Set<Int>?
  ) {
    let (strata, problems) = Stratifier(
      relationCount: rewritten.relations.count, rules: active,
      names: rewritten.relations.map(\.name)
    ).stratify()
    guard problems.isEmpty else {
      var component = [Int](repeating: -1, count: rewritten.relations.count)
      for (k, stratum) in strata.enumerated() { for r in stratum.relations { component[r] = k } }
      var culprits: Set<Int> = []
      for rule in active {
        for d in rule.dependencies where d.kind != .positive {
          if component[d.relation] == component[rule.head] { culprits.insert(d.relation) }
        }
      }
      return (strata, culprits)
    }
    return (strata, nil)
  }

  /// `program` restricted to what `relation` depends on, evaluated in full (original rules):
  /// the other rules are left out of the strata.
  static func restricted(_ program: CheckedProgram, to relation: Int) -> (
    program: CheckedProgram, reachable: Set<Int>
  ) {
    let reachable = DemandRewrite(program: program).closure(from: [relation])
    var restricted = program
    restricted.strata = program.strata.filter { s in s.relations.allSatisfy(reachable.contains) }
    return (restricted, reachable)
  }

  /// Relations `roots` depend on (through any literal), the roots included.
  private func closure(from roots: [Int]) -> Set<Int> {
    var seen = Set(roots)
    var stack = roots
    while let r = stack.popLast() {
      for id in program.rules(withHead: r) {
        for d in program.rules[id].dependencies where seen.insert(d.relation).inserted {
          stack.append(d.relation)
        }
      }
    }
    return seen
  }

  /// The order in which a rule body passes bindings on: conditions as soon as they are
  /// ready (their variables bound; a negation's `locals` need no binding), otherwise the
  /// next relation atom by `key` (ties: source order).
  ///
  /// A negation-local variable is never bound, so the negated atom is demanded with only
  /// its other arguments bound (`q@bf` for `!q(X, P)`).
  private func sipsOrder(
    _ body: [Literal], known: Set<String>, outer: Set<String>, locals: Set<String>
  ) -> [Literal] {
    var bound = known
    var pending = Array(body.indices)
    var order: [Literal] = []
    let safety = Safety(program: program)
    while !pending.isEmpty {
      var pick: Int?
      for (k, i) in pending.enumerated() where !isRelationAtom(body[i]) {
        let after = safety.boundVariables([body[i]], initially: bound, outer: outer)
        if Self.variables(of: body[i]).allSatisfy({ after.contains($0) || locals.contains($0) }) {
          pick = k
          break
        }
      }
      if pick == nil {
        // An atom with a bound argument first; input relations (no rules) before derived
        // ones, as they bind more for the demand of the derived ones; then most bound.
        var best: (k: Int, key: (Int, Int, Int))?
        for (k, i) in pending.enumerated() {
          guard case .positive(let atom) = body[i], isRelationAtom(body[i]) else { continue }
          let boundCount = atom.arguments.filter { isBound($0, bound) }.count
          let derived = program.relationIDs[atom.name].map { program.relations[$0].hasRules }
          let key = (boundCount > 0 ? 0 : 1, derived == true ? 1 : 0, -boundCount)
          if best.map({ key < $0.key }) ?? true { best = (k, key) }
        }
        pick = best?.k ?? 0
      }
      let k = pick ?? 0
      let literal = body[pending[k]]
      pending.remove(at: k)
      order.append(literal)
      bound = safety.boundVariables([literal], initially: bound, outer: outer)
    }
    return order
  }

  private func isRelationAtom(_ literal: Literal) -> Bool {
    if case .positive(let atom) = literal { return program.builtin(for: atom) == nil }
    return false
  }

  /// A constant, or a variable already bound.
  private func isBound(_ term: Term, _ bound: Set<String>) -> Bool {
    switch term {
    case .symbol, .integer: return true
    case .variable(let name, _): return bound.contains(name)
    default: return false
    }
  }

  /// Variables of a literal outside aggregates.
  private static func variables(of literal: Literal) -> [String] {
    switch literal {
    case .positive(let a), .negative(let a, _):
      return a.arguments.flatMap { TermWalk.variables($0).map(\.0) }
    case .comparison(let l, _, let r, _):
      return (TermWalk.variables(l) + TermWalk.variables(r)).map(\.0)
    }
  }

  /// Whether two argument lists are the same variables and constants.
  private static func same(_ a: [Term], _ b: [Term]) -> Bool {
    guard a.count == b.count else { return false }
    return zip(a, b).allSatisfy { Printer.term($0) == Printer.term($1) }
  }

  /// The relations a body reads, with how (as the analyser records them).
  private func dependencies(_ body: [Literal], _ program: CheckedProgram)
    -> [(relation: Int, kind: DependencyKind, span: SourceSpan)]
  {
    var out: [(relation: Int, kind: DependencyKind, span: SourceSpan)] = []
    func collect(_ body: [Literal], inside: DependencyKind?) {
      for literal in body {
        switch literal {
        case .positive(let atom), .negative(let atom, _):
          for t in atom.arguments { aggregates(t) }
          guard program.builtin(for: atom) == nil, let id = program.relationIDs[atom.name]
          else { continue }
          var kind: DependencyKind = .positive
          if case .negative = literal { kind = .negative }
          out.append((id, inside ?? kind, atom.nameSpan))
        case .comparison(let l, _, let r, _):
          aggregates(l)
          aggregates(r)
        }
      }
    }
    func aggregates(_ term: Term) {
      switch term {
      case .aggregate(let a): collect(a.body, inside: .aggregate)
      case .binary(_, let l, let r, _):
        aggregates(l)
        aggregates(r)
      case .negate(let t, _): aggregates(t)
      case .call(_, let args, _): for t in args { aggregates(t) }
      default: break
      }
    }
    collect(body, inside: nil)
    return out
  }
}
