import Foundation

/// Executes one `Plan` over the database into a staging buffer: the hot loop, nothing else.
///
/// Before a run, each step is lowered to a plain `Cursor` of raw pointers (relation rows,
/// heights, index table, chain links), so the loop does no allocation, no reference counting,
/// no dictionary lookups and no dynamic dispatch per tuple.
///
/// SAFETY: relations are not modified while a plan runs (new tuples go to `StagingBuffer`), so
/// every pointer captured in `prepare` stays valid until `run` returns. All buffers owned here
/// are freed in `deinit`.
final class Interpreter {
  /// Raw view of one atom step's relation and index.
  struct Cursor {
    var rows: UnsafePointer<UInt32>
    var heights: UnsafePointer<UInt32>
    var arity: Int
    var count: Int
    var lo: Int
    var hi: Int
    var extra: UnsafePointer<UInt32>?
    var extraCount: Int
    /// The probed index's table, when the step has a key.
    var index: HashIndex.Probe?
    var next: UnsafePointer<UInt32>?
    var keyCount: Int
    var isPrimary: Bool
    /// Encoded key operands (or head operands for `emit`), `keyCount` of them.
    var key: UnsafePointer<Int64>? = nil
    /// Encoded column actions: pairs (column | assign flag, operand), `actionCount` pairs.
    var actions: UnsafePointer<Int64>? = nil
    var actionCount = 0
    var heightSlot = 0
  }

  /// Operand encoding for the lowered steps: tag in bits 32..., payload in the low 32 bits.
  enum Encoded {
    static let register: Int64 = 0
    static let constant: Int64 = 1 << 32
    static let expression: Int64 = 2 << 32
    static let assignFlag: Int64 = 1 << 32

    static func encode(_ o: Plan.Operand) -> Int64 {
      switch o {
      case .register(let r): return register | Int64(r)
      case .constant(let c): return constant | Int64(c)
      case .expression(let e): return expression | Int64(e)
      }
    }
  }

  /// An error raised while running a rule (arithmetic, built-in failure, limits).
  struct RunError: Error {
    let diagnostic: Diagnostic
  }

  let pool: ConstantPool
  let builtins: BuiltinRegistry
  private var relations: [Relation] = []
  private var plan: Plan
  private var cursors: [Cursor] = []
  private var registers: UnsafeMutablePointer<UInt32>
  private var heightSlots: UnsafeMutablePointer<UInt32>
  private var scratch: UnsafeMutablePointer<UInt32>
  private var scratchCapacity = 0
  private var stack: [UInt32] = []
  private var accumulators: [(count: Int64, sum: Int64, best: UInt32, has: Bool)] = []
  private var staging: StagingBuffer?
  /// `staging` without reference counting, for `emit` (the run holds `staging` alive).
  private var stagingTarget: Unmanaged<StagingBuffer>?
  /// The rule id as a provenance tag, for `emit`.
  private var emitRule: UInt32 = 0
  private var improvedCopies: [UnsafeMutablePointer<UInt32>] = []
  private var encoded: UnsafeMutablePointer<Int64> = .allocate(capacity: 1)
  private var headHeightSlots: UnsafeMutablePointer<Int> = .allocate(capacity: 1)
  private var headHeightSlotCount = 0
  /// Tuples emitted (including duplicates), for limits and statistics.
  private(set) var emitted = 0
  /// Emits, and rows matched, between checks of the limits.
  private static let limitCheckInterval = 1 << 16
  /// The evaluation's time and memory bounds.
  var limits = ResourceLimits() {
    didSet { ticks.pointee = limits.isBounded ? Self.limitCheckInterval : Int.max }
  }
  /// Rows still to match before the next check of the limits (a pointer: no exclusivity
  /// check in the loop).
  private let ticks: UnsafeMutablePointer<Int> = {
    let p = UnsafeMutablePointer<Int>.allocate(capacity: 1)
    p.initialize(to: Int.max)
    return p
  }()
  /// When the resident set is read next (`DispatchTime` nanoseconds).
  private var nextMemoryCheck: UInt64 = 0
  /// When false, every derived tuple gets height 0 (no lowest-derivation tracking).
  var recordsProvenance = true

