/// Recursive-descent parser for gwlog source text: clauses, queries, `.decl`, `.type` and
/// relation directives (docs/language.md#directives), producing a `Program` and diagnostics.
///
/// Each statement is parsed until its first error, which is recorded; the parser then skips
/// (iteratively) to the `.` that ends the statement and continues, so one file can report
/// several problems (at most `maximumDiagnostics`). Nesting is bounded by
/// `Limits.maximumExpressionDepth`, so neither parsing nor the AST it builds can overflow
/// the stack.
public struct Parser {
  /// Diagnostics reported for one file before the parser gives up.
  static let maximumDiagnostics = 50

  let bytes: [UInt8]
  let fileID: Int32
  var lexer: Lexer
  /// The token being looked at.
  var current: Token
  /// End of the last consumed token (for spans of what was just parsed).
  var previousEnd = 0
  /// Whether rules, queries, directives and non-ground facts are rejected (`.facts` files).
  let factsOnly: Bool
  var diagnostics: [Diagnostic] = []

  init(_ file: SourceFile, fileID: Int32, factsOnly: Bool, hyphenatedNames: Bool = false) {
    self.bytes = file.bytes
    self.fileID = fileID
    self.factsOnly = factsOnly
    self.lexer = Lexer(bytes: file.bytes)
    self.lexer.allowsHyphenatedNames = hyphenatedNames
    self.current = lexer.next()
  }

  /// Parses a whole file of rules, facts, queries and directives.
  public static func parse(_ file: SourceFile, fileID: Int32) -> (
    program: Program, diagnostics: [Diagnostic]
  ) {
    parse(file, fileID: fileID, factsOnly: false)
  }

  /// Parses a whole file; with `factsOnly` (a `.facts` file) anything but a ground fact is a
  /// `bad-fact` error.
  public static func parse(_ file: SourceFile, fileID: Int32, factsOnly: Bool) -> (
    program: Program, diagnostics: [Diagnostic]
  ) {
    var parser = Parser(file, fileID: fileID, factsOnly: factsOnly)
    let statements = parser.parseStatements()
    return (Program(statements: statements), parser.diagnostics)
  }

  /// Parses one goal atom given on the command line, such as `canInvoke(X, svc)`; an
  /// optional `?-` before and `.` after it are accepted, anything else is an error.
  public static func parseGoal(_ file: SourceFile, fileID: Int32) -> Result<Atom, DiagnosticError> {
    // Goals name resources by their short names, which often contain hyphens (`orders-api`).
    var parser = Parser(file, fileID: fileID, factsOnly: false, hyphenatedNames: true)
    do throws(Diagnostic) {
      if parser.current.kind == .queryMark { parser.advance() }
      let atom = try parser.parseAtom(depth: 0)
      if parser.current.kind == .dot { parser.advance() }
      if parser.current.kind != .endOfFile {
        throw parser.unexpected(expected: "end of the goal")
      }
      return .success(atom)
    } catch {
      return .failure(DiagnosticError([error]))
    }
  }

  // MARK: - Statements

  mutating func parseStatements() -> [Statement] {
    var statements: [Statement] = []
    while current.kind != .endOfFile && diagnostics.count < Self.maximumDiagnostics {
      do throws(Diagnostic) {
        let statement = try parseStatement()
        if factsOnly {
          if let problem = Self.factsOnlyProblem(statement) {
            diagnostics.append(problem)
            continue
          }
        }
        statements.append(statement)
      } catch {
        diagnostics.append(error)
        skipToEndOfStatement()
      }
    }
    return statements
  }

  mutating func parseStatement() throws(Diagnostic) -> Statement {
    switch current.kind {
    case .dot:
      return try parseDirective()
    case .queryMark:
      let start = current.start
      advance()
      let goal = try parseAtom(depth: 0)
      try expect(.dot, "`.`")
      return .query(Query(goal: goal, span: span(from: start)))
    case .identifier, .variable:
      return .clause(try parseClause())
    default:
      throw unexpected(expected: "a rule, a fact, a query or a directive")
    }
  }

