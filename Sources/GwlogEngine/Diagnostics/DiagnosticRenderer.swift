/// Renders diagnostics in the one format of spec §4: text with source line and caret for
/// people, or JSON objects `{code, message, file, line, column, help}` for scripts.
public struct DiagnosticRenderer: Sendable {
  /// The files spans point into.
  public var sources: SourceRegistry
  /// Whether to colour the text (only when writing to a terminal).
  public var useColor: Bool

  /// Longest stretch of a source line shown; longer lines are clipped around the caret.
  static let maximumShownLineWidth = 120

  /// Creates a renderer over a workspace's sources.
  public init(sources: SourceRegistry, useColor: Bool = false) {
    self.sources = sources
    self.useColor = useColor
  }

  /// The resolved position of a span: file path, 1-based line and column.
  public func position(of span: SourceSpan?) -> (file: String, line: Int, column: Int)? {
    guard let span, let file = sources.file(span.file) else { return nil }
    let (line, column) = file.location(of: Int(span.start))
    return (file.path, line, column)
  }

  /// The text form: `file:line:col: error[code]: message`, the source line, a caret, notes
  /// and help.
  ///
  /// Always ends with a newline.
  public func text(_ d: Diagnostic) -> String {
    var out = ""
    let label = d.severity == .error ? "error" : "warning"
    let styledLabel = paint("\(label)[\(d.code.rawValue)]", d.severity == .error ? "31;1" : "33;1")
    if let (path, line, column) = position(of: d.span) {
      out += "\(path):\(line):\(column): \(styledLabel): \(d.message)\n"
      if let span = d.span, let file = sources.file(span.file) {
        out += excerpt(file: file, span: span, line: line, column: column)
      }
    } else {
      out += "gwlog: \(styledLabel): \(d.message)\n"
    }
    for note in d.notes {
      if let (path, line, column) = position(of: note.span) {
        out += "  note: \(path):\(line):\(column): \(note.message)\n"
      } else {
        out += "  note: \(note.message)\n"
      }
    }
    if let help = d.help { out += "  help: \(help)\n" }
    return out
  }

  private func excerpt(file: SourceFile, span: SourceSpan, line: Int, column: Int) -> String {
    let fullLine = Array(file.lineText(line).unicodeScalars)
    let (endLine, endColumn) = file.location(of: Int(span.end))
    var caretLength = endLine == line ? max(1, endColumn - column) : 1
    var shownStart = 0
    var prefix = ""
    if fullLine.count > Self.maximumShownLineWidth {
      shownStart = max(0, column - 1 - Self.maximumShownLineWidth / 2)
      if shownStart > 0 { prefix = "..." }
    }
    let shownEnd = min(fullLine.count, shownStart + Self.maximumShownLineWidth)
    var shown = prefix
    shown.unicodeScalars.append(contentsOf: fullLine[min(shownStart, shownEnd)..<shownEnd])
    if shownEnd < fullLine.count { shown += "..." }
    // Tabs would misalign the caret, so they are shown as single spaces.
    shown = shown.replacingTabs()
    let caretColumn = column - 1 - shownStart + prefix.count
    caretLength = min(caretLength, max(1, shown.count - caretColumn))
    let gutter = String(line)
    let pad = String(repeating: " ", count: gutter.count)
    var out = "  \(gutter) | \(shown)\n"
    out += "  \(pad) | " + String(repeating: " ", count: max(0, caretColumn))
    out += paint(String(repeating: "^", count: caretLength), "32;1") + "\n"
    return out
  }

  private func paint(_ s: String, _ code: String) -> String {
    useColor ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s
  }

  /// The JSON form of one diagnostic (1-based line and column; null when unknown).
  public func json(_ d: Diagnostic) -> JSONValue {
    let pos = position(of: d.span)
    var members: [(String, JSONValue)] = [
      ("code", .string(d.code.rawValue)),
      ("message", .string(d.message)),
      ("file", pos.map { .string($0.file) } ?? .null),
      ("line", pos.map { .integer(Int64($0.line)) } ?? .null),
      ("column", pos.map { .integer(Int64($0.column)) } ?? .null),
      ("help", d.help.map { .string($0) } ?? .null),
    ]
    if !d.notes.isEmpty {
      members.append(("notes", .array(d.notes.map { .string(noteText($0)) })))
    }
    return .object(members)
  }

  private func noteText(_ note: DiagnosticNote) -> String {
    if let (path, line, column) = position(of: note.span) {
      return "\(path):\(line):\(column): \(note.message)"
    }
    return note.message
  }
}

extension String {
  fileprivate func replacingTabs() -> String {
    String(String.UnicodeScalarView(unicodeScalars.map { $0 == "\t" ? " " : $0 }))
  }
}