  init(pool: ConstantPool, builtins: BuiltinRegistry) {
    self.pool = pool
    self.builtins = builtins
    plan = Plan(rule: 0, head: 0, span: .none)
    registers = .allocate(capacity: 1)
    heightSlots = .allocate(capacity: 1)
    scratch = .allocate(capacity: 1)
  }

  deinit {
    registers.deallocate()
    heightSlots.deallocate()
    scratch.deallocate()
    encoded.deallocate()
    headHeightSlots.deallocate()
    ticks.deallocate()
    for p in improvedCopies { p.deallocate() }
  }

  /// Runs `plan` against `relations`, offering every derived head tuple to `staging`.
  ///
  /// With a `slice`, the driving scan covers only that part of its rows (one parallel task).
  func run(
    _ plan: Plan, relations: [Relation], staging: StagingBuffer, slice: ScanSlice? = nil
  ) throws {
    self.plan = plan
    self.relations = relations
    self.staging = staging
    stagingTarget = Unmanaged.passUnretained(staging)
    emitRule = UInt32(truncatingIfNeeded: plan.rule)
    prepare()
    if let slice { restrict(to: slice) }
    defer {
      for p in improvedCopies { p.deallocate() }
      improvedCopies.removeAll()
    }
    try plan.steps.withUnsafeBufferPointer { steps in
      try cursors.withUnsafeBufferPointer { cursors in
        try execute(0, steps, cursors)
      }
    }
  }

  private func prepare() {
    registers.deallocate()
    registers = .allocate(capacity: max(1, plan.registerCount))
    registers.initialize(repeating: 0, count: max(1, plan.registerCount))
    heightSlots.deallocate()
    heightSlots = .allocate(capacity: max(1, plan.heightSlotCount))
    heightSlots.initialize(repeating: 0, count: max(1, plan.heightSlotCount))
    var widest = 1
    for r in relations { widest = max(widest, r.arity) }
    for s in plan.steps { widest = max(widest, s.head.count, s.arguments.count) }
    if widest > scratchCapacity {
      scratch.deallocate()
      scratch = .allocate(capacity: widest)
      scratchCapacity = widest
    }
    accumulators = Array(repeating: (0, 0, 0, false), count: plan.aggregates.count)
    cursors = plan.steps.map { cursor(for: $0) }
    // Lower operands and actions into one flat buffer of encoded words.
    var words: [Int64] = []
    var offsets: [(key: Int, actions: Int)] = []
    for step in plan.steps {
      let keyStart = words.count
      let operands = step.kind == .emit ? step.head : step.key
      words.append(contentsOf: operands.map(Encoded.encode))
      let actionStart = words.count
      for action in step.actions {
        switch action {
        case .assign(let column, let register):
          words.append(Int64(column) | Encoded.assignFlag)
          words.append(Int64(register))
        case .check(let column, let operand):
          words.append(Int64(column))
          words.append(Encoded.encode(operand))
        }
      }
      offsets.append((keyStart, actionStart))
    }
    headHeightSlots.deallocate()
    headHeightSlots = .allocate(capacity: max(1, plan.headHeightSlots.count))
    headHeightSlots.initialize(from: plan.headHeightSlots, count: plan.headHeightSlots.count)
    headHeightSlotCount = plan.headHeightSlots.count
    encoded.deallocate()
    encoded = .allocate(capacity: max(1, words.count))
    encoded.initialize(from: words, count: words.count)
    for (i, step) in plan.steps.enumerated() {
      cursors[i].key = UnsafePointer(encoded + offsets[i].key)
      cursors[i].actions = UnsafePointer(encoded + offsets[i].actions)
      cursors[i].actionCount = step.actions.count
      cursors[i].keyCount = step.kind == .emit ? step.head.count : step.key.count
      cursors[i].heightSlot = max(0, step.heightSlot)
    }
  }

  /// Narrows the driving scan's cursor to one slice of its rows.
  private func restrict(to slice: ScanSlice) {
    cursors[slice.step].lo = slice.lo
    cursors[slice.step].hi = slice.hi
    if let extra = cursors[slice.step].extra {
      cursors[slice.step].extra = extra + slice.extraLo
    }
    cursors[slice.step].extraCount = slice.extraHi - slice.extraLo
  }

