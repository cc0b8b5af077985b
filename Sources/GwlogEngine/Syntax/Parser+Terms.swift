/// Atoms, literals and terms: precedence climbing for `+ - * / %` (left-associative, `* / %`
/// binding tighter), unary minus, calls and Soufflé-shaped aggregates.
///
/// Every nesting step (parentheses, unary minus, each operator of a chain, call arguments,
/// aggregate bodies) adds one to `depth`; past `Limits.maximumExpressionDepth` parsing stops
/// with a `limit` error, so recursion here and over the resulting tree stays bounded.
extension Parser {
  /// The error reported when input nests deeper than the limit.
  static var depthMessage: String {
    "expression nested deeper than \(Limits.maximumExpressionDepth) levels"
  }

  func checkDepth(_ depth: Int) throws(Diagnostic) {
    if depth > Limits.maximumExpressionDepth {
      throw Diagnostic.error(.limit, Self.depthMessage, at: tokenSpan(current))
    }
  }

  // MARK: - Atoms and literals

  /// An atom `name(args)` or a nullary `name`; upper-case relation names need parentheses.
  mutating func parseAtom(depth: Int) throws(Diagnostic) -> Atom {
    guard current.kind == .identifier || current.kind == .variable else {
      throw unexpected(expected: "a relation name")
    }
    let nameToken = current
    let name = text(nameToken)
    advance()
    var arguments: [Term] = []
    if current.kind == .leftParen {
      arguments = try parseArguments(depth: depth)
    } else if nameToken.kind == .variable {
      throw unexpected(expected: "`(`")
    }
    return Atom(
      name: name, arguments: arguments, span: span(from: nameToken.start),
      nameSpan: tokenSpan(nameToken))
  }

  /// A parenthesised, comma-separated argument list; `current` is the `(`.
  mutating func parseArguments(depth: Int) throws(Diagnostic) -> [Term] {
    try checkDepth(depth + 1)
    advance()
    var arguments: [Term] = []
    if current.kind == .rightParen {
      advance()
      return arguments
    }
    while true {
      arguments.append(try parseExpression(depth: depth + 1))
      if current.kind == .comma {
        advance()
        continue
      }
      if current.kind == .rightParen {
        advance()
        return arguments
      }
      throw unexpected(expected: "`)` or `,`")
    }
  }

  /// A body literal: `!atom`, `not atom`, `atom`, or `term op term`.
  mutating func parseLiteral(depth: Int) throws(Diagnostic) -> Literal {
    let start = current.start
    if current.kind == .bang
      || (current.kind == .identifier && text(current) == "not"
        && [TokenKind.identifier, .variable].contains(peek().kind))
    {
      advance()
      let atom = try parseAtom(depth: depth)
      return .negative(atom, span(from: start))
    }
    guard canStartTerm(current.kind) else { throw unexpected(expected: "a literal") }
    // A literal is parsed as a term first; a plain call or bare identifier that is not
    // followed by a comparison is then read as an atom (no backtracking needed).
    let term = try parseExpression(depth: depth)
    if let op = Self.comparisonOperator(current.kind) {
      advance()
      let rhs = try parseExpression(depth: depth)
      return .comparison(term, op, rhs, span(from: start))
    }
    if term.span.start == start {
      switch term {
      case .call(let name, let arguments, let s):
        let nameSpan = SourceSpan(file: fileID, start: start, end: start + name.utf8.count)
        return .positive(Atom(name: name, arguments: arguments, span: s, nameSpan: nameSpan))
      case .symbol(let name, let s) where bytes[start] != UInt8(ascii: "\""):
        return .positive(Atom(name: name, arguments: [], span: s, nameSpan: s))
      default:
        break
      }
    }
    throw unexpected(expected: "a comparison operator")
  }

  func canStartTerm(_ kind: TokenKind) -> Bool {
    switch kind {
    case .identifier, .variable, .wildcard, .string, .integer, .leftParen, .minus: return true
    default: return false
    }
  }

  static func comparisonOperator(_ kind: TokenKind) -> ComparisonOperator? {
    switch kind {
    case .equal: return .equal
    case .notEqual: return .notEqual
    case .less: return .less
    case .lessOrEqual: return .lessOrEqual
    case .greater: return .greater
    case .greaterOrEqual: return .greaterOrEqual
    default: return nil
    }
  }

  // MARK: - Terms

  /// An additive chain `a + b - c` of multiplicative terms.
  mutating func parseExpression(depth: Int) throws(Diagnostic) -> Term {
    try checkDepth(depth)
    var left = try parseMultiplicative(depth: depth)
    var level = 0
    while let op = Self.additiveOperator(current.kind) {
      level += 1
      try checkDepth(depth + level)
      advance()
      let right = try parseMultiplicative(depth: depth + level)
      left = .binary(op, left, right, left.span.merged(with: right.span))
    }
    return left
  }

  mutating func parseMultiplicative(depth: Int) throws(Diagnostic) -> Term {
    var left = try parseUnary(depth: depth)
    var level = 0
    while let op = Self.multiplicativeOperator(current.kind) {
      level += 1
      try checkDepth(depth + level)
      advance()
      let right = try parseUnary(depth: depth + level)
      left = .binary(op, left, right, left.span.merged(with: right.span))
    }
    return left
  }

  /// Unary minus; directly on an integer literal it folds into a negative constant.
  mutating func parseUnary(depth: Int) throws(Diagnostic) -> Term {
    guard current.kind == .minus else { return try parsePrimary(depth: depth) }
    let start = current.start
    try checkDepth(depth + 1)
    advance()
    if current.kind == .integer {
      let magnitude = current.magnitude
      advance()
      let value =
        magnitude == Lexer.maximumMagnitude ? Int64.min : -Int64(truncatingIfNeeded: magnitude)
      return .integer(value, span(from: start))
    }
    let operand = try parseUnary(depth: depth + 1)
    return .negate(operand, span(from: start))
  }

