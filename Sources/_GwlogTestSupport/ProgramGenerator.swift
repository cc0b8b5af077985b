import GwlogEngine

/// Random stratified, range-restricted programs with facts, reproducible from a seed, for
/// differential tests against `ReferenceEvaluator`.
///
/// Shape: input relations `e0...` with random facts, derived relations `r0...` each given a
/// level (consecutive relations may share one, which makes mutual recursion). Positive atoms
/// reference lower or equal levels, negation and aggregates strictly lower ones. Columns are
/// typed (integer or symbol) so arithmetic, `sum` and string built-ins get values of the
/// right kind; a few comparisons deliberately mix kinds. Rules that create values
/// (arithmetic, `concat`, aggregates) are never recursive, so every model is finite.
/// Divisors are non-zero constants and multipliers small, so no evaluation can fail.
/// With the `negationLocals` preset, negated atoms often name variables that occur nowhere
/// else (negation-local, also repeated as in `!e0(X, P, P)` or shared by two negations), and
/// aggregates sometimes nest an aggregate that groups by the enclosing aggregate's variables.
public struct ProgramGenerator {
  /// Sizes and frequencies of generated programs.
  public struct Knobs: Sendable {
    /// How many input (EDB) relations.
    public var inputRelations: ClosedRange<Int> = 2...4
    /// How many derived (IDB) relations.
    public var derivedRelations: ClosedRange<Int> = 2...6
    /// The largest arity of any relation.
    public var maximumArity: Int = 3
    /// Facts per input relation (duplicates possible).
    public var factsPerInput: ClosedRange<Int> = 0...30
    /// Rules per derived relation.
    public var rulesPerRelation: ClosedRange<Int> = 1...3
    /// Literals per rule body.
    public var bodyLiterals: ClosedRange<Int> = 1...4
    /// The integers facts and constants are drawn from.
    public var integers: ClosedRange<Int64> = 0...5
    /// The symbols facts and constants are drawn from (some prefixes of others on purpose).
    public var symbols: [String] = ["a", "b", "c", "ab", "ba"]
    /// Probability that a further body literal is a negation.
    public var negation: Double = 0.2
    /// Probability that a further body literal is a comparison.
    public var comparison: Double = 0.2
    /// Probability that a further literal of a non-recursive rule is an arithmetic equation.
    public var arithmetic: Double = 0.15
    /// Probability that a further literal is a string built-in.
    public var builtin: Double = 0.1
    /// Probability that a further literal of a non-recursive rule is an aggregate.
    public var aggregate: Double = 0.15
    /// Probability that a later rule of a relation is recursive (when it can be).
    public var recursion: Double = 0.6
    /// Probability that an argument of a negated atom is a negation-local variable.
    ///
    /// Off by default (then no random draw is spent on it, so the programs of the other
    /// presets stay as they were); `negationLocals` turns it on.
    public var negationLocal: Double = 0
    /// Probability that an aggregate's body holds a nested aggregate; off by default, like
    /// `negationLocal`.
    public var nestedAggregate: Double = 0

    /// The default sizes: small programs over a small domain.
    public init() {}

    /// Larger programs with more facts, wider integers and longer bodies: the preset the
    /// differential, goal-directed and parallel property tests share.
    public static var larger: Knobs {
      var knobs = Knobs()
      knobs.factsPerInput = 20...80
      knobs.integers = 0...12
      knobs.bodyLiterals = 2...5
      return knobs
    }

    /// Many negations, most of them with negation-local variables (`!e0(X, P)`, `!e1(P, P)`),
    /// and nested aggregates, over a small domain so that negations both hold and fail: the
    /// preset of the properties of negation-local variables and nested aggregates.
    public static var negationLocals: Knobs {
      var knobs = Knobs()
      knobs.factsPerInput = 5...25
      knobs.integers = 0...4
      knobs.bodyLiterals = 2...5
      knobs.negation = 0.45
      knobs.negationLocal = 0.55
      knobs.nestedAggregate = 0.3
      return knobs
    }
  }

  private enum Kind { case integer, symbol }

  private struct Relation {
    var name: String
    var columns: [Kind]
    var level: Int
  }

  /// Variables bound so far in the rule being built, and a counter for fresh names.
  private struct RuleState {
    var bound: [(name: String, kind: Kind)] = []
    /// Variables used only under negation so far (never bound).
    var negationLocals: [(name: String, kind: Kind)] = []
    var counter = 0

