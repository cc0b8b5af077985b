/// A tab-separated table pre-interned for embedding: its distinct fields once, and its rows as
/// numbers, so that the model loads it with a tight decoding loop instead of parsing text.
///
/// The table is read as the engine reads a `.tsv` file (`FactsReader.readTSV`): one row a
/// line, `\r\n` tolerated, `#` lines and empty lines skipped, fields split at tabs; a row equal
/// to an earlier one is dropped (the engine keeps the first). The encoding, decoded by
/// `EmbeddedTable` in GwlogCloud (`ModelLoadingTests` checks the two agree on
/// `facts/gcp/roles.tsv`):
///
/// - `symbolText`: the distinct fields in byte order, one a line;
/// - `encodedRows`: numbers in base 64, highest digit first, a character `?` + digit per digit
///   (so only `?`...`~` occur, never `"`, `#` or a line break). First `digits` (one
///   character), the number of characters of every index; then the line runs: their count
///   (`digits` characters), and per run its first row and first line (`digits` characters
///   each); then every row, `arity` indexes of `digits` characters. Row `r` of a run that
///   starts at row `f` and line `l` is on line `l + r - f`.
struct TableEncoding {
  /// A row that does not fit the table.
  struct Failure: Error {
    /// 1-based line of the row.
    var line: Int
    /// What is wrong, one lowercase sentence.
    var message: String
  }

  /// Fields per row.
  let arity: Int
  /// The distinct fields, one a line.
  let symbolText: [UInt8]
  /// The rows, encoded.
  let encodedRows: [UInt8]

  /// Encodes the rows of `tsv`; every data line must have as many fields as the first.
  init(tsv bytes: [UInt8]) throws(Failure) {
    var indexOf: [[UInt8]: Int] = [:]
    var symbols: [[UInt8]] = []
    var seen = Set<[Int]>()
    var rows: [[Int]] = []
    var runs: [(row: Int, line: Int)] = []
    var width: Int?
    var line = 0
    for var text in bytes.split(separator: 0x0A, omittingEmptySubsequences: false) {
      line += 1
      if text.last == 0x0D { text = text.dropLast() }
      if text.isEmpty || text.first == UInt8(ascii: "#") { continue }
      let fields = text.split(separator: 0x09, omittingEmptySubsequences: false).map(Array.init)
      guard width == nil || width == fields.count else {
        throw Failure(line: line, message: "expected \(width ?? 0) fields, found \(fields.count)")
      }
      width = fields.count
      let row = fields.map { field -> Int in
        if let known = indexOf[field] { return known }
        indexOf[field] = symbols.count
        symbols.append(field)
        return symbols.count - 1
      }
      guard seen.insert(row).inserted else { continue }
      if let last = runs.last, last.line + (rows.count - last.row) != line {
        runs.append((rows.count, line))
      } else if runs.isEmpty {
        runs.append((0, line))
      }
      rows.append(row)
    }
    arity = width ?? 0
    // Fields numbered in byte order: rows sorted by their fields then have increasing
    // indexes, which lets the engine skip their duplicate check.
    let order = symbols.indices.sorted { symbols[$0].lexicographicallyPrecedes(symbols[$1]) }
    var renumbered = [Int](repeating: 0, count: symbols.count)
    for (new, old) in order.enumerated() { renumbered[old] = new }
    rows = rows.map { $0.map { renumbered[$0] } }
    symbolText = Array(order.map { symbols[$0] }.joined(separator: [0x0A]))
    let largest = max(symbols.count, rows.count, runs.count, line)
    var digits = 1
    while largest >> (6 * digits) > 0 { digits += 1 }
    var out: [UInt8] = []
    Self.append(digits, digits: 1, to: &out)
    Self.append(runs.count, digits: digits, to: &out)
    for run in runs {
      Self.append(run.row, digits: digits, to: &out)
      Self.append(run.line, digits: digits, to: &out)
    }
    for row in rows {
      for index in row { Self.append(index, digits: digits, to: &out) }
    }
    encodedRows = out
  }

  /// Appends `number` to `out` as `digits` base-64 digits, highest first.
  private static func append(_ number: Int, digits: Int, to out: inout [UInt8]) {
    for k in stride(from: digits - 1, through: 0, by: -1) {
      out.append(UInt8(ascii: "?") + UInt8((number >> (6 * k)) & 63))
    }
  }
}
