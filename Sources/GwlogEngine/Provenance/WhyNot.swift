/// Why a goal does not hold: every single-fact repair within a depth bound.
///
/// For each rule whose head unifies with the goal, and for each body literal in turn, the
/// other literals are matched against the database (conditions on values only the chosen
/// literal would bind are deferred); every instance found makes the chosen literal the one
/// thing missing. A missing input fact is an `add` repair, a present input fact under a
/// negation a `remove` repair, and a missing derived atom is explained the same way one
/// level down (a cycle guard stops loops). Relations marked `.fixed` are never edited.
///
/// Each sub-goal is searched once per remaining depth and path facts it depends on
/// (`WhyNotMemo`), and the whole search stops at its `WhyNotBudget`, answering with what it
/// found so far and the bound that stopped it.
struct WhyNotSearch {
  let database: Database
  let program: CheckedProgram
  let builder: ProofBuilder
  /// Rule applications followed from the goal down.
  let depth: Int
  /// The host's rules for forbidden and ranked repairs.
  let policy: RepairPolicy
  /// Instances tried per rule and chosen literal.
  static let instancesPerLiteral = 50
  /// Repairs kept in total.
  static let maximumRepairs = 200

  private(set) var isTruncated = false
  /// Sub-goals searched and time spent against the budget.
  private(set) var meter: WhyNotMeter
  /// Answers of sub-goals already searched.
  private(set) var memo = WhyNotMemo()
  /// Whether sub-goals are answered from the memo (off only to check that it changes no
  /// answer).
  var memoises = true
  private var pool: ConstantPool { database.pool }

  /// The bound that stopped the search before it finished, if one did.
  var exhausted: WhyNotBudget.Limit? { meter.exhausted }

  init(
    database: Database, program: CheckedProgram, builder: ProofBuilder, depth: Int,
    policy: RepairPolicy = .none, budget: WhyNotBudget = WhyNotBudget()
  ) {
    self.policy = policy
    self.database = database
    self.program = program
    self.builder = builder
    self.depth = depth
    meter = WhyNotMeter(budget)
  }

  /// A goal pattern: a relation and, per column, a known value or nil.
  struct Pattern: Hashable {
    let relation: Int
    let values: [UInt32?]
  }

  /// Every repair for the pattern (best first) and, when there is none, partial matches.
  mutating func explain(_ goal: Pattern) -> ([Repair], [PartialMatch]) {
    let found = search(goal, depth: depth, path: [goal])
    // Best first: the host's rank (`RepairPolicy.rankRelation`), the shortest chain, the rule
    // order of the chain, what the chain rests on (`Repair.support`: the rules and heights of
    // the facts it matched, so the most direct match first), the fact's text, and last the
    // order found. Only the last depends on the order the facts were loaded in.
    let ranked = found.enumerated().map {
      (
        rank: rank(of: $0.element), index: $0.offset, text: $0.element.rawSummary,
        repair: $0.element
      )
    }
    var repairs = ranked.sorted { a, b in
      if a.rank != b.rank { return a.rank < b.rank }
      if a.repair.chain.count != b.repair.chain.count {
        return a.repair.chain.count < b.repair.chain.count
      }
      let ra = a.repair.chain.map(\.rule)
      let rb = b.repair.chain.map(\.rule)
      if ra != rb { return ra.lexicographicallyPrecedes(rb) }
      if a.repair.support != b.repair.support {
        return a.repair.support.lexicographicallyPrecedes(b.repair.support)
      }
      if a.text != b.text { return Value.bytesLess(a.text, b.text) }
      return a.index < b.index
    }.map(\.repair)
    repairs.removeAll { isForbidden($0) }
    var unique: [Repair] = []
    var seen: Set<String> = []
    for r in repairs where seen.insert(r.summary).inserted {
      // A repair covered by a more general one found with a chain no longer (`edge(4, _)`
      // covers `edge(4, 1)`) adds nothing.
      let covered = unique.contains { general in
        general.action == r.action && general.relation == r.relation
          && general.conditions.isEmpty && general.chain.count <= r.chain.count
          && zip(general.values, r.values).allSatisfy { $0 == nil || $0 == $1 }
      }
      if !covered { unique.append(r) }
    }
    if unique.count > Self.maximumRepairs {
      unique.removeLast(unique.count - Self.maximumRepairs)
      isTruncated = true
    }
    return (unique, unique.isEmpty ? partials(goal) : [])
  }

