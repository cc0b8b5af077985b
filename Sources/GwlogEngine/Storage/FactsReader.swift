/// Bulk fact loading straight into interned ids, with no AST: Soufflé's tab-separated fact
/// files here, gwlog-syntax `.facts` files in `FactsReader+Facts.swift`.
///
/// Both work on the file's bytes directly and reuse one row buffer, because they load
/// millions of rows.
public enum FactsReader {
  /// Diagnostics reported for one file before reading stops.
  static let maximumDiagnostics = 50

  /// Reads tab-separated rows of `relation` (one tuple per line, no quoting, `\r\n`
  /// tolerated, `#` lines are comments, empty lines skipped unless the arity is 0) and hands
  /// each row of interned ids and its 1-based line to `sink`.
  ///
  /// A column typed `.number` must hold a 64-bit integer; other columns are interned as
  /// symbols byte for byte. With `columnTypes` nil, the arity is that of the first data line
  /// and every column is a symbol.
  public static func readTSV(
    _ file: SourceFile, fileID: Int32, relation: String, columnTypes: [ColumnType?]?,
    pool: ConstantPool, into sink: (_ ids: UnsafeBufferPointer<UInt32>, _ line: Int) -> Void
  ) -> [Diagnostic] {
    var diagnostics: [Diagnostic] = []
    var types: [ColumnType?] = columnTypes ?? []
    var arity: Int? = columnTypes?.count
    var row = [UInt32](repeating: 0, count: max(1, types.count))
    file.bytes.withUnsafeBufferPointer { buffer in
      let count = buffer.count
      var lineStart = 0
      var line = 0
      while lineStart < count && diagnostics.count < maximumDiagnostics {
        line += 1
        var lineEnd = lineStart
        while lineEnd < count && buffer[lineEnd] != 0x0A { lineEnd += 1 }
        let next = lineEnd + 1
        if lineEnd > lineStart && buffer[lineEnd - 1] == 0x0D { lineEnd -= 1 }
        defer { lineStart = next }
        if lineEnd > lineStart && buffer[lineStart] == UInt8(ascii: "#") { continue }
        if lineEnd == lineStart {
          if arity == 0 {
            row.withUnsafeBufferPointer { sink(UnsafeBufferPointer(rebasing: $0[0..<0]), line) }
          }
          continue
        }
        let width: Int
        if let arity {
          width = arity
        } else {
          var tabs = 0
          for i in lineStart..<lineEnd where buffer[i] == 0x09 { tabs += 1 }
          width = tabs + 1
          arity = width
          types = Array(repeating: nil, count: width)
          row = [UInt32](repeating: 0, count: width)
        }
        let fieldCount = countFields(buffer, lineStart, lineEnd)
        guard fieldCount == width else {
          let noun = width == 1 ? "field" : "fields"
          diagnostics.append(
            .error(
              .badFact, "expected \(width) \(noun), found \(fieldCount)",
              at: SourceSpan(file: fileID, start: lineStart, end: lineEnd)))
          continue
        }
        var fieldStart = lineStart
        var ok = true
        for column in 0..<width {
          var fieldEnd = fieldStart
          while fieldEnd < lineEnd && buffer[fieldEnd] != 0x09 { fieldEnd += 1 }
          let field = UnsafeBufferPointer(rebasing: buffer[fieldStart..<fieldEnd])
          if types[column] == .number {
            guard let value = parseInteger(field) else {
              let text = String(decoding: field.prefix(60), as: UTF8.self)
              diagnostics.append(
                .error(
                  .badFact,
                  "`\(text)` is not a number in column \(column + 1) of `\(relation)`",
                  at: SourceSpan(file: fileID, start: fieldStart, end: fieldEnd)))
              ok = false
              break
            }
            row[column] = pool.intern(value)
          } else {
            row[column] = pool.intern(bytes: field)
          }
          fieldStart = fieldEnd + 1
        }
        if ok {
          row.withUnsafeBufferPointer { sink(UnsafeBufferPointer(rebasing: $0[0..<width]), line) }
        }
      }
    }
    return diagnostics
  }

  /// The number of tab-separated fields in `buffer[start..<end]`.
  private static func countFields(_ buffer: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int)
    -> Int
  {
    var fields = 1
    for i in start..<end where buffer[i] == 0x09 { fields += 1 }
    return fields
  }

  /// A decimal 64-bit integer with an optional sign, or nil.
  static func parseInteger(_ field: UnsafeBufferPointer<UInt8>) -> Int64? {
    var i = 0
    var negative = false
    if let first = field.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") {
      negative = first == UInt8(ascii: "-")
      i = 1
    }
    guard i < field.count else { return nil }
    var magnitude: UInt64 = 0
    while i < field.count {
      let b = field[i]
      guard b >= 0x30 && b <= 0x39 else { return nil }
      let (m, o1) = magnitude.multipliedReportingOverflow(by: 10)
      let (s, o2) = m.addingReportingOverflow(UInt64(b - 0x30))
      guard !o1, !o2, s <= Lexer.maximumMagnitude else { return nil }
      magnitude = s
      i += 1
    }
    if negative {
      return magnitude == Lexer.maximumMagnitude ? Int64.min : -Int64(magnitude)
    }
    return magnitude < Lexer.maximumMagnitude ? Int64(magnitude) : nil
  }
}
