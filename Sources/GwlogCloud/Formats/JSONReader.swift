import GwlogEngine

/// A strict RFC 8259 JSON reader that keeps each value's exact kind and its `line:col`.
///
/// Foundation's `JSONSerialization` accepts some invalid input, reports only a character
/// offset and merges `1` with `true`; this reader does none of that. It is iterative (an
/// explicit stack of open containers), so input depth never reaches the call stack, and it
/// stops at `Limits.maximumJSONDepth` before any deeper node exists, so freeing a tree cannot
/// overflow the stack either. Time is linear in the input size.
public enum JSONReader {
  /// Parses one JSON document (a leading UTF-8 byte order mark is skipped).
  public static func parse(_ bytes: [UInt8]) -> Result<JSONNode, FormatError> {
    var parser = JSONParser(bytes: bytes, start: bomLength(bytes), end: bytes.count, line: 1)
    do {
      return .success(try parser.parseDocument(pointer: ""))
    } catch {
      return .failure(error)
    }
  }

  /// Parses newline-delimited JSON: one document per line that is not blank.
  ///
  /// The pointer of the `i`-th document (0-based, blank lines not counted) is `/i`, so that
  /// `result[i].pointer == "/\(i)"` and nested pointers read like those of one JSON array.
  public static func parseLines(_ bytes: [UInt8]) -> Result<[JSONNode], FormatError> {
    var documents: [JSONNode] = []
    var lineStart = bomLength(bytes)
    var line = 1
    while lineStart < bytes.count {
      var lineEnd = lineStart
      while lineEnd < bytes.count && bytes[lineEnd] != UInt8(ascii: "\n") { lineEnd += 1 }
      let isBlank = bytes[lineStart..<lineEnd].allSatisfy { JSONParser.isWhitespace($0) }
      if !isBlank {
        var parser = JSONParser(bytes: bytes, start: lineStart, end: lineEnd, line: line)
        do {
          documents.append(try parser.parseDocument(pointer: "/\(documents.count)"))
        } catch {
          return .failure(error)
        }
      }
      line += 1
      lineStart = lineEnd + 1
    }
    return .success(documents)
  }

  /// The message of the error for input nested deeper than `Limits.maximumJSONDepth`.
  public static let depthLimitMessage =
    "JSON nested deeper than \(Limits.maximumJSONDepth) levels"

  static func bomLength(_ bytes: [UInt8]) -> Int {
    bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
  }
}

extension FormatError {
  /// Whether this is the nesting-depth error of `JSONReader` or `YAMLReader` (a resource
  /// limit, code `limit`, rather than a syntax error).
  public var isDepthLimit: Bool {
    message == JSONReader.depthLimitMessage || message == YAMLReader.depthLimitMessage
  }
}

/// One parse over `bytes[start..<end]`; `line` and `column` always describe `pos`.
struct JSONParser {
  /// An open array or object waiting for its next element.
  private struct Frame {
    var isObject: Bool
    var items: [JSONNode] = []
    var members: [(key: String, value: JSONNode)] = []
    /// Keys seen so far with their positions, for the duplicate-key error.
    var keys: [String: (line: Int, column: Int)] = [:]
    /// The key whose value is being read.
    var pendingKey = ""
    let line: Int
    let column: Int
    let pointer: String
  }

  let bytes: [UInt8]
  private(set) var pos: Int
  let end: Int
  private(set) var line: Int
  private(set) var column = 1

  init(bytes: [UInt8], start: Int, end: Int, line: Int) {
    self.bytes = bytes
    self.pos = start
    self.end = end
    self.line = line
  }

  static func isWhitespace(_ b: UInt8) -> Bool {
    b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D
  }

  mutating func parseDocument(pointer: String) throws(FormatError) -> JSONNode {
    let root = try parseValueTree(pointer: pointer)
    skipWhitespace()
    if pos < end {
      throw error(
        "unexpected \(try found()) after the JSON value",
        help: "a JSON document holds exactly one value (use `.ndjson` for one per line)")
    }
    return root
  }

