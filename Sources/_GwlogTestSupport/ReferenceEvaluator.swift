import GwlogEngine

/// Why the reference evaluator produced no model.
public enum ReferenceError: Error, Equatable, CustomStringConvertible {
  /// Integer overflow, or division/remainder by zero.
  case arithmetic(String)
  /// Arithmetic on a symbol, or `sum` over a symbol.
  case typeMismatch(String)
  /// A rule whose literals cannot be ordered so that every variable is bound before use.
  case unsafe(String)
  /// A construct the reference does not model (function calls, misplaced aggregates).
  case unsupported(String)
  /// One relation used with two arities.
  case arityMismatch(String)
  /// Negation or aggregation through recursion; the relations whose stratum diverged.
  case notStratifiable([String])
  /// More tuples than the evaluator's limit (a diverging recursive rule).
  case limit(Int)

  /// A one-line description for test failure messages.
  public var description: String {
    switch self {
    case .arithmetic(let m): return "arithmetic: \(m)"
    case .typeMismatch(let m): return "type mismatch: \(m)"
    case .unsafe(let m): return "unsafe: \(m)"
    case .unsupported(let m): return "unsupported: \(m)"
    case .arityMismatch(let m): return "arity mismatch: \(m)"
    case .notStratifiable(let r): return "not stratifiable: \(r.joined(separator: ", "))"
    case .limit(let n): return "more than \(n) tuples"
    }
  }
}

/// The executable specification of docs/language.md#evaluation-semantics: a deliberately naive
/// bottom-up evaluator over `Set<[Value]>`, diff-tested against the fast engine.
///
/// Decisions the engine must match:
/// - `<`, `<=`, `>`, `>=` use the output order of `Value`: integers numerically, symbols by
///   UTF-8 bytes, and every integer before every symbol (`3 < "a"` holds).
/// - `/` truncates toward zero and `%` takes the dividend's sign (Swift); overflow (including
///   `Int64.min / -1` and `Int64.min % -1`) and division or remainder by zero are errors.
/// - Aggregates range over the DISTINCT bindings of the body's local variables (those not
///   bound outside the aggregate); each `_` in a positive atom of the body counts as its own
///   local variable, so `count : { e(X, _) }` counts matching tuples (Soufflé). `count` and
///   `sum` of nothing are 0; `min`/`max` of nothing make the literal fail; `min`/`max` use
///   the output order, `sum` of a symbol is a type error.
/// - `startsWith(S, P)`, `endsWith(S, P)` and `contains(Sub, S)` (Soufflé's order: `Sub`
///   occurs in `S`) compare UTF-8 bytes and are false for integers; `concat(A, B, C)` needs
///   symbols A and B and fails on integers; `true` holds and `false` does not. A relation
///   with rules or facts of the same name and arity hides the built-in.
/// - A variable whose every occurrence in a rule is a plain argument of a negated relation
///   atom is local to each such atom: `!q(X, P)` holds when no tuple of `q` matches for any
///   `P` (repeated, `!q(X, P, P)`, its columns must be equal).
/// - An aggregate waits until every variable it shares with its scope is bound: for an
///   aggregate in a rule body, the variables outside aggregates; for one nested in another
///   aggregate, also the enclosing aggregate's body and target.
public struct ReferenceEvaluator {
  /// Variable name → value.
  typealias Binding = [String: Value]

  /// Built-in predicates and their arities.
  static let builtins: [String: Int] = [
    "startsWith": 2, "endsWith": 2, "contains": 2, "concat": 3, "true": 0, "false": 0,
  ]

  /// What a body is solved in: which variables the aggregates of the body must wait for,
  /// and which variables are local to negated atoms.
  struct Scope {
    /// Variables that occur outside the aggregates of the body being solved.
    var outer: Set<String>
    /// Variables local to negated atoms (the same for the whole rule).
    var negationLocals: Set<String>
    /// Aggregate values already computed over the unchanging database, by aggregate and
    /// the values of its variables bound outside it (shared by the scopes of one rule).
    let memo = AggregateMemo()

