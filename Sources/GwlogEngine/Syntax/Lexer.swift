/// Turns the UTF-8 bytes of a source file into tokens, one at a time (linear time, no
/// backtracking, so a 10 MB single-line input is fine).
///
/// The `%` rule (docs/language.md#comments): `%` is the remainder operator and a comment start.
/// It is the remainder operator only when the previous significant token ends an operand (an
/// identifier, a variable, `_`, an integer, a string or `)`), the `%` is not the first token
/// of its line, and the parser is not inside a directive (`isInDirective`; directives hold no
/// arithmetic). Otherwise it starts a comment that runs to the end of the line. So `X % 2`
/// is arithmetic, while `a(1). % note`, a line that starts with `%` and `.output p % note`
/// are comments.
///
/// Lexical errors are returned as `.error` tokens carrying their message; the lexer then
/// continues after the bad input.
public struct Lexer: Sendable {
  /// The bytes being scanned.
  public let bytes: [UInt8]
  /// The current byte offset.
  public private(set) var position: Int = 0
  private var previousEndsOperand = false

  /// Creates a lexer at the start of `bytes`.
  public init(bytes: [UInt8]) {
    self.bytes = bytes
  }

  /// Whether a lower-case identifier may contain hyphens between letters or digits
  /// (`orders-api`), as in command-line goals; off in programs, where `a-b` is subtraction.
  public var allowsHyphenatedNames = false

  /// Set by the parser while it reads a directive (`.decl`, `.output`, ...): there `%` always
  /// starts a comment, also right after a name.
  public var isInDirective = false

  /// The next token; `.endOfFile` forever once the input is exhausted.
  public mutating func next() -> Token {
    let sawNewline = skipTrivia()
    if let failure = pendingFailure {
      pendingFailure = nil
      var t = failure
      t.isFirstOnLine = sawNewline
      previousEndsOperand = false
      return t
    }
    var token = scanToken()
    token.isFirstOnLine = sawNewline
    previousEndsOperand = token.endsOperand
    return token
  }

  // An unterminated block comment found while skipping trivia.
  private var pendingFailure: Token?

  /// Skips spaces, line breaks and comments; returns whether a line break (or the start of
  /// the input) was crossed.
  private mutating func skipTrivia() -> Bool {
    var sawNewline = position == 0
    let count = bytes.count
    while position < count {
      let b = bytes[position]
      switch b {
      case 0x20, 0x09, 0x0D:
        position += 1
      case 0x0A:
        sawNewline = true
        position += 1
      case UInt8(ascii: "/") where position + 1 < count && bytes[position + 1] == UInt8(ascii: "/"):
        skipToEndOfLine()
      case UInt8(ascii: "/") where position + 1 < count && bytes[position + 1] == UInt8(ascii: "*"):
        let start = position
        position += 2
        var closed = false
        while position + 1 < count {
          if bytes[position] == UInt8(ascii: "*") && bytes[position + 1] == UInt8(ascii: "/") {
            position += 2
            closed = true
            break
          }
          if bytes[position] == 0x0A { sawNewline = true }
          position += 1
        }
        if !closed {
          position = count
          pendingFailure = Self.failure(
            "unterminated block comment", start: start, end: start + 2, tokenEnd: count)
          return sawNewline
        }
      case UInt8(ascii: "%") where !previousEndsOperand || sawNewline || isInDirective:
        skipToEndOfLine()
      default:
        return sawNewline
      }
    }
    return sawNewline
  }

  private mutating func skipToEndOfLine() {
    while position < bytes.count && bytes[position] != 0x0A { position += 1 }
  }

  private static func failure(_ message: String, start: Int, end: Int, tokenEnd: Int) -> Token {
    var t = Token(kind: .error, start: start, end: tokenEnd)
    t.errorMessage = message
    t.errorStart = start
    t.errorEnd = end
    return t
  }