  /// Parses one value with everything nested in it, iteratively: `stack` holds the open
  /// containers, `pointer` is the pointer of the value being read.
  private mutating func parseValueTree(pointer root: String) throws(FormatError) -> JSONNode {
    var stack: [Frame] = []
    var pointer = root
    var afterComma = false
    while true {
      guard let value = try parseValue(stack: &stack, pointer: &pointer, afterComma: afterComma)
      else {
        afterComma = false
        continue
      }
      if let finished = try attach(value, to: &stack, pointer: &pointer) { return finished }
      afterComma = true
    }
  }

  /// Reads the value at `pos`: a scalar or an empty container, or nil after opening a
  /// non-empty container (pushed on `stack`, `pointer` then at its first element).
  private mutating func parseValue(
    stack: inout [Frame], pointer: inout String, afterComma: Bool
  ) throws(FormatError) -> JSONNode? {
    skipWhitespace()
    let (valueLine, valueColumn) = (line, column)
    guard pos < end else {
      throw error("expected a JSON value, found end of input")
    }
    switch bytes[pos] {
    case UInt8(ascii: "["), UInt8(ascii: "{"):
      return try openContainer(
        stack: &stack, pointer: &pointer, line: valueLine, column: valueColumn)
    case UInt8(ascii: "\""):
      return JSONNode(
        kind: .string(try parseString()), line: valueLine, column: valueColumn,
        pointer: pointer)
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
      return JSONNode(
        kind: try parseNumber(), line: valueLine, column: valueColumn, pointer: pointer)
    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"):
      return JSONNode(
        kind: try parseLiteral(), line: valueLine, column: valueColumn, pointer: pointer)
    default:
      throw try unexpectedValue(afterComma: afterComma)
    }
  }

  /// Reads the `[` or `{` at `pos`: an empty container is a finished value; otherwise its frame
  /// is pushed (its first key read, for an object) and the result is nil.
  private mutating func openContainer(
    stack: inout [Frame], pointer: inout String, line valueLine: Int, column valueColumn: Int
  ) throws(FormatError) -> JSONNode? {
    let isObject = bytes[pos] == UInt8(ascii: "{")
    if stack.count >= Limits.maximumJSONDepth {
      throw error(
        JSONReader.depthLimitMessage,
        help: "gwlog reads at most \(Limits.maximumJSONDepth) nested arrays and objects")
    }
    advance()
    skipWhitespace()
    let closer = isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")
    if pos < end && bytes[pos] == closer {
      advance()
      return JSONNode(
        kind: isObject ? .object([]) : .array([]), line: valueLine, column: valueColumn,
        pointer: pointer)
    }
    var frame = Frame(isObject: isObject, line: valueLine, column: valueColumn, pointer: pointer)
    if isObject {
      let key = try parseKey(into: &frame, afterComma: false)
      pointer = frame.pointer + "/" + JSONNode.escape(key)
    } else {
      pointer = frame.pointer + "/0"
    }
    stack.append(frame)
    return nil
  }

  /// Attaches a finished value to its container, closing containers as they end: returns the
  /// whole tree once `stack` is empty, or nil after a `,` (`pointer` then at the next element).
  private mutating func attach(
    _ finished: JSONNode, to stack: inout [Frame], pointer: inout String
  ) throws(FormatError) -> JSONNode? {
    var value = finished
    while true {
      guard !stack.isEmpty else { return value }
      let top = stack.count - 1
      if stack[top].isObject {
        stack[top].members.append((key: stack[top].pendingKey, value: value))
      } else {
        stack[top].items.append(value)
      }
      skipWhitespace()
      let isObject = stack[top].isObject
      if pos < end && bytes[pos] == UInt8(ascii: ",") {
        advance()
        if isObject {
          let key = try parseKey(into: &stack[top], afterComma: true)
          pointer = stack[top].pointer + "/" + JSONNode.escape(key)
        } else {
          pointer = stack[top].pointer + "/\(stack[top].items.count)"
        }
        return nil
      }
      let closer = isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")
      guard pos < end && bytes[pos] == closer else {
        let what =
          isObject ? "`,` or `}` after an object member" : "`,` or `]` after an array element"
        throw error("expected \(what), found \(try found())")
      }
      advance()
      let frame = stack.removeLast()
      value = JSONNode(
        kind: frame.isObject ? .object(frame.members) : .array(frame.items),
        line: frame.line, column: frame.column, pointer: frame.pointer)
    }
  }