    /// The scope of a rule's body.
    init(_ clause: Clause) {
      negationLocals = ReferenceEvaluator.negationLocals(clause)
      var names = Set(clause.head.arguments.flatMap(ReferenceEvaluator.plainVariables))
      for literal in clause.body { names.formUnion(ReferenceEvaluator.plainVariables(literal)) }
      outer = names.subtracting(negationLocals)
    }

    /// The scope inside `aggregate`: its own body and target join the outer variables.
    func entering(_ aggregate: Aggregate) -> Scope {
      var inner = self
      inner.outer.formUnion(aggregate.target.map(ReferenceEvaluator.plainVariables) ?? [])
      for literal in aggregate.body {
        inner.outer.formUnion(ReferenceEvaluator.plainVariables(literal))
      }
      inner.outer.subtract(negationLocals)
      return inner
    }
  }

  /// Computed aggregate values; a cache that changes nothing but the time taken.
  final class AggregateMemo {
    var values: [String: Value?] = [:]
  }

  /// Variables of a term outside aggregates.
  static func plainVariables(_ t: Term) -> [String] {
    switch t {
    case .variable(let n, _): return [n]
    case .binary(_, let l, let r, _): return plainVariables(l) + plainVariables(r)
    case .negate(let x, _): return plainVariables(x)
    case .call(_, let args, _): return args.flatMap(plainVariables)
    default: return []
    }
  }

  /// Every variable of an aggregate: its target and body, nested aggregates included.
  static func allVariables(_ a: Aggregate) -> [String] {
    func term(_ t: Term) -> [String] {
      switch t {
      case .variable(let n, _): return [n]
      case .binary(_, let l, let r, _): return term(l) + term(r)
      case .negate(let x, _): return term(x)
      case .call(_, let args, _): return args.flatMap(term)
      case .aggregate(let nested): return allVariables(nested)
      case .wildcard, .symbol, .integer: return []
      }
    }
    var out = a.target.map(term) ?? []
    for literal in a.body {
      switch literal {
      case .positive(let x), .negative(let x, _): out += x.arguments.flatMap(term)
      case .comparison(let l, _, let r, _): out += term(l) + term(r)
      }
    }
    return out
  }

  /// Variables of a literal outside aggregates.
  static func plainVariables(_ literal: Literal) -> [String] {
    switch literal {
    case .positive(let a), .negative(let a, _): return a.arguments.flatMap(plainVariables)
    case .comparison(let l, _, let r, _): return plainVariables(l) + plainVariables(r)
    }
  }

  /// The variables of `clause` that occur only as plain arguments of negated atoms (at any
  /// depth); a negated atom of a built-in name counts as any other literal, which keeps its
  /// variables out.
  static func negationLocals(_ clause: Clause) -> Set<String> {
    var underNegation: Set<String> = []
    var elsewhere: Set<String> = []
    func term(_ t: Term) {
      switch t {
      case .variable(let n, _): elsewhere.insert(n)
      case .binary(_, let l, let r, _):
        term(l)
        term(r)
      case .negate(let x, _): term(x)
      case .call(_, let args, _): args.forEach(term)
      case .aggregate(let a):
        a.target.map(term)
        a.body.forEach(literal)
      case .wildcard, .symbol, .integer: break
      }
    }
    func literal(_ l: Literal) {
      switch l {
      case .negative(let a, _) where builtins[a.name] != a.arguments.count:
        for t in a.arguments {
          if case .variable(let n, _) = t { underNegation.insert(n) } else { term(t) }
        }
      case .positive(let a), .negative(let a, _): a.arguments.forEach(term)
      case .comparison(let l, _, let r, _):
        term(l)
        term(r)
      }
    }
    clause.head.arguments.forEach(term)
    clause.body.forEach(literal)
    return underNegation.subtracting(elsewhere)
  }

  /// The relations rules are evaluated against (the model so far, or a finished model).
  var database: [String: Set<[Value]>] = [:]
  /// Relations with facts or rules; an atom of another name may be a built-in.
  let defined: Set<String>

  init(defined: Set<String>) {
    self.defined = defined
  }

  /// An evaluator over a finished model, for checks after evaluation (heights, proofs).
  init(model: [String: Set<[Value]>], program: Program) {
    self.defined = Set(Self.clauses(program).map(\.head.name))
    self.database = model
  }

