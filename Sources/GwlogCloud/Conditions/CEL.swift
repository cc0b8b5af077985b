/// A parsed IAM condition in the CEL subset of docs/google-cloud-model.md#conditions, and its parser.
///
/// Grammar (CEL precedence): `or := and ("||" and)*`, `and := rel ("&&" rel)*`,
/// `rel := unary (("=="|"!="|"<"|"<="|">"|">=") unary)?`, `unary := "!" unary | member`,
/// `member := primary ("." IDENT ("(" args ")")?)*`,
/// `primary := IDENT ("(" args ")")? | STRING | INT | "(" or ")"`.
/// Nesting is bounded (`maximumDepth`), so hostile input cannot overflow the stack.
indirect enum CELExpression: Equatable {
  case string(String)
  case integer(Int64)
  case identifier(String)
  /// `target.name`
  case member(CELExpression, String)
  /// `name(args)` when `target` is nil, else `target.name(args)`.
  case call(target: CELExpression?, name: String, arguments: [CELExpression])
  case not(CELExpression)
  case and(CELExpression, CELExpression)
  case or(CELExpression, CELExpression)
  case compare(String, CELExpression, CELExpression)
}

/// The recursive-descent parser of `CELExpression`.
struct CELParser {
  /// How deeply expressions may nest (parentheses, `!`, calls) before the parser gives up.
  static let maximumDepth = 64

  private let tokens: [CELToken]
  private var index = 0
  private var depth = 0

  /// The expression of `text`, or nil on a syntax error or anything outside the subset.
  static func parse(_ text: String) -> CELExpression? {
    guard let tokens = CELLexer.tokens(text) else { return nil }
    var parser = CELParser(tokens: tokens)
    guard let expression = parser.or(), parser.index == tokens.count else { return nil }
    return expression
  }

  private init(tokens: [CELToken]) { self.tokens = tokens }

  private mutating func accept(_ symbol: String) -> Bool {
    guard index < tokens.count, tokens[index] == .symbol(symbol) else { return false }
    index += 1
    return true
  }

  /// Enters one level of nesting; false past `maximumDepth`.
  private mutating func descend() -> Bool {
    depth += 1
    return depth <= Self.maximumDepth
  }

  private mutating func or() -> CELExpression? {
    guard descend(), var left = and() else { return nil }
    defer { depth -= 1 }
    while accept("||") {
      guard let right = and() else { return nil }
      left = .or(left, right)
    }
    return left
  }

  private mutating func and() -> CELExpression? {
    guard var left = relation() else { return nil }
    while accept("&&") {
      guard let right = relation() else { return nil }
      left = .and(left, right)
    }
    return left
  }

  private mutating func relation() -> CELExpression? {
    guard let left = unary() else { return nil }
    for op in ["==", "!=", "<=", ">=", "<", ">"] where accept(op) {
      guard let right = unary() else { return nil }
      return .compare(op, left, right)
    }
    return left
  }

  private mutating func unary() -> CELExpression? {
    if accept("!") {
      guard descend() else { return nil }
      defer { depth -= 1 }
      return unary().map { .not($0) }
    }
    return member()
  }

  private mutating func member() -> CELExpression? {
    guard var expression = primary() else { return nil }
    while accept(".") {
      guard index < tokens.count, case .identifier(let name) = tokens[index] else { return nil }
      index += 1
      if accept("(") {
        guard let arguments = arguments() else { return nil }
        expression = .call(target: expression, name: name, arguments: arguments)
      } else {
        expression = .member(expression, name)
      }
    }
    return expression
  }

  private mutating func primary() -> CELExpression? {
    guard index < tokens.count else { return nil }
    let token = tokens[index]
    index += 1
    switch token {
    case .string(let s): return .string(s)
    case .integer(let i): return .integer(i)
    case .identifier(let name):
      if accept("(") {
        return arguments().map { .call(target: nil, name: name, arguments: $0) }
      }
      return .identifier(name)
    case .symbol("("):
      guard let inner = or(), accept(")") else { return nil }
      return inner
    case .symbol: return nil
    }
  }

  /// Call arguments after `(`, through the closing `)`.
  private mutating func arguments() -> [CELExpression]? {
    var arguments: [CELExpression] = []
    if accept(")") { return arguments }
    repeat {
      guard let argument = or() else { return nil }
      arguments.append(argument)
    } while accept(",")
    return accept(")") ? arguments : nil
  }
}