  /// The index an atom step probes (the relation's duplicate filter when the key is the
  /// whole row), building it on first use.
  static func index(for step: Plan.Step, in r: Relation) -> HashIndex {
    step.keyColumns.count == r.arity && step.keyColumns == Array(0..<r.arity)
      ? r.primary : r.index(on: step.keyColumns)
  }

  private func cursor(for step: Plan.Step) -> Cursor {
    guard step.relation >= 0 else {
      let empty = UnsafePointer(scratch)
      return Cursor(
        rows: empty, heights: empty, arity: 0, count: 0, lo: 0, hi: 0, extra: nil, extraCount: 0,
        index: nil, next: nil, keyCount: 0, isPrimary: false)
    }
    let r = relations[step.relation]
    var c = Cursor(
      rows: UnsafePointer(r.rows), heights: UnsafePointer(r.heights), arity: r.arity,
      count: r.count, lo: 0, hi: r.count, extra: nil, extraCount: 0, index: nil, next: nil,
      keyCount: step.keyColumns.count, isPrimary: false)
    switch step.range {
    case .full: break
    case .old: c.hi = r.deltaStart
    case .delta:
      c.lo = r.deltaStart
      c.hi = r.deltaEnd
      if !r.improved.isEmpty {
        let copy = UnsafeMutablePointer<UInt32>.allocate(capacity: r.improved.count)
        copy.initialize(from: r.improved, count: r.improved.count)
        improvedCopies.append(copy)
        c.extra = UnsafePointer(copy)
        c.extraCount = r.improved.count
      }
    }
    if !step.keyColumns.isEmpty {
      let index = Self.index(for: step, in: r)
      // The only unique index of a relation is its duplicate filter.
      c.isPrimary = index.unique
      c.index = index.probe
      c.next = index.unique ? nil : UnsafePointer(index.nextLinks)
    }
    return c
  }

  // MARK: the loop

  private func execute(
    _ i: Int, _ steps: UnsafeBufferPointer<Plan.Step>, _ cursors: UnsafeBufferPointer<Cursor>
  ) throws {
    switch steps[i].kind {
    case .scan:
      let c = cursors[i]
      var row = c.lo
      while row < c.hi {
        if try match(row, c, steps, i) { try execute(i + 1, steps, cursors) }
        row += 1
      }
      if let extra = c.extra {
        for k in 0..<c.extraCount {
          let row = Int(extra[k])
          if try match(row, c, steps, i) { try execute(i + 1, steps, cursors) }
        }
      }
    case .probe:
      let c = cursors[i]
      var link = try lookup(c, steps, i)
      guard let next = c.next else { return }
      while link != 0 {
        let row = Int(link - 1)
        link = next[row]
        if row >= c.hi { continue }
        if row < c.lo { break }
        if try match(row, c, steps, i) { try execute(i + 1, steps, cursors) }
      }
    case .scanAny:
      let c = cursors[i]
      var lowest = UInt32.max
      var found = false
      var row = c.lo
      while row < c.hi {
        if try match(row, c, steps, i) {
          found = true
          lowest = min(lowest, c.heights[row])
          if lowest == 0 { break }
        }
        row += 1
      }
      if let extra = c.extra, lowest != 0 {
        for k in 0..<c.extraCount {
          let row = Int(extra[k])
          if try match(row, c, steps, i) {
            found = true
            lowest = min(lowest, c.heights[row])
            if lowest == 0 { break }
          }
        }
      }
      if found {
        heightSlots[c.heightSlot] = lowest
        try execute(i + 1, steps, cursors)
      }
    case .probeAny:
      let c = cursors[i]
      var link = try lookup(c, steps, i)
      guard let next = c.next else { return }
      var lowest = UInt32.max
      var found = false
      while link != 0 {
        let row = Int(link - 1)
        link = next[row]
        if row >= c.hi { continue }
        if row < c.lo { break }
        if try match(row, c, steps, i) {
          found = true
          lowest = min(lowest, c.heights[row])
          if lowest == 0 { break }
        }
      }
      if found {
        heightSlots[c.heightSlot] = lowest
        try execute(i + 1, steps, cursors)
      }
    case .exists:
      let c = cursors[i]
      let link = try lookup(c, steps, i)
      if link != 0 {
        let row = Int(link - 1)
        if row < c.hi && row >= c.lo {
          heightSlots[c.heightSlot] = c.heights[row]
          try execute(i + 1, steps, cursors)
        }
      }
    case .negate:
      let c = cursors[i]
      if c.actionCount > 0 {
        if try !anyRowMatches(c, steps, i) { try execute(i + 1, steps, cursors) }
      } else if c.keyCount == 0 {
        if c.count == 0 { try execute(i + 1, steps, cursors) }
      } else if try lookup(c, steps, i) == 0 {
        try execute(i + 1, steps, cursors)
      }
    case .compare:
      let s = steps[i]
      let a = try value(s.left, s.span)
      let b = try value(s.right, s.span)
      if pool.compare(a, s.comparison, b) { try execute(i + 1, steps, cursors) }
    case .assign:
      let s = steps[i]
      guard case .register(let r) = s.left else { return }
      registers[r] = try value(s.right, s.span)
      try execute(i + 1, steps, cursors)
    case .builtin:
      try callBuiltin(i, steps, cursors)
    case .aggregate:
      try aggregate(i, steps, cursors)
    case .accumulate:
      try accumulate(steps[i].aggregate, steps[i].span)
    case .emit:
      try emit(cursors[i], i)
    }
  }