  /// Reads `"key"` and `:` of the next member of `frame`; the position is then at the value.
  private mutating func parseKey(into frame: inout Frame, afterComma: Bool) throws(FormatError)
    -> String
  {
    skipWhitespace()
    guard pos < end && bytes[pos] == UInt8(ascii: "\"") else {
      let found = try found()
      if afterComma && pos < end && bytes[pos] == UInt8(ascii: "}") {
        throw error(
          "expected a string key after `,`, found \(found)",
          help: "JSON does not allow trailing commas")
      }
      throw error(
        "expected a string key, found \(found)",
        help: Self.help(forUnexpected: pos < end ? bytes[pos] : nil)
          ?? "object keys must be double-quoted strings")
    }
    let (keyLine, keyColumn) = (line, column)
    let key = try parseString()
    if let first = frame.keys[key] {
      throw FormatError(
        "duplicate key `\(key)` in an object", line: keyLine, column: keyColumn,
        help: "the first `\(key)` is at line \(first.line), column \(first.column)")
    }
    frame.keys[key] = (keyLine, keyColumn)
    skipWhitespace()
    guard pos < end && bytes[pos] == UInt8(ascii: ":") else {
      throw error("expected `:` after the object key `\(key)`, found \(try found())")
    }
    advance()
    frame.pendingKey = key
    return key
  }

  // MARK: - Scalars

  private mutating func parseString() throws(FormatError) -> String {
    let (startLine, startColumn) = (line, column)
    advance()  // the opening quote
    var buffer: [UInt8] = []
    var runStart = pos
    var hasEscape = false
    while true {
      guard pos < end else {
        throw FormatError(
          "unterminated string", line: startLine, column: startColumn,
          help: "add the closing `\"`")
      }
      let b = bytes[pos]
      if b == UInt8(ascii: "\"") {
        let text: String
        if hasEscape {
          buffer.append(contentsOf: bytes[runStart..<pos])
          text = String(decoding: buffer, as: UTF8.self)
        } else {
          text = String(decoding: bytes[runStart..<pos], as: UTF8.self)
        }
        advance()
        return text
      } else if b == UInt8(ascii: "\\") {
        buffer.append(contentsOf: bytes[runStart..<pos])
        hasEscape = true
        try parseEscape(into: &buffer)
        runStart = pos
      } else if b < 0x20 {
        throw error(
          "control character \(Self.codePoint(UInt32(b))) in a string",
          help: b == 0x0A
            ? "close the string on this line or write the line break as `\\n`"
            : "write control characters as escapes such as `\\t` or `\\u0001`")
      } else if b < 0x80 {
        pos += 1
        column += 1
      } else {
        pos += try scalarLength()
        column += 1
      }
    }
  }

