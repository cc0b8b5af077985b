import GwlogEngine

/// Scalars (plain, quoted, block) and flow collections of the YAML subset.
extension YAMLParser {
  /// A position in the text while reading tokens that may span lines.
  typealias Cursor = (line: Int, column: Int)

  // MARK: - Plain scalars

  /// A plain scalar in block context, folded over its continuation lines (those indented
  /// more than `parentIndent`); sets `nextLine`.
  mutating func parsePlainBlockScalar(_ line: Int, _ column: Int, parentIndent: Int)
    throws(FormatError) -> String
  {
    var (result, hasComment) = try plainLine(line, column)
    nextLine = line + 1
    var l = line + 1
    var breaks = 0
    while !hasComment && l < lineStarts.count {
      guard let start = skipInlineSpace(l, 0) else {
        breaks += 1
        l += 1
        continue
      }
      if isDocumentMarker(l, "-") || isDocumentMarker(l, ".") || indent(l) <= parentIndent
        || at(l, start) == "#"
      {
        break
      }
      let piece: String
      (piece, hasComment) = try plainLine(l, start)
      result += breaks == 0 ? " " : String(repeating: "\n", count: breaks)
      result += piece
      breaks = 0
      l += 1
      nextLine = l
    }
    return result
  }

  /// One line of a plain block scalar from `column`, and whether a comment ends it.
  private func plainLine(_ line: Int, _ column: Int) throws(FormatError) -> (String, Bool) {
    var i = column
    while let c = at(line, i) {
      if c == "#" && i > column && isSpace(at(line, i - 1)) {
        return (slice(line, column, i), true)
      }
      if c == ":" && isBlankOrEnd(line, i + 1) {
        throw error(
          "a `: ` inside a plain value is not allowed here", line, i,
          help: "put the value in quotes, or start a nested mapping on its own line")
      }
      i += 1
    }
    return (slice(line, column, i), false)
  }

  /// The YAML 1.2 core-schema value of a plain scalar.
  static func resolve(_ text: String) -> JSONNode.Kind {
    switch text {
    case "", "~", "null", "Null", "NULL": return .null
    case "true", "True", "TRUE": return .bool(true)
    case "false", "False", "FALSE": return .bool(false)
    default: break
    }
    let scalars = Array(text.unicodeScalars)
    let unsigned =
      scalars.first == "-" || scalars.first == "+" ? scalars.dropFirst() : scalars[...]
    if !unsigned.isEmpty && unsigned.allSatisfy({ hexValue($0) < 10 }) {
      if let value = Int64(text) { return .integer(value) }
      return .number(text)
    }
    if text.hasPrefix("0x") || text.hasPrefix("0o") {
      let radix = text.hasPrefix("0x") ? 16 : 8
      let digits = scalars.dropFirst(2)
      if !digits.isEmpty && digits.allSatisfy({ hexValue($0) < radix }),
        let value = Int64(String(text.dropFirst(2)), radix: radix)
      {
        return .integer(value)
      }
      return .string(text)
    }
    return isFloat(unsigned) ? .number(text) : .string(text)
  }

  /// Whether the text is a decimal float: `(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`.
  private static func isFloat(_ s: ArraySlice<Unicode.Scalar>) -> Bool {
    var i = s.startIndex
    func digits() -> Int {
      let start = i
      while i < s.endIndex && ("0"..."9").contains(s[i]) { i += 1 }
      return i - start
    }
    var mantissa = digits()
    if i < s.endIndex && s[i] == "." {
      i += 1
      mantissa += digits()
    }
    guard mantissa > 0 else { return false }
    if i < s.endIndex && (s[i] == "e" || s[i] == "E") {
      i += 1
      if i < s.endIndex && (s[i] == "+" || s[i] == "-") { i += 1 }
      guard digits() > 0 else { return false }
    }
    return i == s.endIndex
  }

  private static func hexValue(_ c: Unicode.Scalar) -> Int {
    switch c {
    case "0"..."9": return Int(c.value) - 48
    case "a"..."f": return Int(c.value) - 87
    case "A"..."F": return Int(c.value) - 55
    default: return 99
    }
  }

  // MARK: - Quoted scalars

