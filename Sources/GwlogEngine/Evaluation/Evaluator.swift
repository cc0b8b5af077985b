import Foundation

/// Evaluates a checked program over a database: strata in order; a non-recursive stratum runs
/// each rule once; a recursive one runs its exit rules once, then semi-naive iterations (each
/// rule once per recursive body atom, that atom reading the delta, earlier recursive atoms the
/// old rows, later ones all rows) until no new tuple and no lower derivation appears.
final class Evaluator {
  let program: CheckedProgram
  let database: Database
  let options: EvaluationOptions
  private let interpreter: Interpreter
  /// Splits large rule runs across threads; nil for one thread.
  private let parallel: ParallelRunner?
  private var staging: [StagingBuffer?]
  private(set) var statistics = EvaluationStatistics()
  private var ruleSeconds: [Double]
  private var ruleDerived: [Int]
  private let start = Date()
  private var derivedTotal = 0
  /// The time and memory bounds (`--timeout`, `--max-memory`).
  private let limits: ResourceLimits

  init(program: CheckedProgram, database: Database, options: EvaluationOptions) {
    self.program = program
    self.database = database
    self.options = options
    interpreter = Interpreter(pool: database.pool, builtins: program.builtins)
    staging = Array(repeating: nil, count: database.relations.count)
    ruleSeconds = Array(repeating: 0, count: program.rules.count)
    ruleDerived = Array(repeating: 0, count: program.rules.count)
    var limits = ResourceLimits()
    limits.timeoutSeconds = options.timeoutSeconds
    limits.maximumMemoryBytes = options.maximumMemoryBytes
    self.limits = limits
    let configure = { (interpreter: Interpreter) in
      interpreter.recordsProvenance = options.recordsProvenance
      interpreter.limits = limits
    }
    configure(interpreter)
    parallel =
      options.threads > 1
      ? ParallelRunner(
        threads: options.threads, threshold: options.parallelThreshold, pool: database.pool,
        builtins: program.builtins, configure: configure)
      : nil
  }

  private var lastProgress = Date()
  private var stratumNumber = 0

  /// Reports progress at most once a second, when asked to.
  private func reportProgress(iteration: Int) {
    guard let progress = options.progress else { return }
    let now = Date()
    guard now.timeIntervalSince(lastProgress) >= 1 else { return }
    lastProgress = now
    progress(
      "stratum \(stratumNumber)/\(program.strata.count), iteration \(iteration), "
        + "\(database.totalRows) tuples, \(Int(now.timeIntervalSince(start)))s")
  }

  /// Runs every stratum; throws the first error (arithmetic, limit).
  func run() throws {
    for stratum in program.strata {
      stratumNumber += 1
      reportProgress(iteration: 0)
      let t0 = Date()
      let iterations =
        stratum.isRecursive ? try runRecursive(stratum) : try runOnce(stratum.rules)
      let derived = stratum.relations.reduce(0) { $0 + database.relations[$1].count }
      statistics.strata.append(
        .init(
          relations: stratum.relations.map { program.relations[$0].name },
          isRecursive: stratum.isRecursive, iterations: iterations, tuplesDerived: derived,
          seconds: Date().timeIntervalSince(t0)))
    }
    statistics.rules = program.rules.map { rule in
      .init(
        location: "", head: program.relations[rule.head].name, tuplesDerived: ruleDerived[rule.id],
        seconds: ruleSeconds[rule.id])
    }
    statistics.derivedTuples = derivedTotal
  }

  private func buffer(for relation: Int) -> StagingBuffer {
    if let b = staging[relation] { return b }
    let b = StagingBuffer(relation: database.relations[relation])
    if let parallel {
      b.mergeThreads = parallel.threads
      b.parallelMergeMinimum = parallel.threshold
    }
    staging[relation] = b
    return b
  }

  private func runOnce(_ rules: [Int]) throws -> Int {
    // No rule of a non-recursive stratum reads its head, so tuples go straight in.
    for id in rules { buffer(for: program.rules[id].head).isDirect = true }
    for id in rules { try runRule(program.rules[id], deltaLiteral: nil, old: []) }
    _ = try merge(Set(rules.map { program.rules[$0].head }).sorted())
    return 1
  }