  mutating func parseClause() throws(Diagnostic) -> Clause {
    let start = current.start
    let head = try parseAtom(depth: 0)
    var body: [Literal] = []
    if current.kind == .colonDash {
      advance()
      body.append(try parseLiteral(depth: 0))
      while current.kind == .comma {
        advance()
        body.append(try parseLiteral(depth: 0))
      }
      if current.kind == .semicolon {
        throw Diagnostic.error(
          .syntax, "disjunction `;` is not supported", at: tokenSpan(current),
          help: "write one rule per alternative")
      }
      if current.kind != .dot { throw unexpected(expected: "`,` or `.`") }
    } else if current.kind != .dot {
      throw unexpected(expected: "`:-` or `.`")
    }
    advance()
    return Clause(head: head, body: body, span: span(from: start))
  }

  /// Skips to just after the `.` that ends the current statement (at bracket depth 0), or to
  /// just before the next directive; iterative, so any nesting is fine.
  mutating func skipToEndOfStatement() {
    var depth = 0
    while current.kind != .endOfFile {
      switch current.kind {
      case .leftParen, .leftBrace, .leftBracket:
        depth += 1
      case .rightParen, .rightBrace, .rightBracket:
        depth = max(0, depth - 1)
      case .dot where depth == 0:
        if startsDirective() { return }
        advance()
        return
      default:
        break
      }
      advance()
    }
  }

  /// Whether the current `.` begins a directive: first on its line and immediately followed
  /// by an identifier (`.decl`), so it is not the optional period ending the previous one.
  func startsDirective() -> Bool {
    guard current.kind == .dot, current.isFirstOnLine, current.end < bytes.count else {
      return false
    }
    return Lexer.isIdentifierStart(bytes[current.end])
  }

  // MARK: - Token helpers

  mutating func advance() {
    previousEnd = current.end
    current = lexer.next()
  }

  /// The token after `current`, without consuming anything.
  func peek() -> Token {
    var copy = lexer
    return copy.next()
  }

  mutating func expect(_ kind: TokenKind, _ description: String) throws(Diagnostic) {
    guard current.kind == kind else { throw unexpected(expected: description) }
    advance()
  }

  func tokenSpan(_ t: Token) -> SourceSpan {
    SourceSpan(file: fileID, start: t.start, end: t.end)
  }

  func span(from start: Int) -> SourceSpan {
    SourceSpan(file: fileID, start: start, end: previousEnd)
  }

  func text(_ t: Token) -> String {
    String(decoding: bytes[t.start..<t.end], as: UTF8.self)
  }

  /// The decoded value of a string token.
  func stringValue(_ t: Token) -> String {
    if let decoded = t.decoded { return String(decoding: decoded, as: UTF8.self) }
    return String(decoding: bytes[(t.start + 1)..<max(t.start + 1, t.end - 1)], as: UTF8.self)
  }

  /// The error for an unexpected current token (or the lexer's own error for a bad token).
  func unexpected(expected: String) -> Diagnostic {
    if current.kind == .error {
      return Diagnostic.error(
        .syntax, current.errorMessage ?? "invalid token",
        at: SourceSpan(file: fileID, start: current.errorStart, end: current.errorEnd))
    }
    return Diagnostic.error(
      .syntax, "expected \(expected), found \(describe(current))", at: tokenSpan(current))
  }

  /// A readable name for a token in "found X" messages.
  func describe(_ t: Token) -> String {
    switch t.kind {
    case .identifier: return "identifier `\(clipped(t))`"
    case .variable: return "variable `\(clipped(t))`"
    default: return Token.describe(t.kind)
    }
  }

  private func clipped(_ t: Token) -> String {
    let limit = 40
    if t.end - t.start <= limit { return text(t) }
    return String(decoding: bytes[t.start..<(t.start + limit)], as: UTF8.self) + "..."
  }
}
