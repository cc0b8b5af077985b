import Foundation

extension Workspace {
  /// Parses and analyses everything loaded; false when there are errors.
  @discardableResult
  public func check() -> Bool {
    if checked != nil { return !hasErrors }
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
    checked = result
    return !hasErrors
  }

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
    check()
    let errors = diagnostics.filter { $0.severity == .error }
    if !errors.isEmpty { throw DiagnosticError(errors) }
    guard let program = checked else { return }
    goalDirected = nil
    database = nil
    lastOptions = options
    let (db, stats) = try run(program, options: options)
    lastStatistics = stats
    database = db
  }

  /// Loads the facts into a new database for `program` and evaluates it; with `only`, loads
  /// just the facts of those relations and reports load problems by throwing.
  func run(_ program: CheckedProgram, options: EvaluationOptions, only: Set<Int>? = nil)
    throws -> (Database, EvaluationStatistics)
  {
    evaluationCount += 1
    let t0 = Date()
    let db = Database(pool: pool, relations: program.relations)
    for origin in pendingOrigins { _ = db.addOrigin(origin) }
    // A relation derived by one rule and holding no input facts needs no rule column.
    var derivingRules = [[Int]](repeating: [], count: program.relations.count)
    for stratum in program.strata {
      for id in stratum.rules { derivingRules[program.rules[id].head].append(id) }
    }
    for (id, info) in program.relations.enumerated()
    where derivingRules[id].count == 1 && !info.hasFacts && !info.isInput {
      db.relations[id].implicitRule = derivingRules[id].first.map { UInt32($0) }
    }
    var problems: [Diagnostic] = []
    loadBulkFacts(into: db, program: program, only: only, problems: &problems)
    loadTSV(into: db, program: program, only: only, problems: &problems)
    loadProgramFacts(into: db, program: program, only: only, problems: &problems)
    if !problems.isEmpty {
      if only == nil { diagnostics += problems }
      throw DiagnosticError(problems.filter { $0.severity == .error })
    }
    let loadSeconds = Date().timeIntervalSince(t0)
    for relation in db.relations {
      relation.deltaStart = relation.count
      relation.deltaEnd = relation.count
    }
    let evaluator = Evaluator(program: program, database: db, options: options)
    let t1 = Date()
    try evaluator.run()
    var stats = evaluator.statistics
    stats.loadSeconds = loadSeconds
    stats.evaluationSeconds = Date().timeIntervalSince(t1)
    stats.totalTuples = db.totalRows
    stats.storageBytes = db.byteSize
    for i in stats.rules.indices {
      let span = program.rules[i].clause.span
      if let file = sources.file(span.file) {
        stats.rules[i].location = "\(file.path):\(file.location(of: Int(span.start)).line)"
      }
    }
    return (db, stats)
  }

  private func loadBulkFacts(
    into db: Database, program: CheckedProgram, only: Set<Int>?, problems: inout [Diagnostic]
  ) {
    for facts in bulkFacts {
      guard let id = program.relationIDs[facts.name], only?.contains(id) ?? true else { continue }
      let relation = db.relations[id]
      let types = program.relations[id].types
      guard relation.arity == facts.arity else { continue }
      relation.reserve(additional: facts.lines.count)
      var run = 0
      facts.ids.withUnsafeBufferPointer { ids in
        guard let base = ids.baseAddress else {
          // Nullary facts carry no ids.
          for (row, line) in facts.lines.enumerated() {
            if run < facts.files.count, facts.files[run].row == row {
              relation.beginInputRun(file: facts.files[run].file)
              run += 1
            }
            var empty: UInt32 = 0
            relation.insert(&empty, rule: line, height: 0)
          }
          return
        }
        for (row, line) in facts.lines.enumerated() {
          if run < facts.files.count, facts.files[run].row == row {
            relation.beginInputRun(file: facts.files[run].file)
            run += 1
          }
          let tuple = base + row * facts.arity
          if let bad = typeProblem(tuple, types: types, relation: facts.name) {
            if problems.count < 50 { problems.append(bad) }
            continue
          }
          relation.insert(tuple, rule: line, height: 0)
        }
      }
    }
  }

  private func typeProblem(_ tuple: UnsafePointer<UInt32>, types: [ColumnType?], relation: String)
    -> Diagnostic?
  {
    for (c, type) in types.enumerated() {
      guard let type else { continue }
      let isNumber = pool.isInteger(tuple[c])
      if isNumber != (type == .number) {
        return .error(
          .badFact,
          "column \(c + 1) of `\(relation)` is declared `\(type.rawValue)` but a fact has "
            + "\(pool.value(tuple[c]))")
      }
    }
    return nil
  }

  private func loadTSV(
    into db: Database, program: CheckedProgram, only: Set<Int>?, problems: inout [Diagnostic]
  ) {
    for (file, name) in pendingTSV {
      guard let id = program.relationIDs[name], only?.contains(id) ?? true,
        let source = sources.file(file)
      else { continue }
      let relation = db.relations[id]
      let info = program.relations[id]
      relation.reserve(additional: source.lineStarts.count)
      relation.beginInputRun(file: file)
      let declared = info.declaration != nil ? info.types : nil
      problems += FactsReader.readTSV(
        source, fileID: file, relation: name,
        columnTypes: declared ?? Array(repeating: nil, count: info.arity), pool: pool
      ) { ids, line in
        if let base = ids.baseAddress {
          relation.insert(base, rule: Provenance.line(line), height: 0)
        } else {
          var empty: UInt32 = 0
          relation.insert(&empty, rule: Provenance.line(line), height: 0)
        }
      }
    }
  }

  private func loadProgramFacts(
    into db: Database, program: CheckedProgram, only: Set<Int>?, problems: inout [Diagnostic]
  ) {
    var tuple = [UInt32](repeating: 0, count: 1)
    for fact in program.facts where only?.contains(fact.relation) ?? true {
      let relation = db.relations[fact.relation]
      if tuple.count < relation.arity { tuple = Array(repeating: 0, count: relation.arity) }
      var ok = true
      for (c, term) in fact.atom.arguments.enumerated() {
        do {
          tuple[c] = pool.intern(try ConstantFolding.value(of: term, builtins: program.builtins))
        } catch let error as Interpreter.RunError {
          problems.append(error.diagnostic)
          ok = false
        } catch {
          ok = false
        }
      }
      guard ok else { continue }
      let span = fact.atom.span
      let line = sources.file(span.file)?.location(of: Int(span.start)).line ?? 0
      relation.beginInputRun(file: span.file)
      tuple.withUnsafeBufferPointer { p in
        if let base = p.baseAddress {
          relation.insert(base, rule: Provenance.line(line), height: 0)
        }
      }
    }
  }

  /// Statistics of the last evaluation.
  public var statistics: EvaluationStatistics? { lastStatistics }

  /// The number of rules (clauses with a body), for the summary of `gwlog check`.
  public var ruleCount: Int { checked?.rules.count ?? 0 }
}
