import GwlogEngine

/// Decodes a table the EmbedModel plugin compiled in pre-interned.
///
/// Decodes a tab-separated table of `facts/gcp` that the EmbedModel plugin compiled in
/// pre-interned (gwlog-embed's `TableEncoding`: the distinct fields one a line; a digit
/// count, the line runs and the rows' field indexes as fixed-width base-64 numbers, a
/// character `?`...`~` per digit) into the engine's `InternedTable`, one pass over each
/// literal into buffers sized beforehand, no string built per field.
enum EmbeddedTable {
  /// The table of `arity` columns whose fields are `symbols` and whose rows are `rows`; a
  /// malformed literal gives the rows decoded before the fault.
  static func decode(arity: Int, symbols: StaticString, rows: StaticString) -> InternedTable {
    var table = symbols.withUTF8Buffer(decodeSymbols)
    table.arity = arity
    rows.withUTF8Buffer { decodeRows($0, into: &table) }
    return table
  }

  /// A table with the fields of `text` (one a line) and no rows.
  private static func decodeSymbols(_ text: UnsafeBufferPointer<UInt8>) -> InternedTable {
    var starts: [UInt32] = [0]
    var ends: [UInt32] = []
    for (i, b) in text.enumerated() where b == 0x0A {
      ends.append(UInt32(i))
      starts.append(UInt32(i + 1))
    }
    ends.append(UInt32(text.count))
    return InternedTable(
      arity: 0, count: 0, symbolBytes: Array(text), symbolStarts: starts, symbolEnds: ends,
      rows: [], lineRuns: [])
  }

  /// Reads the line runs and rows of `text` into `table`.
  private static func decodeRows(
    _ text: UnsafeBufferPointer<UInt8>, into table: inout InternedTable
  ) {
    guard let first = text.first else { return }
    let digits = Int(first &- UInt8(ascii: "?"))
    var position = 1
    /// The next number, or nil past the end.
    func number() -> Int? {
      guard digits > 0, digits <= 10, position + digits <= text.count else { return nil }
      var value = 0
      for k in position..<position + digits {
        value = value << 6 | Int((text[k] &- UInt8(ascii: "?")) & 63)
      }
      position += digits
      return value
    }
    guard let runCount = number() else { return }
    var runs: [InternedTable.LineRun] = []
    for _ in 0..<runCount {
      guard let row = number(), let line = number() else { return }
      runs.append(InternedTable.LineRun(firstRow: row, firstLine: line))
    }
    let width = max(1, table.arity) * digits
    let rowCount = table.arity == 0 ? 0 : (text.count - position) / width
    table.rows = [UInt32](unsafeUninitializedCapacity: rowCount * table.arity) { out, n in
      guard let base = text.baseAddress else { return }
      var p = base + position
      for i in 0..<rowCount * table.arity {
        var value: UInt32 = 0
        for _ in 0..<digits {
          value = value &<< 6 | UInt32((p.pointee &- UInt8(ascii: "?")) & 63)
          p += 1
        }
        out[i] = value
      }
      n = rowCount * table.arity
    }
    table.count = rowCount
    table.lineRuns = runs
  }
}