  /// A single- or double-quoted scalar starting at `cursor`, folded over lines; leaves the
  /// cursor after the closing quote.
  func parseQuoted(_ cursor: inout Cursor) throws(FormatError) -> String {
    let (startLine, startColumn) = cursor
    let isDouble = at(startLine, startColumn) == "\""
    var out = String.UnicodeScalarView()
    var pendingSpace = String.UnicodeScalarView()
    var line = startLine
    var i = startColumn + 1
    while true {
      guard let c = at(line, i) else {
        // A line break inside the quotes folds to a space, or to one `\n` per empty line.
        pendingSpace.removeAll()
        var breaks = 0
        repeat {
          line += 1
          guard line < lineStarts.count, !isDocumentMarker(line, "-"),
            !isDocumentMarker(line, ".")
          else {
            throw error(
              "unterminated \(isDouble ? "double" : "single")-quoted string", startLine,
              startColumn, help: "add the closing `\(isDouble ? "\"" : "'")`")
          }
          breaks += 1
        } while skipInlineSpace(line, 0) == nil
        i = skipInlineSpace(line, 0) ?? 0
        if breaks == 1 {
          out.append(" ")
        } else {
          out.append(contentsOf: String(repeating: "\n", count: breaks - 1).unicodeScalars)
        }
        continue
      }
      if isDouble && c == "\"" || !isDouble && c == "'" && at(line, i + 1) != "'" {
        out.append(contentsOf: pendingSpace)
        cursor = (line, i + 1)
        return String(out)
      }
      if isSpace(c) {
        pendingSpace.append(c)
        i += 1
        continue
      }
      out.append(contentsOf: pendingSpace)
      pendingSpace.removeAll()
      if !isDouble && c == "'" {
        out.append("'")
        i += 2
      } else if isDouble && c == "\\" {
        if at(line, i + 1) == nil {
          // An escaped line break: join with the next line without a space.
          line += 1
          guard line < lineStarts.count else {
            throw error(
              "unterminated double-quoted string", startLine, startColumn,
              help: "add the closing `\"`")
          }
          i = skipInlineSpace(line, 0) ?? lineEnds[line] - lineStarts[line]
          continue
        }
        let (scalar, length) = try escape(line, i)
        out.append(scalar)
        i += length
      } else {
        out.append(c)
        i += 1
      }
    }
  }

  /// The scalar of the escape at (`line`, `column`) (a backslash) and its length.
  private func escape(_ line: Int, _ column: Int) throws(FormatError) -> (Unicode.Scalar, Int) {
    let c = at(line, column + 1) ?? " "
    let simple: [Unicode.Scalar: Unicode.Scalar] = [
      "0": "\0", "a": "\u{07}", "b": "\u{08}", "t": "\t", "\t": "\t", "n": "\n", "v": "\u{0B}",
      "f": "\u{0C}", "r": "\r", "e": "\u{1B}", " ": " ", "\"": "\"", "/": "/", "\\": "\\",
      "N": "\u{85}", "_": "\u{A0}", "L": "\u{2028}", "P": "\u{2029}",
    ]
    if let s = simple[c] { return (s, 2) }
    let width = c == "x" ? 2 : c == "u" ? 4 : c == "U" ? 8 : 0
    guard width > 0 else {
      throw error(
        "invalid escape `\\\(c)`", line, column,
        help: "in single quotes a backslash is an ordinary character")
    }
    var value: UInt32 = 0
    for k in 0..<width {
      guard let d = at(line, column + 2 + k), Self.hexValue(d) < 16 else {
        throw error("invalid escape `\\\(c)`, expected \(width) hex digits", line, column)
      }
      value = value << 4 | UInt32(Self.hexValue(d))
    }
    guard let scalar = Unicode.Scalar(value) else {
      throw error("escape `\\\(c)` is not a Unicode scalar value", line, column)
    }
    return (scalar, 2 + width)
  }

  // MARK: - Block scalars

  /// A `|` or `>` block scalar whose indicator is at (`line`, `column`); sets `nextLine`.
  mutating func parseBlockScalar(_ line: Int, _ column: Int, parentIndent: Int, pointer: String)
    throws(FormatError) -> JSONNode
  {
    let isLiteral = at(line, column) == "|"
    var chomping: Unicode.Scalar = "c"
    var explicitIndent: Int?
    var i = column + 1
    while let c = at(line, i), !isSpace(c) {
      if (c == "-" || c == "+") && chomping == "c" {
        chomping = c
      } else if ("1"..."9").contains(c), explicitIndent == nil {
        explicitIndent = max(parentIndent, 0) + Int(c.value) - 48
      } else {
        throw error(
          "invalid block scalar header", line, i,
          help: "write `|` or `>`, then optionally `-` or `+` and an indentation digit")
      }
      i += 1
    }
    try expectLineEnd(line, i, after: "a block scalar header")
    // Content lines: empty lines, or lines indented at least `contentIndent`.
    var contentIndent = explicitIndent
    var lines: [String] = []
    var l = line + 1
    while l < lineStarts.count {
      let isEmpty = skipInlineSpace(l, 0) == nil && at(l, indent(l)) != "\t"
      if contentIndent == nil && !isEmpty {
        let n = indent(l)
        if n <= parentIndent { break }
        contentIndent = n
      }
      if let n = contentIndent, indent(l) >= n, !(n == 0 && isDocumentMarker(l, "-")),
        !(n == 0 && isDocumentMarker(l, "."))
      {
        lines.append(slice(l, n, lineLength(l), keepTrailing: true))
      } else if isEmpty {
        lines.append("")
      } else {
        break
      }
      l += 1
    }
    nextLine = l
    var trailing = 0
    while let last = lines.last, last.isEmpty {
      lines.removeLast()
      trailing += 1
    }
    var body = isLiteral ? lines.joined(separator: "\n") : Self.fold(lines)
    switch chomping {
    case "-": break
    case "+": body += String(repeating: "\n", count: (lines.isEmpty ? 0 : 1) + trailing)
    default: body += lines.isEmpty ? "" : "\n"
    }
    return JSONNode(kind: .string(body), line: line + 1, column: column + 1, pointer: pointer)
  }

  /// Folding of `>` content: single breaks between ordinary lines become spaces.
  private static func fold(_ lines: [String]) -> String {
    var out = ""
    var empties = 0
    var hasPrevious = false
    var previousMoreIndented = false
    for line in lines {
      if line.isEmpty {
        empties += 1
        continue
      }
      let moreIndented = line.hasPrefix(" ") || line.hasPrefix("\t")
      if hasPrevious {
        if previousMoreIndented || moreIndented {
          out += String(repeating: "\n", count: empties + 1)
        } else {
          out += empties == 0 ? " " : String(repeating: "\n", count: empties)
        }
      } else {
        out += String(repeating: "\n", count: empties)
      }
      out += line
      empties = 0
      hasPrevious = true
      previousMoreIndented = moreIndented
    }
    return out
  }

  // MARK: - Flow collections

  /// A flow node (`[...]`, `{...}`, quoted or plain scalar) at `cursor`.
  func parseFlowNode(_ cursor: inout Cursor, pointer: String, depth: Int) throws(FormatError)
    -> JSONNode
  {
    let (line, column) = cursor
    if depth > Limits.maximumJSONDepth {
      throw error(
        YAMLReader.depthLimitMessage, line, column,
        help: "gwlog reads at most \(Limits.maximumJSONDepth) nested collections")
    }
    try rejectUnsupported(line, column)
    let c = at(line, column)
    let kind: JSONNode.Kind
    switch c {
    case "[":
      kind = .array(try flowSequence(&cursor, pointer: pointer, depth: depth))
    case "{":
      kind = .object(try flowMapping(&cursor, pointer: pointer, depth: depth))
    case "\"", "'":
      kind = .string(try parseQuoted(&cursor))
    case "|", ">",
      "-" where isBlankOrEnd(line, column + 1):
      throw error("block values are not allowed inside `[...]` or `{...}`", line, column)
    default:
      let text = flowPlain(&cursor)
      guard !text.isEmpty else {
        throw error("expected a value, found \(found(line, column))", line, column)
      }
      kind = Self.resolve(text)
    }
    return JSONNode(kind: kind, line: line + 1, column: column + 1, pointer: pointer)
  }

  private func flowSequence(_ cursor: inout Cursor, pointer: String, depth: Int)
    throws(FormatError) -> [JSONNode]
  {
    let open = cursor
    var items: [JSONNode] = []
    cursor.column += 1
    while true {
      try skipFlowSpace(&cursor, open: open)
      if at(cursor.line, cursor.column) == "]" { break }
      let item = try parseFlowNode(&cursor, pointer: pointer + "/\(items.count)", depth: depth + 1)
      try skipFlowSpace(&cursor, open: open)
      if at(cursor.line, cursor.column) == ":" {
        throw error(
          "`key: value` pairs inside `[...]` are not supported", item.line - 1, item.column - 1,
          help: "write `[{key: value}]`")
      }
      items.append(item)
      if at(cursor.line, cursor.column) == "," {
        cursor.column += 1
        continue
      }
      guard at(cursor.line, cursor.column) == "]" else {
        throw error(
          "expected `,` or `]` in a flow sequence, found \(found(cursor.line, cursor.column))",
          cursor.line, cursor.column)
      }
      break
    }
    cursor.column += 1
    return items
  }

  private func flowMapping(_ cursor: inout Cursor, pointer: String, depth: Int)
    throws(FormatError) -> [(key: String, value: JSONNode)]
  {
    let open = cursor
    var members: [(key: String, value: JSONNode)] = []
    var seen: Set<String> = []
    cursor.column += 1
    while true {
      try skipFlowSpace(&cursor, open: open)
      if at(cursor.line, cursor.column) == "}" { break }
      let keyPosition = cursor
      try rejectUnsupported(cursor.line, cursor.column)
      let key: String
      switch at(cursor.line, cursor.column) {
      case "\"", "'": key = try parseQuoted(&cursor)
      case "[", "{":
        throw error("collections as mapping keys are not supported", cursor.line, cursor.column)
      default: key = flowPlain(&cursor)
      }
      guard !key.isEmpty else {
        throw error(
          "expected a mapping key, found \(found(cursor.line, cursor.column))", cursor.line,
          cursor.column)
      }
      guard seen.insert(key).inserted else {
        throw error("duplicate key `\(key)` in a mapping", keyPosition.line, keyPosition.column)
      }
      let childPointer = pointer + "/" + JSONNode.escape(key)
      try skipFlowSpace(&cursor, open: open)
      var value = JSONNode(
        kind: .null, line: cursor.line + 1, column: cursor.column + 1, pointer: childPointer)
      if at(cursor.line, cursor.column) == ":" {
        cursor.column += 1
        try skipFlowSpace(&cursor, open: open)
        let next = at(cursor.line, cursor.column)
        if next != "," && next != "}" {
          value = try parseFlowNode(&cursor, pointer: childPointer, depth: depth + 1)
          try skipFlowSpace(&cursor, open: open)
        }
      }
      members.append((key: key, value: value))
      if at(cursor.line, cursor.column) == "," {
        cursor.column += 1
        continue
      }
      guard at(cursor.line, cursor.column) == "}" else {
        throw error(
          "expected `,` or `}` in a flow mapping, found \(found(cursor.line, cursor.column))",
          cursor.line, cursor.column)
      }
      break
    }
    cursor.column += 1
    return members
  }

  /// A plain scalar inside a flow collection: up to `,[]{}`, `: ` or ` #` on this line.
  private func flowPlain(_ cursor: inout Cursor) -> String {
    let (line, start) = cursor
    var i = start
    while let c = at(line, i) {
      if c == "," || c == "[" || c == "]" || c == "{" || c == "}" { break }
      if c == "#" && i > start && isSpace(at(line, i - 1)) { break }
      if c == ":" {
        let next = at(line, i + 1)
        if next == nil || isSpace(next) || next == "," || next == "]" || next == "}" { break }
      }
      i += 1
    }
    cursor.column = i
    return slice(line, start, i)
  }

  /// Skips spaces, tabs, comments and line breaks inside a flow collection opened at `open`.
  private func skipFlowSpace(_ cursor: inout Cursor, open: Cursor) throws(FormatError) {
    while true {
      if let i = skipInlineSpace(cursor.line, cursor.column),
        !(at(cursor.line, i) == "#" && (i == 0 || isSpace(at(cursor.line, i - 1))))
      {
        cursor.column = i
        return
      }
      cursor = (cursor.line + 1, 0)
      guard cursor.line < lineStarts.count, !isDocumentMarker(cursor.line, "-"),
        !isDocumentMarker(cursor.line, ".")
      else {
        let closer = at(open.line, open.column) == "[" ? "]" : "}"
        throw error(
          "unterminated flow collection", open.line, open.column,
          help: "add the closing `\(closer)`")
      }
    }
  }

  /// What is at (`line`, `column`), for "found ..." in messages.
  func found(_ line: Int, _ column: Int) -> String {
    guard let c = at(line, column) else { return "end of line" }
    return "`\(c)`"
  }
}
