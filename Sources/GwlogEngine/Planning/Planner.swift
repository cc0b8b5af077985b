/// Compiles a rule (or one semi-naive version of it) into a `Plan`: a greedy join order from
/// live relation sizes (delta atom first, then atoms with the most bound columns, smallest
/// first, ties by source order), with comparisons, negations, built-ins and aggregates placed
/// as soon as their variables are bound.
///
/// A positive atom of the main body whose variables occur nowhere else in the rule
/// (`e(_, _)`, `e(3, Y)` with `Y` used only there) is an existence test, placed first and run
/// once per rule run; an atom whose remaining unbound variables occur nowhere else is, once
/// placed, a test too (one continuation per match of the other atoms, not one per row). Both
/// take the lowest height among their matching rows, so heights are those of the join.
struct Planner {
  /// Live relation sizes, by relation id.
  let sizes: [Int]
  let program: CheckedProgram
  /// Interns the rule's constants (the database's constant pool).
  let pool: any ConstantInterning

  /// Distinct keys of an existing index, for the cost-based order of run-once bodies.
  var keysOfIndex: (_ relation: Int, _ columns: [Int]) -> Int? = { _, _ in nil }

  private var plan: Plan
  private var registers: [String: Int] = [:]
  /// How often each variable occurs in the rule (head, body, inside aggregates).
  private var occurrences: [String: Int] = [:]

  init(
    sizes: [Int], program: CheckedProgram, pool: any ConstantInterning, rule: CheckedRule
  ) {
    self.sizes = sizes
    self.program = program
    self.pool = pool
    outerNames = rule.outerNames
    negationLocals = rule.negationLocals
    plan = Plan(rule: rule.id, head: rule.head, span: rule.clause.span)
    var all: [(String, SourceSpan)] = []
    for t in rule.clause.head.arguments { TermWalk.allVariables(t, into: &all) }
    for literal in rule.clause.body { TermWalk.allVariables(literal, into: &all) }
    for (name, _) in all { occurrences[name, default: 0] += 1 }
  }

  /// Compiles `rule` with the literal at `deltaLiteral` reading the delta and each literal in
  /// `oldLiterals` reading only old rows.
  ///
  /// The interpreter builds the indexes the plan's probes need. Throws an internal error
  /// (`DiagnosticError`) when some literal cannot be placed.
  mutating func compile(
    _ rule: CheckedRule, deltaLiteral: Int?, oldLiterals: Set<Int>
  ) throws -> Plan {
    var bound: Set<String> = []
    var main: [Plan.Step] = []
    try placeBody(
      rule.clause.body, bound: &bound, deltaLiteral: deltaLiteral, oldLiterals: oldLiterals,
      countsForHead: true, into: &main)
    var emit = Plan.Step(kind: .emit)
    emit.head = rule.clause.head.arguments.map { operand($0, bound: bound) }
    emit.span = rule.clause.head.span
    main.append(emit)
    plan.mainStepCount = main.count
    // Aggregate sub-steps were appended to plan.steps while placing; main steps go first.
    let subSteps = plan.steps
    plan.steps = main + subSteps
    for i in 0..<plan.aggregates.count {
      plan.aggregates[i].firstStep += main.count
      plan.aggregates[i].endStep += main.count
    }
    plan.registerCount = registers.count
    return plan
  }

  // MARK: placement

