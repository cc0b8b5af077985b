import Testing
import _GwlogTestSupport

@testable import GwlogEngine

/// A pre-interned table loads exactly as the same rows written as a `.tsv` file: the same
/// tuples, each with the line of its first occurrence, whether its rows take the fast path
/// (sorted, distinct, into an empty relation) or not.
@Suite struct InternedTableTests {
  /// A random table of `arity` columns over a few symbols (so that rows repeat unless
  /// `distinct`), on increasing lines with gaps, sorted by symbol index when `sorted`.
  static func randomRows(
    _ random: inout SeededRandom, arity: Int, sorted: Bool, distinct: Bool
  ) -> (symbols: [String], rows: [[Int]], lines: [Int]) {
    let symbols = (0..<Int.random(in: 1...6, using: &random)).map { "s\($0)" }.sorted()
    var rows = (0..<Int.random(in: 0...40, using: &random)).map { _ in
      (0..<arity).map { _ in Int.random(in: 0..<symbols.count, using: &random) }
    }
    if distinct {
      var seen = Set<[Int]>()
      rows = rows.filter { seen.insert($0).inserted }
    }
    if sorted { rows.sort { $0.lexicographicallyPrecedes($1) } }
    var line = 0
    let lines = rows.map { _ in
      line += Int.random(in: 1...3, using: &random)
      return line
    }
    return (symbols, rows, lines)
  }

  /// The table of `rows` over `symbols` (one byte between symbols), lines as runs.
  static func table(_ symbols: [String], _ rows: [[Int]], _ lines: [Int], arity: Int)
    -> InternedTable
  {
    var bytes: [UInt8] = []
    var starts: [UInt32] = []
    var ends: [UInt32] = []
    for s in symbols {
      starts.append(UInt32(bytes.count))
      bytes += Array(s.utf8)
      ends.append(UInt32(bytes.count))
      bytes.append(0x0A)
    }
    var runs: [InternedTable.LineRun] = []
    for (row, line) in lines.enumerated() {
      if let last = runs.last, last.firstLine + row - last.firstRow == line { continue }
      runs.append(InternedTable.LineRun(firstRow: row, firstLine: line))
    }
    return InternedTable(
      arity: arity, count: rows.count, symbolBytes: bytes, symbolStarts: starts,
      symbolEnds: ends, rows: rows.flatMap { $0.map { UInt32($0) } }, lineRuns: runs)
  }

  /// The same rows as tab-separated text: row `k` on line `lines[k]`, comments between.
  static func tsv(_ symbols: [String], _ rows: [[Int]], _ lines: [Int]) -> String {
    var text: [String] = []
    for (row, line) in zip(rows, lines) {
      while text.count + 1 < line { text.append("# gap") }
      text.append(row.map { symbols[$0] }.joined(separator: "\t"))
    }
    return text.joined(separator: "\n") + "\n"
  }

  /// Every tuple of `edge` with the origin of its row, sorted.
  static func loaded(_ workspace: Workspace) throws -> [String] {
    try workspace.evaluate()
    return workspace.tuples(of: "edge").map { tuple in
      let origin = workspace.derivation(of: "edge", tuple)?.origin ?? "?"
      return tuple.map(\.description).joined(separator: ",") + " @ " + origin
    }.sorted()
  }

  static func workspace(arity: Int, extra: String) -> Workspace {
    let workspace = Workspace()
    let columns = (0..<arity).map { "c\($0): symbol" }.joined(separator: ", ")
    workspace.addSource(path: "decl.dl", text: ".decl edge(\(columns))\n" + extra)
    return workspace
  }

  @Test(arguments: [false, true])
  func loadsLikeTheSameTSV(withOtherFacts: Bool) throws {
    var random = SeededRandom(seed: withOtherFacts ? 17 : 5)
    for trial in 0..<60 {
      let arity = Int.random(in: 1...3, using: &random)
      let (symbols, rows, lines) = Self.randomRows(
        &random, arity: arity, sorted: trial % 3 != 0, distinct: trial % 2 == 0)
      // A program fact equal to a table row: loaded after the table, it must be found there.
      let extra =
        withOtherFacts && !rows.isEmpty
        ? "edge(" + rows[0].map { "\"\(symbols[$0])\"" }.joined(separator: ", ") + ").\n" : ""
      let fromText = Self.workspace(arity: arity, extra: extra)
      fromText.addTSV(
        relation: "edge", path: "edge.tsv", bytes: Array(Self.tsv(symbols, rows, lines).utf8))
      let fromTable = Self.workspace(arity: arity, extra: extra)
      fromTable.addInternedTable(
        relation: "edge", path: "edge.tsv", table: Self.table(symbols, rows, lines, arity: arity))
      #expect(
        try Self.loaded(fromTable) == Self.loaded(fromText),
        "trial \(trial): \(rows) on lines \(lines)")
    }
  }

  @Test func malformedTablesAreReportedNotLoaded() {
    let workspace = Self.workspace(arity: 2, extra: "")
    var table = Self.table(["a", "b"], [[0, 1]], [1], arity: 2)
    table.rows = [0, 7]
    workspace.addInternedTable(relation: "edge", path: "edge.tsv", table: table)
    #expect(
      workspace.diagnostics.map(\.message) == [
        "`edge.tsv`: a row of the built-in table names a symbol it does not have"
      ])
  }

  /// Rows appended without the duplicate check join the filter on first use: a repeat is
  /// then refused and every index invariant holds.
  @Test func distinctRowsJoinTheFilterOnFirstUse() {
    let relation = Relation(id: 0, name: "edge", arity: 2)
    let tuples: [UInt32] = [1, 2, 1, 3, 2, 3]
    let rules: [UInt32] = [7, 8, 9]
    tuples.withUnsafeBufferPointer { t in
      rules.withUnsafeBufferPointer { r in
        if let t = t.baseAddress, let r = r.baseAddress {
          relation.appendDistinct(t, rules: r, count: 2)
          relation.appendDistinct(t + 4, rules: r + 2, count: 1)
        }
      }
    }
    #expect(relation.count == 3)
    #expect(relation.filterKeyCount == 3)
    var repeated: [UInt32] = [1, 3]
    let (row, isNew) = relation.insert(&repeated, rule: 0, height: 0)
    #expect(row == 1 && !isNew)
    var fresh: [UInt32] = [3, 1]
    #expect(relation.insert(&fresh, rule: 0, height: 0).1)
    #expect(relation.count == 4)
    #expect(relation.rule(ofRow: 2) == 9)
    #expect(relation.checkInvariants())
  }
}
