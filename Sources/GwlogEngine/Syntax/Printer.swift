/// Prints the AST as canonical source text that parses back to the same tree (spans aside):
/// symbols always quoted, parentheses only where precedence or left associativity needs
/// them, `!` for negation, Soufflé forms for aggregates and directives.
///
/// Recursion is bounded because the parser bounds nesting (`Limits.maximumExpressionDepth`).
public enum Printer {
  /// A term in source form, such as `X + 1` or `count : { edge(_, _) }`.
  public static func term(_ t: Term) -> String {
    switch t {
    case .variable(let name, _): return name
    case .wildcard: return "_"
    case .symbol(let s, _): return Value.quoted(s)
    case .integer(let i, _): return String(i)
    case .binary(let op, let lhs, let rhs, _):
      let p = precedence(op)
      let left = operand(lhs, parenthesize: precedence(of: lhs) < p)
      let right = operand(rhs, parenthesize: precedence(of: rhs) <= p)
      return "\(left) \(op.rawValue) \(right)"
    case .negate(let inner, _):
      // `-` directly on a non-negative literal would fold into a constant when re-parsed.
      if case .integer(let i, _) = inner, i >= 0 { return "-(\(i))" }
      return "-" + operand(inner, parenthesize: precedence(of: inner) < unaryPrecedence)
    case .call(let name, let arguments, _):
      return name + "(" + arguments.map(term).joined(separator: ", ") + ")"
    case .aggregate(let a):
      return aggregate(a)
    }
  }

  /// An aggregate such as `sum X : { size(_, X) }`.
  public static func aggregate(_ a: Aggregate) -> String {
    var out = a.function.rawValue
    if let target = a.target {
      // A parenthesised target would read as a call, so it is always printed bare unless
      // it starts with `-` or `(`, which need the parentheses.
      let text = term(target)
      out += " " + (text.hasPrefix("-") || text.hasPrefix("(") ? "(\(text))" : text)
    }
    return out + " : { " + a.body.map(literal).joined(separator: ", ") + " }"
  }

  /// An atom such as `edge(X, "b")`; nullary atoms print as `ok()`.
  public static func atom(_ a: Atom) -> String {
    a.name + "(" + a.arguments.map(term).joined(separator: ", ") + ")"
  }

  /// A body literal.
  public static func literal(_ l: Literal) -> String {
    switch l {
    case .positive(let a): return atom(a)
    case .negative(let a, _): return "!" + atom(a)
    case .comparison(let lhs, let op, let rhs, _):
      return "\(term(lhs)) \(op.rawValue) \(term(rhs))"
    }
  }

  /// A clause with its final period: `head.` or `head :- a, b.`.
  public static func clause(_ c: Clause) -> String {
    if c.body.isEmpty { return atom(c.head) + "." }
    return atom(c.head) + " :- " + c.body.map(literal).joined(separator: ", ") + "."
  }

  /// One statement on one line.
  public static func statement(_ s: Statement) -> String {
    switch s {
    case .clause(let c): return clause(c)
    case .query(let q): return "?- " + atom(q.goal) + "."
    case .declaration(let d):
      let columns = d.columns.map { "\($0.name): \($0.typeName)" }.joined(separator: ", ")
      return ".decl \(d.name)(\(columns))"
    case .directive(let d):
      var out = ".\(d.kind.rawValue) " + d.relations.map(\.name).joined(separator: ", ")
      if !d.parameters.isEmpty {
        out +=
          "("
          + d.parameters.map { "\($0.key)=\(Value.quoted($0.value))" }
          .joined(separator: ", ") + ")"
      }
      return out
    case .typeDeclaration(let t):
      if let base = t.base { return ".type \(t.name) <: \(base.rawValue)" }
      return ".type \(t.name) = " + t.references.joined(separator: " | ")
    }
  }

  /// A whole program, one statement per line.
  public static func program(_ p: Program) -> String {
    p.statements.map { statement($0) + "\n" }.joined()
  }

  private static let unaryPrecedence = 3
  private static let primaryPrecedence = 4

  private static func precedence(_ op: ArithmeticOperator) -> Int {
    switch op {
    case .add, .subtract: return 1
    case .multiply, .divide, .remainder: return 2
    }
  }

  private static func precedence(of t: Term) -> Int {
    switch t {
    case .binary(let op, _, _, _): return precedence(op)
    case .negate: return unaryPrecedence
    case .integer(let i, _) where i < 0: return unaryPrecedence
    // An aggregate operand is parenthesised so that a following `%` stays an operator.
    case .aggregate: return 0
    default: return primaryPrecedence
    }
  }

  private static func operand(_ t: Term, parenthesize: Bool) -> String {
    parenthesize ? "(" + term(t) + ")" : term(t)
  }
}