  /// Appends the steps of `body`: ready filters first (in source order, repeatedly), then
  /// the next relation atom, until every literal is placed.
  ///
  /// Throws an internal error when literals remain that can never be placed (safety
  /// analysis rules that out).
  private mutating func placeBody(
    _ body: [Literal], bound: inout Set<String>, deltaLiteral: Int?, oldLiterals: Set<Int>,
    countsForHead: Bool, into steps: inout [Plan.Step]
  ) throws {
    var placed = [Bool](repeating: false, count: body.count)
    var remaining = body.count
    // Atoms that share no variable with the rest of the rule are tested once, first. Only in
    // the main body: inside an aggregate every match counts.
    var tests: Set<Int> = []
    if countsForHead {
      for (i, literal) in body.enumerated() {
        guard case .positive(let atom) = literal, program.builtin(for: atom) == nil,
          let relation = program.relationIDs[atom.name], isExistenceTest(atom, bound: bound)
        else { continue }
        tests.insert(i)
        let range: Plan.RowRange =
          i == deltaLiteral ? .delta : (oldLiterals.contains(i) ? .old : .full)
        placeAtom(
          atom, relation: relation, range: range, forceScan: range == .delta,
          countsForHead: countsForHead, bound: &bound, into: &steps)
        placed[i] = true
        remaining -= 1
      }
    }
    // Bodies that run once get a cost-based atom order; the loop below follows it.
    let (preferred, scanInstead) =
      deltaLiteral == nil && countsForHead
      ? preferredOrder(body, bound: bound, excluding: tests) : ([], [])
    while remaining > 0 {
      remaining -= try placeReadyFilters(body, &placed, bound: &bound, into: &steps)
      if remaining == 0 { break }
      guard
        let choice = nextAtom(
          body, placed, preferred: preferred, bound: bound, deltaLiteral: deltaLiteral),
        case .positive(let atom) = body[choice], let relation = program.relationIDs[atom.name]
      else {
        throw unplaceable(body, placed)
      }
      let range: Plan.RowRange =
        choice == deltaLiteral ? .delta : (oldLiterals.contains(choice) ? .old : .full)
      placeAtom(
        atom, relation: relation, range: range,
        forceScan: range == .delta || scanInstead.contains(choice), countsForHead: countsForHead,
        bound: &bound, into: &steps)
      placed[choice] = true
      remaining -= 1
    }
  }

  /// The cost-based atom order (`JoinOrder`) of a body that runs once, as body positions,
  /// and the positions of the atoms to scan rather than probe; empty when there is none.
  private func preferredOrder(_ body: [Literal], bound: Set<String>, excluding: Set<Int>) -> (
    order: [Int], scanInstead: Set<Int>
  ) {
    var positions: [Int] = []
    var atoms: [JoinOrder.Atom] = []
    var filters: [Set<String>] = []
    var binders: [JoinOrder.Binder] = []
    for (i, literal) in body.enumerated() where !excluding.contains(i) {
      if let binder = binder(literal, bound: bound) {
        binders.append(binder)
        continue
      }
      if let read = filterVariables(literal) {
        filters.append(read)
        continue
      }
      guard case .positive(let atom) = literal, program.builtin(for: atom) == nil,
        let relation = program.relationIDs[atom.name]
      else { continue }
      positions.append(i)
      var entry = JoinOrder.Atom(
        relation: relation,
        arguments: atom.arguments.map { arg -> JoinOrder.Argument in
          switch arg {
          case .symbol, .integer: return .constant
          case .variable(let name, _): return .variable(name)
          default: return .other
          }
        })
      var counts: [String: Int] = [:]
      for arg in atom.arguments {
        switch arg {
        case .symbol, .integer, .wildcard: continue
        case .variable(let name, _): counts[name, default: 0] += 1
        default: entry.isPlain = false
        }
      }
      entry.local = Set(counts.filter { occurrences[$0.key] == $0.value }.keys)
      atoms.append(entry)
    }
    guard
      let choice = JoinOrder(sizes: sizes, keysOfIndex: keysOfIndex).choose(
        atoms, filters: filters, binders: binders, bound: bound)
    else { return ([], []) }
    var scanInstead: Set<Int> = []
    for (k, scan) in choice.scanInsteadOfIndex.enumerated() where scan {
      scanInstead.insert(positions[k])
    }
    return (choice.order.map { positions[$0] }, scanInstead)
  }

  /// What a literal binds, for the join order's cost.
  ///
  /// `X = expr` (either side) binds `X` from the variables of `expr`; a positive built-in
  /// binds its non-input variables from its input ones. Nil for anything else, or when the
  /// literal binds nothing new.
  private func binder(_ literal: Literal, bound: Set<String>) -> JoinOrder.Binder? {
    func names(_ terms: [Term]) -> Set<String> {
      Set(terms.flatMap { TermWalk.variables($0).map(\.0) }.filter { $0 != "_" })
    }
    switch literal {
    case .comparison(let lhs, .equal, let rhs, _):
      if case .variable(let x, _) = lhs, !bound.contains(x), !names([rhs]).contains(x) {
        return JoinOrder.Binder(inputs: names([rhs]), outputs: [x])
      }
      if case .variable(let x, _) = rhs, !bound.contains(x), !names([lhs]).contains(x) {
        return JoinOrder.Binder(inputs: names([lhs]), outputs: [x])
      }
      return nil
    case .positive(let atom):
      guard let builtin = program.builtin(for: atom), builtin.arity == atom.arguments.count
      else { return nil }
      var inputs: [Term] = []
      var outputs: [Term] = []
      for (argument, isInput) in zip(atom.arguments, builtin.inputs) {
        if isInput { inputs.append(argument) } else { outputs.append(argument) }
      }
      let out = names(outputs).subtracting(bound)
      return out.isEmpty ? nil : JoinOrder.Binder(inputs: names(inputs), outputs: out)
    case .negative, .comparison:
      return nil
    }
  }

