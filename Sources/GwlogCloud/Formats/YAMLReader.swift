import GwlogEngine

/// A reader for the YAML that people write OpenAPI 2.0 documents in, producing `JSONNode`s.
///
/// Supported: block mappings and sequences (including `- key: value` items and sequences at
/// their key's indentation), plain, single- and double-quoted scalars, `|` and `>` block
/// scalars with chomping and indentation indicators, comments, flow collections
/// (`[a, b]`, `{a: 1}`), one `---` document start and a final `...`. Plain scalars resolve by
/// the YAML 1.2 core schema (`true`, `null`, `~`, `12`, `0x1F`, `1.5`); everything else,
/// including `.inf` and `.nan`, is a string; keys are always strings.
///
/// Unsupported constructs (anchors, aliases, tags, directives, `?` complex keys, several
/// documents, tabs in indentation) are errors at their position, never a different parse.
public enum YAMLReader {
  /// Parses one YAML document (a leading UTF-8 byte order mark is skipped).
  public static func parse(_ bytes: [UInt8]) -> Result<JSONNode, FormatError> {
    do {
      var parser = try YAMLParser(bytes: bytes)
      return .success(try parser.parseStream())
    } catch {
      return .failure(error)
    }
  }

  /// Parses a stream of documents, as gcloud's `--format=yaml` prints results.
  ///
  /// A resource is one document, a list one document per element, each after a `---` line
  /// (an empty list prints nothing). `isList` is whether the stream is such a list: it starts with
  /// `---` or holds several documents (or none); then the nodes of document `i` have
  /// pointers starting `/i`, as elements of a list do.
  public static func parseDocuments(_ bytes: [UInt8]) -> Result<
    (documents: [JSONNode], isList: Bool), FormatError
  > {
    do {
      var parser = try YAMLParser(bytes: bytes)
      let (documents, marked) = try parser.parseDocuments(indexed: true)
      guard documents.count == 1, !marked else { return .success((documents, true)) }
      var single = try YAMLParser(bytes: bytes)
      return .success((try single.parseDocuments(indexed: false).documents, false))
    } catch {
      return .failure(error)
    }
  }

  /// The message of the error for input nested deeper than `Limits.maximumJSONDepth`.
  public static let depthLimitMessage =
    "YAML nested deeper than \(Limits.maximumJSONDepth) levels"
}

/// The parser state: the text as Unicode scalars split into lines; lines and columns are
/// 0-based inside and 1-based in nodes and errors.
struct YAMLParser {
  let text: [Unicode.Scalar]
  /// Start and end (exclusive, before any `\r\n`) of each line in `text`.
  let lineStarts: [Int]
  let lineEnds: [Int]
  /// The first line after the node most recently parsed by a block-level function.
  var nextLine = 0

  init(bytes: [UInt8]) throws(FormatError) {
    var scalars: [Unicode.Scalar] = []
    scalars.reserveCapacity(bytes.count)
    var starts = [0]
    var ends: [Int] = []
    var i = JSONReader.bomLength(bytes)
    var column = 1
    while i < bytes.count {
      guard let n = UTF8Validation.sequenceLength(bytes, at: i, end: bytes.count) else {
        let hex = JSONParser.hex(UInt32(bytes[i]), width: 2)
        throw FormatError(
          "invalid UTF-8 byte `0x\(hex)`", line: starts.count, column: column,
          help: "at byte offset \(i); the file must be UTF-8 encoded")
      }
      var value: UInt32 = 0
      switch n {
      case 1: value = UInt32(bytes[i])
      case 2: value = UInt32(bytes[i] & 0x1F)
      case 3: value = UInt32(bytes[i] & 0x0F)
      default: value = UInt32(bytes[i] & 0x07)
      }
      for k in 1..<n { value = value << 6 | UInt32(bytes[i + k] & 0x3F) }
      i += n
      if value == 0x0A {
        let end = scalars.last == "\r" ? scalars.count - 1 : scalars.count
        ends.append(end)
        starts.append(scalars.count)
        column = 1
        continue
      }
      if (value < 0x20 && value != 0x09 && value != 0x0D) || value == 0x7F {
        throw FormatError(
          "control character \(JSONParser.codePoint(value)) is not allowed in YAML",
          line: starts.count, column: column)
      }
      scalars.append(Unicode.Scalar(value) ?? "\u{FFFD}")
      column += 1
    }
    ends.append(scalars.last == "\r" ? scalars.count - 1 : scalars.count)
    text = scalars
    lineStarts = starts
    lineEnds = ends
  }