  private func runRecursive(_ stratum: Stratum) throws -> Int {
    let members = Set(stratum.relations)
    var exitRules: [Int] = []
    var recursiveRules: [(rule: Int, literals: [Int])] = []
    for id in stratum.rules {
      let body = program.rules[id].clause.body
      var positions: [Int] = []
      for (i, literal) in body.enumerated() {
        if case .positive(let atom) = literal, program.builtin(for: atom) == nil,
          let r = program.relationIDs[atom.name], members.contains(r)
        {
          positions.append(i)
        }
      }
      if positions.isEmpty { exitRules.append(id) } else { recursiveRules.append((id, positions)) }
    }
    for id in exitRules { try runRule(program.rules[id], deltaLiteral: nil, old: []) }
    let relations = stratum.relations
    _ = try merge(relations)
    for r in relations {
      let rel = database.relations[r]
      rel.deltaStart = 0
      rel.deltaEnd = rel.count
      rel.improved = []
    }
    var iterations = 1
    while true {
      for (id, positions) in recursiveRules {
        for (k, position) in positions.enumerated() {
          try runRule(
            program.rules[id], deltaLiteral: position, old: Set(positions[..<k]))
        }
      }
      let before = relations.map { database.relations[$0].count }
      let changed = try merge(relations)
      for (k, r) in relations.enumerated() {
        let rel = database.relations[r]
        rel.deltaStart = before[k]
        rel.deltaEnd = rel.count
      }
      iterations += 1
      reportProgress(iteration: iterations)
      if !changed { break }
    }
    for r in relations {
      let rel = database.relations[r]
      rel.deltaStart = rel.count
      rel.deltaEnd = rel.count
      rel.improved = []
    }
    return iterations
  }

  /// Skips a version whose delta is empty; otherwise plans it on live sizes and runs it.
  private func runRule(_ rule: CheckedRule, deltaLiteral: Int?, old: Set<Int>) throws {
    if let d = deltaLiteral, case .positive(let atom) = rule.clause.body[d],
      let r = program.relationIDs[atom.name]
    {
      let rel = database.relations[r]
      if rel.deltaEnd == rel.deltaStart && rel.improved.isEmpty { return }
    }
    let t0 = Date()
    var planner = Planner(
      sizes: database.relations.map(\.count), program: program, pool: database.pool, rule: rule)
    let relations = database.relations
    planner.keysOfIndex = { relation, columns in
      let r = relations[relation]
      if columns.count == r.arity { return r.filterKeyCount }
      return r.indexes.first { $0.columns == columns }?.keyCount
    }
    let plan = try planner.compile(rule, deltaLiteral: deltaLiteral, oldLiterals: old)
    let target = buffer(for: rule.head)
    let before = target.stagedCount
    do {
      if try parallel?.runIfWorthwhile(
        plan, relations: relations, builtins: program.builtins, into: target) != true
      {
        try interpreter.run(plan, relations: relations, staging: target)
      }
    } catch let error as Interpreter.RunError {
      var d = error.diagnostic
      if d.code == .arithmetic {
        d.notes.append(
          DiagnosticNote(
            span: rule.clause.span,
            message: "while evaluating a rule for `\(program.relations[rule.head].name)`"))
      }
      throw DiagnosticError([d])
    }
    ruleDerived[rule.id] += target.stagedCount - before
    ruleSeconds[rule.id] += Date().timeIntervalSince(t0)
  }

  /// Merges staged tuples into their relations; true when any relation changed.
  private func merge(_ relations: [Int]) throws -> Bool {
    var changed = false
    for r in relations {
      guard let b = staging[r] else {
        database.relations[r].improved = []
        continue
      }
      let added = b.merge()
      derivedTotal += added
      if added > 0 || !database.relations[r].improved.isEmpty { changed = true }
    }
    if let full = database.relations.first(where: \.isFull) {
      throw DiagnosticError([
        .error(
          .limit, "relation `\(full.name)` reached \(HashIndex.maximumRows) tuples",
          help: "check for a rule that grows without bound, or narrow the input")
      ])
    }
    if derivedTotal > options.maximumTuples {
      throw DiagnosticError([
        .error(
          .limit, "evaluation derived more than \(options.maximumTuples) tuples",
          help: "raise `--max-tuples`, or check for a rule that grows without bound")
      ])
    }
    do {
      try limits.checkTime()
      try limits.checkResidentMemory()
    } catch let error as Interpreter.RunError {
      throw DiagnosticError([error.diagnostic])
    }
    // The engine's own accounting: relations, indexes and the constant pool.
    if limits.maximumMemoryBytes != Int.max, database.byteSize > limits.maximumMemoryBytes {
      throw DiagnosticError([
        limits.outOfMemory(using: database.byteSize, what: "relations and constants hold")
      ])
    }
    return changed
  }
}