  /// The clauses of a program, in source order.
  static func clauses(_ program: Program) -> [Clause] {
    program.statements.compactMap { s -> Clause? in
      if case .clause(let c) = s { return c }
      return nil
    }
  }

  /// Computes the minimal model: every relation with facts or rules (derived ones even when
  /// empty) mapped to its tuples; throws a `ReferenceError` when there is no model.
  public static func evaluate(_ program: Program, tupleLimit: Int = 200_000) throws -> [String:
    Set<[Value]>]
  {
    let clauses = program.statements.compactMap { s -> Clause? in
      if case .clause(let c) = s { return c }
      return nil
    }
    let defined = Set(clauses.map(\.head.name))
    try checkArities(clauses, defined: defined)
    let strata = try stratify(clauses, defined: defined)
    var evaluator = ReferenceEvaluator(defined: defined)
    for name in defined { evaluator.database[name] = [] }
    var total = 0
    for level in Set(strata.values).sorted() {
      let rules = clauses.filter { strata[$0.head.name] == level }
      var changed = true
      while changed {
        changed = false
        for rule in rules {
          for tuple in try evaluator.derive(rule)
          where evaluator.database[rule.head.name, default: []].insert(tuple).inserted {
            changed = true
            total += 1
            if total > tupleLimit { throw ReferenceError.limit(tupleLimit) }
          }
        }
      }
    }
    return evaluator.database
  }

  // MARK: Analysis

  static func isBuiltin(_ atom: Atom, defined: Set<String>) -> Bool {
    !defined.contains(atom.name) && builtins[atom.name] == atom.arguments.count
  }

  private static func checkArities(_ clauses: [Clause], defined: Set<String>) throws {
    var arity: [String: Int] = [:]
    func note(_ atom: Atom) throws {
      if isBuiltin(atom, defined: defined) { return }
      if let known = arity[atom.name], known != atom.arguments.count {
        throw ReferenceError.arityMismatch(
          "`\(atom.name)` has arity \(known) and \(atom.arguments.count)")
      }
      arity[atom.name] = atom.arguments.count
    }
    for clause in clauses {
      try note(clause.head)
      for (atom, _) in atoms(clause.body, strict: false) { try note(atom) }
    }
  }

  /// Every atom of a body, with whether it must be in a strictly lower stratum (negated or
  /// inside an aggregate).
  private static func atoms(_ body: [Literal], strict: Bool) -> [(Atom, Bool)] {
    body.flatMap { literal -> [(Atom, Bool)] in
      switch literal {
      case .positive(let a): return [(a, strict)] + a.arguments.flatMap(aggregateAtoms)
      case .negative(let a, _): return [(a, true)]
      case .comparison(let l, _, let r, _): return aggregateAtoms(l) + aggregateAtoms(r)
      }
    }
  }

  private static func aggregateAtoms(_ term: Term) -> [(Atom, Bool)] {
    switch term {
    case .aggregate(let a):
      return atoms(a.body, strict: true) + (a.target.map(aggregateAtoms) ?? [])
    case .binary(_, let l, let r, _): return aggregateAtoms(l) + aggregateAtoms(r)
    case .negate(let t, _): return aggregateAtoms(t)
    case .call(_, let args, _): return args.flatMap(aggregateAtoms)
    default: return []
    }
  }

  /// Strata by plain fixpoint: a head's stratum is at least each body relation's stratum,
  /// plus one through negation or aggregation.
  ///
  /// A stratum above the relation count means a
  /// cycle through negation/aggregation.
  private static func stratify(_ clauses: [Clause], defined: Set<String>) throws -> [String: Int] {
    var stratum = Dictionary(uniqueKeysWithValues: defined.map { ($0, 0) })
    var changed = true
    while changed {
      changed = false
      for clause in clauses {
        for (atom, strict) in atoms(clause.body, strict: false) where defined.contains(atom.name) {
          let needed = (stratum[atom.name] ?? 0) + (strict ? 1 : 0)
          guard needed > stratum[clause.head.name] ?? 0 else { continue }
          stratum[clause.head.name] = needed
          changed = true
          if needed > defined.count {
            throw ReferenceError.notStratifiable(
              stratum.filter { $0.value > defined.count - 1 }.keys.sorted())
          }
        }
      }
    }
    return stratum
  }