  /// Applies a step's column actions to a row; records its height when they all hold.
  @inline(__always)
  private func match(
    _ row: Int, _ c: Cursor, _ steps: UnsafeBufferPointer<Plan.Step>, _ i: Int
  ) throws -> Bool {
    ticks.pointee &-= 1
    if ticks.pointee <= 0 { try checkLimits() }
    let tuple = c.rows + row * c.arity
    if let actions = c.actions {
      var k = 0
      while k < c.actionCount {
        let head = actions[2 * k]
        let operand = actions[2 * k + 1]
        let column = Int(head & 0xFFFF_FFFF)
        if head & Encoded.assignFlag != 0 {
          registers[Int(operand)] = tuple[column]
        } else if tuple[column] != (try value(encoded: operand, i)) {
          return false
        }
        k += 1
      }
    }
    heightSlots[c.heightSlot] = c.heights[row]
    return true
  }

  /// Whether some row with a negation step's key also passes its column actions (the
  /// checks of a repeated negation-local variable, `!s(X, P, P)`); records no height.
  private func anyRowMatches(
    _ c: Cursor, _ steps: UnsafeBufferPointer<Plan.Step>, _ i: Int
  ) throws -> Bool {
    func passes(_ row: Int) throws -> Bool {
      guard let actions = c.actions else { return true }
      let tuple = c.rows + row * c.arity
      for k in 0..<c.actionCount {
        let head = actions[2 * k]
        let operand = actions[2 * k + 1]
        let column = Int(head & 0xFFFF_FFFF)
        if head & Encoded.assignFlag != 0 {
          registers[Int(operand)] = tuple[column]
        } else if tuple[column] != (try value(encoded: operand, i)) {
          return false
        }
      }
      return true
    }
    if c.keyCount == 0 {
      for row in c.lo..<c.hi where try passes(row) { return true }
      return false
    }
    var link = try lookup(c, steps, i)
    while link != 0 {
      let row = Int(link - 1)
      if row >= c.lo && row < c.hi, try passes(row) { return true }
      guard let next = c.next else { return false }
      link = next[row]
    }
    return false
  }

  @inline(__always)
  private func value(encoded operand: Int64, _ i: Int) throws -> UInt32 {
    let payload = UInt32(truncatingIfNeeded: operand)
    switch operand >> 32 {
    case 0: return registers[Int(payload)]
    case 1: return payload
    default: return try evaluate(Int(payload), plan.steps[i].span)
    }
  }

  /// Finds the newest row with the step's key (as `row + 1`), or 0.
  @inline(__always)
  private func lookup(
    _ c: Cursor, _ steps: UnsafeBufferPointer<Plan.Step>, _ i: Int
  ) throws -> UInt32 {
    guard let index = c.index else { return 0 }
    let key = scratch
    if let operands = c.key {
      for k in 0..<c.keyCount { key[k] = try value(encoded: operands[k], i) }
    }
    return index.find(key: key, data: c.rows, arity: c.arity)
  }