  // MARK: - Document

  mutating func parseStream() throws(FormatError) -> JSONNode {
    guard var first = try nextContentLine(from: 0) else {
      return JSONNode(kind: .null, line: 1, column: 1, pointer: "")
    }
    if at(first, 0) == "%" {
      throw error("YAML directives (`%YAML`, `%TAG`) are not supported", first, 0)
    }
    if isDocumentMarker(first, "-") {
      try expectLineEnd(first, 3, after: "`---`")
      guard let line = try nextContentLine(from: first + 1) else {
        return JSONNode(kind: .null, line: first + 1, column: 4, pointer: "")
      }
      first = line
    }
    var root = JSONNode(kind: .null, line: first + 1, column: 1, pointer: "")
    if !isDocumentMarker(first, ".") && !isDocumentMarker(first, "-") {
      root = try parseBlockNode(
        first, indent(first), parentIndent: -1, isInline: false, pointer: "", depth: 1)
      guard let after = try nextContentLine(from: nextLine) else { return root }
      first = after
    }
    if isDocumentMarker(first, "-") {
      throw error(
        "multiple documents in one stream are not supported", first, 0,
        help: "split the documents into separate files")
    }
    if isDocumentMarker(first, ".") {
      try expectLineEnd(first, 3, after: "`...`")
      if let extra = try nextContentLine(from: first + 1) {
        throw error(
          "multiple documents in one stream are not supported", extra, indent(extra),
          help: "split the documents into separate files")
      }
      return root
    }
    throw error(
      "unexpected content after the document", first, indent(first),
      help: "check the indentation of this line")
  }

  /// Every document of the stream, and whether the first starts with `---`.
  ///
  /// Each document is optionally after a `---` line and before a `...` line; `indexed` gives document `i` the pointer `/i`. A `---` with nothing after it
  /// before the next marker is an empty (null) document.
  mutating func parseDocuments(indexed: Bool) throws(FormatError) -> (
    documents: [JSONNode], marked: Bool
  ) {
    var documents: [JSONNode] = []
    var next = try nextContentLine(from: 0)
    if let first = next, at(first, 0) == "%" {
      throw error("YAML directives (`%YAML`, `%TAG`) are not supported", first, 0)
    }
    let marked = next.map { isDocumentMarker($0, "-") } ?? false
    while var line = next {
      if isDocumentMarker(line, ".") {
        try expectLineEnd(line, 3, after: "`...`")
        next = try nextContentLine(from: line + 1)
        continue
      }
      if isDocumentMarker(line, "-") {
        try expectLineEnd(line, 3, after: "`---`")
        guard let content = try nextContentLine(from: line + 1),
          !isDocumentMarker(content, "-"), !isDocumentMarker(content, ".")
        else {
          documents.append(JSONNode(kind: .null, line: line + 1, column: 4, pointer: ""))
          next = try nextContentLine(from: line + 1)
          continue
        }
        line = content
      }
      let pointer = indexed ? "/\(documents.count)" : ""
      documents.append(
        try parseBlockNode(
          line, indent(line), parentIndent: -1, isInline: false, pointer: pointer, depth: 1))
      next = try nextContentLine(from: nextLine)
      if let after = next, !isDocumentMarker(after, "-"), !isDocumentMarker(after, ".") {
        throw error(
          "unexpected content after the document", after, indent(after),
          help: "check the indentation of this line")
      }
    }
    return (documents, marked)
  }

  // MARK: - Block structure

