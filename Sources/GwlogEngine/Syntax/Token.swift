/// The kinds of tokens the lexer produces.
public enum TokenKind: Sendable, Hashable {
  /// An identifier that starts with a lower-case letter (`edge`, `not`, `count`).
  case identifier
  /// An identifier that starts with an upper-case letter or `_` (`X`, `_tmp`, `Path`).
  case variable
  /// The anonymous variable `_`.
  case wildcard
  /// A double-quoted string literal.
  case string
  /// A decimal integer literal (its magnitude; the sign is a separate `-`).
  case integer
  /// Brackets: `(` `)` `{` `}` `[` `]`.
  case leftParen, rightParen, leftBrace, rightBrace, leftBracket, rightBracket
  /// Separators: `,` `.` `:` `;`.
  case comma, dot, colon, semicolon
  /// `:-`
  case colonDash
  /// `?-`
  case queryMark
  /// `!`
  case bang
  /// Comparison operators: `=` `!=` `<` `<=` `>` `>=`.
  case equal, notEqual, less, lessOrEqual, greater, greaterOrEqual
  /// Arithmetic operators and the union bar: `+` `-` `*` `/` `%` `|`.
  case plus, minus, star, slash, percent, pipe
  /// `<:`
  case subtype
  /// A lexical error; the message is in `Token.errorMessage`.
  case error
  /// The end of the input.
  case endOfFile
}

/// One token: its kind, its byte range and, where relevant, its value.
public struct Token: Sendable {
  /// What the token is.
  public var kind: TokenKind
  /// First byte of the token.
  public var start: Int
  /// One past the last byte of the token.
  public var end: Int
  /// For `.integer`: the magnitude, at most 2^63 (which only a preceding `-` makes valid).
  public var magnitude: UInt64 = 0
  /// For `.string`: the decoded content bytes when the literal has escapes (nil when the
  /// content is exactly the bytes between the quotes).
  public var decoded: [UInt8]? = nil
  /// For `.error`: the diagnostic message.
  public var errorMessage: String? = nil
  /// For `.error`: the byte range the diagnostic points at, when not the whole token.
  public var errorStart: Int = 0
  /// For `.error`: end of the byte range the diagnostic points at.
  public var errorEnd: Int = 0
  /// Whether a line break (or the start of the file) precedes the token.
  public var isFirstOnLine: Bool = false

  /// Creates a token.
  public init(kind: TokenKind, start: Int, end: Int) {
    self.kind = kind
    self.start = start
    self.end = end
  }

  /// Whether this token ends an operand, which makes a following `%` the remainder operator.
  var endsOperand: Bool {
    switch kind {
    case .identifier, .variable, .wildcard, .integer, .string, .rightParen: return true
    default: return false
    }
  }

  /// The source spelling of punctuation kinds, for messages.
  static func spelling(of kind: TokenKind) -> String? {
    switch kind {
    case .leftParen: return "("
    case .rightParen: return ")"
    case .leftBrace: return "{"
    case .rightBrace: return "}"
    case .leftBracket: return "["
    case .rightBracket: return "]"
    case .comma: return ","
    case .dot: return "."
    case .colon: return ":"
    case .semicolon: return ";"
    case .colonDash: return ":-"
    case .queryMark: return "?-"
    case .bang: return "!"
    case .equal: return "="
    case .notEqual: return "!="
    case .less: return "<"
    case .lessOrEqual: return "<="
    case .greater: return ">"
    case .greaterOrEqual: return ">="
    case .plus: return "+"
    case .minus: return "-"
    case .star: return "*"
    case .slash: return "/"
    case .percent: return "%"
    case .pipe: return "|"
    case .subtype: return "<:"
    default: return nil
    }
  }

  /// A readable name of a token kind for "expected X" messages.
  static func describe(_ kind: TokenKind) -> String {
    if let s = spelling(of: kind) { return "`\(s)`" }
    switch kind {
    case .identifier: return "identifier"
    case .variable: return "variable"
    case .wildcard: return "`_`"
    case .string: return "string"
    case .integer: return "integer"
    case .endOfFile: return "end of file"
    default: return "token"
    }
  }
}