  // MARK: Rules

  private func derive(_ rule: Clause) throws -> [[Value]] {
    try solve(rule).map { b in try rule.head.arguments.map { try value($0, b) } }
  }

  /// Every binding of the variables of `rule`'s body (outside aggregates) that satisfies it.
  func solve(_ rule: Clause) throws -> [Binding] {
    try solve(rule.body, [:], Scope(rule))
  }

  /// All extensions of `binding` satisfying `pending`, taking at each step the first ready
  /// literal; aggregates wait until nothing else is ready, so their group variables are all
  /// that the rest of the body can bind.
  func solve(_ pending: [Literal], _ binding: Binding, _ scope: Scope) throws -> [Binding] {
    if pending.isEmpty { return [binding] }
    guard
      let index = pending.firstIndex(where: { !hasAggregate($0) && isReady($0, binding, scope) })
        ?? pending.firstIndex(where: { isReady($0, binding, scope) })
    else {
      throw ReferenceError.unsafe("no literal can be evaluated with \(binding.keys.sorted()) bound")
    }
    var rest = pending
    let literal = rest.remove(at: index)
    return try step(literal, binding, scope).flatMap { try solve(rest, $0, scope) }
  }

  private func hasAggregate(_ literal: Literal) -> Bool {
    if case .comparison(let l, _, let r, _) = literal {
      if case .aggregate = l { return true }
      if case .aggregate = r { return true }
    }
    return false
  }

  private func isReady(_ literal: Literal, _ b: Binding, _ scope: Scope) -> Bool {
    func waitsForScope(_ a: Aggregate) -> Bool {
      Self.allVariables(a).contains { scope.outer.contains($0) && b[$0] == nil }
    }
    switch literal {
    case .positive(let atom) where Self.isBuiltin(atom, defined: defined):
      if atom.arguments.isEmpty { return true }
      let inputs = atom.arguments.prefix(2)
      guard inputs.allSatisfy({ isGround($0, b) }) else { return false }
      return atom.arguments.count == 2 || isGround(atom.arguments[2], b)
        || isFree(atom.arguments[2], b)
    case .positive(let atom):
      let plain = Set(
        atom.arguments.compactMap { t -> String? in
          if case .variable(let n, _) = t { return n }
          return nil
        })
      return atom.arguments.allSatisfy { t in
        switch t {
        case .variable, .wildcard, .symbol, .integer: return true
        default: return variables(t).allSatisfy { b[$0] != nil || plain.contains($0) }
        }
      }
    case .negative(let atom, _):
      return atom.arguments.allSatisfy { t in
        if case .variable(let n, _) = t, scope.negationLocals.contains(n) { return true }
        return variables(t).allSatisfy { b[$0] != nil }
      }
    case .comparison(let l, let op, let r, _):
      if case .aggregate(let a) = l {
        return !waitsForScope(a) && (isGround(r, b) || (op == .equal && isFree(r, b)))
      }
      if case .aggregate(let a) = r {
        return !waitsForScope(a) && (isGround(l, b) || (op == .equal && isFree(l, b)))
      }
      if isGround(l, b) && isGround(r, b) { return true }
      return op == .equal && ((isFree(l, b) && isGround(r, b)) || (isFree(r, b) && isGround(l, b)))
    }
  }

