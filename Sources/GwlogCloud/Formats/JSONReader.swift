import GwlogEngine

/// A strict RFC 8259 JSON reader that keeps each value's exact kind and its `line:col`.
///
/// Foundation's `JSONSerialization` accepts some invalid input, reports only a character
/// offset and merges `1` with `true`; this reader does none of that. It reads the bytes in
/// place into a tape (`JSONDocument`: one fixed-size entry per value, no string or container
/// built), keeping only byte offsets, and works out lines and columns from them when a value
/// or an error needs them. It is iterative (an explicit stack of open containers), so input
/// depth never reaches the call stack, and it stops at `Limits.maximumJSONDepth`. Time is
/// linear in the input size.
public enum JSONReader {
  /// Parses one JSON document (a leading UTF-8 byte order mark is skipped).
  public static func parse(_ bytes: [UInt8]) -> Result<JSONNode, FormatError> {
    document(bytes).map { JSONNode(document: $0, index: 0) }
  }

  /// Parses one JSON document into its tape.
  static func document(_ bytes: [UInt8]) -> Result<JSONDocument, FormatError> {
    document(bytes, start: bomLength(bytes), end: bytes.count, line: 1, rootPointer: "")
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
        switch document(
          bytes, start: lineStart, end: lineEnd, line: line, rootPointer: "/\(documents.count)")
        {
        case .success(let document): documents.append(JSONNode(document: document, index: 0))
        case .failure(let error): return .failure(error)
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

  /// Parses `bytes[start..<end]` (starting on `line`) as one document.
  private static func document(
    _ bytes: [UInt8], start: Int, end: Int, line: Int, rootPointer: String
  ) -> Result<JSONDocument, FormatError> {
    bytes.withUnsafeBufferPointer { buffer -> Result<JSONDocument, FormatError> in
      var parser = JSONParser(bytes: buffer, start: start, end: end, line: line)
      do throws(FormatError) {
        try parser.parseDocument()
      } catch {
        return .failure(error)
      }
      return .success(
        JSONDocument(
          bytes: bytes, start: start, end: end, firstLine: line, rootPointer: rootPointer,
          lineBreaks: parser.lineBreaks, entries: parser.entries))
    }
  }
}

extension FormatError {
  /// Whether this is the nesting-depth error of `JSONReader` or `YAMLReader` (a resource
  /// limit, code `limit`, rather than a syntax error).
  public var isDepthLimit: Bool {
    message == JSONReader.depthLimitMessage || message == YAMLReader.depthLimitMessage
  }
}

/// One parse over `bytes[start..<end]` into a tape; positions are byte offsets, turned into
/// `line:col` only for an error.
///
/// SAFETY: `bytes` is valid for the parser's whole life (it lives inside
/// `withUnsafeBufferPointer`).
struct JSONParser {
  /// An open array or object waiting for its next element.
  private struct Frame {
    /// Its entry on the tape.
    var index: Int
    var isObject: Bool
    /// Elements so far.
    var count: UInt32 = 0
    /// The key of the member being read: bytes between the quotes.
    var keyStart: UInt32 = 0
    var keyEnd: UInt32 = 0
    var keyEscaped = false
    /// The members' key entries so far (their indexes), for the duplicate-key error while
    /// the object is small; past `smallObject` keys, `keys` holds them all.
    var keyEntries: [Int] = []
    /// Every key with the offset of its opening quote, for large objects.
    var keys: [String: Int]?
  }

  /// Members of an object checked for a repeated key one by one; larger objects use a table.
  private static let smallObject = 8

  let bytes: UnsafeBufferPointer<UInt8>
  private(set) var pos: Int
  let start: Int
  let end: Int
  let firstLine: Int
  /// The line breaks passed so far.
  private(set) var lineBreaks: [UInt32] = []
  /// The tape so far.
  private(set) var entries: [JSONDocument.Entry] = []

  init(bytes: UnsafeBufferPointer<UInt8>, start: Int, end: Int, line: Int) {
    self.bytes = bytes
    self.pos = start
    self.start = start
    self.end = end
    self.firstLine = line
  }

  static func isWhitespace(_ b: UInt8) -> Bool {
    b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D
  }

  mutating func parseDocument() throws(FormatError) {
    entries.reserveCapacity(max(16, (end - start) / 16))
    try parseValueTree()
    skipWhitespace()
    if pos < end {
      throw error(
        "unexpected \(try found()) after the JSON value",
        help: "a JSON document holds exactly one value (use `.ndjson` for one per line)")
    }
  }

  /// Parses the root value with everything nested in it, iteratively: `stack` holds the
  /// open containers.
  private mutating func parseValueTree() throws(FormatError) {
    var stack: [Frame] = []
    var afterComma = false
    while true {
      if try !parseValue(stack: &stack, afterComma: afterComma) {
        afterComma = false
        continue
      }
      if try attach(to: &stack) { return }
      afterComma = true
    }
  }

  /// Appends an entry for the value starting at `offset`, as the next element of the open
  /// container; returns its index.
  @inline(__always)
  private mutating func append(
    _ tag: JSONDocument.Tag, offset: Int, end valueEnd: Int, escaped: Bool = false,
    stack: inout [Frame]
  ) -> Int {
    var entry = JSONDocument.Entry(
      tag: tag, valueEscaped: escaped, offset: UInt32(offset), end: UInt32(valueEnd), parent: -1,
      ordinal: 0)
    if let top = stack.indices.last {
      entry.parent = Int32(stack[top].index)
      entry.ordinal = stack[top].count
      stack[top].count += 1
      if stack[top].isObject {
        entry.keyStart = stack[top].keyStart
        entry.keyEnd = stack[top].keyEnd
        entry.keyEscaped = stack[top].keyEscaped
      }
    }
    entries.append(entry)
    return entries.count - 1
  }

  /// Reads the value at `pos`: a scalar or an empty container (true), or opens a non-empty
  /// container, pushed on `stack` (false; for an object, its first key is read).
  private mutating func parseValue(stack: inout [Frame], afterComma: Bool) throws(FormatError)
    -> Bool
  {
    skipWhitespace()
    guard pos < end else {
      throw error("expected a JSON value, found end of input")
    }
    let offset = pos
    switch bytes[pos] {
    case UInt8(ascii: "["), UInt8(ascii: "{"):
      return try openContainer(stack: &stack)
    case UInt8(ascii: "\""):
      let (contentEnd, escaped) = try parseString()
      _ = append(.string, offset: offset, end: contentEnd, escaped: escaped, stack: &stack)
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
      try parseNumber()
      _ = append(.number, offset: offset, end: pos, stack: &stack)
    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"):
      let tag = try parseLiteral()
      _ = append(tag, offset: offset, end: pos, stack: &stack)
    default:
      throw try unexpectedValue(afterComma: afterComma)
    }
    return true
  }

  /// Reads the `[` or `{` at `pos`: an empty container is a finished value (true); otherwise
  /// its frame is pushed (its first key read, for an object) and the result is false.
  private mutating func openContainer(stack: inout [Frame]) throws(FormatError) -> Bool {
    let isObject = bytes[pos] == UInt8(ascii: "{")
    if stack.count >= Limits.maximumJSONDepth {
      throw error(
        JSONReader.depthLimitMessage,
        help: "gwlog reads at most \(Limits.maximumJSONDepth) nested arrays and objects")
    }
    let offset = pos
    pos += 1
    let index = append(isObject ? .object : .array, offset: offset, end: 0, stack: &stack)
    skipWhitespace()
    let closer = isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")
    if pos < end && bytes[pos] == closer {
      pos += 1
      entries[index].end = UInt32(index + 1)
      return true
    }
    var frame = Frame(index: index, isObject: isObject)
    if isObject { try parseKey(into: &frame, afterComma: false) }
    stack.append(frame)
    return false
  }

  /// After a finished value: reads the `,` that follows (the next key, for an object; false)
  /// or closes containers as they end; true once the root is complete.
  private mutating func attach(to stack: inout [Frame]) throws(FormatError) -> Bool {
    while true {
      guard let top = stack.indices.last else { return true }
      skipWhitespace()
      let isObject = stack[top].isObject
      if pos < end && bytes[pos] == UInt8(ascii: ",") {
        pos += 1
        if isObject { try parseKey(into: &stack[top], afterComma: true) }
        return false
      }
      let closer = isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")
      guard pos < end && bytes[pos] == closer else {
        let what =
          isObject ? "`,` or `}` after an object member" : "`,` or `]` after an array element"
        throw error("expected \(what), found \(try found())")
      }
      pos += 1
      let frame = stack.removeLast()
      entries[frame.index].end = UInt32(entries.count)
      entries[frame.index].count = frame.count
    }
  }

  /// Reads `"key"` and `:` of the next member of `frame`; the position is then at the value.
  private mutating func parseKey(into frame: inout Frame, afterComma: Bool) throws(FormatError) {
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
    let quote = pos
    let (keyEnd, escaped) = try parseString()
    frame.keyStart = UInt32(quote + 1)
    frame.keyEnd = UInt32(keyEnd)
    frame.keyEscaped = escaped
    if let first = firstOffset(ofKeyAt: quote, in: &frame) {
      let key = keyText(quote + 1, keyEnd, escaped)
      let (keyLine, keyColumn) = position(of: quote)
      let (firstLine, firstColumn) = position(of: first)
      throw FormatError(
        "duplicate key `\(key)` in an object", line: keyLine, column: keyColumn,
        help: "the first `\(key)` is at line \(firstLine), column \(firstColumn)")
    }
    skipWhitespace()
    guard pos < end && bytes[pos] == UInt8(ascii: ":") else {
      throw error(
        "expected `:` after the object key `\(keyText(quote + 1, keyEnd, escaped))`, "
          + "found \(try found())")
    }
    pos += 1
  }

  /// The opening quote of an earlier key of `frame` equal to the key read at `quote` (its
  /// bytes in `frame.keyStart ..< keyEnd`), after recording this one; nil when it is new.
  private func firstOffset(ofKeyAt quote: Int, in frame: inout Frame) -> Int? {
    let start = Int(frame.keyStart)
    let keyEnd = Int(frame.keyEnd)
    if frame.keys == nil && frame.keyEntries.count < Self.smallObject {
      for k in frame.keyEntries {
        let e = entries[k]
        if keysEqual(Int(e.keyStart), Int(e.keyEnd), e.keyEscaped, start, keyEnd, frame.keyEscaped)
        {
          return Int(e.keyStart) - 1
        }
      }
      // The entry of this member's value comes next.
      frame.keyEntries.append(entries.count)
      return nil
    }
    if frame.keys == nil {
      var keys: [String: Int] = [:]
      for k in frame.keyEntries {
        let e = entries[k]
        keys[keyText(Int(e.keyStart), Int(e.keyEnd), e.keyEscaped)] = Int(e.keyStart) - 1
      }
      frame.keys = keys
    }
    let key = keyText(start, keyEnd, frame.keyEscaped)
    if let first = frame.keys?[key] { return first }
    frame.keys?[key] = quote
    return nil
  }

  /// Whether two keys are equal as strings (canonically equivalent, as Swift compares them;
  /// plain ASCII keys byte for byte).
  private func keysEqual(
    _ a: Int, _ aEnd: Int, _ aEscaped: Bool, _ b: Int, _ bEnd: Int, _ bEscaped: Bool
  ) -> Bool {
    let isPlain = !aEscaped && !bEscaped && isASCII(a, aEnd) && isASCII(b, bEnd)
    guard isPlain else { return keyText(a, aEnd, aEscaped) == keyText(b, bEnd, bEscaped) }
    guard aEnd - a == bEnd - b else { return false }
    for k in 0..<(aEnd - a) where bytes[a + k] != bytes[b + k] { return false }
    return true
  }

  private func isASCII(_ start: Int, _ end: Int) -> Bool {
    for i in start..<end where bytes[i] >= 0x80 { return false }
    return true
  }

  /// A key's bytes, unescaped.
  private func keyBytes(_ start: Int, _ keyEnd: Int, _ escaped: Bool) -> [UInt8] {
    let raw = Array(bytes[start..<keyEnd])
    return escaped ? JSONDocument.unescape(raw, 0, raw.count) : raw
  }

  private func keyText(_ start: Int, _ keyEnd: Int, _ escaped: Bool) -> String {
    String(decoding: keyBytes(start, keyEnd, escaped), as: UTF8.self)
  }

  // MARK: - Scalars

  /// Reads the string whose opening quote is at `pos`; returns the offset of its closing
  /// quote and whether it holds escapes (the position is then past the closing quote).
  private mutating func parseString() throws(FormatError) -> (end: Int, escaped: Bool) {
    let quote = pos
    pos += 1
    var hasEscape = false
    while true {
      // Plain ASCII runs first: the common case.
      while pos < end {
        let b = bytes[pos]
        guard b >= 0x20 && b < 0x80 && b != UInt8(ascii: "\"") && b != UInt8(ascii: "\\") else {
          break
        }
        pos += 1
      }
      guard pos < end else {
        let (line, column) = position(of: quote)
        throw FormatError(
          "unterminated string", line: line, column: column, help: "add the closing `\"`")
      }
      let b = bytes[pos]
      if b == UInt8(ascii: "\"") {
        let contentEnd = pos
        pos += 1
        return (contentEnd, hasEscape)
      } else if b == UInt8(ascii: "\\") {
        hasEscape = true
        try parseEscape()
      } else if b < 0x20 {
        throw error(
          "control character \(Self.codePoint(UInt32(b))) in a string",
          help: b == 0x0A
            ? "close the string on this line or write the line break as `\\n`"
            : "write control characters as escapes such as `\\t` or `\\u0001`")
      } else {
        pos += try scalarLength()
      }
    }
  }

  /// Validates the escape at `pos` and moves past it.
  private mutating func parseEscape() throws(FormatError) {
    let escapeStart = pos
    guard pos + 1 < end else {
      throw error("unterminated string")
    }
    let c = bytes[pos + 1]
    switch c {
    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"),
      UInt8(ascii: "f"), UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
      pos += 2
      return
    case UInt8(ascii: "u"):
      break
    default:
      pos += 1
      let shown = c < 0x20 ? Self.codePoint(UInt32(c)) : "`\\\(try scalarText())`"
      let (line, column) = position(of: escapeStart)
      throw FormatError(
        "invalid escape \(shown)", line: line, column: column,
        help:
          "JSON escapes are `\\\"`, `\\\\`, `\\/`, `\\b`, `\\f`, `\\n`, `\\r`, `\\t` and `\\uXXXX`")
    }
    guard let unit = hex4(at: pos + 2) else {
      let (line, column) = position(of: escapeStart)
      throw FormatError(
        "invalid escape `\\u`, expected four hex digits", line: line, column: column)
    }
    pos += 6
    if (0xD800...0xDBFF).contains(unit) {
      if pos + 1 < end && bytes[pos] == UInt8(ascii: "\\") && bytes[pos + 1] == UInt8(ascii: "u"),
        let low = hex4(at: pos + 2), (0xDC00...0xDFFF).contains(low)
      {
        pos += 6
      } else {
        throw loneSurrogate(unit, at: escapeStart)
      }
    } else if (0xDC00...0xDFFF).contains(unit) {
      throw loneSurrogate(unit, at: escapeStart)
    }
  }

  private func loneSurrogate(_ unit: UInt32, at offset: Int) -> FormatError {
    let (line, column) = position(of: offset)
    return FormatError(
      "lone surrogate `\\u\(Self.hex(unit))` in a string", line: line, column: column,
      help: "a `\\uD800`-`\\uDBFF` escape must be followed by a `\\uDC00`-`\\uDFFF` escape")
  }

  private func hex4(at index: Int) -> UInt32? {
    guard index + 4 <= end else { return nil }
    var value: UInt32 = 0
    for i in index..<index + 4 {
      let b = bytes[i]
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

  private mutating func parseNumber() throws(FormatError) {
    let numberStart = pos
    if bytes[pos] == UInt8(ascii: "-") { pos += 1 }
    if pos < end && bytes[pos] == UInt8(ascii: "0") {
      pos += 1
      if pos < end && isDigit(bytes[pos]) {
        let (line, column) = position(of: numberStart)
        throw FormatError(
          "leading zeros are not allowed in numbers", line: line, column: column,
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
      pos += 1
      guard pos < end && isDigit(bytes[pos]) else {
        throw error("expected a digit after `.` in a number, found \(try found())")
      }
      skipDigits()
    }
    if pos < end && (bytes[pos] == UInt8(ascii: "e") || bytes[pos] == UInt8(ascii: "E")) {
      pos += 1
      if pos < end && (bytes[pos] == UInt8(ascii: "+") || bytes[pos] == UInt8(ascii: "-")) {
        pos += 1
      }
      guard pos < end && isDigit(bytes[pos]) else {
        throw error("expected a digit in the exponent of a number, found \(try found())")
      }
      skipDigits()
    }
  }

  private mutating func parseLiteral() throws(FormatError) -> JSONDocument.Tag {
    let wordEnd = self.wordEnd()
    if matches("true", wordEnd) {
      pos += 4
      return .true
    }
    if matches("false", wordEnd) {
      pos += 5
      return .false
    }
    if matches("null", wordEnd) {
      pos += 4
      return .null
    }
    let word = peekWord()
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

  /// Whether the word at `pos` (ending at `wordEnd`) is `literal`.
  private func matches(_ literal: StaticString, _ wordEnd: Int) -> Bool {
    guard wordEnd - pos == literal.utf8CodeUnitCount else { return false }
    return literal.withUTF8Buffer { text in
      for k in 0..<text.count where bytes[pos + k] != text[k] { return false }
      return true
    }
  }

  /// The end of the ASCII letters, digits and `_` at `pos` (at most 40 of them).
  private func wordEnd() -> Int {
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
    return i
  }

  /// The ASCII letters and digits at `pos` (for messages and literals).
  private func peekWord() -> String {
    String(decoding: bytes[pos..<wordEnd()], as: UTF8.self)
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

  @inline(__always)
  private mutating func skipWhitespace() {
    while pos < end {
      switch bytes[pos] {
      case 0x0A:
        lineBreaks.append(UInt32(pos))
        pos += 1
      case 0x20, 0x09, 0x0D:
        pos += 1
      default:
        return
      }
    }
  }

  private mutating func skipDigits() {
    while pos < end && isDigit(bytes[pos]) { pos += 1 }
  }

  private func isDigit(_ b: UInt8) -> Bool {
    b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")
  }

  /// The line and column of byte `offset` (at or before `pos`).
  private func position(of offset: Int) -> (line: Int, column: Int) {
    JSONDocument.position(of: offset, start: start, firstLine: firstLine, lineBreaks: lineBreaks) {
      bytes[$0]
    }
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
    let (line, column) = position(of: pos)
    return FormatError(message, line: line, column: column, help: help)
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
    bytes.withUnsafeBufferPointer { sequenceLength($0, at: i, end: end) }
  }

  /// The length of the well-formed sequence at `i`, or nil.
  static func sequenceLength(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int, end: Int) -> Int? {
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
