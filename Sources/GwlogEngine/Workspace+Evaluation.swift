import Foundation

extension Workspace {
  /// Parses and analyses everything loaded; false when there are errors.
  @discardableResult
  public func check() -> Bool {
    if compilation != nil { return !hasErrors }
    var declaredArity: [String: Int] = [:]
    var inputs: [(name: String, parameters: [(key: String, value: String)])] = []
    var withFacts = Set(bulkFacts.map(\.name))
    for program in programs {
      for statement in program.statements {
        switch statement {
        case .declaration(let d): declaredArity[d.name] = declaredArity[d.name] ?? d.columns.count
        case .directive(let d) where d.kind == .input:
          for r in d.relations { inputs.append((r.name, d.parameters)) }
        case .clause(let c) where c.body.isEmpty: withFacts.insert(c.head.name)
        default: break
        }
      }
    }
    diagnostics += inputFiles(inputs: inputs, withFacts: withFacts)
    var external = bulkFacts.map {
      Analyzer.ExternalRelation(name: $0.name, arity: $0.arity, span: $0.span)
    }
    for (file, relation) in pendingTSV {
      let arity = declaredArity[relation] ?? tsvArity(file)
      external.append(
        Analyzer.ExternalRelation(
          name: relation, arity: arity, span: SourceSpan(file: file, start: 0, end: 0)))
    }
    var analyzer = Analyzer(builtins: builtins)
    let result = analyzer.analyze(programs, external: external)
    diagnostics += analyzer.diagnostics.map(withBuiltInClashHelp)
    compilation = Compilation(program: result)
    return !hasErrors
  }

  /// The analysed program, once `check()` ran.
  var checked: CheckedProgram? { compilation?.program }

  /// The database reads are answered from, once an evaluation ran.
  var database: Database? { compilation?.current?.database }

  /// `diagnostic` with the built-in sources' clash help when it is a declaration clash
  /// between a user source and a built-in one.
  private func withBuiltInClashHelp(_ diagnostic: Diagnostic) -> Diagnostic {
    guard let builtIn = builtInSources,
      [.redeclared, .arityMismatch, .typeMismatch].contains(diagnostic.code)
    else { return diagnostic }
    let spans = ([diagnostic.span] + diagnostic.notes.map(\.span)).compactMap { $0 }
    let inBuiltIn = spans.map { span in
      sources.file(span.file)?.path.hasPrefix(builtIn.pathPrefix) ?? false
    }
    guard inBuiltIn.contains(true), inBuiltIn.contains(false) else { return diagnostic }
    var changed = diagnostic
    changed.help = builtIn.clashHelp
    return changed
  }

  /// Fields on the first data line of a tab-separated file (0 when it has none).
  private func tsvArity(_ file: Int32) -> Int {
    if let table = pendingTables[file] { return table.arity }
    guard let source = sources.file(file) else { return 0 }
    var line = 1
    while line <= source.lineStarts.count {
      let text = source.lineText(line)
      line += 1
      if text.isEmpty || text.hasPrefix("#") { continue }
      return text.utf8.reduce(1) { $0 + ($1 == 0x09 ? 1 : 0) }
    }
    return 0
  }

  /// Evaluates the program to its minimal model; throws the errors that stop it.
  public func evaluate(options: EvaluationOptions = EvaluationOptions()) throws {
    let compilation = try compiled()
    compilation.options = options
    compilation.answersByDemand = false
    try evaluateInFull(compilation)
  }

  /// The analysed program, checked; throws its errors.
  func compiled() throws -> Compilation {
    check()
    let errors = diagnostics.filter { $0.severity == .error }
    if !errors.isEmpty { throw DiagnosticError(errors) }
    guard let compilation else { throw DiagnosticError([]) }
    return compilation
  }

  /// Replaces the current evaluation by a full one.
  func evaluateInFull(_ compilation: Compilation) throws {
    compilation.current = nil
    let (db, stats) = try run(compilation.program, in: compilation)
    compilation.current = Evaluation(scope: .full, database: db, statistics: stats)
  }

  /// The input store of `compilation`, loading every input fact at the first call; throws
  /// the load's errors (reported once, as diagnostics).
  func inputStore(of compilation: Compilation) throws -> InputStore {
    if let store = compilation.store {
      let errors = store.problems.filter { $0.severity == .error }
      if !errors.isEmpty { throw DiagnosticError(errors) }
      return store
    }
    let store = InputStore(
      program: compilation.program,
      sources: InputStore.Sources(
        bulkFacts: bulkFacts, tsv: pendingTSV, tables: pendingTables, origins: pendingOrigins),
      files: sources, pool: pool)
    compilation.store = store
    inputStoreLoads += 1
    diagnostics += store.problems
    let errors = store.problems.filter { $0.severity == .error }
    if !errors.isEmpty { throw DiagnosticError(errors) }
    return store
  }

  /// Evaluates `program` (the analysed program or a rewrite of it) over a new database that
  /// holds the session's input facts.
  ///
  /// Relations in `reusing` are taken from `compilation.complete` (computed in full by an
  /// earlier evaluation) and their rules left out.
  func run(_ given: CheckedProgram, in compilation: Compilation, reusing: Set<Int> = [])
    throws -> (Database, EvaluationStatistics)
  {
    let store = try inputStore(of: compilation)
    evaluationCount += 1
    let t0 = ContinuousClock.now
    var program = given
    var complete: [Int: Relation] = [:]
    for id in reusing { complete[id] = compilation.complete[id] }
    if !complete.isEmpty {
      program.strata = given.strata.compactMap { stratum in
        guard !stratum.relations.allSatisfy({ complete[$0] != nil }) else { return nil }
        return Stratum(
          relations: stratum.relations,
          rules: stratum.rules.filter { complete[given.rules[$0].head] == nil },
          isRecursive: stratum.isRecursive)
      }
    }
    let db = try store.database(for: program, pool: pool, files: sources, complete: complete)
    let loadSeconds = Self.seconds(since: t0) + (evaluationCount == 1 ? store.loadSeconds : 0)
    for relation in db.relations {
      relation.deltaStart = relation.count
      relation.deltaEnd = relation.count
    }
    let evaluator = Evaluator(program: program, database: db, options: compilation.options)
    let t1 = ContinuousClock.now
    try evaluator.run()
    var stats = evaluator.statistics
    stats.loadSeconds = loadSeconds
    stats.evaluationSeconds = Self.seconds(since: t1)
    stats.totalTuples = db.totalRows
    stats.storageBytes = db.byteSize
    stats.inputs = EvaluationStatistics.Inputs(
      loads: inputStoreLoads, seconds: store.loadSeconds,
      files: store.fileFacts.map { (sources.file($0.file)?.path ?? "?", $0.facts) },
      evaluations: evaluationCount)
    for i in stats.rules.indices {
      let span = program.rules[i].clause.span
      if let file = sources.file(span.file) {
        stats.rules[i].location = "\(file.path):\(file.location(of: Int(span.start)).line)"
      }
    }
    return (db, stats)
  }

  /// Seconds elapsed since `start`.
  static func seconds(since start: ContinuousClock.Instant) -> Double {
    let elapsed = (ContinuousClock.now - start).components
    return Double(elapsed.seconds) + Double(elapsed.attoseconds) * 1e-18
  }

  /// Statistics of the last evaluation.
  public var statistics: EvaluationStatistics? { compilation?.current?.statistics }

  /// The number of rules (clauses with a body), for the summary of `gwlog check`.
  public var ruleCount: Int { checked?.rules.count ?? 0 }
}
