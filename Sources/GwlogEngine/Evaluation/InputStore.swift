/// Every input fact of a session, read, interned and deduplicated once, then shared by every
/// evaluation of that session (full, goal-directed, why-not, a host's extra questions).
///
/// The store holds one relation per program relation that has input facts: rows of `.facts`
/// files and host-added facts (`BulkFacts`), tab-separated files (parsed here, once column
/// types are known) and the program's own ground facts. A database for a program takes the
/// store's relation itself where the program derives nothing into it (no copy, and the
/// indexes built on it serve later evaluations too), and a copy where rules add to it.
///
/// INVARIANT: a stored relation is never written after `init`; relation ids are those of the
/// compiled program the store was built for, and rewritten programs keep them (new relations
/// are appended, `DemandRewrite`).
final class InputStore {
  /// Per relation id, the relation holding its input facts; nil when it has none.
  let relations: [Relation?]
  /// Origins of host-added facts, indexed by their provenance tags.
  let origins: FactOriginTable
  /// Problems found while loading (type mismatches, unreadable rows), in the order found.
  let problems: [Diagnostic]
  /// Seconds spent reading and interning.
  let loadSeconds: Double
  /// Each source file that gave input facts, with how many rows it gave, in load order.
  let fileFacts: [(file: Int32, facts: Int)]

  /// What the store is built from: the session's sources not yet in any relation.
  struct Sources {
    /// Rows read from `.facts` files and added by the host.
    var bulkFacts: [BulkFacts]
    /// Tab-separated files to read, with the relation each fills.
    var tsv: [(file: Int32, relation: String)]
    /// The tab-separated files a host gave pre-interned, by file id (read in `tsv`'s order).
    var tables: [Int32: InternedTable] = [:]
    /// Origins of host-added facts.
    var origins: FactOriginTable
  }

  /// Loads every input fact of `program`: bulk facts, tab-separated files and its facts.
  init(
    program: CheckedProgram, sources inputs: Sources, files: SourceRegistry, pool: ConstantPool
  ) {
    let start = ContinuousClock.now
    var loader = Loader(program: program, pool: pool, files: files)
    loader.loadBulkFacts(inputs.bulkFacts)
    loader.loadTSV(inputs.tsv, tables: inputs.tables)
    loader.loadProgramFacts(program.facts)
    relations = loader.relations
    fileFacts = Self.factsPerFile(loader.relations)
    origins = inputs.origins
    problems = loader.problems
    let elapsed = (ContinuousClock.now - start).components
    loadSeconds = Double(elapsed.seconds) + Double(elapsed.attoseconds) * 1e-18
  }

  /// Rows per input file, from the relations' file runs (first-seen order of the files).
  private static func factsPerFile(_ relations: [Relation?]) -> [(file: Int32, facts: Int)] {
    var order: [Int32] = []
    var counts: [Int32: Int] = [:]
    for case let relation? in relations {
      let runs = relation.inputRuns
      for (k, run) in runs.enumerated() {
        let end = k + 1 < runs.count ? runs[k + 1].firstRow : relation.count
        if counts[run.file] == nil { order.append(run.file) }
        counts[run.file, default: 0] += end - run.firstRow
      }
    }
    return order.map { ($0, counts[$0] ?? 0) }
  }

  /// A new database for `program` (the compiled program or a rewrite of it) holding the
  /// stored input facts; facts of relations the store does not know (demand seeds) are
  /// loaded from `program.facts`.
  ///
  /// `complete` are relations an earlier evaluation computed in full with the original rules
  /// (the same in every evaluation): they are taken as they are, and `program` must not
  /// derive into them.
  func database(
    for program: CheckedProgram, pool: ConstantPool, files: SourceRegistry,
    complete: [Int: Relation] = [:]
  ) throws -> Database {
    var derived = [Int](repeating: 0, count: program.relations.count)
    for stratum in program.strata {
      for id in stratum.rules { derived[program.rules[id].head] += 1 }
    }
    var relations: [Relation] = []
    relations.reserveCapacity(program.relations.count)
    for (id, info) in program.relations.enumerated() {
      if let done = complete[id] {
        relations.append(done)
        continue
      }
      let stored = id < self.relations.count ? self.relations[id] : nil
      if let stored, derived[id] == 0 {
        relations.append(stored)
        continue
      }
      let relation = Relation(id: id, name: info.name, arity: info.arity)
      if let stored {
        relation.copyInputs(of: stored)
      } else if derived[id] == 1 && !info.hasFacts && !info.isInput {
        // A relation derived by one rule and holding no input facts needs no rule column.
        relation.implicitRule = program.strata.lazy.flatMap(\.rules)
          .first { program.rules[$0].head == id }.map { UInt32($0) }
      }
      relations.append(relation)
    }
    let database = Database(pool: pool, relations: relations, origins: origins)
    var seeds: [ProgramFact] = []
    for fact in program.facts where fact.relation >= self.relations.count {
      seeds.append(fact)
    }
    var loader = Loader(program: program, pool: pool, files: files)
    loader.relations = relations.map { $0 }
    loader.loadProgramFacts(seeds)
    if let error = loader.problems.first(where: { $0.severity == .error }) {
      throw DiagnosticError([error])
    }
    return database
  }
}