  /// Parses the node whose first character is at (`line`, `column`).
  ///
  /// `parentIndent` is the indentation of the enclosing collection (-1 at the root);
  /// `isInline` is true for a value on the line of its key, where collections cannot start.
  mutating func parseBlockNode(
    _ line: Int, _ column: Int, parentIndent: Int, isInline: Bool, pointer: String, depth: Int
  ) throws(FormatError) -> JSONNode {
    if depth > Limits.maximumJSONDepth {
      throw error(
        YAMLReader.depthLimitMessage, line, column,
        help: "gwlog reads at most \(Limits.maximumJSONDepth) nested collections")
    }
    guard let c = at(line, column) else {
      nextLine = line + 1
      return JSONNode(kind: .null, line: line + 1, column: column + 1, pointer: pointer)
    }
    if c == "-" && isBlankOrEnd(line, column + 1) {
      if isInline {
        throw error(
          "a block sequence cannot start on the line of its key", line, column,
          help: "start the `- ` items on the next line")
      }
      return try parseBlockSequence(line, column, pointer: pointer, depth: depth)
    }
    try rejectUnsupported(line, column)
    switch c {
    case "[", "{":
      var cursor = (line: line, column: column)
      let node = try parseFlowNode(&cursor, pointer: pointer, depth: depth)
      if skipInlineSpace(cursor.line, cursor.column).map({ at(cursor.line, $0) == ":" }) == true {
        throw error("flow collections as mapping keys are not supported", line, column)
      }
      try expectLineEnd(cursor.line, cursor.column, after: "a flow collection")
      nextLine = cursor.line + 1
      return node
    case "|", ">":
      return try parseBlockScalar(line, column, parentIndent: parentIndent, pointer: pointer)
    default:
      break
    }
    if try scanKey(line, column) != nil {
      if isInline {
        throw error(
          "a mapping cannot start on the line of its key", line, column,
          help: "put the nested `key: value` on its own line, indented")
      }
      return try parseBlockMapping(line, column, pointer: pointer, depth: depth)
    }
    if c == "\"" || c == "'" {
      var cursor = (line: line, column: column)
      let value = try parseQuoted(&cursor)
      if let next = skipInlineSpace(cursor.line, cursor.column), at(cursor.line, next) == ":" {
        throw error("a mapping key must be on a single line", line, column)
      }
      try expectLineEnd(cursor.line, cursor.column, after: "a quoted string")
      nextLine = cursor.line + 1
      return JSONNode(kind: .string(value), line: line + 1, column: column + 1, pointer: pointer)
    }
    let text = try parsePlainBlockScalar(line, column, parentIndent: parentIndent)
    return JSONNode(kind: Self.resolve(text), line: line + 1, column: column + 1, pointer: pointer)
  }

  private mutating func parseBlockMapping(
    _ firstLine: Int, _ indent: Int, pointer: String, depth: Int
  ) throws(FormatError) -> JSONNode {
    var members: [(key: String, value: JSONNode)] = []
    var seen: [String: Int] = [:]
    var line = firstLine
    while true {
      try rejectUnsupported(line, indent)
      guard let (key, colon) = try scanKey(line, indent) else {
        throw error(
          "expected a `key: value` pair at this indentation", line, indent,
          help: "check the indentation of this line")
      }
      if let first = seen[key] {
        throw error(
          "duplicate key `\(key)` in a mapping", line, indent,
          help: "the first `\(key)` is on line \(first + 1)")
      }
      seen[key] = line
      let childPointer = pointer + "/" + JSONNode.escape(key)
      let value: JSONNode
      if let start = skipInlineSpace(line, colon + 1), at(line, start) != "#" {
        value = try parseBlockNode(
          line, start, parentIndent: indent, isInline: true, pointer: childPointer,
          depth: depth + 1)
      } else if let next = try nextContentLine(from: line + 1), !isDocumentMarker(next, "-"),
        !isDocumentMarker(next, "."),
        self.indent(next) > indent
          || (self.indent(next) == indent && isSequenceItem(next, indent))
      {
        value = try parseBlockNode(
          next, self.indent(next), parentIndent: indent, isInline: false,
          pointer: childPointer, depth: depth + 1)
      } else {
        value = JSONNode(kind: .null, line: line + 1, column: colon + 2, pointer: childPointer)
        nextLine = line + 1
      }
      members.append((key: key, value: value))
      guard let next = try nextContentLine(from: nextLine),
        !isDocumentMarker(next, "-") && !isDocumentMarker(next, ".")
      else { break }
      let nextIndent = self.indent(next)
      if nextIndent < indent { break }
      if nextIndent > indent {
        throw error(
          "unexpected indentation", next, nextIndent,
          help: "this line is indented more than the mapping keys above it")
      }
      line = next
    }
    return JSONNode(
      kind: .object(members), line: firstLine + 1, column: indent + 1, pointer: pointer)
  }

