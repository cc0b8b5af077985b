import Foundation

/// Renders relation rows (docs/json-output.md#run): gwlog facts for people, tab-separated rows
/// for tools (Soufflé's `-D` convention), and the `{"relations": …}` JSON object.
///
/// Rows are written in the order given; callers pass them as `Workspace.tuples(of:)`
/// returns them, which is already the output order.
public enum RelationWriter {
  /// One fact per row in source form, `path(1, "b").`, each line ending in a newline.
  public static func facts(_ relation: String, rows: [[Value]]) -> String {
    var out = ""
    for row in rows {
      out += fact(relation, row: row)
      out += "\n"
    }
    return out
  }

  /// One row as a gwlog fact, `path(1, "b").` (a nullary relation is `ok().`).
  public static func fact(_ relation: String, row: [Value]) -> String {
    relation + "(" + row.map(\.description).joined(separator: ", ") + ")."
  }

  /// Tab-separated rows, one per line, no header, symbols unquoted.
  public static func tsv(rows: [[Value]]) -> String {
    var out = ""
    for row in rows {
      out += tsvLine(row)
      out += "\n"
    }
    return out
  }

  /// One row as a tab-separated line without the newline.
  public static func tsvLine(_ row: [Value]) -> String {
    row.map(tsvField).joined(separator: "\t")
  }

  /// One value as a TSV field: integers as digits, symbols as their text, except that a
  /// tab, newline or carriage return inside a symbol is written `\t`, `\n`, `\r` so that
  /// it cannot split the row.
  public static func tsvField(_ value: Value) -> String {
    switch value {
    case .integer(let number): return String(number)
    case .symbol(let text):
      guard text.unicodeScalars.contains(where: { $0 == "\t" || $0 == "\n" || $0 == "\r" })
      else { return text }
      var out = ""
      for scalar in text.unicodeScalars {
        switch scalar {
        case "\t": out += "\\t"
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        default: out.unicodeScalars.append(scalar)
        }
      }
      return out
    }
  }

  /// A value as JSON: integers as numbers, symbols as strings.
  public static func json(_ value: Value) -> JSONValue {
    switch value {
    case .integer(let number): return .integer(number)
    case .symbol(let text): return .string(text)
    }
  }

  /// Rows as a JSON array of arrays (a nullary relation that holds is `[[]]`).
  public static func json(rows: [[Value]]) -> JSONValue {
    .array(rows.map { .array($0.map(json)) })
  }

  /// The `relations` object: one member per relation, keys sorted by bytes.
  public static func relationsObject(_ relations: [(name: String, rows: [[Value]])]) -> JSONValue {
    let sorted = relations.sorted { Value.bytesLess($0.name, $1.name) }
    return .object(sorted.map { ($0.name, json(rows: $0.rows)) })
  }

  /// The path of relation `relation`'s output file in `directory`: `directory/NAME.csv`.
  public static func csvPath(for relation: String, in directory: String) -> String {
    URL(fileURLWithPath: directory).appendingPathComponent(relation + ".csv").path
  }

  /// Creates `directory` (and its parents) if it does not exist yet.
  ///
  /// - Throws: a `Diagnostic` with code `io` naming the directory.
  public static func createDirectory(_ directory: String) throws(Diagnostic) {
    do {
      try FileManager.default.createDirectory(
        atPath: directory, withIntermediateDirectories: true)
    } catch {
      throw ioError("cannot create the directory `\(directory)`", error)
    }
  }

  /// Writes `rows` as tab-separated lines to `directory/NAME.csv`, replacing the file.
  ///
  /// - Returns: the path written.
  /// - Throws: a `Diagnostic` with code `io` naming the path.
  @discardableResult
  public static func writeCSV(_ relation: String, rows: [[Value]], in directory: String)
    throws(Diagnostic) -> String
  {
    let path = csvPath(for: relation, in: directory)
    guard !relation.isEmpty, !relation.contains("/"), relation != ".", relation != ".." else {
      throw Diagnostic.error(.io, "cannot write relation `\(relation)` as a file name")
    }
    do {
      try Data(tsv(rows: rows).utf8).write(to: URL(fileURLWithPath: path))
    } catch {
      throw ioError("cannot write `\(path)`", error)
    }
    return path
  }

  private static func ioError(_ message: String, _ error: any Error) -> Diagnostic {
    return .error(.io, message, notes: [DiagnosticNote(span: nil, message: reason(of: error))])
  }

  /// The system's reason as one lowercase sentence without a final period (Cedar's
  /// message rules), without Foundation's "The operation could not be completed." lead-in.
  static func reason(of error: any Error) -> String {
    var text = (error as NSError).localizedDescription
    let leadIn = "The operation could not be completed. "
    if text.hasPrefix(leadIn) { text.removeFirst(leadIn.count) }
    while text.hasSuffix(".") { text.removeLast() }
    return text.prefix(1).lowercased() + text.dropFirst()
  }
}