  /// The variables a literal reads when it only filters (a negation, a comparison that binds
  /// nothing, a built-in test with no output), for the join order's cost; nil otherwise.
  private func filterVariables(_ literal: Literal) -> Set<String>? {
    func names(_ terms: [Term]) -> Set<String> {
      Set(terms.flatMap { TermWalk.variables($0).map(\.0) }.filter { $0 != "_" })
    }
    switch literal {
    case .negative(let atom, _):
      // Negation-local variables are never bound: the filter waits for the others only.
      return names(atom.arguments).subtracting(negationLocals)
    case .comparison(let lhs, _, let rhs, _):
      // An `=` that binds a variable is a binder (`binder` is asked first); here it tests.
      return names([lhs, rhs])
    case .positive(let atom):
      // A built-in test (one that binds nothing; `binder` takes the others).
      return program.builtin(for: atom) != nil ? names(atom.arguments) : nil
    }
  }

  /// Places every filter and binding that is ready, in source order, until none is; returns
  /// how many literals it placed.
  private mutating func placeReadyFilters(
    _ body: [Literal], _ placed: inout [Bool], bound: inout Set<String>,
    into steps: inout [Plan.Step]
  ) throws -> Int {
    var count = 0
    var progress = true
    while progress {
      progress = false
      for (i, literal) in body.enumerated() where !placed[i] {
        if case .positive(let atom) = literal, program.builtin(for: atom) == nil { continue }
        if try placeFilter(literal, bound: &bound, into: &steps) {
          placed[i] = true
          count += 1
          progress = true
        }
      }
    }
    return count
  }

  /// The position of the next relation atom to place: the next one of `preferred` when it
  /// can be matched now, else the delta atom, then the one with the most bound columns
  /// (smallest first, ties by source order); nil when no atom can be placed.
  private func nextAtom(
    _ body: [Literal], _ placed: [Bool], preferred: [Int], bound: Set<String>,
    deltaLiteral: Int?
  ) -> Int? {
    if let next = preferred.first(where: { !placed[$0] }), case .positive(let atom) = body[next],
      atom.arguments.allSatisfy({ isPlaceableArgument($0, bound: bound) })
    {
      return next
    }
    var best: (index: Int, key: (Int, Int, Int, Int))?
    for (i, literal) in body.enumerated() where !placed[i] {
      guard case .positive(let atom) = literal, program.builtin(for: atom) == nil,
        let relation = program.relationIDs[atom.name]
      else { continue }
      guard atom.arguments.allSatisfy({ isPlaceableArgument($0, bound: bound) }) else {
        continue
      }
      let boundColumns = atom.arguments.filter { isKeyArgument($0, bound: bound) }.count
      let isDelta = i == deltaLiteral
      let key = (
        isDelta ? 0 : 1,
        boundColumns > 0 ? (boundColumns == atom.arguments.count ? 0 : 1) : 2,
        boundColumns > 0 ? -boundColumns : sizes[relation],
        sizes[relation]
      )
      if best.map({ key < $0.key }) ?? true { best = (i, key) }
    }
    return best?.index
  }

  /// Whether a main-body atom only tests for a match: every argument is a constant, a
  /// wildcard, a bound variable, or a variable that occurs only in this atom.
  private func isExistenceTest(_ atom: Atom, bound: Set<String>) -> Bool {
    var local: [String: Int] = [:]
    for arg in atom.arguments {
      switch arg {
      case .wildcard, .symbol, .integer: continue
      case .variable(let name, _):
        if !bound.contains(name) { local[name, default: 0] += 1 }
      default: return false
      }
    }
    return local.allSatisfy { occurrences[$0.key] == $0.value }
  }