  private mutating func parseBlockSequence(
    _ firstLine: Int, _ indent: Int, pointer: String, depth: Int
  ) throws(FormatError) -> JSONNode {
    var items: [JSONNode] = []
    var line = firstLine
    while true {
      let childPointer = pointer + "/\(items.count)"
      let value: JSONNode
      if let start = skipInlineSpace(line, indent + 1), at(line, start) != "#" {
        value = try parseBlockNode(
          line, start, parentIndent: indent, isInline: false, pointer: childPointer,
          depth: depth + 1)
      } else if let next = try nextContentLine(from: line + 1), self.indent(next) > indent {
        value = try parseBlockNode(
          next, self.indent(next), parentIndent: indent, isInline: false,
          pointer: childPointer, depth: depth + 1)
      } else {
        value = JSONNode(kind: .null, line: line + 1, column: indent + 2, pointer: childPointer)
        nextLine = line + 1
      }
      items.append(value)
      guard let next = try nextContentLine(from: nextLine),
        !isDocumentMarker(next, "-") && !isDocumentMarker(next, ".")
      else { break }
      let nextIndent = self.indent(next)
      if nextIndent > indent {
        throw error(
          "unexpected indentation", next, nextIndent,
          help: "this line is indented more than the `- ` items above it")
      }
      guard nextIndent == indent && isSequenceItem(next, indent) else { break }
      line = next
    }
    return JSONNode(
      kind: .array(items), line: firstLine + 1, column: indent + 1, pointer: pointer)
  }

  /// The key of a `key: value` pair starting at (`line`, `column`) and the column of its `:`,
  /// or nil if no mapping key starts there.
  func scanKey(_ line: Int, _ column: Int) throws(FormatError) -> (String, Int)? {
    guard let first = at(line, column) else { return nil }
    if first == "\"" || first == "'" {
      var cursor = (line: line, column: column)
      guard let key = try? parseQuoted(&cursor), cursor.line == line,
        let colon = skipInlineSpace(line, cursor.column), at(line, colon) == ":",
        isBlankOrEnd(line, colon + 1)
      else { return nil }
      return (key, colon)
    }
    var i = column
    while let c = at(line, i) {
      if c == "#" && i > column && isSpace(at(line, i - 1)) { return nil }
      if c == ":" && isBlankOrEnd(line, i + 1) {
        guard i > column else {
          throw error(
            "a mapping key cannot be empty", line, column,
            help: "write the key before the `:`")
        }
        return (slice(line, column, i), i)
      }
      i += 1
    }
    return nil
  }

  // MARK: - Lines

  /// The index of the scalar at (`line`, `column`) in `text`.
  func pos(_ line: Int, _ column: Int) -> Int { lineStarts[line] + column }

  /// The scalar at (`line`, `column`), or nil past the end of the line.
  func at(_ line: Int, _ column: Int) -> Unicode.Scalar? {
    guard line < lineStarts.count, column >= 0 else { return nil }
    let i = lineStarts[line] + column
    return i < lineEnds[line] ? text[i] : nil
  }