  private mutating func parseEscape(into buffer: inout [UInt8]) throws(FormatError) {
    let (escapeLine, escapeColumn) = (line, column)
    guard pos + 1 < end else {
      throw error("unterminated string")
    }
    let c = bytes[pos + 1]
    let simple: UInt8?
    switch c {
    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): simple = c
    case UInt8(ascii: "b"): simple = 0x08
    case UInt8(ascii: "f"): simple = 0x0C
    case UInt8(ascii: "n"): simple = 0x0A
    case UInt8(ascii: "r"): simple = 0x0D
    case UInt8(ascii: "t"): simple = 0x09
    case UInt8(ascii: "u"): simple = nil
    default:
      pos += 1
      column += 1
      let shown = c < 0x20 ? Self.codePoint(UInt32(c)) : "`\\\(try scalarText())`"
      throw FormatError(
        "invalid escape \(shown)", line: escapeLine, column: escapeColumn,
        help:
          "JSON escapes are `\\\"`, `\\\\`, `\\/`, `\\b`, `\\f`, `\\n`, `\\r`, `\\t` and `\\uXXXX`")
    }
    if let simple {
      buffer.append(simple)
      pos += 2
      column += 2
      return
    }
    guard let unit = hex4(at: pos + 2) else {
      throw FormatError(
        "invalid escape `\\u`, expected four hex digits", line: escapeLine,
        column: escapeColumn)
    }
    pos += 6
    column += 6
    var scalarValue = unit
    if (0xD800...0xDBFF).contains(unit) {
      if pos + 1 < end && bytes[pos] == UInt8(ascii: "\\") && bytes[pos + 1] == UInt8(ascii: "u"),
        let low = hex4(at: pos + 2), (0xDC00...0xDFFF).contains(low)
      {
        scalarValue = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
        pos += 6
        column += 6
      } else {
        throw loneSurrogate(unit, line: escapeLine, column: escapeColumn)
      }
    } else if (0xDC00...0xDFFF).contains(unit) {
      throw loneSurrogate(unit, line: escapeLine, column: escapeColumn)
    }
    guard let scalar = Unicode.Scalar(scalarValue) else {
      throw loneSurrogate(unit, line: escapeLine, column: escapeColumn)
    }
    buffer.append(contentsOf: String(scalar).utf8)
  }

  private func loneSurrogate(_ unit: UInt32, line: Int, column: Int) -> FormatError {
    FormatError(
      "lone surrogate `\\u\(Self.hex(unit))` in a string", line: line, column: column,
      help: "a `\\uD800`-`\\uDBFF` escape must be followed by a `\\uDC00`-`\\uDFFF` escape")
  }

  private func hex4(at index: Int) -> UInt32? {
    guard index + 4 <= end else { return nil }
    var value: UInt32 = 0
    for b in bytes[index..<index + 4] {
      let digit: UInt8
      switch b {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = b - UInt8(ascii: "0")
      case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = b - UInt8(ascii: "a") + 10
      case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = b - UInt8(ascii: "A") + 10
      default: return nil
      }
      value = value << 4 | UInt32(digit)
    }
    return value
  }

  private mutating func parseNumber() throws(FormatError) -> JSONNode.Kind {
    let start = pos
    let startColumn = column
    var isInteger = true
    if bytes[pos] == UInt8(ascii: "-") { advance() }
    if pos < end && bytes[pos] == UInt8(ascii: "0") {
      advance()
      if pos < end && isDigit(bytes[pos]) {
        throw FormatError(
          "leading zeros are not allowed in numbers", line: line, column: startColumn,
          help: "remove the leading `0`, or quote the value if it is an identifier")
      }
    } else if pos < end && isDigit(bytes[pos]) {
      skipDigits()
    } else {
      let word = peekWord()
      throw error(
        "expected a digit after `-`, found \(try found())",
        help: word == "Infinity" ? "JSON has no NaN or Infinity" : nil)
    }
    if pos < end && bytes[pos] == UInt8(ascii: ".") {
      isInteger = false
      advance()
      guard pos < end && isDigit(bytes[pos]) else {
        throw error("expected a digit after `.` in a number, found \(try found())")
      }
      skipDigits()
    }
    if pos < end && (bytes[pos] == UInt8(ascii: "e") || bytes[pos] == UInt8(ascii: "E")) {
      isInteger = false
      advance()
      if pos < end && (bytes[pos] == UInt8(ascii: "+") || bytes[pos] == UInt8(ascii: "-")) {
        advance()
      }
      guard pos < end && isDigit(bytes[pos]) else {
        throw error("expected a digit in the exponent of a number, found \(try found())")
      }
      skipDigits()
    }
    let text = String(decoding: bytes[start..<pos], as: UTF8.self)
    if isInteger, let value = Int64(text) { return .integer(value) }
    return .number(text)
  }

  private mutating func parseLiteral() throws(FormatError) -> JSONNode.Kind {
    let word = peekWord()
    switch word {
    case "true":
      pos += 4
      column += 4
      return .bool(true)
    case "false":
      pos += 5
      column += 5
      return .bool(false)
    case "null":
      pos += 4
      column += 4
      return .null
    default:
      let help: String
      if word == "NaN" || word == "Infinity" {
        help = "JSON has no NaN or Infinity; use a string or `null`"
      } else if ["true", "false", "null"].contains(word.lowercased()) {
        help = "JSON literals are lowercase: `\(word.lowercased())`"
      } else {
        help = "strings must be in double quotes"
      }
      throw error("expected a JSON value, found `\(word)`", help: help)
    }
  }

  /// The ASCII letters and digits at `pos` (for messages and literals).
  private func peekWord() -> String {
    var i = pos
    while i < end && i - pos < 40 {
      let b = bytes[i]
      let isWordByte =
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(b)
        || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(b) || isDigit(b)
        || b == UInt8(ascii: "_")
      guard isWordByte else { break }
      i += 1
    }
    return String(decoding: bytes[pos..<i], as: UTF8.self)
  }

  private func unexpectedValue(afterComma: Bool) throws(FormatError) -> FormatError {
    let b = bytes[pos]
    let found = try found()
    if afterComma && (b == UInt8(ascii: "]") || b == UInt8(ascii: "}")) {
      return error(
        "expected a JSON value after `,`, found \(found)",
        help: "JSON does not allow trailing commas")
    }
    return error("expected a JSON value, found \(found)", help: Self.help(forUnexpected: b))
  }

  private static func help(forUnexpected b: UInt8?) -> String? {
    switch b {
    case UInt8(ascii: "'"): return "JSON strings use double quotes"
    case UInt8(ascii: "/"), UInt8(ascii: "#"): return "JSON does not allow comments"
    case UInt8(ascii: "+"): return "JSON numbers have no leading `+`"
    case UInt8(ascii: "."): return "JSON numbers need a digit before `.`"
    default: return nil
    }
  }

  // MARK: - Bytes and positions

  private mutating func advance() {
    pos += 1
    column += 1
  }

  private mutating func skipWhitespace() {
    while pos < end {
      switch bytes[pos] {
      case 0x0A:
        pos += 1
        line += 1
        column = 1
      case 0x20, 0x09, 0x0D:
        pos += 1
        column += 1
      default:
        return
      }
    }
  }

  private mutating func skipDigits() {
    while pos < end && isDigit(bytes[pos]) { advance() }
  }

  private func isDigit(_ b: UInt8) -> Bool {
    b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")
  }

  /// The length of the valid UTF-8 sequence at `pos`, or the invalid-UTF-8 error there.
  private func scalarLength() throws(FormatError) -> Int {
    if let n = UTF8Validation.sequenceLength(bytes, at: pos, end: end) { return n }
    throw error(
      "invalid UTF-8 byte `0x\(Self.hex(UInt32(bytes[pos]), width: 2))`",
      help: "at byte offset \(pos); the file must be UTF-8 encoded")
  }

  /// The Unicode scalar at `pos` as text (after validating it).
  private func scalarText() throws(FormatError) -> String {
    let n = try scalarLength()
    return String(decoding: bytes[pos..<pos + n], as: UTF8.self)
  }

  /// What is at `pos`, for "found ..." in messages.
  private func found() throws(FormatError) -> String {
    guard pos < end else { return "end of input" }
    let b = bytes[pos]
    if b < 0x20 || b == 0x7F { return Self.codePoint(UInt32(b)) }
    return "`\(try scalarText())`"
  }

  private func error(_ message: String, help: String? = nil) -> FormatError {
    FormatError(message, line: line, column: column, help: help)
  }

  static func codePoint(_ value: UInt32) -> String { "U+" + hex(value) }

  static func hex(_ value: UInt32, width: Int = 4) -> String {
    let digits = String(value, radix: 16, uppercase: true)
    return String(repeating: "0", count: max(0, width - digits.count)) + digits
  }
}

/// UTF-8 well-formedness (Unicode Table 3-7), shared by the JSON and YAML readers.
enum UTF8Validation {
  /// The length of the well-formed sequence at `i`, or nil.
  static func sequenceLength(_ bytes: [UInt8], at i: Int, end: Int) -> Int? {
    let b0 = bytes[i]
    let length: Int
    var secondRange: ClosedRange<UInt8> = 0x80...0xBF
    switch b0 {
    case 0x00...0x7F: return 1
    case 0xC2...0xDF: length = 2
    case 0xE0:
      length = 3
      secondRange = 0xA0...0xBF
    case 0xE1...0xEC, 0xEE...0xEF: length = 3
    case 0xED:
      length = 3
      secondRange = 0x80...0x9F
    case 0xF0:
      length = 4
      secondRange = 0x90...0xBF
    case 0xF1...0xF3: length = 4
    case 0xF4:
      length = 4
      secondRange = 0x80...0x8F
    default: return nil
    }
    guard i + length <= end, secondRange.contains(bytes[i + 1]) else { return nil }
    for k in 2..<length where !(0x80...0xBF).contains(bytes[i + k]) { return nil }
    return length
  }
}