    mutating func fresh(_ prefix: String = "V") -> String {
      counter += 1
      return "\(prefix)\(counter)"
    }

    func bound(_ kind: Kind) -> [String] { bound.filter { $0.kind == kind }.map(\.name) }
  }

  /// The sizes and frequencies in use.
  public var knobs: Knobs
  private var random: SeededRandom

  /// Creates a generator whose programs are determined by `seed` and `knobs`.
  public init(seed: UInt64, knobs: Knobs = Knobs()) {
    self.knobs = knobs
    self.random = SeededRandom(seed: seed)
  }

  /// The next random program: facts first, then rules.
  public mutating func program() -> Program {
    let inputs = (0..<int(knobs.inputRelations)).map { i in
      Relation(name: "e\(i)", columns: columns(), level: 0)
    }
    var derived: [Relation] = []
    var level = 1
    for i in 0..<int(knobs.derivedRelations) {
      if i > 0 && !chance(0.4) { level += 1 }
      derived.append(Relation(name: "r\(i)", columns: columns(), level: level))
    }
    var statements: [Statement] = []
    for relation in inputs {
      let count = relation.columns.isEmpty ? int(0...1) : int(knobs.factsPerInput)
      for _ in 0..<count { statements.append(.clause(fact(relation))) }
    }
    for relation in derived where chance(0.15) {
      statements.append(.clause(fact(relation)))
    }
    let all = inputs + derived
    for relation in derived {
      for index in 0..<int(knobs.rulesPerRelation) {
        statements.append(.clause(rule(for: relation, index: index, relations: all)))
      }
    }
    return Program(statements: statements)
  }

  // MARK: Facts

  private mutating func fact(_ relation: Relation) -> Clause {
    let args = relation.columns.map { kind -> Term in
      guard kind == .integer, chance(0.05) else { return constant(kind) }
      // A constant expression, which the engine must fold: `(a - b)` or `-(a)`.
      return chance(0.5)
        ? .binary(.subtract, constant(.integer), constant(.integer), .none)
        : .negate(constant(.integer), .none)
    }
    return Clause(head: atom(relation.name, args), body: [], span: .none)
  }

  // MARK: Rules

  private mutating func rule(for head: Relation, index: Int, relations: [Relation]) -> Clause {
    let lower = relations.filter { $0.level < head.level }
    let same = relations.filter { $0.level == head.level }
    let recursive = index > 0 && chance(knobs.recursion)
    var state = RuleState()
    // A recursive rule prefers a partner of the same level, which makes mutual recursion.
    let partners = same.filter { $0.name != head.name }
    let first = recursive ? pick(!partners.isEmpty && chance(0.6) ? partners : same) : pick(lower)
    var body = [Literal.positive(positiveAtom(first, &state))]
    for _ in 1..<int(knobs.bodyLiterals) {
      let literal: Literal?
      switch weightedChoice([
        knobs.negation, knobs.comparison, knobs.arithmetic, knobs.builtin, knobs.aggregate,
      ]) {
      case 0: literal = negation(lower, &state)
      case 1: literal = comparison(&state)
      case 2: literal = recursive ? nil : equation(&state)
      case 3: literal = builtin(allowConcat: !recursive, &state)
      case 4: literal = recursive ? nil : aggregate(lower, &state)
      default: literal = nil
      }
      body.append(
        literal ?? .positive(positiveAtom(pick(recursive ? lower + same : lower), &state)))
    }
    let args = head.columns.map { kind -> Term in
      let candidates = state.bound(kind)
      return candidates.isEmpty || chance(0.05) ? constant(kind) : variable(pick(candidates))
    }
    // Literal order must not matter; shuffling sometimes puts a filter before its binder.
    if chance(0.25) { body.shuffle(using: &random) }
    return Clause(head: atom(head.name, args), body: body, span: .none)
  }

  /// A positive atom; new variables are bound at once, so a later argument can repeat one
  /// (`e(X, X)`).
  private mutating func positiveAtom(_ relation: Relation, _ state: inout RuleState) -> Atom {
    var args: [Term] = []
    for kind in relation.columns {
      let candidates = state.bound(kind)
      let roll = double()
      if !candidates.isEmpty && roll < 0.35 {
        args.append(variable(pick(candidates)))
      } else if roll < 0.8 {
        let name = state.fresh()
        state.bound.append((name, kind))
        args.append(variable(name))
      } else if roll < 0.9 {
        args.append(constant(kind))
      } else {
        args.append(.wildcard(.none))
      }
    }
    return atom(relation.name, args)
  }