  private mutating func scanToken() -> Token {
    let start = position
    guard position < bytes.count else { return Token(kind: .endOfFile, start: start, end: start) }
    let b = bytes[position]
    if Self.isIdentifierStart(b) { return scanIdentifier() }
    if Self.isDigit(b) { return scanInteger() }
    if b == UInt8(ascii: "\"") { return scanString() }
    let next: UInt8 = position + 1 < bytes.count ? bytes[position + 1] : 0
    var kind: TokenKind
    var length = 1
    switch b {
    case UInt8(ascii: "("): kind = .leftParen
    case UInt8(ascii: ")"): kind = .rightParen
    case UInt8(ascii: "{"): kind = .leftBrace
    case UInt8(ascii: "}"): kind = .rightBrace
    case UInt8(ascii: "["): kind = .leftBracket
    case UInt8(ascii: "]"): kind = .rightBracket
    case UInt8(ascii: ","): kind = .comma
    case UInt8(ascii: "."): kind = .dot
    case UInt8(ascii: ";"): kind = .semicolon
    case UInt8(ascii: ":"):
      if next == UInt8(ascii: "-") {
        kind = .colonDash
        length = 2
      } else {
        kind = .colon
      }
    case UInt8(ascii: "?") where next == UInt8(ascii: "-"):
      kind = .queryMark
      length = 2
    case UInt8(ascii: "!"):
      if next == UInt8(ascii: "=") {
        kind = .notEqual
        length = 2
      } else {
        kind = .bang
      }
    case UInt8(ascii: "="): kind = .equal
    case UInt8(ascii: "<"):
      if next == UInt8(ascii: "=") {
        kind = .lessOrEqual
        length = 2
      } else if next == UInt8(ascii: ":") {
        kind = .subtype
        length = 2
      } else {
        kind = .less
      }
    case UInt8(ascii: ">"):
      if next == UInt8(ascii: "=") {
        kind = .greaterOrEqual
        length = 2
      } else {
        kind = .greater
      }
    case UInt8(ascii: "+"): kind = .plus
    case UInt8(ascii: "-"): kind = .minus
    case UInt8(ascii: "*"): kind = .star
    case UInt8(ascii: "/"): kind = .slash
    case UInt8(ascii: "%"): kind = .percent
    case UInt8(ascii: "|"): kind = .pipe
    default:
      return scanUnexpected()
    }
    position += length
    return Token(kind: kind, start: start, end: position)
  }

  private mutating func scanUnexpected() -> Token {
    let start = position
    let b = bytes[position]
    if b >= 0x80, let length = Self.validUTF8Length(bytes, at: position) {
      position += length
      let text = String(decoding: bytes[start..<position], as: UTF8.self)
      return Self.failure(
        "unexpected character `\(text)`", start: start, end: position, tokenEnd: position)
    }
    position += 1
    let hex = String(b, radix: 16, uppercase: true)
    let message = "unexpected byte 0x\(hex.count < 2 ? "0" + hex : hex)"
    return Self.failure(message, start: start, end: position, tokenEnd: position)
  }

  private mutating func scanIdentifier() -> Token {
    let start = position
    position += 1
    while position < bytes.count && Self.isIdentifierContinue(bytes[position]) { position += 1 }
    let first = bytes[start]
    if allowsHyphenatedNames && first >= 0x61 && first <= 0x7A {
      while position + 1 < bytes.count && bytes[position] == UInt8(ascii: "-")
        && Self.isIdentifierContinue(bytes[position + 1])
      {
        position += 1
        while position < bytes.count && Self.isIdentifierContinue(bytes[position]) { position += 1 }
      }
    }
    let kind: TokenKind
    if first == UInt8(ascii: "_") && position - start == 1 {
      kind = .wildcard
    } else if first == UInt8(ascii: "_") || (first >= 0x41 && first <= 0x5A) {
      kind = .variable
    } else {
      kind = .identifier
    }
    return Token(kind: kind, start: start, end: position)
  }

  /// The largest magnitude an integer literal may have: 2^63, valid only after a `-`.
  static let maximumMagnitude: UInt64 = 1 << 63

  private mutating func scanInteger() -> Token {
    let start = position
    var value: UInt64 = 0
    var overflow = false
    while position < bytes.count && Self.isDigit(bytes[position]) {
      let digit = UInt64(bytes[position] &- 0x30)
      let (m, o1) = value.multipliedReportingOverflow(by: 10)
      let (s, o2) = m.addingReportingOverflow(digit)
      if o1 || o2 || s > Self.maximumMagnitude { overflow = true }
      value = s
      position += 1
    }
    if overflow {
      let text = String(decoding: bytes[start..<min(position, start + 40)], as: UTF8.self)
      let shown = position - start > 40 ? text + "..." : text
      return Self.failure(
        "integer `\(shown)` is out of range", start: start, end: position, tokenEnd: position)
    }
    var t = Token(kind: .integer, start: start, end: position)
    t.magnitude = value
    return t
  }