  /// The host's rank of a repair: `rank(Relation, Action, Rank)` (lower first) in the
  /// policy's rank relation; 0 when the relation has no rank.
  private func rank(of repair: Repair) -> Int64 {
    guard let name = policy.rankRelation, let id = program.relationIDs[name],
      database.relations[id].arity == 3,
      let relation = pool.lookup(repair.relation), let action = pool.lookup(repair.action.rawValue)
    else { return 0 }
    let r = database.relations[id]
    for row in 0..<r.count {
      let t = r.rows + row * 3
      if t[0] == relation && t[1] == action { return pool.integer(t[2]) ?? 0 }
    }
    return 0
  }

  /// Whether a host relation forbids the repair.
  ///
  /// The policy's forbidding relations (same arity as the repaired relation) list facts that
  /// no repair may add / remove; its wildcard symbol in them matches any value. A repair with
  /// an unknown value (`_`) is forbidden when some forbidden fact agrees with all its known
  /// values.
  private func isForbidden(_ repair: Repair) -> Bool {
    guard let name = policy.forbiddingRelation(for: repair.action, of: repair.relation),
      let id = program.relationIDs[name]
    else { return false }
    let r = database.relations[id]
    guard r.arity == repair.values.count else { return false }
    let star = policy.wildcard.flatMap { pool.lookup($0) }
    let wanted = repair.values.map { $0.map { pool.intern($0) } }
    for row in 0..<r.count {
      let t = r.rows + row * r.arity
      var matches = true
      for c in 0..<r.arity {
        guard let v = wanted[c] else { continue }
        if t[c] != v && t[c] != star {
          matches = false
          break
        }
      }
      if matches { return true }
    }
    return false
  }

  private func text(_ p: Pattern) -> String {
    let r = database.relations[p.relation]
    return r.name + "("
      + p.values.map { $0.map { pool.value($0).description } ?? "_" }.joined(separator: ", ")
      + ")"
  }

  private func isInputRelation(_ relation: Int) -> Bool { !program.relations[relation].hasRules }

  /// A sub-goal's repairs: from the memo when an answer there is valid on `path`, else
  /// searched (when the budget allows) and stored.
  private mutating func memoised(
    _ kind: WhyNotMemo.Kind, _ goal: Pattern, depth: Int, path: [Pattern],
    _ body: (inout WhyNotSearch) -> [Repair]
  ) -> [Repair] {
    let key = WhyNotMemo.Key(kind: kind, pattern: goal, depth: depth)
    if memoises, let entry = memo.answer(key, on: path) {
      if entry.truncated { isTruncated = true }
      return entry.repairs
    }
    guard meter.spend() else {
      isTruncated = true
      return []
    }
    guard memoises else { return body(&self) }
    let wasTruncated = isTruncated
    isTruncated = false
    memo.begin()
    let found = body(&self)
    let kept = memo.end(key, on: path, repairs: found, truncated: isTruncated)
    isTruncated = wasTruncated || isTruncated
    return kept
  }

  /// Whether a pattern is on the path (the cycle guard), noted for the memo.
  private mutating func isOnPath(_ pattern: Pattern, _ path: [Pattern]) -> Bool {
    memo.isOnPath(pattern, path)
  }

  private mutating func search(_ goal: Pattern, depth: Int, path: [Pattern]) -> [Repair] {
    memoised(.search, goal, depth: depth, path: path) {
      $0.searchOnce(goal, depth: depth, path: path)
    }
  }

