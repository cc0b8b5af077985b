import GwlogEngine

/// A small AST → gwlog text printer for failure messages, independent of the engine's
/// `Printer`: symbols are quoted, every binary term is parenthesised.
public enum ProgramText {
  /// The program as source text, one statement per line (clauses, queries and directives;
  /// declarations are printed in their `.decl` form).
  public static func render(_ program: Program) -> String {
    program.statements.map(render).joined(separator: "\n")
  }

  /// One statement as a line of source text.
  public static func render(_ statement: Statement) -> String {
    switch statement {
    case .clause(let c): return render(c)
    case .query(let q): return "?- \(render(q.goal))."
    case .declaration(let d):
      let columns = d.columns.map { "\($0.name): \($0.typeName)" }.joined(separator: ", ")
      return ".decl \(d.name)(\(columns))"
    case .directive(let d):
      return ".\(d.kind.rawValue) \(d.relations.map(\.name).joined(separator: ", "))"
    case .typeDeclaration(let t): return ".type \(t.name) <: \(t.base?.rawValue ?? "symbol")"
    }
  }

  /// A clause: `head.` or `head :- l1, l2.`.
  public static func render(_ clause: Clause) -> String {
    if clause.body.isEmpty { return render(clause.head) + "." }
    return render(clause.head) + " :- " + render(clause.body) + "."
  }

  /// A conjunction of literals separated by `, `.
  public static func render(_ body: [Literal]) -> String {
    body.map(render).joined(separator: ", ")
  }

  /// A literal: an atom, `!atom`, or `lhs op rhs`.
  public static func render(_ literal: Literal) -> String {
    switch literal {
    case .positive(let a): return render(a)
    case .negative(let a, _): return "!" + render(a)
    case .comparison(let l, let op, let r, _): return "\(render(l)) \(op.rawValue) \(render(r))"
    }
  }

  /// An atom `name(t1, ..., tn)`; a nullary atom prints as `name()`.
  public static func render(_ atom: Atom) -> String {
    "\(atom.name)(\(atom.arguments.map(render).joined(separator: ", ")))"
  }

  /// A term; symbols quoted, binary terms in parentheses.
  public static func render(_ term: Term) -> String {
    switch term {
    case .variable(let n, _): return n
    case .wildcard: return "_"
    case .symbol(let s, _): return Value.quoted(s)
    case .integer(let i, _): return String(i)
    case .binary(let op, let l, let r, _): return "(\(render(l)) \(op.rawValue) \(render(r)))"
    case .negate(let t, _): return "-(\(render(t)))"
    case .call(let f, let args, _): return "\(f)(\(args.map(render).joined(separator: ", ")))"
    case .aggregate(let a):
      let target = a.target.map { " " + render($0) } ?? ""
      return "\(a.function.rawValue)\(target) : { \(render(a.body)) }"
    }
  }

  /// Tuples of a relation as fact lines, sorted in output order.
  public static func render(relation: String, tuples: Set<[Value]>) -> String {
    tuples.sorted { $0.lexicographicallyPrecedes($1) }
      .map { "\(relation)(\($0.map(\.description).joined(separator: ", ")))." }
      .joined(separator: "\n")
  }
}