  private func emit(_ c: Cursor, _ i: Int) throws {
    guard let stagingTarget, let operands = c.key else { return }
    let tuple = scratch
    for k in 0..<c.keyCount { tuple[k] = try value(encoded: operands[k], i) }
    var height: UInt32 = 0
    for k in 0..<headHeightSlotCount { height = max(height, heightSlots[headHeightSlots[k]]) }
    let rule = emitRule
    stagingTarget._withUnsafeGuaranteedRef {
      $0.insert(tuple, rule: rule, height: height == UInt32.max ? height : height + 1)
    }
    emitted += 1
    if emitted & (Self.limitCheckInterval - 1) == 0, limits.isBounded { try checkLimits() }
  }

  /// Throws when the deadline has passed or, read at most every
  /// `ResourceLimits.memoryCheckInterval`, the resident set is above its bound.
  private func checkLimits() throws {
    ticks.pointee = Self.limitCheckInterval
    try limits.checkTime()
    guard limits.maximumMemoryBytes != Int.max else { return }
    let now = DispatchTime.now().uptimeNanoseconds
    guard now >= nextMemoryCheck else { return }
    nextMemoryCheck = now + UInt64(ResourceLimits.memoryCheckInterval * 1e9)
    try limits.checkResidentMemory()
  }

  // MARK: values

  @inline(__always)
  private func value(_ operand: Plan.Operand, _ span: SourceSpan) throws -> UInt32 {
    switch operand {
    case .register(let r): return registers[r]
    case .constant(let c): return c
    case .expression(let e): return try evaluate(e, span)
    }
  }

  private func evaluate(_ e: Int, _ span: SourceSpan) throws -> UInt32 {
    stack.removeAll(keepingCapacity: true)
    for op in plan.expressions[e] {
      switch op {
      case .push(let operand): stack.append(try value(operand, span))
      case .negate:
        let x = try integer(stack.removeLast(), span)
        let (r, overflow) = Int64(0).subtractingReportingOverflow(x)
        if overflow { throw arithmetic("integer overflow in `-\(x)`", span) }
        stack.append(pool.intern(r))
      case .binary(let op):
        let b = try integer(stack.removeLast(), span)
        let a = try integer(stack.removeLast(), span)
        stack.append(pool.intern(try Arithmetic.apply(op, a, b, span: span)))
      case .call(let function, let arity):
        guard function >= 0, function < builtins.functions.count, stack.count >= arity else {
          throw arithmetic("unknown function", span)
        }
        let args = stack.suffix(arity).map { pool.value($0) }
        stack.removeLast(arity)
        do {
          stack.append(pool.intern(try builtins.functions[function].implementation(args)))
        } catch let failure as BuiltinFailure {
          throw arithmetic(failure.message, span)
        }
        // One call can take long (a string of many megabytes): check after each.
        if limits.isBounded { try checkLimits() }
      }
    }
    return stack.last ?? 0
  }

  private func integer(_ id: UInt32, _ span: SourceSpan) throws -> Int64 {
    guard let v = pool.integer(id) else {
      throw arithmetic(
        "arithmetic on the symbol \(pool.value(id))", span,
        help: "arithmetic needs numbers; check the column types")
    }
    return v
  }

  private func arithmetic(_ message: String, _ span: SourceSpan, help: String? = nil) -> RunError {
    RunError(diagnostic: .error(.arithmetic, message, at: span, help: help))
  }

  // MARK: built-ins and aggregates

