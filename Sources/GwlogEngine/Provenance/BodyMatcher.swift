/// Finds instantiations of a rule body in the evaluated database, one literal at a time with
/// index lookups: the search behind proofs (body tuples below a height bound) and why-nots
/// (every literal but one, with conditions on still-unknown values deferred).
///
/// It works on the AST and completed relations, after evaluation, so it favours clarity over
/// speed: it runs for one goal at a time, never in the evaluation loop.
struct BodyMatcher {
  /// What one literal matched.
  enum Evidence {
    /// A positive atom matched this row.
    case row(relation: Int, row: Int)
    /// A negation held (no tuple), a comparison or built-in held, or was deferred.
    case condition
    /// An aggregate's value.
    case aggregate(value: UInt32, count: Int)
  }

  /// A solution: variable bindings, evidence per literal index, literals deferred.
  struct Match {
    var bindings: [String: UInt32]
    var evidence: [Int: Evidence]
    var deferred: [Int]
  }

  /// The deepest point a failed search reached (for partial matches).
  struct Frontier {
    var satisfied: [Int] = []
    var failing: Int?
    var bindings: [String: UInt32] = [:]
  }

  let database: Database
  let program: CheckedProgram
  var pool: ConstantPool { database.pool }
  /// Positive atoms of the main body must match rows of height below this (proofs).
  var heightBound: UInt32?
  /// Literals whose variables stay unknown are accepted as deferred instead of failing.
  var defersUnboundConditions = false
  /// Match positive atoms before ready conditions (for partial matches: the frontier then
  /// holds every atom that can be matched).
  var prefersAtoms = false
  /// Stop after this many solutions.
  var solutionLimit = 1
  /// Stop after this many steps of search (a guard against huge joins).
  var stepLimit = Self.defaultStepLimit
  /// The default `stepLimit`.
  static let defaultStepLimit = 200_000
  private(set) var steps = 0
  /// Solutions found by the last `solve`.
  private(set) var solutionCount = 0
  private(set) var frontier = Frontier()
  private(set) var isTruncated = false

  init(database: Database, program: CheckedProgram) {
    self.database = database
    self.program = program
  }

  /// Every solution of `body` (except the literal `skipping`) extending `bindings`, up to
  /// `solutionLimit`.
  mutating func solve(_ body: [Literal], bindings: [String: UInt32], skipping: Int? = nil)
    -> [Match]
  {
    var results: [Match] = []
    var pending = Set(body.indices)
    if let skipping { pending.remove(skipping) }
    var state = Match(bindings: bindings, evidence: [:], deferred: [])
    if heightBound != nil, skipping == nil, !defersUnboundConditions {
      guard matchIndependentAtoms(body, &pending, &state) else {
        solutionCount = 0
        return []
      }
    }
    search(body, &pending, &state, &results, satisfied: [])
    solutionCount = results.count
    return results
  }

  /// Variables the caller needs bound in every solution besides those of the body (the
  /// rule head's, for proofs).
  var required: Set<String> = []

  /// Matches each positive atom that shares no variable with the rest of the body (nor with
  /// `required`) on its own, with its least row.
  ///
  /// The instances are then every combination,
  /// and the least instance (`ProofBuilder`'s canonical one) takes each such atom's least
  /// row. Enumerating the combinations instead grows as a product (`e(_, _)` repeated).
  /// False when such an atom has no row.
  private mutating func matchIndependentAtoms(
    _ body: [Literal], _ pending: inout Set<Int>, _ state: inout Match
  ) -> Bool {
    var occurrences: [String: Int] = [:]
    var all: [(String, SourceSpan)] = []
    for literal in body { TermWalk.allVariables(literal, into: &all) }
    for (name, _) in all { occurrences[name, default: 0] += 1 }
    for i in pending.sorted() {
      guard case .positive(let atom) = body[i], program.builtin(for: atom) == nil,
        let relation = program.relationIDs[atom.name]
      else { continue }
      var local: [String: Int] = [:]
      var independent = true
      for arg in atom.arguments {
        switch arg {
        case .wildcard, .symbol, .integer: continue
        case .variable(let name, _):
          if state.bindings[name] == nil { local[name, default: 0] += 1 }
        default: independent = false
        }
      }
      guard independent,
        local.allSatisfy({ occurrences[$0.key] == $0.value && !required.contains($0.key) })
      else { continue }
      let names = local.keys.sorted()
      let r = database.relations[relation]
      var best: (bindings: [String: UInt32], row: Int)?
      for candidate in rows(atom, relation: relation, state.bindings, bounded: true) {
        guard let current = best else {
          best = candidate
          continue
        }
        if lessRow(candidate, current, names, r) { best = candidate }
      }
      guard let best else { return false }
      state.bindings = best.bindings
      state.evidence[i] = .row(relation: relation, row: best.row)
      pending.remove(i)
    }
    return true
  }