  func lineLength(_ line: Int) -> Int { lineEnds[line] - lineStarts[line] }

  /// The text of `line` from `start` to `end` (exclusive), without trailing spaces and tabs.
  func slice(_ line: Int, _ start: Int, _ end: Int, keepTrailing: Bool = false) -> String {
    var e = end
    while !keepTrailing && e > start && isSpace(at(line, e - 1)) { e -= 1 }
    var out = String.UnicodeScalarView()
    out.append(contentsOf: text[pos(line, start)..<pos(line, max(start, e))])
    return String(out)
  }

  func isSpace(_ c: Unicode.Scalar?) -> Bool { c == " " || c == "\t" }

  /// Whether (`line`, `column`) is a space, a tab or the end of the line.
  func isBlankOrEnd(_ line: Int, _ column: Int) -> Bool {
    let c = at(line, column)
    return c == nil || isSpace(c)
  }

  /// The number of leading spaces.
  func indent(_ line: Int) -> Int {
    var n = 0
    while at(line, n) == " " { n += 1 }
    return n
  }

  /// The first column at or after `column` that is not a space or tab, or nil at line end.
  func skipInlineSpace(_ line: Int, _ column: Int) -> Int? {
    var i = column
    while isSpace(at(line, i)) { i += 1 }
    return at(line, i) == nil ? nil : i
  }

  func isBlankOrComment(_ line: Int) -> Bool {
    guard let i = skipInlineSpace(line, 0) else { return true }
    return at(line, i) == "#"
  }

  func isSequenceItem(_ line: Int, _ column: Int) -> Bool {
    at(line, column) == "-" && isBlankOrEnd(line, column + 1)
  }

  /// Whether the line starts with `---` (`marker` "-") or `...` (".") as a document marker.
  func isDocumentMarker(_ line: Int, _ marker: Unicode.Scalar) -> Bool {
    at(line, 0) == marker && at(line, 1) == marker && at(line, 2) == marker
      && isBlankOrEnd(line, 3)
  }

  /// The first line at or after `line` with content other than a comment; rejects tabs in
  /// its indentation.
  func nextContentLine(from line: Int) throws(FormatError) -> Int? {
    var l = line
    while l < lineStarts.count {
      if !isBlankOrComment(l) {
        let n = indent(l)
        if at(l, n) == "\t" {
          throw error(
            "tabs are not allowed in indentation", l, n, help: "indent with spaces")
        }
        return l
      }
      l += 1
    }
    return nil
  }

  /// Requires only spaces and an optional comment from `column` to the end of the line.
  func expectLineEnd(_ line: Int, _ column: Int, after what: String) throws(FormatError) {
    guard let i = skipInlineSpace(line, column) else { return }
    if at(line, i) == "#" && (i > column || isSpace(at(line, i - 1))) { return }
    throw error("unexpected text after \(what)", line, i)
  }

  /// Rejects the constructs this reader does not support, at their position.
  func rejectUnsupported(_ line: Int, _ column: Int) throws(FormatError) {
    let help = "gwlog reads the YAML subset used by OpenAPI documents; write the value out"
    switch at(line, column) {
    case "&": throw error("anchors (`&name`) are not supported", line, column, help: help)
    case "*": throw error("aliases (`*name`) are not supported", line, column, help: help)
    case "!": throw error("tags (`!name`) are not supported", line, column, help: help)
    case "?" where isBlankOrEnd(line, column + 1):
      throw error("complex mapping keys (`? `) are not supported", line, column, help: help)
    case "%", "@", "`":
      throw error(
        "a plain value cannot start with `\(at(line, column) ?? " ")`", line, column,
        help: "put the value in quotes")
    case ":" where isBlankOrEnd(line, column + 1):
      throw error(
        "a mapping key cannot be empty", line, column, help: "write the key before the `:`")
    default: return
    }
  }

  func error(_ message: String, _ line: Int, _ column: Int, help: String? = nil) -> FormatError {
    FormatError(message, line: line + 1, column: column + 1, help: help)
  }
}