  private mutating func searchOnce(_ goal: Pattern, depth: Int, path: [Pattern]) -> [Repair] {
    let info = program.relations[goal.relation]
    var found: [Repair] = []
    if isInputRelation(goal.relation) {
      if !info.isFixed {
        found.append(
          Repair(
            action: .add, fact: text(goal), relation: info.name,
            values: goal.values.map { $0.map { pool.value($0) } }, chain: [], conditions: [],
            origin: nil))
      }
      return found
    }
    // A derived relation that also holds input facts can take the fact directly.
    if info.hasFacts && !info.isFixed {
      found.append(
        Repair(
          action: .add, fact: text(goal), relation: info.name,
          values: goal.values.map { $0.map { pool.value($0) } }, chain: [], conditions: [],
          origin: nil))
    }
    guard depth > 0 else {
      isTruncated = true
      return found
    }
    for rule in program.rules(withHead: goal.relation).map({ program.rules[$0] }) {
      guard let bindings = unify(rule.clause.head, goal) else { continue }
      let step = RepairStep(
        goal: text(goal), rule: rule.id, ruleText: Printer.clause(rule.clause),
        source: builder.location(of: rule.clause.span))
      for (k, literal) in rule.clause.body.enumerated() {
        var matcher = BodyMatcher(database: database, program: program)
        matcher.defersUnboundConditions = true
        matcher.solutionLimit = Self.instancesPerLiteral
        matcher.outer = rule.outerNames
        matcher.negationLocals = rule.negationLocals
        let instances = matcher.solve(rule.clause.body, bindings: bindings, skipping: k)
        if matcher.isTruncated || instances.count >= Self.instancesPerLiteral {
          isTruncated = true
        }
        for instance in instances {
          let conditions = instance.deferred.map {
            Printer.literal(
              Substitution.display(
                Self.shown(rule.clause.body[$0], rule), instance.bindings, pool: pool,
                unknownAsWildcard: true, keeping: rule.negationLocals))
          }
          let support = self.support(of: instance)
          for var repair in repairs(for: literal, instance.bindings, depth: depth, path: path) {
            repair.chain.insert(step, at: 0)
            repair.support.insert(contentsOf: support, at: 0)
            repair.conditions += conditions
            found.append(repair)
          }
        }
      }
    }
    return found
  }

  /// The rule (0 for an input fact) and height of each row an instance matched, in body
  /// order (`Repair.support`).
  private func support(of instance: BodyMatcher.Match) -> [UInt32] {
    var out: [UInt32] = []
    for k in instance.evidence.keys.sorted() {
      guard case .row(let relation, let row)? = instance.evidence[k] else { continue }
      let r = database.relations[relation]
      let height = r.heights[row]
      out.append(height == 0 ? 0 : r.rule(ofRow: row) + 1)
      out.append(height)
    }
    return out
  }

  /// Repairs that make one literal hold under `bindings`.
  private mutating func repairs(
    for literal: Literal, _ bindings: [String: UInt32], depth: Int, path: [Pattern]
  ) -> [Repair] {
    switch literal {
    case .positive(let atom):
      guard program.builtin(for: atom) == nil, let relation = program.relationIDs[atom.name],
        let pattern = pattern(atom, relation, bindings)
      else { return [] }
      if pattern.values.allSatisfy({ $0 != nil }), holds(pattern) { return [] }
      if isOnPath(pattern, path) { return [] }
      return search(pattern, depth: depth - 1, path: path + [pattern])
    case .negative(let atom, _):
      guard program.builtin(for: atom) == nil, let relation = program.relationIDs[atom.name],
        pattern(atom, relation, bindings) != nil
      else { return [] }
      let info = program.relations[relation]
      if !isInputRelation(relation) {
        // A derived atom blocks: make every derivation of it fail with one change.
        guard let blocking = pattern(atom, relation, bindings), !isOnPath(blocking, path) else {
          return []
        }
        // Every tuple matching the negated atom must stop holding.
        var matcher = BodyMatcher(database: database, program: program)
        let rows = matcher.rows(atom, relation: relation, bindings, bounded: false)
        guard !rows.isEmpty, rows.count <= Self.instancesToFalsify else { return [] }
        let r = database.relations[relation]
        var common: [Repair]?
        for match in rows {
          let values = (0..<r.arity).map { r.rows[match.row * r.arity + $0] }
          let tuple = Pattern(relation: relation, values: values)
          let breakers = falsify(tuple, depth: depth - 1, path: path + [blocking, tuple])
          if let kept = common {
            let keys = Set(breakers.map(\.summary))
            common = kept.filter { keys.contains($0.summary) }
          } else {
            common = breakers
          }
        }
        return common ?? []
      }
      guard !info.isFixed else { return [] }
      var matcher = BodyMatcher(database: database, program: program)
      let rows = matcher.rows(atom, relation: relation, bindings, bounded: false, first: true)
      guard rows.count == 1, let row = rows.first?.row else { return [] }
      let r = database.relations[relation]
      let values = (0..<r.arity).map { pool.value(r.rows[row * r.arity + $0]) }
      let fact = r.name + "(" + values.map(\.description).joined(separator: ", ") + ")"
      // Removing it helps only if it is the only tuple matching the negated atom.
      let all = matcher.rows(atom, relation: relation, bindings, bounded: false)
      guard all.count == 1 else { return [] }
      return [
        Repair(
          action: .remove, fact: fact, relation: r.name, values: values, chain: [],
          conditions: [], origin: builder.origin(of: r, row: row))
      ]
    case .comparison:
      return []
    }
  }