  /// Whether row `a` of an independent atom comes before `b`: by its variables' values (by
  /// name), then by the tuple's values.
  private func lessRow(
    _ a: (bindings: [String: UInt32], row: Int), _ b: (bindings: [String: UInt32], row: Int),
    _ names: [String], _ r: Relation
  ) -> Bool {
    for name in names {
      guard let x = a.bindings[name], let y = b.bindings[name] else { continue }
      if x != y { return pool.less(x, y) }
    }
    for c in 0..<r.arity {
      let x = r.rows[a.row * r.arity + c]
      let y = r.rows[b.row * r.arity + c]
      if x != y { return pool.less(x, y) }
    }
    return false
  }

  // MARK: search

  private mutating func search(
    _ body: [Literal], _ pending: inout Set<Int>, _ state: inout Match, _ results: inout [Match],
    satisfied: [Int]
  ) {
    if results.count >= solutionLimit { return }
    steps += 1
    if steps > stepLimit {
      isTruncated = true
      return
    }
    guard let next = choose(body, pending, state.bindings) else {
      // Only conditions on unknown values remain.
      if pending.isEmpty || defersUnboundConditions {
        var done = state
        done.deferred += pending.sorted()
        results.append(done)
      } else {
        note(satisfied, failing: pending.min(), state.bindings)
      }
      return
    }
    pending.remove(next)
    defer { pending.insert(next) }
    let literal = body[next]
    let before = state.bindings
    for (bindings, evidence) in candidates(literal, state.bindings, isMainBody: true) {
      state.bindings = bindings
      state.evidence[next] = evidence
      search(body, &pending, &state, &results, satisfied: satisfied + [next])
      if results.count >= solutionLimit || isTruncated { break }
    }
    state.bindings = before
    state.evidence[next] = nil
    if results.isEmpty { note(satisfied, failing: next, before) }
  }

  private mutating func note(_ satisfied: [Int], failing: Int?, _ bindings: [String: UInt32]) {
    if satisfied.count >= frontier.satisfied.count {
      frontier = Frontier(satisfied: satisfied, failing: failing, bindings: bindings)
    }
  }

  /// The next literal to match: a ready condition first, else the positive atom with the most
  /// known arguments; nil when only conditions on unknown values remain.
  private func choose(_ body: [Literal], _ pending: Set<Int>, _ bindings: [String: UInt32])
    -> Int?
  {
    var bestAtom: (index: Int, known: Int)?  // known: estimated rows
    var readyCondition: Int?
    for i in pending.sorted() {
      if let c = readyCondition, !prefersAtoms { return c }
      switch body[i] {
      case .positive(let atom):
        if program.builtin(for: atom) != nil {
          if let builtin = program.builtin(for: atom),
            zip(atom.arguments, builtin.inputs).allSatisfy({ !$1 || isKnown($0, bindings) })
          {
            readyCondition = readyCondition ?? i
          }
          continue
        }
        let placeable = atom.arguments.allSatisfy { arg in
          switch arg {
          case .variable, .wildcard: return true
          default: return isKnown(arg, bindings)
          }
        }
        guard placeable, let relation = program.relationIDs[atom.name] else { continue }
        let estimate = estimatedRows(atom, relation: relation, bindings)
        if bestAtom.map({ estimate < $0.known }) ?? true { bestAtom = (i, estimate) }
      case .negative(let atom, _):
        if atom.arguments.allSatisfy({
          isKnown($0, bindings) || isWildcard($0) || isNegationLocal($0, atom)
        }) {
          readyCondition = readyCondition ?? i
        }
      case .comparison(let lhs, let op, let rhs, _):
        for (side, other) in [(lhs, rhs), (rhs, lhs)] {
          guard case .aggregate(let a) = side else { continue }
          let groupKnown = TermWalk.allVariables(of: a).allSatisfy {
            bindings[$0.0] != nil || !isOuter($0.0)
          }
          var otherReady = isKnown(other, bindings)
          if case .variable(let name, _) = other, bindings[name] == nil, op == .equal {
            otherReady = true
          }
          if groupKnown && otherReady { readyCondition = readyCondition ?? i }
        }
        if isKnown(lhs, bindings) && isKnown(rhs, bindings) {
          readyCondition = readyCondition ?? i
        } else if op == .equal,
          isBindable(lhs, rhs, bindings) || isBindable(rhs, lhs, bindings)
        {
          readyCondition = readyCondition ?? i
        }
      }
    }
    if prefersAtoms, let atom = bestAtom?.index { return atom }
    return readyCondition ?? bestAtom?.index
  }