  /// Arguments for atoms that bind nothing (negation, aggregate group variables).
  private mutating func checkedArgument(_ kind: Kind, _ state: RuleState) -> Term {
    let candidates = state.bound(kind)
    let roll = double()
    if !candidates.isEmpty && roll < 0.65 { return variable(pick(candidates)) }
    return roll < 0.85 ? constant(kind) : .wildcard(.none)
  }

  private mutating func negation(_ lower: [Relation], _ state: inout RuleState) -> Literal? {
    let symbols = state.bound(.symbol)
    if !symbols.isEmpty && chance(0.15) {
      let name = pick(["startsWith", "endsWith", "contains"])
      return .negative(atom(name, [variable(pick(symbols)), constant(.symbol)]), .none)
    }
    let relation = pick(lower)
    var args: [Term] = []
    for kind in relation.columns {
      guard knobs.negationLocal > 0 && chance(knobs.negationLocal) else {
        args.append(checkedArgument(kind, state))
        continue
      }
      // A negation-local variable: new, or one already used under negation (repeated in
      // this atom, or shared with an earlier negation, where it is local to each).
      let earlier = state.negationLocals.filter { $0.kind == kind }.map(\.name)
      if !earlier.isEmpty && chance(0.5) {
        args.append(variable(pick(earlier)))
      } else {
        let name = state.fresh("N")
        state.negationLocals.append((name, kind))
        args.append(variable(name))
      }
    }
    return .negative(atom(relation.name, args), .none)
  }

  private mutating func comparison(_ state: inout RuleState) -> Literal? {
    guard !state.bound.isEmpty else { return nil }
    let (name, kind) = pick(state.bound)
    let operators: [ComparisonOperator] = [
      .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual,
    ]
    let op = pick(operators)
    let other: Term
    if chance(0.1) {
      other = variable(pick(state.bound).name)  // possibly of the other kind
    } else if chance(0.5), case let others = state.bound(kind).filter({ $0 != name }),
      !others.isEmpty
    {
      other = variable(pick(others))
    } else {
      other = constant(kind)
    }
    return .comparison(variable(name), op, other, .none)
  }

  private mutating func equation(_ state: inout RuleState) -> Literal? {
    let integers = state.bound(.integer)
    guard !integers.isEmpty else { return nil }
    let x = variable(pick(integers))
    let expression: Term
    switch int(0...4) {
    case 0:
      expression = .binary(
        .add, x, chance(0.5) ? variable(pick(integers)) : constant(.integer), .none)
    case 1:
      expression = .binary(
        .subtract, x, chance(0.5) ? variable(pick(integers)) : constant(.integer), .none)
    case 2: expression = .binary(.multiply, x, .integer(Int64(int(0...3)), .none), .none)
    case 3:
      let op: ArithmeticOperator = chance(0.5) ? .divide : .remainder
      expression = .binary(op, x, .integer(pick([1, 2, 3, -2]), .none), .none)
    default: expression = .negate(x, .none)
    }
    let name = state.fresh()
    state.bound.append((name, .integer))
    return .comparison(variable(name), .equal, expression, .none)
  }

  private mutating func builtin(allowConcat: Bool, _ state: inout RuleState) -> Literal? {
    let symbols = state.bound(.symbol)
    guard !symbols.isEmpty else { return nil }
    let x = variable(pick(symbols))
    if allowConcat && chance(0.35) {
      let y = chance(0.5) ? variable(pick(symbols)) : constant(.symbol)
      let name = state.fresh()
      state.bound.append((name, .symbol))
      return .positive(atom("concat", [x, y, variable(name)]))
    }
    let pattern = chance(0.3) ? variable(pick(symbols)) : constant(.symbol)
    return .positive(atom(pick(["startsWith", "endsWith", "contains"]), [x, pattern]))
  }

