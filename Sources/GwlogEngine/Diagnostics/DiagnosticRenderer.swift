/// Renders diagnostics in one format (docs/language.md#diagnostics): text with line and caret for
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
    let lineStart = file.lineStarts[line - 1]
    var lineEnd = line < file.lineStarts.count ? file.lineStarts[line] - 1 : file.bytes.count
    if lineEnd > lineStart, file.bytes[lineEnd - 1] == 0x0D { lineEnd -= 1 }
    let start = min(max(Int(span.start), lineStart), lineEnd)
    let end = min(max(Int(span.end), start + 1), lineEnd)
    // Display units: one per printable scalar; control characters and invalid UTF-8 bytes
    // show as `?` so the caret lines up and nothing odd reaches the terminal.
    var units: [Unicode.Scalar] = []
    var caretFrom = -1
    var caretTo = -1
    var i = lineStart
    while i < lineEnd {
      if i >= start && caretFrom < 0 { caretFrom = units.count }
      if i >= end && caretTo < 0 { caretTo = units.count }
      let (scalar, length) = Self.decode(file.bytes, at: i, end: lineEnd)
      units.append(scalar)
      i += length
    }
    if caretFrom < 0 { caretFrom = units.count }
    if caretTo < 0 { caretTo = units.count }
    let caretLength = max(1, caretTo - caretFrom)
    var shownStart = 0
    var prefix = ""
    if units.count > Self.maximumShownLineWidth {
      shownStart = max(0, caretFrom - Self.maximumShownLineWidth / 2)
      if shownStart > 0 { prefix = "..." }
    }
    let shownEnd = min(units.count, shownStart + Self.maximumShownLineWidth)
    var shown = prefix
    shown.unicodeScalars.append(contentsOf: units[min(shownStart, shownEnd)..<shownEnd])
    if shownEnd < units.count { shown += "..." }
    let caretColumn = caretFrom - shownStart + prefix.count
    let shownCaret = min(caretLength, max(1, shownEnd - shownStart + prefix.count - caretColumn))
    let gutter = String(line)
    let pad = String(repeating: " ", count: gutter.count)
    var out = "  \(gutter) | \(shown)\n"
    out += "  \(pad) | " + String(repeating: " ", count: max(0, caretColumn))
    out += paint(String(repeating: "^", count: shownCaret), "32;1") + "\n"
    return out
  }

  /// Decodes one display unit at `i`: a printable scalar, or `?` for a control character or
  /// an invalid byte (which then counts as one unit of length 1).
  ///
  /// Tabs show as a space.
  static func decode(_ bytes: [UInt8], at i: Int, end: Int) -> (Unicode.Scalar, Int) {
    let b = bytes[i]
    if b == 0x09 { return (" ", 1) }
    if b < 0x20 || b == 0x7F { return ("?", 1) }
    if b < 0x80 { return (Unicode.Scalar(b), 1) }
    let length = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 0
    guard length > 0, i + length <= end else { return ("?", 1) }
    var value = UInt32(b) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
    for k in 1..<length {
      let c = bytes[i + k]
      guard c & 0xC0 == 0x80 else { return ("?", 1) }
      value = value << 6 | UInt32(c & 0x3F)
    }
    guard let scalar = Unicode.Scalar(value), value >= 0xA0 else { return ("?", 1) }
    return (scalar, length)
  }

  private func paint(_ s: String, _ code: String) -> String {
    useColor ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s
  }

  /// The file a diagnostic is about: its span's file, else its location's; nil for none.
  public func file(of d: Diagnostic) -> String? {
    position(of: d.span)?.file ?? d.location?.file
  }

  /// The JSON form of one diagnostic (1-based line and column, and the JSON pointer in a
  /// file a host read; null when unknown).
  public func json(_ d: Diagnostic) -> JSONValue {
    let pos = position(of: d.span)
    let file = pos?.file ?? d.location?.file
    let line = pos?.line ?? d.location?.line
    let column = pos?.column ?? d.location?.column
    func integer(_ value: Int?) -> JSONValue { value.map { .integer(Int64($0)) } ?? .null }
    var members: [(String, JSONValue)] = [
      ("code", .string(d.code.rawValue)),
      ("message", .string(d.message)),
      ("file", file.map(JSONValue.string) ?? .null),
      ("line", integer(line)),
      ("column", integer(column)),
      ("pointer", (pos == nil ? d.location?.pointer : nil).map(JSONValue.string) ?? .null),
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