  private func isBindable(_ target: Term, _ source: Term, _ bindings: [String: UInt32]) -> Bool {
    guard case .variable(let name, _) = target, bindings[name] == nil else { return false }
    if case .aggregate(let a) = source {
      // Group variables (those also bound outside) must be known.
      return TermWalk.allVariables(of: a).allSatisfy { bindings[$0.0] != nil || !isOuter($0.0) }
    }
    return isKnown(source, bindings)
  }

  /// Variables of the current rule outside aggregates; set by the caller through `outer`.
  var outer: Set<String> = []
  private func isOuter(_ name: String) -> Bool { outer.contains(name) }

  /// The current rule's negation-local variables (`CheckedRule.negationLocals`), matched
  /// anew, like `_`, by each negated relation atom that names them; set by the caller.
  var negationLocals: Set<String> = []

  private func isNegationLocal(_ t: Term, _ atom: Atom) -> Bool {
    guard case .variable(let name, _) = t, negationLocals.contains(name) else { return false }
    return program.builtin(for: atom) == nil
  }

  private func isWildcard(_ t: Term) -> Bool {
    if case .wildcard = t { return true }
    return false
  }

  /// Whether a term's value is computable from the bindings.
  func isKnown(_ t: Term, _ bindings: [String: UInt32]) -> Bool {
    switch t {
    case .variable(let name, _): return bindings[name] != nil
    case .wildcard, .aggregate: return false
    case .symbol, .integer: return true
    case .binary(_, let l, let r, _): return isKnown(l, bindings) && isKnown(r, bindings)
    case .negate(let x, _): return isKnown(x, bindings)
    case .call(_, let args, _): return args.allSatisfy { isKnown($0, bindings) }
    }
  }

  /// The value of a known term (nil if arithmetic fails or a symbol does not exist).
  func value(_ t: Term, _ bindings: [String: UInt32]) -> UInt32? {
    if case .variable(let name, _) = t { return bindings[name] }
    guard let substituted = Substitution.apply(t, bindings, pool: pool),
      let v = try? ConstantFolding.value(of: substituted, builtins: program.builtins)
    else { return nil }
    return pool.intern(v)
  }

  // MARK: literals

  /// The ways a literal can hold under `bindings`: extended bindings and evidence.
  private mutating func candidates(
    _ literal: Literal, _ bindings: [String: UInt32], isMainBody: Bool
  ) -> [([String: UInt32], Evidence)] {
    switch literal {
    case .positive(let atom):
      if let builtin = program.builtin(for: atom) {
        return builtinCandidates(atom, builtin, bindings).map { ($0, .condition) }
      }
      guard let relation = program.relationIDs[atom.name] else { return [] }
      return rows(atom, relation: relation, bindings, bounded: isMainBody).map {
        ($0.bindings, .row(relation: relation, row: $0.row))
      }
    case .negative(let atom, _):
      if let builtin = program.builtin(for: atom) {
        return builtinCandidates(atom, builtin, bindings).isEmpty ? [(bindings, .condition)] : []
      }
      guard let relation = program.relationIDs[atom.name] else { return [(bindings, .condition)] }
      return rows(atom, relation: relation, bindings, bounded: false, first: true).isEmpty
        ? [(bindings, .condition)] : []
    case .comparison(let lhs, let op, let rhs, _):
      if case .aggregate(let a) = rhs { return aggregate(a, other: lhs, op, bindings) }
      if case .aggregate(let a) = lhs { return aggregate(a, other: rhs, op, bindings) }
      if isKnown(lhs, bindings) && isKnown(rhs, bindings) {
        guard let a = value(lhs, bindings), let b = value(rhs, bindings) else { return [] }
        return pool.compare(a, op, b) ? [(bindings, .condition)] : []
      }
      for (target, source) in [(lhs, rhs), (rhs, lhs)] {
        if case .variable(let name, _) = target, bindings[name] == nil, isKnown(source, bindings),
          let v = value(source, bindings)
        {
          var extended = bindings
          extended[name] = v
          return [(extended, .condition)]
        }
      }
      return []
    }
  }