  /// Instances of a blocking atom examined at most; more cannot all be broken by one fact in
  /// any useful way.
  static let instancesToFalsify = 8

  /// Single changes that make a ground derived atom, which holds, no longer hold: a change
  /// must break every instance of every rule deriving it (removing an input fact it uses,
  /// adding a fact one of its negations forbids, or the same one level down).
  private mutating func falsify(_ goal: Pattern, depth: Int, path: [Pattern]) -> [Repair] {
    memoised(.falsify, goal, depth: depth, path: path) {
      $0.falsifyOnce(goal, depth: depth, path: path)
    }
  }

  private mutating func falsifyOnce(_ goal: Pattern, depth: Int, path: [Pattern]) -> [Repair] {
    guard depth > 0 else {
      isTruncated = true
      return []
    }
    var perInstance: [[Repair]] = []
    for rule in program.rules(withHead: goal.relation).map({ program.rules[$0] }) {
      guard let bindings = unify(rule.clause.head, goal) else { continue }
      var matcher = BodyMatcher(database: database, program: program)
      matcher.outer = rule.outerNames
      matcher.negationLocals = rule.negationLocals
      matcher.solutionLimit = Self.instancesToFalsify + 1
      let instances = matcher.solve(rule.clause.body, bindings: bindings)
      if instances.count > Self.instancesToFalsify {
        isTruncated = true
        return []
      }
      let step = RepairStep(
        goal: "no " + text(goal), rule: rule.id, ruleText: Printer.clause(rule.clause),
        source: builder.location(of: rule.clause.span))
      for instance in instances {
        var breakers: [Repair] = []
        for (k, literal) in rule.clause.body.enumerated() {
          switch (literal, instance.evidence[k]) {
          case (.positive, .row(let relation, let row)?):
            let r = database.relations[relation]
            let values = (0..<r.arity).map { r.rows[row * r.arity + $0] }
            let used = Pattern(relation: relation, values: values)
            if isInputRelation(relation) {
              guard !program.relations[relation].isFixed else { continue }
              let shown = values.map { pool.value($0) }
              breakers.append(
                Repair(
                  action: .remove, fact: text(used), relation: r.name, values: shown, chain: [],
                  conditions: [], origin: builder.origin(of: r, row: row)))
            } else if !isOnPath(used, path) {
              breakers += falsify(used, depth: depth - 1, path: path + [used])
            }
          case (.negative(let atom, _), _):
            // A repeated local variable (`!s(X, P, P)`) asks for equal columns, which the
            // pattern of a fact to add cannot say; such a negation offers no breaker.
            guard program.builtin(for: atom) == nil,
              !NegationLocals.repeatsLocal(atom, locals: rule.negationLocals),
              let relation = program.relationIDs[atom.name],
              let forbidden = pattern(atom, relation, instance.bindings),
              !isOnPath(forbidden, path)
            else { continue }
            breakers += search(forbidden, depth: depth - 1, path: path + [forbidden])
          default: continue
          }
        }
        perInstance.append(
          breakers.map { repair in
            var r = repair
            r.chain.insert(step, at: 0)
            return r
          })
      }
    }
    guard var common = perInstance.first else { return [] }
    for other in perInstance.dropFirst() {
      let keys = Set(other.map(\.summary))
      common.removeAll { !keys.contains($0.summary) }
    }
    return common
  }