  func step(_ literal: Literal, _ b: Binding, _ scope: Scope) throws -> [Binding] {
    switch literal {
    case .positive(let atom) where Self.isBuiltin(atom, defined: defined):
      return try builtin(atom, b)
    case .positive(let atom):
      return try (database[atom.name] ?? []).compactMap { try match(atom.arguments, $0, b) }
    case .negative(let atom, _):
      // Local variables are bound by the match (and repeated ones compared), then dropped.
      return try step(.positive(atom), b, scope).isEmpty ? [b] : []
    case .comparison(.aggregate(let a), let op, let other, _):
      guard let v = try aggregate(a, b, scope) else { return [] }
      if op == .equal { return [try unify(other, v, b)].compactMap { $0 } }
      return try compare(v, op, value(other, b)) ? [b] : []
    case .comparison(let other, let op, .aggregate(let a), _):
      guard let v = try aggregate(a, b, scope) else { return [] }
      if op == .equal { return [try unify(other, v, b)].compactMap { $0 } }
      return try compare(value(other, b), op, v) ? [b] : []
    case .comparison(let l, .equal, let r, _) where isFree(l, b):
      return [try unify(l, value(r, b), b)].compactMap { $0 }
    case .comparison(let l, .equal, let r, _) where isFree(r, b):
      return [try unify(r, value(l, b), b)].compactMap { $0 }
    case .comparison(let l, let op, let r, _):
      return try compare(value(l, b), op, value(r, b)) ? [b] : []
    }
  }

  /// Matches plain arguments first (binding variables, also repeated ones), then checks
  /// expression arguments against the now-extended binding.
  func match(_ args: [Term], _ tuple: [Value], _ b: Binding) throws -> Binding? {
    guard args.count == tuple.count else { return nil }
    var current = b
    for pass in 0..<2 {
      for (arg, v) in zip(args, tuple) {
        let plain: Bool
        switch arg {
        case .variable, .wildcard, .symbol, .integer: plain = true
        default: plain = false
        }
        guard plain == (pass == 0) else { continue }
        guard let next = try unify(arg, v, current) else { return nil }
        current = next
      }
    }
    return current
  }

  private func builtin(_ atom: Atom, _ b: Binding) throws -> [Binding] {
    let args = atom.arguments
    if args.isEmpty { return atom.name == "true" ? [b] : [] }
    guard case .symbol(let x) = try value(args[0], b), case .symbol(let y) = try value(args[1], b)
    else { return [] }
    let xs = Array(x.utf8)
    let ys = Array(y.utf8)
    let holds: Bool
    switch atom.name {
    case "startsWith": holds = xs.starts(with: ys)
    case "endsWith": holds = xs.reversed().starts(with: ys.reversed())
    case "contains":
      // Soufflé's order: the first argument occurs in the second.
      holds =
        ys.count >= xs.count
        && (0...(ys.count - xs.count)).contains { ys[$0..<($0 + xs.count)].elementsEqual(xs) }
    default: return [try unify(args[2], .symbol(x + y), b)].compactMap { $0 }
    }
    return holds ? [b] : []
  }

  func aggregate(_ agg: Aggregate, _ b: Binding, _ scope: Scope) throws -> Value? {
    // The value depends only on the database and the variables bound outside.
    let group = Set(Self.allVariables(agg)).sorted().map {
      "\($0)=\(b[$0].map(\.description) ?? "?")"
    }
    let key = ProgramText.render(.aggregate(agg)) + " | " + group.joined(separator: ",")
    if let known = scope.memo.values[key] { return known }
    let value = try computeAggregate(agg, b, scope)
    scope.memo.values[key] = value
    return value
  }

  private func computeAggregate(_ agg: Aggregate, _ b: Binding, _ scope: Scope) throws -> Value? {
    var fresh = 0
    let body = agg.body.map { literal -> Literal in
      guard case .positive(var atom) = literal, !Self.isBuiltin(atom, defined: defined) else {
        return literal
      }
      atom.arguments = atom.arguments.map { t in
        guard case .wildcard(let s) = t else { return t }
        // Names the enclosing aggregate gave its own `_` are bound in `b`: skip them.
        var name: String
        repeat {
          fresh += 1
          name = "_#\(fresh)"
        } while b[name] != nil
        return .variable(name, s)
      }
      return .positive(atom)
    }
    let locals = Set(try solve(body, b, scope.entering(agg)).map { $0.filter { b[$0.key] == nil } })
    if agg.function == .count { return .integer(Int64(locals.count)) }
    guard let target = agg.target else {
      throw ReferenceError.unsupported("aggregate without target")
    }
    let values = try locals.map { local in try value(target, b.merging(local) { x, _ in x }) }
    switch agg.function {
    case .sum:
      return .integer(
        try values.reduce(Int64(0)) { sum, v in
          guard case .integer(let i) = v else { throw ReferenceError.typeMismatch("sum of \(v)") }
          return try arithmetic(.add, sum, i)
        })
    case .min: return values.min()
    default: return values.max()
    }
  }