  mutating func parsePrimary(depth: Int) throws(Diagnostic) -> Term {
    let token = current
    switch token.kind {
    case .variable:
      advance()
      if current.kind == .leftParen { return try parseCall(token, depth: depth) }
      return .variable(text(token), tokenSpan(token))
    case .wildcard:
      advance()
      return .wildcard(tokenSpan(token))
    case .string:
      advance()
      return .symbol(stringValue(token), tokenSpan(token))
    case .integer:
      guard token.magnitude < Lexer.maximumMagnitude else {
        throw Diagnostic.error(
          .syntax, "integer `\(text(token))` is out of range", at: tokenSpan(token))
      }
      advance()
      return .integer(Int64(token.magnitude), tokenSpan(token))
    case .leftParen:
      try checkDepth(depth + 1)
      advance()
      let inner = try parseExpression(depth: depth + 1)
      try expect(.rightParen, "`)`")
      return inner
    case .identifier:
      let name = text(token)
      advance()
      if let function = try aggregateFunction(name) {
        return .aggregate(try parseAggregate(function, start: token.start, depth: depth))
      }
      if current.kind == .leftParen { return try parseCall(token, depth: depth) }
      return .symbol(name, tokenSpan(token))
    default:
      throw unexpected(expected: "a term")
    }
  }

  mutating func parseCall(_ nameToken: Token, depth: Int) throws(Diagnostic) -> Term {
    let arguments = try parseArguments(depth: depth)
    return .call(text(nameToken), arguments, span(from: nameToken.start))
  }

  /// Whether the identifier just consumed starts an aggregate: `count` before `:`, and
  /// `sum`/`min`/`max` before a target term that runs up to a `:` (Soufflé's grammar: the
  /// target is a whole expression, so `sum (X + 1) * 2 : {...}` sums `(X + 1) * 2`).
  ///
  /// A `(` right after `sum`/`min`/`max` is looked ahead over (a bounded scan) to tell
  /// `sum (X) * 2 : {...}` from a call `min(X, Y)`. A `-` after them starts an aggregate
  /// target (`sum -X : {...}`), so the symbols `sum`, `min` and `max` cannot be the left
  /// operand of a subtraction. Soufflé's `mean` in the same shape is refused (no floats).
  func aggregateFunction(_ name: String) throws(Diagnostic) -> AggregateFunction? {
    if name == "mean" && startsAggregateTarget() {
      throw Diagnostic.error(
        .syntax, "the `mean` aggregate is not supported", at: tokenSpan(current),
        help: "gwlog has integers only: compute `sum` and `count` and divide them")
    }
    guard let function = AggregateFunction(rawValue: name) else { return nil }
    if function == .count { return current.kind == .colon ? .count : nil }
    return startsAggregateTarget() ? function : nil
  }

  /// Whether `current` starts the target of a `sum`/`min`/`max` aggregate rather than the
  /// arguments of a call or the rest of an expression.
  private func startsAggregateTarget() -> Bool {
    switch current.kind {
    case .identifier, .variable, .wildcard, .string, .integer, .minus:
      return true
    case .leftParen:
      return colonEndsTerm()
    default:
      return false
    }
  }

  /// Whether the term starting at `current` (a `(`) is followed, at its own nesting level,
  /// by `:` before anything that ends a term (`,`, `.`, a comparison, a closing bracket).
  private func colonEndsTerm() -> Bool {
    var scan = lexer
    var depth = 1
    var budget = 10_000
    while budget > 0 {
      budget -= 1
      let t = scan.next()
      switch t.kind {
      case .leftParen, .leftBrace, .leftBracket: depth += 1
      case .rightParen, .rightBrace, .rightBracket:
        depth -= 1
        if depth < 0 { return false }
      case .colon where depth == 0: return true
      case .endOfFile, .dot, .colonDash, .queryMark: return false
      case .comma, .semicolon, .bang, .equal, .notEqual, .less, .lessOrEqual, .greater,
        .greaterOrEqual:
        if depth == 0 { return false }
      default: break
      }
    }
    return false
  }

  /// `count : { body }`, `count : atom`, `sum T : { body }` and so on; the function name has
  /// been consumed.
  mutating func parseAggregate(_ function: AggregateFunction, start: Int, depth: Int)
    throws(Diagnostic) -> Aggregate
  {
    try checkDepth(depth + 1)
    var target: Term?
    if function != .count { target = try parseExpression(depth: depth + 1) }
    try expect(.colon, "`:`")
    var body: [Literal] = []
    if current.kind == .leftBrace {
      advance()
      body.append(try parseLiteral(depth: depth + 1))
      while current.kind == .comma {
        advance()
        body.append(try parseLiteral(depth: depth + 1))
      }
      if current.kind == .semicolon {
        throw Diagnostic.error(
          .syntax, "disjunction `;` is not supported", at: tokenSpan(current),
          help: "write one aggregate per alternative")
      }
      try expect(.rightBrace, "`,` or `}`")
    } else {
      body.append(.positive(try parseAtom(depth: depth + 1)))
    }
    return Aggregate(function: function, target: target, body: body, span: span(from: start))
  }

  static func additiveOperator(_ kind: TokenKind) -> ArithmeticOperator? {
    switch kind {
    case .plus: return .add
    case .minus: return .subtract
    default: return nil
    }
  }

  static func multiplicativeOperator(_ kind: TokenKind) -> ArithmeticOperator? {
    switch kind {
    case .star: return .multiply
    case .slash: return .divide
    case .percent: return .remainder
    default: return nil
    }
  }
}