  /// Appends the step that matches a relation atom, with its own height slot; in the main
  /// body an atom that only tests for a match becomes a test step (`scanAny`, `probeAny`).
  private mutating func placeAtom(
    _ atom: Atom, relation: Int, range: Plan.RowRange, forceScan: Bool, countsForHead: Bool,
    bound: inout Set<String>, into steps: inout [Plan.Step]
  ) {
    let isTest = countsForHead && isExistenceTest(atom, bound: bound)
    var step = atomStep(atom, relation: relation, bound: &bound, range: range, forceScan: forceScan)
    if isTest {
      if step.kind == .scan { step.kind = .scanAny }
      if step.kind == .probe { step.kind = .probeAny }
    }
    step.heightSlot = plan.heightSlotCount
    plan.heightSlotCount += 1
    // Demand atoms (goal-directed evaluation) say which tuples are asked for, not why
    // they hold, so they do not count towards heights.
    if countsForHead && !program.demandRelations.contains(relation) {
      plan.headHeightSlots.append(step.heightSlot)
    }
    steps.append(step)
  }

  /// The internal error for a body whose remaining literals can never be placed.
  private func unplaceable(_ body: [Literal], _ placed: [Bool]) -> DiagnosticError {
    let literals = body.indices.filter { !placed[$0] }.map { "`\(Printer.literal(body[$0]))`" }
    let head =
      program.relations.indices.contains(plan.head) ? program.relations[plan.head].name : ""
    return DiagnosticError([
      .error(
        .internalError,
        "internal error: the planner could not place \(literals.joined(separator: ", ")) "
          + "in a rule for `\(head)`", at: plan.span,
        help: "this is a bug in gwlog; please report it with the program")
    ])
  }

  /// Places a non-relation literal if its inputs are bound; returns false when not ready.
  private mutating func placeFilter(
    _ literal: Literal, bound: inout Set<String>, into steps: inout [Plan.Step]
  ) throws -> Bool {
    switch literal {
    case .positive(let atom):
      return placeBuiltin(atom, bound: &bound, into: &steps)
    case .negative(let atom, _):
      return placeNegation(atom, bound: bound, into: &steps)
    case .comparison(let lhs, let op, let rhs, let span):
      return try placeComparison(lhs, op, rhs, span: span, bound: &bound, into: &steps)
    }
  }

  /// Places a built-in predicate call once its input arguments are bound; unbound variables
  /// among its other arguments become outputs.
  private mutating func placeBuiltin(
    _ atom: Atom, bound: inout Set<String>, into steps: inout [Plan.Step]
  ) -> Bool {
    guard let builtin = program.builtin(for: atom),
      let index = program.builtins.predicates.firstIndex(where: {
        $0.name == builtin.name && $0.arity == builtin.arity
      })
    else { return false }
    for (arg, isInput) in zip(atom.arguments, builtin.inputs) where isInput {
      if !isComputable(arg, bound: bound) { return false }
    }
    var step = Plan.Step(kind: .builtin)
    step.builtin = index
    step.span = atom.span
    for arg in atom.arguments {
      if case .variable(let name, _) = arg, !bound.contains(name) {
        step.arguments.append(.constant(0))
        step.outputs.append(register(name))
        bound.insert(name)
      } else {
        step.arguments.append(operand(arg, bound: bound))
        step.outputs.append(nil)
      }
    }
    // A variable repeated among outputs is checked after the first assignment.
    steps.append(step)
    return true
  }

  /// Places a negated atom (a relation or a built-in) once its arguments are bound; a
  /// relation atom's negation-local variables are matched like `_`, and when one repeats
  /// (`!s(X, P, P)`) the step keeps the column checks that compare its columns.
  private mutating func placeNegation(
    _ atom: Atom, bound: Set<String>, into steps: inout [Plan.Step]
  ) -> Bool {
    guard
      atom.arguments.allSatisfy({
        isComputable($0, bound: bound) || isWildcard($0) || isNegationLocal($0)
      }),
      program.builtin(for: atom) == nil, let relation = program.relationIDs[atom.name]
    else {
      if program.builtin(for: atom) != nil,
        atom.arguments.allSatisfy({ isComputable($0, bound: bound) })
      {
        // A negated built-in: run the built-in as a filter and invert.
        var inner: [Plan.Step] = []
        var scratch = bound
        _ = placeBuiltin(atom, bound: &scratch, into: &inner)
        if var step = inner.first {
          step.kind = .builtin
          step.isNegated = true
          steps.append(step)
          return true
        }
      }
      return false
    }
    var scratch = bound
    var step = atomStep(atom, relation: relation, bound: &scratch, range: .full, forceScan: false)
    step.kind = .negate
    // Local variables met once are wildcards; only the checks of repeated ones matter.
    let checksLocals = step.actions.contains {
      if case .check = $0 { return true }
      return false
    }
    if !checksLocals { step.actions = [] }
    steps.append(step)
    return true
  }

  private func isNegationLocal(_ t: Term) -> Bool {
    if case .variable(let name, _) = t { return negationLocals.contains(name) }
    return false
  }