  // MARK: Terms

  func variables(_ t: Term) -> [String] {
    switch t {
    case .variable(let n, _): return [n]
    case .binary(_, let l, let r, _): return variables(l) + variables(r)
    case .negate(let x, _): return variables(x)
    case .call(_, let args, _): return args.flatMap(variables)
    default: return []
    }
  }

  private func isGround(_ t: Term, _ b: Binding) -> Bool {
    switch t {
    case .variable(let n, _): return b[n] != nil
    case .wildcard, .aggregate: return false
    case .symbol, .integer: return true
    case .binary(_, let l, let r, _): return isGround(l, b) && isGround(r, b)
    case .negate(let x, _): return isGround(x, b)
    case .call(_, let args, _): return args.allSatisfy { isGround($0, b) }
    }
  }

  /// An unbound variable or `_`: a term that a value can be bound to.
  private func isFree(_ t: Term, _ b: Binding) -> Bool {
    switch t {
    case .variable(let n, _): return b[n] == nil
    case .wildcard: return true
    default: return false
    }
  }

  private func unify(_ t: Term, _ v: Value, _ b: Binding) throws -> Binding? {
    switch t {
    case .wildcard: return b
    case .variable(let n, _) where b[n] == nil:
      var extended = b
      extended[n] = v
      return extended
    default: return try value(t, b) == v ? b : nil
    }
  }

  func value(_ t: Term, _ b: Binding) throws -> Value {
    switch t {
    case .variable(let n, _):
      guard let v = b[n] else { throw ReferenceError.unsafe("variable `\(n)` is not bound") }
      return v
    case .wildcard: throw ReferenceError.unsafe("`_` has no value")
    case .symbol(let s, _): return .symbol(s)
    case .integer(let i, _): return .integer(i)
    case .binary(let op, let l, let r, _):
      return .integer(try arithmetic(op, integer(l, b), integer(r, b)))
    case .negate(let x, _): return .integer(try arithmetic(.subtract, 0, integer(x, b)))
    case .call(let name, _, _): throw ReferenceError.unsupported("function `\(name)`")
    case .aggregate: throw ReferenceError.unsupported("aggregate outside `V = aggregate`")
    }
  }

  private func integer(_ t: Term, _ b: Binding) throws -> Int64 {
    let v = try value(t, b)
    guard case .integer(let i) = v else { throw ReferenceError.typeMismatch("arithmetic on \(v)") }
    return i
  }

  func compare(_ x: Value, _ op: ComparisonOperator, _ y: Value) -> Bool {
    switch op {
    case .equal: return x == y
    case .notEqual: return x != y
    case .less: return x < y
    case .lessOrEqual: return x <= y
    case .greater: return x > y
    case .greaterOrEqual: return x >= y
    }
  }
}

/// Checked 64-bit arithmetic with Swift's truncating division; overflow and division or
/// remainder by zero throw `ReferenceError.arithmetic`.
func arithmetic(_ op: ArithmeticOperator, _ x: Int64, _ y: Int64) throws -> Int64 {
  if (op == .divide || op == .remainder) && y == 0 {
    throw ReferenceError.arithmetic("division by zero: \(x) \(op.rawValue) 0")
  }
  let (result, overflow): (Int64, Bool)
  switch op {
  case .add: (result, overflow) = x.addingReportingOverflow(y)
  case .subtract: (result, overflow) = x.subtractingReportingOverflow(y)
  case .multiply: (result, overflow) = x.multipliedReportingOverflow(by: y)
  case .divide: (result, overflow) = x.dividedReportingOverflow(by: y)
  case .remainder: (result, overflow) = x.remainderReportingOverflow(dividingBy: y)
  }
  if overflow { throw ReferenceError.arithmetic("overflow: \(x) \(op.rawValue) \(y)") }
  return result
}
