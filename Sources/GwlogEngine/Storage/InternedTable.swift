/// Rows of one relation given pre-interned: a table of distinct symbols and, per row, one
/// index into it per column, with the rows' source lines as runs, so that a host's built-in
/// table (a catalog compiled into the binary) loads without parsing text.
///
/// INVARIANT (checked by `problem`): symbol `i` is `symbolBytes[symbolStarts[i] ..<
/// symbolEnds[i]]`, within the bytes; `rows` holds `arity` indexes below the number of symbols
/// for each of the `count` rows; `lineRuns` start at row 0 in increasing row order.
public struct InternedTable: Sendable {
  /// Consecutive rows on consecutive lines: row `r` of the run is on line
  /// `firstLine + r - firstRow` (until the next run's first row).
  public struct LineRun: Sendable, Equatable {
    /// The run's first row.
    public var firstRow: Int
    /// The 1-based source line of that row.
    public var firstLine: Int

    /// A run of rows from `firstRow`, which is on line `firstLine`.
    public init(firstRow: Int, firstLine: Int) {
      self.firstRow = firstRow
      self.firstLine = firstLine
    }
  }

  /// Columns per row.
  public var arity: Int
  /// The number of rows.
  public var count: Int
  /// The UTF-8 bytes of the symbols (and whatever separates them).
  public var symbolBytes: [UInt8]
  /// Where each symbol starts in `symbolBytes`.
  public var symbolStarts: [UInt32]
  /// Where each symbol ends in `symbolBytes`.
  public var symbolEnds: [UInt32]
  /// `arity` symbol indexes per row.
  public var rows: [UInt32]
  /// The rows' source lines (shown at proof leaves).
  public var lineRuns: [LineRun]

  /// A table of `count` rows of `arity` columns with its symbols, rows and lines.
  public init(
    arity: Int, count: Int, symbolBytes: [UInt8], symbolStarts: [UInt32], symbolEnds: [UInt32],
    rows: [UInt32], lineRuns: [LineRun]
  ) {
    self.arity = arity
    self.count = count
    self.symbolBytes = symbolBytes
    self.symbolStarts = symbolStarts
    self.symbolEnds = symbolEnds
    self.rows = rows
    self.lineRuns = lineRuns
  }

  /// What breaks the invariant, or nil when the table is well formed.
  var problem: String? {
    guard arity >= 0, count >= 0, rows.count == count * arity else {
      return "a row of the built-in table does not have \(arity) columns"
    }
    guard symbolStarts.count == symbolEnds.count,
      zip(symbolStarts, symbolEnds).allSatisfy({ $0 <= $1 && Int($1) <= symbolBytes.count })
    else {
      return "a symbol of the built-in table lies outside its bytes"
    }
    let symbols = UInt32(symbolEnds.count)
    if rows.contains(where: { $0 >= symbols }) {
      return "a row of the built-in table names a symbol it does not have"
    }
    guard count == 0 || lineRuns.first?.firstRow == 0,
      zip(lineRuns, lineRuns.dropFirst()).allSatisfy({ $0.firstRow < $1.firstRow })
    else {
      return "the line runs of the built-in table are out of order"
    }
    return nil
  }

  /// Whether every row is greater than the one before in the order of its symbol indexes
  /// (column by column), so that, of distinct symbols, the rows are pairwise distinct.
  var isStrictlyIncreasing: Bool {
    guard arity > 0 else { return count <= 1 }
    return rows.withUnsafeBufferPointer { r in
      var row = 1
      while row < count {
        var c = 0
        while c < arity && r[(row - 1) * arity + c] == r[row * arity + c] { c += 1 }
        if c == arity || r[(row - 1) * arity + c] > r[row * arity + c] { return false }
        row += 1
      }
      return true
    }
  }

  /// The line of each row of `rows` (a range of row numbers), in order.
  func lines(of rows: Range<Int>, into body: (_ row: Int, _ line: Int) -> Void) {
    var run = 0
    while run + 1 < lineRuns.count && lineRuns[run + 1].firstRow <= rows.lowerBound { run += 1 }
    for row in rows {
      while run + 1 < lineRuns.count && lineRuns[run + 1].firstRow <= row { run += 1 }
      let start = lineRuns.isEmpty ? LineRun(firstRow: 0, firstLine: 0) : lineRuns[run]
      body(row, start.firstLine + row - start.firstRow)
    }
  }

  /// Interns every symbol into `pool` (its table grown once for all of them); the ids in
  /// symbol order.
  func internSymbols(into pool: ConstantPool) -> [UInt32] {
    pool.reserveCapacity(symbolEnds.count, bytes: symbolBytes.count)
    var ids = [UInt32](repeating: 0, count: symbolEnds.count)
    symbolBytes.withUnsafeBufferPointer { bytes in
      for i in symbolEnds.indices {
        let symbol = bytes[Int(symbolStarts[i])..<Int(symbolEnds[i])]
        ids[i] = pool.intern(bytes: UnsafeBufferPointer(rebasing: symbol))
      }
    }
    return ids
  }
}