  /// Rows of `relation` matching the atom under `bindings` (height-bounded when asked).
  mutating func rows(
    _ atom: Atom, relation: Int, _ bindings: [String: UInt32], bounded: Bool, first: Bool = false
  ) -> [(bindings: [String: UInt32], row: Int)] {
    let r = database.relations[relation]
    var keyColumns: [Int] = []
    var key: [UInt32] = []
    for (c, arg) in atom.arguments.enumerated() where isKnown(arg, bindings) {
      guard let v = value(arg, bindings) else { return [] }
      keyColumns.append(c)
      key.append(v)
    }
    var candidates: [Int] = []
    if keyColumns.isEmpty {
      candidates = Array(0..<r.count)
    } else if keyColumns.count == r.arity {
      if let row = key.withUnsafeBufferPointer({ p in p.baseAddress.flatMap { r.find($0) } }) {
        candidates = [row]
      }
    } else if let (index, subset) = access(r, knownColumns: keyColumns) {
      let subKey = subset.map { key[keyColumns.firstIndex(of: $0) ?? 0] }
      var link = subKey.withUnsafeBufferPointer { p -> UInt32 in
        guard let base = p.baseAddress else { return 0 }
        return index.find(key: base, data: r.rows, arity: r.arity)
      }
      while link != 0 {
        candidates.append(Int(link - 1))
        link = index.nextLinks[Int(link - 1)]
      }
      candidates.reverse()  // oldest first: deterministic, matches row order
    } else {
      candidates = Array(0..<r.count)
    }
    var out: [(bindings: [String: UInt32], row: Int)] = []
    rows: for row in candidates {
      steps += 1
      if bounded, let bound = heightBound, r.heights[row] >= bound { continue }
      var extended = bindings
      let tuple = r.rows + row * r.arity
      for (c, arg) in atom.arguments.enumerated() {
        switch arg {
        case .wildcard: continue
        case .variable(let name, _):
          if let v = extended[name] {
            if v != tuple[c] { continue rows }
          } else {
            extended[name] = tuple[c]
          }
        default:
          guard let v = value(arg, extended), v == tuple[c] else { continue rows }
        }
      }
      out.append((extended, row))
      if first { break }
    }
    return out
  }

  /// Relations above this size are scanned by the why-not search rather than given a new
  /// index for one question (proofs index them; `indexesOnDemand`).
  static let largestIndexedOnDemand = 50_000

  /// Whether every relation, whatever its size, gets an index over exactly the known columns
  /// on first use.
  ///
  /// On for proofs: a scan per proof node made proofs over large relations quadratic, and
  /// past the step bound wrong. Off for the why-not search, whose answers (the instances it
  /// reaches within its bounds) keep the search order they always had.
  var indexesOnDemand = false

  /// The index to probe for these known columns (nil means scan).
  ///
  /// It is one over exactly them (made on first use) for a small relation, or for any with
  /// `indexesOnDemand`; else an existing one over the largest subset of them. Small relations
  /// never depend on which indexes earlier questions left, so the search order (and the
  /// partial matches it reports) depends only on the data.
  private func access(_ r: Relation, knownColumns: [Int]) -> (HashIndex, [Int])? {
    if indexesOnDemand || r.count <= Self.largestIndexedOnDemand {
      return (r.index(on: knownColumns), knownColumns)
    }
    let known = Set(knownColumns)
    var best: HashIndex?
    for index in r.indexes where Set(index.columns).isSubset(of: known) {
      if best.map({ index.columns.count > $0.columns.count }) ?? true { best = index }
    }
    return best.map { ($0, $0.columns) }
  }