/// Rows of one relation read from bulk fact files, before any relation exists.
struct BulkFacts {
  /// The relation name.
  let name: String
  /// Columns per row.
  let arity: Int
  /// The rows' interned ids, `arity` per row.
  var ids: [UInt32] = []
  /// Per row, its provenance tag: `Provenance.line(n)` or an origin-table entry.
  var lines: [UInt32] = []
  /// (first row, file) runs, for provenance.
  var files: [(row: Int, file: Int32)] = []
  /// Where the relation was first seen.
  let span: SourceSpan
}

/// Fills the store's relations from each kind of input, collecting load problems.
private struct Loader {
  let program: CheckedProgram
  let pool: ConstantPool
  /// The session's files (tab-separated sources and the lines of facts).
  let files: SourceRegistry
  var relations: [Relation?]
  var problems: [Diagnostic] = []

  init(program: CheckedProgram, pool: ConstantPool, files: SourceRegistry) {
    self.program = program
    self.pool = pool
    self.files = files
    relations = Array(repeating: nil, count: program.relations.count)
  }

  /// The relation of `id`, created on first use.
  mutating func relation(_ id: Int) -> Relation {
    if let existing = relations[id] { return existing }
    let info = program.relations[id]
    let created = Relation(id: id, name: info.name, arity: info.arity)
    relations[id] = created
    return created
  }