  /// Places a comparison: an aggregate, a test once both sides are computable, or an `=`
  /// that binds a variable from a computable other side.
  private mutating func placeComparison(
    _ lhs: Term, _ op: ComparisonOperator, _ rhs: Term, span: SourceSpan,
    bound: inout Set<String>, into steps: inout [Plan.Step]
  ) throws -> Bool {
    if case .aggregate(let a) = rhs {
      return try placeAggregate(a, other: lhs, op: op, bound: &bound, span: span, into: &steps)
    }
    if case .aggregate(let a) = lhs {
      return try placeAggregate(a, other: rhs, op: op, bound: &bound, span: span, into: &steps)
    }
    let l = isComputable(lhs, bound: bound)
    let r = isComputable(rhs, bound: bound)
    if l && r {
      var step = Plan.Step(kind: .compare)
      step.comparison = op
      step.left = operand(lhs, bound: bound)
      step.right = operand(rhs, bound: bound)
      step.span = span
      steps.append(step)
      return true
    }
    guard op == .equal else { return false }
    for (target, source) in [(lhs, rhs), (rhs, lhs)] {
      if case .variable(let name, _) = target, !bound.contains(name),
        isComputable(source, bound: bound)
      {
        var step = Plan.Step(kind: .assign)
        step.left = .register(register(name))
        step.right = operand(source, bound: bound)
        step.span = span
        bound.insert(name)
        steps.append(step)
        return true
      }
    }
    return false
  }

  /// Places an aggregate compared with (or binding) `other`, its body as sub-steps, once
  /// its group variables are bound; returns false when not ready.
  private mutating func placeAggregate(
    _ a: Aggregate, other: Term, op: ComparisonOperator, bound: inout Set<String>,
    span: SourceSpan, into steps: inout [Plan.Step]
  ) throws -> Bool {
    // Group variables: those of the aggregate bound outside; all must be bound by now if
    // they occur outside at all. We wait until every variable the aggregate shares with
    // already-bound ones is placed; inner variables not bound stay local.
    let otherReady = isComputable(other, bound: bound)
    let isBinding: Bool
    if case .variable(let name, _) = other, !bound.contains(name), op == .equal {
      isBinding = true
    } else if otherReady {
      isBinding = false
    } else {
      return false
    }
    // Outer variables appearing in the aggregate that are not yet bound but will be bound
    // later would change the grouping; analysis put them in `outer`, so wait for them.
    let aggregateVariables = Set(TermWalk.allVariables(of: a).map(\.0))
    for name in aggregateVariables where !bound.contains(name) && outerNames.contains(name) {
      return false
    }
    let index = plan.aggregates.count
    plan.aggregates.append(
      Plan.AggregateInfo(
        function: a.function, target: nil, result: .constant(0), resultIsBound: !isBinding,
        firstStep: 0, endStep: 0))
    var inner = bound
    var sub: [Plan.Step] = []
    // An aggregate nested in this one groups by the variables of this body and target
    // too, so it must wait for them as well (docs/language.md#aggregates).
    let enclosing = outerNames
    outerNames.formUnion(TermWalk.scopeVariables(of: a).subtracting(negationLocals))
    defer { outerNames = enclosing }
    try placeBody(
      a.body, bound: &inner, deltaLiteral: nil, oldLiterals: [], countsForHead: false, into: &sub)
    plan.aggregates[index].target = a.target.map { operand($0, bound: inner) }
    var accumulate = Plan.Step(kind: .accumulate)
    accumulate.aggregate = index
    sub.append(accumulate)
    let first = plan.steps.count
    plan.steps.append(contentsOf: sub)
    plan.aggregates[index].firstStep = first
    plan.aggregates[index].endStep = plan.steps.count
    if isBinding, case .variable(let name, _) = other {
      plan.aggregates[index].result = .register(register(name))
      bound.insert(name)
    } else {
      plan.aggregates[index].result = operand(other, bound: bound)
    }
    var step = Plan.Step(kind: .aggregate)
    step.aggregate = index
    step.comparison = op
    step.span = span
    steps.append(step)
    return true
  }

  /// Names that occur outside the aggregate being placed: those outside aggregates in the
  /// rule (`CheckedRule.outerNames`), plus, while an aggregate's body is placed, its own.
  private var outerNames: Set<String>
  /// Variables local to the rule's negated atoms (`CheckedRule.negationLocals`).
  private let negationLocals: Set<String>