  /// Rows an atom would yield: exact through an index (capped), else a size guess.
  private func estimatedRows(_ atom: Atom, relation: Int, _ bindings: [String: UInt32]) -> Int {
    let r = database.relations[relation]
    var keyColumns: [Int] = []
    var key: [UInt32] = []
    for (c, arg) in atom.arguments.enumerated() where isKnown(arg, bindings) {
      guard let v = value(arg, bindings) else { return 0 }
      keyColumns.append(c)
      key.append(v)
    }
    if keyColumns.isEmpty { return r.count }
    if keyColumns.count == r.arity { return 1 }
    guard let (index, _) = access(r, knownColumns: keyColumns) else { return r.count / 2 }
    let subKey = index.columns.map { key[keyColumns.firstIndex(of: $0) ?? 0] }
    var link = subKey.withUnsafeBufferPointer { p -> UInt32 in
      guard let base = p.baseAddress else { return 0 }
      return index.find(key: base, data: r.rows, arity: r.arity)
    }
    var n = 0
    while link != 0 && n < 256 {
      n += 1
      link = index.nextLinks[Int(link - 1)]
    }
    return n
  }

  /// The bindings under which a built-in call holds: `bindings` extended by each result row
  /// that agrees with the arguments already known.
  private func builtinCandidates(
    _ atom: Atom, _ builtin: BuiltinPredicate, _ bindings: [String: UInt32]
  ) -> [[String: UInt32]] {
    let known = atom.arguments.map { isKnown($0, bindings) ? value($0, bindings) : nil }
    switch builtin.implementation {
    case .native(let native):
      return extend(bindings, atom, rows: nativeRows(native, known)) { $0 }
    case .host(let body):
      let rows = (try? body(known.map { $0.map { pool.value($0) } })) ?? []
      return extend(bindings, atom, rows: rows) { pool.intern($0) }
    }
  }

  /// The argument rows for which a native predicate holds, given the known arguments.
  private func nativeRows(_ native: NativePredicate, _ known: [UInt32?]) -> [[UInt32]] {
    guard known.count >= 2, let a = known[0], let b = known[1] else { return [] }
    switch NativeBuiltins.call(native, a, b, pool: pool) {
    case .fails: return []
    case .holds: return [[a, b]]
    case .yields(let joined):
      if known.count == 3, let given = known[2], given != joined { return [] }
      return [[a, b, joined]]
    }
  }

  /// `bindings` extended by each row of an atom's arguments (ids through `id`) that agrees
  /// with them; rows of the wrong length are ignored.
  private func extend<Element>(
    _ bindings: [String: UInt32], _ atom: Atom, rows: [[Element]], id: (Element) -> UInt32
  ) -> [[String: UInt32]] {
    var out: [[String: UInt32]] = []
    rows: for row in rows where row.count == atom.arguments.count {
      var extended = bindings
      for (arg, v) in zip(atom.arguments, row) {
        let id = id(v)
        if case .variable(let name, _) = arg, extended[name] == nil {
          extended[name] = id
        } else if let known = value(arg, extended), known != id {
          continue rows
        }
      }
      out.append(extended)
    }
    return out
  }

  private mutating func aggregate(
    _ a: Aggregate, other: Term, _ op: ComparisonOperator, _ bindings: [String: UInt32]
  ) -> [([String: UInt32], Evidence)] {
    var inner = self
    inner.heightBound = nil
    inner.defersUnboundConditions = false
    inner.solutionLimit = Int.max
    // An aggregate nested in this one groups by this body's variables too.
    inner.outer = outer.union(TermWalk.scopeVariables(of: a)).subtracting(negationLocals)
    let solutions = inner.solve(a.body, bindings: bindings)
    // `inner` started from this search's count, so its count is already the running total.
    steps = inner.steps
    if inner.isTruncated { isTruncated = true }
    var count: Int64 = 0
    var sum: Int64 = 0
    var best: UInt32?
    for s in solutions {
      count += 1
      guard let target = a.target, let v = value(target, s.bindings) else { continue }
      switch a.function {
      case .count: break
      case .sum:
        if let x = pool.integer(v) { sum = sum &+ x }
      case .min: if best.map({ pool.less(v, $0) }) ?? true { best = v }
      case .max: if best.map({ pool.less($0, v) }) ?? true { best = v }
      }
    }
    let result: UInt32
    switch a.function {
    case .count: result = pool.intern(count)
    case .sum: result = pool.intern(sum)
    case .min, .max:
      guard let best else { return [] }
      result = best
    }
    let evidence = Evidence.aggregate(value: result, count: solutions.count)
    if case .variable(let name, _) = other, bindings[name] == nil {
      var extended = bindings
      extended[name] = result
      return [(extended, evidence)]
    }
    guard let expected = value(other, bindings) else { return [] }
    return pool.compare(expected, op, result) ? [(bindings, evidence)] : []
  }
}