  /// `R = f T : { atom [, local filter] }` over a strictly lower relation; locals get fresh
  /// `L` names so they can never clash with variables outside.
  private mutating func aggregate(_ lower: [Relation], _ state: inout RuleState) -> Literal? {
    let relation = pick(lower)
    var locals: [(name: String, kind: Kind)] = []
    let args = relation.columns.map { kind -> Term in
      let roll = double()
      if roll < 0.5 {
        let name = state.fresh("L")
        locals.append((name, kind))
        return variable(name)
      }
      return checkedArgument(kind, state)
    }
    var body = [Literal.positive(atom(relation.name, args))]
    if knobs.nestedAggregate > 0 && chance(knobs.nestedAggregate),
      let nested = nestedAggregate(lower, locals, &state)
    {
      body.append(.comparison(variable(nested.name), .equal, .aggregate(nested.aggregate), .none))
      locals.append((nested.name, nested.kind))
    }
    if !locals.isEmpty && chance(0.3) {
      let local = pick(locals)
      body.append(
        .comparison(
          variable(local.name), pick([.less, .notEqual, .greaterOrEqual]), constant(local.kind),
          .none))
    }
    let integers = locals.filter { $0.kind == .integer }
    let function: AggregateFunction
    var target: (name: String, kind: Kind)?
    switch int(0...3) {
    case 1 where !integers.isEmpty:
      function = .sum
      target = pick(integers)
    case 2 where !locals.isEmpty, 3 where !locals.isEmpty:
      function = chance(0.5) ? .min : .max
      target = pick(locals)
    default: function = .count
    }
    let result = state.fresh()
    state.bound.append((result, target?.kind ?? .integer))
    let aggregate = Aggregate(
      function: function, target: target.map { variable($0.name) }, body: body, span: .none)
    return .comparison(variable(result), .equal, .aggregate(aggregate), .none)
  }

  /// `R = f T : { atom }` for the body of an enclosing aggregate: its arguments reuse the
  /// enclosing aggregate's locals (its group variables) or the rule's bound variables, or
  /// are its own locals; `R` becomes a local of the enclosing aggregate.
  private mutating func nestedAggregate(
    _ lower: [Relation], _ enclosing: [(name: String, kind: Kind)], _ state: inout RuleState
  ) -> (name: String, kind: Kind, aggregate: Aggregate)? {
    let relation = pick(lower)
    var own: [(name: String, kind: Kind)] = []
    let args = relation.columns.map { kind -> Term in
      let shared = enclosing.filter { $0.kind == kind }.map(\.name)
      let roll = double()
      if !shared.isEmpty && roll < 0.5 { return variable(pick(shared)) }
      if roll < 0.8 {
        let name = state.fresh("L")
        own.append((name, kind))
        return variable(name)
      }
      return checkedArgument(kind, state)
    }
    let integers = own.filter { $0.kind == .integer }
    let function: AggregateFunction
    var target: (name: String, kind: Kind)?
    switch int(0...2) {
    case 1 where !integers.isEmpty:
      function = .sum
      target = pick(integers)
    case 2 where !own.isEmpty:
      function = chance(0.5) ? .min : .max
      target = pick(own)
    default: function = .count
    }
    let aggregate = Aggregate(
      function: function, target: target.map { variable($0.name) },
      body: [.positive(atom(relation.name, args))], span: .none)
    return (state.fresh("L"), target?.kind ?? .integer, aggregate)
  }

  // MARK: Small helpers

  private mutating func columns() -> [Kind] {
    (0..<int(0...knobs.maximumArity)).map { _ in chance(0.6) ? .integer : .symbol }
  }

  private mutating func constant(_ kind: Kind) -> Term {
    switch kind {
    case .integer: return .integer(Int64.random(in: knobs.integers, using: &random), .none)
    case .symbol: return .symbol(pick(knobs.symbols), .none)
    }
  }

  private func variable(_ name: String) -> Term { .variable(name, .none) }

  private func atom(_ name: String, _ args: [Term]) -> Atom {
    Atom(name: name, arguments: args, span: .none, nameSpan: .none)
  }

  private mutating func int(_ range: ClosedRange<Int>) -> Int {
    Int.random(in: range, using: &random)
  }

  private mutating func double() -> Double { Double.random(in: 0..<1, using: &random) }

  private mutating func chance(_ p: Double) -> Bool { double() < p }

  /// The index drawn with the given probabilities, or `weights.count` for the remainder.
  private mutating func weightedChoice(_ weights: [Double]) -> Int {
    var roll = double()
    for (index, weight) in weights.enumerated() {
      if roll < weight { return index }
      roll -= weight
    }
    return weights.count
  }

  /// A random element; callers pass non-empty arrays (the first relations are inputs, which
  /// every level can use).
  private mutating func pick<T>(_ items: [T]) -> T { items[int(0...(items.count - 1))] }
}