  mutating func loadBulkFacts(_ all: [BulkFacts]) {
    for facts in all {
      guard let id = program.relationIDs[facts.name], program.relations[id].arity == facts.arity
      else { continue }
      let relation = self.relation(id)
      let types = program.relations[id].types
      relation.reserve(additional: facts.lines.count)
      var run = 0
      var empty: UInt32 = 0
      facts.ids.withUnsafeBufferPointer { ids in
        for (row, line) in facts.lines.enumerated() {
          if run < facts.files.count, facts.files[run].row == row {
            relation.beginInputRun(file: facts.files[run].file)
            run += 1
          }
          // Nullary facts carry no ids.
          guard let base = ids.baseAddress else {
            relation.insert(&empty, rule: line, height: 0)
            continue
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

  mutating func loadTSV(_ all: [(file: Int32, relation: String)], tables: [Int32: InternedTable]) {
    for (file, name) in all {
      guard let id = program.relationIDs[name], let source = files.file(file) else { continue }
      if let table = tables[file] {
        loadTable(table, into: id, file: file)
        continue
      }
      let relation = self.relation(id)
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

  /// Loads a pre-interned table: its symbols interned once each, then its rows in batches
  /// of `tableChunk` (buffers reused, so that no memory but the relation's is touched); a
  /// column declared `number` takes the symbols that are integers, as a `.tsv` file's.
  ///
  /// Rows in strictly increasing order of their symbol indexes, of distinct symbols, into an
  /// empty relation, are pairwise distinct: they are appended without the duplicate check
  /// (`Relation.appendDistinct`).
  mutating func loadTable(_ table: InternedTable, into id: Int, file: Int32) {
    let info = program.relations[id]
    let arity = table.arity
    guard arity == info.arity else { return }
    let symbols = table.internSymbols(into: pool)
    // Per column, the id of each symbol (`UInt32.max`: not a number in a `number` column).
    var columns = [[UInt32]](repeating: symbols, count: arity)
    let declared = info.declaration != nil ? info.types : []
    var hasNumbers = false
    for (c, type) in declared.enumerated() where type == .number && c < arity {
      hasNumbers = true
      columns[c] = symbols.map { symbol in
        let value = pool.symbolBytes(symbol).flatMap { bytes in
          Array(bytes).withUnsafeBufferPointer { FactsReader.parseInteger($0) }
        }
        return value.map { pool.intern($0) } ?? UInt32.max
      }
    }
    let relation = self.relation(id)
    let distinct =
      relation.count == 0 && !hasNumbers && table.isStrictlyIncreasing
      && Self.areDistinct(symbols, poolEntries: pool.entryCount)
    if !distinct { relation.reserve(additional: table.count) }
    relation.beginInputRun(file: file)
    let chunk = Self.tableChunk
    var tuples = [UInt32](repeating: 0, count: max(1, chunk * arity))
    var tags = [UInt32](repeating: 0, count: chunk)
    var improved: [UInt32] = []
    var bad: (row: Int, column: Int)?
    var start = 0
    while start < table.count {
      let end = min(start + chunk, table.count)
      var kept = 0
      tuples.withUnsafeMutableBufferPointer { out in
        tags.withUnsafeMutableBufferPointer { tags in
          table.rows.withUnsafeBufferPointer { rows in
            table.lines(of: start..<end) { row, line in
              for c in 0..<arity {
                let id = columns[c][Int(rows[row * arity + c])]
                if id == UInt32.max {
                  if bad == nil { bad = (row, c) }
                  return
                }
                out[kept * arity + c] = id
              }
              tags[kept] = Provenance.line(line)
              kept += 1
            }
            guard let t = out.baseAddress, let r = tags.baseAddress else { return }
            if distinct {
              relation.appendDistinct(t, rules: r, count: kept)
              return
            }
            let heights = [UInt32](repeating: 0, count: kept)
            heights.withUnsafeBufferPointer { h in
              guard let h = h.baseAddress else { return }
              _ = relation.insert(batch: t, rules: r, heights: h, count: kept, improved: &improved)
            }
          }
        }
      }
      start = end
    }
    if let (row, c) = bad {
      let text = pool.symbol(symbols[Int(table.rows[row * arity + c])]) ?? ""
      var line = 0
      table.lines(of: row..<row + 1) { line = $1 }
      problems.append(
        .error(
          .badFact,
          "`\(text.prefix(60))` is not a number in column \(c + 1) of `\(info.name)` "
            + "(line \(line))"))
    }
  }

  /// Whether no two of `ids` (ids of pool entries, `poolEntries` in all) are equal.
  private static func areDistinct(_ ids: [UInt32], poolEntries: Int) -> Bool {
    var seen = [UInt64](repeating: 0, count: poolEntries / 64 + 1)
    for id in ids {
      guard id >= ConstantPool.pooledBase else { return false }
      let e = Int(id - ConstantPool.pooledBase)
      guard e < poolEntries else { return false }
      let bit: UInt64 = 1 << UInt64(e & 63)
      if seen[e >> 6] & bit != 0 { return false }
      seen[e >> 6] |= bit
    }
    return true
  }

  /// Rows of a pre-interned table remapped and inserted at a time.
  static let tableChunk = 4096

  mutating func loadProgramFacts(_ facts: [ProgramFact]) {
    var tuple = [UInt32](repeating: 0, count: 1)
    for fact in facts {
      let relation = self.relation(fact.relation)
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
      let line = files.file(span.file)?.location(of: Int(span.start)).line ?? 0
      relation.beginInputRun(file: span.file)
      tuple.withUnsafeBufferPointer { p in
        if let base = p.baseAddress {
          relation.insert(base, rule: Provenance.line(line), height: 0)
        }
      }
    }
  }
}

extension Relation {
  /// Appends every row of `stored` (input rows of the same relation) with its provenance,
  /// keeping the file runs.
  func copyInputs(of stored: Relation) {
    reserve(additional: stored.count)
    let runs = stored.inputRuns
    var run = 0
    for row in 0..<stored.count {
      while run < runs.count, runs[run].firstRow == row {
        beginInputRun(file: runs[run].file)
        run += 1
      }
      insert(stored.rows + row * arity, rule: stored.rule(ofRow: row), height: 0)
    }
  }
}