/// Replaces bound variables in terms and atoms by constants (for evaluation and for showing
/// instantiated literals).
enum Substitution {
  /// The term with known variables replaced; nil if a wildcard or aggregate is left in it
  /// (only for evaluation) — for display use `display`.
  static func apply(_ t: Term, _ bindings: [String: UInt32], pool: ConstantPool) -> Term? {
    switch t {
    case .variable(let name, let span):
      guard let id = bindings[name] else { return nil }
      return constant(id, span, pool)
    case .wildcard, .aggregate: return nil
    case .symbol, .integer: return t
    case .binary(let op, let l, let r, let span):
      guard let l = apply(l, bindings, pool: pool), let r = apply(r, bindings, pool: pool) else {
        return nil
      }
      return .binary(op, l, r, span)
    case .negate(let x, let span):
      return apply(x, bindings, pool: pool).map { .negate($0, span) }
    case .call(let name, let args, let span):
      var out: [Term] = []
      for a in args {
        guard let v = apply(a, bindings, pool: pool) else { return nil }
        out.append(v)
      }
      return .call(name, out, span)
    }
  }

  /// The term with known variables replaced, for display; unknown ones are kept, or shown
  /// as `_` with `unknownAsWildcard` (except those in `keeping`).
  static func display(
    _ t: Term, _ bindings: [String: UInt32], pool: ConstantPool, unknownAsWildcard: Bool = false,
    keeping: Set<String> = []
  ) -> Term {
    let w = unknownAsWildcard
    switch t {
    case .variable(let name, let span):
      return bindings[name].map { constant($0, span, pool) }
        ?? (w && !keeping.contains(name) ? .wildcard(span) : t)
    case .binary(let op, let l, let r, let span):
      return .binary(
        op, display(l, bindings, pool: pool, unknownAsWildcard: w, keeping: keeping),
        display(r, bindings, pool: pool, unknownAsWildcard: w, keeping: keeping), span)
    case .negate(let x, let span):
      return .negate(display(x, bindings, pool: pool, unknownAsWildcard: w, keeping: keeping), span)
    case .call(let name, let args, let span):
      return .call(
        name,
        args.map { display($0, bindings, pool: pool, unknownAsWildcard: w, keeping: keeping) },
        span)
    default: return t
    }
  }

  /// An atom with known variables replaced, for display.
  static func display(
    _ a: Atom, _ bindings: [String: UInt32], pool: ConstantPool, unknownAsWildcard: Bool = false,
    keeping: Set<String> = []
  ) -> Atom {
    var out = a
    out.arguments = a.arguments.map {
      display($0, bindings, pool: pool, unknownAsWildcard: unknownAsWildcard, keeping: keeping)
    }
    return out
  }

  /// A literal with known variables replaced, for display.
  static func display(
    _ l: Literal, _ bindings: [String: UInt32], pool: ConstantPool, unknownAsWildcard: Bool = false,
    keeping: Set<String> = []
  ) -> Literal {
    let w = unknownAsWildcard
    switch l {
    case .positive(let a):
      return .positive(display(a, bindings, pool: pool, unknownAsWildcard: w, keeping: keeping))
    case .negative(let a, let s):
      return .negative(display(a, bindings, pool: pool, unknownAsWildcard: w, keeping: keeping), s)
    case .comparison(let lhs, let op, let rhs, let s):
      return .comparison(
        display(lhs, bindings, pool: pool, unknownAsWildcard: w, keeping: keeping), op,
        display(rhs, bindings, pool: pool, unknownAsWildcard: w, keeping: keeping), s)
    }
  }

  private static func constant(_ id: UInt32, _ span: SourceSpan, _ pool: ConstantPool) -> Term {
    switch pool.value(id) {
    case .integer(let i): return .integer(i, span)
    case .symbol(let s): return .symbol(s, span)
    }
  }
}