  private mutating func scanString() -> Token {
    let start = position
    position += 1
    var decoded: [UInt8]?
    var failure: Token?
    while true {
      guard position < bytes.count, bytes[position] != 0x0A else {
        return Self.failure("unterminated string", start: start, end: start + 1, tokenEnd: position)
      }
      let b = bytes[position]
      if b == UInt8(ascii: "\"") {
        position += 1
        break
      }
      if b == UInt8(ascii: "\\") {
        if decoded == nil { decoded = Array(bytes[(start + 1)..<position]) }
        if let (scalarBytes, length) = decodeEscape(at: position) {
          decoded?.append(contentsOf: scalarBytes)
          position += length
        } else {
          if failure == nil {
            let end = min(position + 2, bytes.count)
            failure = Self.failure(
              "unknown escape sequence", start: position, end: end, tokenEnd: 0)
          }
          position += 1
        }
        continue
      }
      if b < 0x80 {
        decoded?.append(b)
        position += 1
        continue
      }
      if let length = Self.validUTF8Length(bytes, at: position) {
        decoded?.append(contentsOf: bytes[position..<position + length])
        position += length
      } else {
        if failure == nil {
          let hex = String(b, radix: 16, uppercase: true)
          failure = Self.failure(
            "invalid utf-8 byte 0x\(hex) in string", start: position, end: position + 1,
            tokenEnd: 0)
        }
        position += 1
      }
    }
    if var f = failure {
      f.start = start
      f.end = position
      return f
    }
    var t = Token(kind: .string, start: start, end: position)
    t.decoded = decoded
    return t
  }

  /// Decodes the escape at `index` (a backslash): the UTF-8 bytes it stands for and the
  /// number of source bytes it spans, or nil when it is not a valid escape.
  private func decodeEscape(at index: Int) -> ([UInt8], Int)? {
    guard index + 1 < bytes.count else { return nil }
    switch bytes[index + 1] {
    case UInt8(ascii: "\""): return ([0x22], 2)
    case UInt8(ascii: "\\"): return ([0x5C], 2)
    case UInt8(ascii: "n"): return ([0x0A], 2)
    case UInt8(ascii: "t"): return ([0x09], 2)
    case UInt8(ascii: "r"): return ([0x0D], 2)
    case UInt8(ascii: "u"):
      guard index + 2 < bytes.count, bytes[index + 2] == UInt8(ascii: "{") else { return nil }
      var i = index + 3
      var value: UInt32 = 0
      var digits = 0
      while i < bytes.count, let d = Self.hexValue(bytes[i]), digits < 8 {
        value = value * 16 + d
        digits += 1
        i += 1
      }
      guard digits > 0, i < bytes.count, bytes[i] == UInt8(ascii: "}"),
        let scalar = Unicode.Scalar(value)
      else { return nil }
      return (Array(String(Character(scalar)).utf8), i + 1 - index)
    default:
      return nil
    }
  }

  static func hexValue(_ b: UInt8) -> UInt32? {
    switch b {
    case 0x30...0x39: return UInt32(b - 0x30)
    case 0x41...0x46: return UInt32(b - 0x41 + 10)
    case 0x61...0x66: return UInt32(b - 0x61 + 10)
    default: return nil
    }
  }

  /// The length of the well-formed UTF-8 sequence starting at `index` (a byte >= 0x80), or
  /// nil when it is malformed (overlong, surrogate, truncated or out of range).
  static func validUTF8Length(_ bytes: [UInt8], at index: Int) -> Int? {
    let b0 = bytes[index]
    let length: Int
    var lower: UInt8 = 0x80
    var upper: UInt8 = 0xBF
    switch b0 {
    case 0xC2...0xDF: length = 2
    case 0xE0:
      length = 3
      lower = 0xA0
    case 0xE1...0xEC, 0xEE...0xEF: length = 3
    case 0xED:
      length = 3
      upper = 0x9F
    case 0xF0:
      length = 4
      lower = 0x90
    case 0xF1...0xF3: length = 4
    case 0xF4:
      length = 4
      upper = 0x8F
    default: return nil
    }
    guard index + length <= bytes.count else { return nil }
    let b1 = bytes[index + 1]
    guard b1 >= lower && b1 <= upper else { return nil }
    for k in 2..<length {
      let b = bytes[index + k]
      guard b >= 0x80 && b <= 0xBF else { return nil }
    }
    return length
  }

  @inline(__always)
  static func isIdentifierStart(_ b: UInt8) -> Bool {
    (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || b == 0x5F
  }

  @inline(__always)
  static func isIdentifierContinue(_ b: UInt8) -> Bool {
    isIdentifierStart(b) || isDigit(b)
  }

  @inline(__always)
  static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
}