  /// A literal as a why-not shows it: in a negated atom, a local variable met once is `_`.
  private static func shown(_ literal: Literal, _ rule: CheckedRule) -> Literal {
    guard case .negative(let atom, let span) = literal else { return literal }
    return .negative(NegationLocals.shown(atom, locals: rule.negationLocals), span)
  }

  /// The pattern of an atom under bindings (nil if an expression cannot be computed).
  private func pattern(_ atom: Atom, _ relation: Int, _ bindings: [String: UInt32]) -> Pattern? {
    let matcher = BodyMatcher(database: database, program: program)
    var values: [UInt32?] = []
    for arg in atom.arguments {
      if case .wildcard = arg {
        values.append(nil)
      } else if matcher.isKnown(arg, bindings) {
        guard let v = matcher.value(arg, bindings) else { return nil }
        values.append(v)
      } else {
        values.append(nil)
      }
    }
    return Pattern(relation: relation, values: values)
  }

  private func holds(_ p: Pattern) -> Bool {
    let ids = p.values.compactMap { $0 }
    return ids.withUnsafeBufferPointer { b -> Bool in
      guard let base = b.baseAddress else { return database.relations[p.relation].count > 0 }
      return database.relations[p.relation].find(base) != nil
    }
  }

  /// Bindings that make a rule head equal the goal pattern, or nil if they cannot agree.
  private func unify(_ head: Atom, _ goal: Pattern) -> [String: UInt32]? {
    var bindings: [String: UInt32] = [:]
    let matcher = BodyMatcher(database: database, program: program)
    for (arg, value) in zip(head.arguments, goal.values) {
      guard let value else { continue }
      switch arg {
      case .variable(let name, _):
        if let known = bindings[name], known != value { return nil }
        bindings[name] = value
      case .wildcard: continue
      default:
        if TermWalk.isGround(arg), let v = matcher.value(arg, [:]), v != value { return nil }
      }
    }
    return bindings
  }

  /// Per rule of the goal's relation, the furthest instantiation reached.
  private func partials(_ goal: Pattern) -> [PartialMatch] {
    var out: [PartialMatch] = []
    for rule in program.rules(withHead: goal.relation).map({ program.rules[$0] }) {
      guard let bindings = unify(rule.clause.head, goal) else { continue }
      var matcher = BodyMatcher(database: database, program: program)
      matcher.outer = rule.outerNames
      matcher.negationLocals = rule.negationLocals
      // Atoms first, so the partial shows every fact that holds before a condition fails.
      matcher.prefersAtoms = true
      _ = matcher.solve(rule.clause.body, bindings: bindings)
      let frontier = matcher.frontier
      let show = { (k: Int) -> String in
        Printer.literal(
          Substitution.display(
            Self.shown(rule.clause.body[k], rule), frontier.bindings, pool: self.pool))
      }
      var reason = "no single fact makes it hold"
      if let failing = frontier.failing {
        switch rule.clause.body[failing] {
        case .comparison: reason = "a comparison fails for these values"
        case .positive(let atom):
          if let r = program.relationIDs[atom.name], program.relations[r].isFixed {
            reason = "`\(atom.name)` is fixed and cannot be changed"
          } else if program.builtin(for: atom) != nil {
            reason = "a built-in fails for these values"
          }
        case .negative(let atom, _):
          if let r = program.relationIDs[atom.name], program.relations[r].hasRules {
            reason = "`\(atom.name)` is derived; removing one fact does not make it fail"
          } else if let r = program.relationIDs[atom.name], program.builtin(for: atom) == nil {
            // Every fact matching the negated atom blocks it: all of them would have to go.
            var matcher = BodyMatcher(database: database, program: program)
            let blocking = matcher.rows(atom, relation: r, frontier.bindings, bounded: false).count
            if blocking > 1 {
              reason =
                "\(blocking) facts of `\(atom.name)` block the negation; all of them would have "
                + "to be removed"
            }
          }
        }
      }
      out.append(
        PartialMatch(
          rule: rule.id, ruleText: Printer.clause(rule.clause),
          source: builder.location(of: rule.clause.span),
          satisfied: frontier.satisfied.map(show), failing: frontier.failing.map(show) ?? "",
          reason: reason))
    }
    return out
  }
}
