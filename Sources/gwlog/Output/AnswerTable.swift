import GwlogEngine

/// The aligned text table of `gwlog query`: a header of variable names, then one line per
/// answer, columns padded to a common width and separated by two spaces.
enum AnswerTable {
  /// The table as lines ending in newlines; with no variables, `true` or `false`.
  static func text(variables: [String], rows: [[Value]]) -> String {
    if variables.isEmpty { return rows.isEmpty ? "false\n" : "true\n" }
    let cells = rows.map { $0.map(cell) }
    var widths = variables.map(\.count)
    for row in cells {
      for (column, text) in row.enumerated() where column < widths.count {
        widths[column] = max(widths[column], text.count)
      }
    }
    var out = line(variables, widths)
    for row in cells { out += line(row, widths) }
    return out
  }

  /// The answers as JSON objects, one per row, keys = variable names (sorted).
  static func json(variables: [String], rows: [[Value]]) -> JSONValue {
    .array(
      rows.map { row in
        let members = zip(variables, row).map { ($0, RelationWriter.json($1)) }
        return .object(members.sorted { $0.0 < $1.0 })
      })
  }

  /// The answers as TSV rows; with no variables, `true` or `false` like the text table.
  static func tsv(variables: [String], rows: [[Value]]) -> String {
    variables.isEmpty ? text(variables: variables, rows: rows) : RelationWriter.tsv(rows: rows)
  }

  /// A value as a table cell: integers as digits; symbols bare when that is unambiguous,
  /// else in source form (quoted), so that `"1"` and `1` or `"a b"` stay distinguishable.
  static func cell(_ value: Value) -> String {
    switch value {
    case .integer(let number): return String(number)
    case .symbol(let text):
      let isPlain =
        !text.isEmpty && Int64(text) == nil
        && text.unicodeScalars.allSatisfy { scalar in
          scalar.value > 0x20 && scalar != "\"" && scalar != "\\" && scalar.value != 0x7F
        }
      return isPlain ? text : value.description
    }
  }

  private static func line(_ cells: [String], _ widths: [Int]) -> String {
    var out = ""
    for (column, text) in cells.enumerated() {
      if column > 0 { out += "  " }
      out += text
      // The last column is not padded, so lines carry no trailing blanks.
      if column < cells.count - 1, column < widths.count {
        out += String(repeating: " ", count: max(0, widths[column] - text.count))
      }
    }
    return out + "\n"
  }
}