  // MARK: atoms

  private mutating func atomStep(
    _ atom: Atom, relation: Int, bound: inout Set<String>, range: Plan.RowRange, forceScan: Bool
  ) -> Plan.Step {
    var step = Plan.Step(kind: .scan)
    step.relation = relation
    step.range = range
    step.span = atom.span
    var keyColumns: [Int] = []
    var key: [Plan.Operand] = []
    var actions: [Plan.ColumnAction] = []
    var assignedHere: Set<String> = []
    for (column, arg) in atom.arguments.enumerated() {
      if isWildcard(arg) { continue }
      if case .variable(let name, _) = arg, !bound.contains(name) {
        if assignedHere.contains(name) {
          actions.append(.check(column: column, .register(register(name))))
        } else {
          assignedHere.insert(name)
          actions.append(.assign(column: column, register: register(name)))
        }
        continue
      }
      let value = operand(arg, bound: bound)
      if forceScan {
        actions.append(.check(column: column, value))
      } else {
        keyColumns.append(column)
        key.append(value)
      }
    }
    bound.formUnion(assignedHere)
    // Checks of repeated variables must follow their assignment: assignments first.
    actions.sort { a, b in
      if case .assign = a, case .check = b { return true }
      return false
    }
    step.actions = actions
    if keyColumns.isEmpty {
      step.kind = .scan
    } else if keyColumns.count == atom.arguments.count {
      step.kind = .exists
      step.keyColumns = keyColumns
      step.key = key
    } else {
      step.kind = .probe
      step.keyColumns = keyColumns
      step.key = key
    }
    return step
  }

  // MARK: operands

  private mutating func register(_ name: String) -> Int {
    if let r = registers[name] { return r }
    let r = registers.count
    registers[name] = r
    return r
  }

  private func isWildcard(_ t: Term) -> Bool {
    if case .wildcard = t { return true }
    return false
  }

  /// Whether the term's value is known from `bound` (no wildcards, no aggregates).
  private func isComputable(_ t: Term, bound: Set<String>) -> Bool {
    switch t {
    case .variable(let name, _): return bound.contains(name)
    case .wildcard, .aggregate: return false
    case .symbol, .integer: return true
    case .binary(_, let l, let r, _):
      return isComputable(l, bound: bound) && isComputable(r, bound: bound)
    case .negate(let x, _): return isComputable(x, bound: bound)
    case .call(_, let args, _): return args.allSatisfy { isComputable($0, bound: bound) }
    }
  }

  /// Whether an atom argument can be matched now: plain variables and wildcards always,
  /// expressions only once computable.
  private func isPlaceableArgument(_ t: Term, bound: Set<String>) -> Bool {
    switch t {
    case .variable, .wildcard: return true
    default: return isComputable(t, bound: bound)
    }
  }

  private func isKeyArgument(_ t: Term, bound: Set<String>) -> Bool {
    if case .wildcard = t { return false }
    return isComputable(t, bound: bound)
  }

  /// The operand for a computable term: constants are interned, variables are registers,
  /// anything else becomes a postfix expression.
  private mutating func operand(_ t: Term, bound: Set<String>) -> Plan.Operand {
    switch t {
    case .variable(let name, _): return .register(register(name))
    case .symbol(let s, _): return .constant(pool.intern(s))
    case .integer(let i, _): return .constant(pool.intern(i))
    default:
      var ops: [Plan.ExpressionOp] = []
      compileExpression(t, into: &ops)
      plan.expressions.append(ops)
      return .expression(plan.expressions.count - 1)
    }
  }

  private mutating func compileExpression(_ t: Term, into ops: inout [Plan.ExpressionOp]) {
    switch t {
    case .variable(let name, _): ops.append(.push(.register(register(name))))
    case .symbol(let s, _): ops.append(.push(.constant(pool.intern(s))))
    case .integer(let i, _): ops.append(.push(.constant(pool.intern(i))))
    case .wildcard, .aggregate: ops.append(.push(.constant(0)))  // excluded by safety
    case .binary(let op, let l, let r, _):
      compileExpression(l, into: &ops)
      compileExpression(r, into: &ops)
      ops.append(.binary(op))
    case .negate(let x, _):
      compileExpression(x, into: &ops)
      ops.append(.negate)
    case .call(let name, let args, _):
      for a in args { compileExpression(a, into: &ops) }
      ops.append(
        .call(
          function: program.builtins.functionIndex(name, arity: args.count) ?? -1,
          arguments: args.count))
    }
  }
}