  private func callBuiltin(
    _ i: Int, _ steps: UnsafeBufferPointer<Plan.Step>, _ cursors: UnsafeBufferPointer<Cursor>
  ) throws {
    let s = steps[i]
    let negated = s.isNegated
    let predicate = builtins.predicates[s.builtin]
    switch predicate.implementation {
    case .native(let native):
      let a = try value(s.arguments[0], s.span)
      let b = try value(s.arguments[1], s.span)
      let holds: Bool
      switch NativeBuiltins.call(native, a, b, pool: pool) {
      case .fails: holds = false
      case .holds: holds = true
      case .yields(let joined):
        if let out = s.outputs[2] {
          registers[out] = joined
          holds = true
        } else {
          holds = joined == (try value(s.arguments[2], s.span))
        }
      }
      if holds != negated { try execute(i + 1, steps, cursors) }
    case .host(let body):
      var args: [Value?] = []
      for (k, operand) in s.arguments.enumerated() {
        args.append(s.outputs[k] == nil ? pool.value(try value(operand, s.span)) : nil)
      }
      let results: [[Value]]
      do {
        results = try body(args)
      } catch let failure as BuiltinFailure {
        throw arithmetic(failure.message, s.span)
      }
      if negated {
        if results.isEmpty { try execute(i + 1, steps, cursors) }
        return
      }
      for row in results where row.count == args.count {
        var ok = true
        for (k, v) in row.enumerated() {
          let id = pool.intern(v)
          if let out = s.outputs[k] {
            // A variable repeated among outputs must agree with its first assignment.
            if s.outputs[..<k].contains(out) {
              if registers[out] != id { ok = false }
            } else {
              registers[out] = id
            }
          } else if let given = args[k], given != v {
            ok = false
          }
        }
        if ok { try execute(i + 1, steps, cursors) }
      }
    }
  }

  private func aggregate(
    _ i: Int, _ steps: UnsafeBufferPointer<Plan.Step>, _ cursors: UnsafeBufferPointer<Cursor>
  ) throws {
    let s = steps[i]
    let info = plan.aggregates[s.aggregate]
    let saved = accumulators[s.aggregate]
    accumulators[s.aggregate] = (0, 0, 0, false)
    try execute(info.firstStep, steps, cursors)
    let acc = accumulators[s.aggregate]
    accumulators[s.aggregate] = saved
    let result: UInt32
    switch info.function {
    case .count: result = pool.intern(acc.count)
    case .sum: result = pool.intern(acc.sum)
    case .min, .max:
      guard acc.has else { return }
      result = acc.best
    }
    if info.resultIsBound {
      let expected = try value(info.result, s.span)
      if pool.compare(expected, s.comparison, result) { try execute(i + 1, steps, cursors) }
    } else if case .register(let r) = info.result {
      registers[r] = result
      try execute(i + 1, steps, cursors)
    }
  }

  private func accumulate(_ index: Int, _ span: SourceSpan) throws {
    let info = plan.aggregates[index]
    var acc = accumulators[index]
    acc.count += 1
    if let target = info.target {
      let v = try value(target, span)
      switch info.function {
      case .count: break
      case .sum:
        let x = try integer(v, span)
        let (r, overflow) = acc.sum.addingReportingOverflow(x)
        if overflow { throw arithmetic("integer overflow in `sum`", span) }
        acc.sum = r
      case .min:
        if !acc.has || pool.less(v, acc.best) { acc.best = v }
        acc.has = true
      case .max:
        if !acc.has || pool.less(acc.best, v) { acc.best = v }
        acc.has = true
      }
    }
    accumulators[index] = acc
  }
}

/// Checked 64-bit integer arithmetic: overflow and division by zero are errors, never traps.
enum Arithmetic {
  /// Applies `op`; throws an `arithmetic` error on overflow or division by zero.
  static func apply(_ op: ArithmeticOperator, _ a: Int64, _ b: Int64, span: SourceSpan) throws
    -> Int64
  {
    let result: (Int64, Bool)
    switch op {
    case .add: result = a.addingReportingOverflow(b)
    case .subtract: result = a.subtractingReportingOverflow(b)
    case .multiply: result = a.multipliedReportingOverflow(by: b)
    case .divide, .remainder:
      if b == 0 {
        throw Interpreter.RunError(
          diagnostic: .error(
            .arithmetic, "division by zero in `\(a) \(op.rawValue) \(b)`", at: span))
      }
      result =
        op == .divide
        ? a.dividedReportingOverflow(by: b) : a.remainderReportingOverflow(dividingBy: b)
    }
    if result.1 {
      throw Interpreter.RunError(
        diagnostic: .error(.arithmetic, "integer overflow in `\(a) \(op.rawValue) \(b)`", at: span))
    }
    return result.0
  }
}
