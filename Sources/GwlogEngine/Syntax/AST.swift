/// The abstract syntax of gwlog programs: what the parser produces and analysis consumes.
///
/// INVARIANT: the parser bounds nesting (`Limits.maximumExpressionDepth`), so recursive
/// walks over `Term` and the recursive deallocation of its indirect cases cannot overflow
/// the stack.

/// Binary integer operators, in the usual precedence classes.
public enum ArithmeticOperator: String, Sendable, Hashable {
  case add = "+"
  case subtract = "-"
  case multiply = "*"
  case divide = "/"
  case remainder = "%"
}

/// Comparison operators usable as body literals.
public enum ComparisonOperator: String, Sendable, Hashable {
  case equal = "="
  case notEqual = "!="
  case less = "<"
  case lessOrEqual = "<="
  case greater = ">"
  case greaterOrEqual = ">="
}

/// The aggregate functions of Soufflé's `count : { ... }` shape.
public enum AggregateFunction: String, Sendable, Hashable {
  case count, sum, min, max
}

/// An aggregate term such as `count : { edge(_, _) }` or `sum X : { size(_, X) }`.
public struct Aggregate: Sendable {
  /// Which aggregate is computed.
  public var function: AggregateFunction
  /// The aggregated expression (`X` in `sum X : {...}`); nil for `count`.
  public var target: Term?
  /// The conjunction the aggregate ranges over.
  public var body: [Literal]
  /// The whole aggregate expression.
  public var span: SourceSpan

  /// Creates an aggregate term.
  public init(function: AggregateFunction, target: Term?, body: [Literal], span: SourceSpan) {
    self.function = function
    self.target = target
    self.body = body
    self.span = span
  }
}

/// A term: a variable, a constant, or an expression built from them.
public indirect enum Term: Sendable {
  /// A named variable (`X`, `_tmp`).
  case variable(String, SourceSpan)
  /// The anonymous variable `_`; each occurrence is fresh.
  case wildcard(SourceSpan)
  /// A symbol constant: `"text"` or a bare lower-case identifier (`svc` == `"svc"`).
  case symbol(String, SourceSpan)
  /// A 64-bit integer constant.
  case integer(Int64, SourceSpan)
  /// Binary arithmetic, left-associative within a precedence class.
  case binary(ArithmeticOperator, Term, Term, SourceSpan)
  /// Unary minus.
  case negate(Term, SourceSpan)
  /// A call of a registered built-in function, `f(t1, ..., tn)` inside a term.
  case call(String, [Term], SourceSpan)
  /// An aggregate; only allowed as one side of an `=` comparison.
  case aggregate(Aggregate)

  /// The source range of the term.
  public var span: SourceSpan {
    switch self {
    case .variable(_, let s), .wildcard(let s), .symbol(_, let s), .integer(_, let s),
      .binary(_, _, _, let s), .negate(_, let s), .call(_, _, let s):
      return s
    case .aggregate(let a): return a.span
    }
  }
}

/// A relation (or built-in predicate) applied to arguments: `edge(X, "b")`.
public struct Atom: Sendable {
  /// The relation name as written.
  public var name: String
  /// The arguments, in order; empty for a nullary relation `ok()`.
  public var arguments: [Term]
  /// The whole atom.
  public var span: SourceSpan
  /// Just the relation name (for carets on unknown relations).
  public var nameSpan: SourceSpan

  /// Creates an atom.
  public init(name: String, arguments: [Term], span: SourceSpan, nameSpan: SourceSpan) {
    self.name = name
    self.arguments = arguments
    self.span = span
    self.nameSpan = nameSpan
  }
}

/// A body literal.
public enum Literal: Sendable {
  /// A positive atom.
  case positive(Atom)
  /// A negated atom (`!a(X)` or `not a(X)`); `span` covers the operator too.
  case negative(Atom, SourceSpan)
  /// A comparison `lhs op rhs`; `X = expr` may bind `X`.
  case comparison(Term, ComparisonOperator, Term, SourceSpan)

  /// The source range of the literal.
  public var span: SourceSpan {
    switch self {
    case .positive(let a): return a.span
    case .negative(_, let s), .comparison(_, _, _, let s): return s
    }
  }
}

/// A rule `head :- body.` or, with an empty body, a fact `head.`.
public struct Clause: Sendable {
  /// The head atom.
  public var head: Atom
  /// The body literals; empty for a fact.
  public var body: [Literal]
  /// The whole clause including the final period.
  public var span: SourceSpan

  /// Creates a clause.
  public init(head: Atom, body: [Literal], span: SourceSpan) {
    self.head = head
    self.body = body
    self.span = span
  }
}

/// The type of a declared column.
public enum ColumnType: String, Sendable, Hashable {
  case symbol, number
}

/// One column of a `.decl`: its name and its type (nil when the type is a user type of
/// unknown base, which behaves as untyped).
public struct ColumnDeclaration: Sendable {
  /// The column name.
  public var name: String
  /// The resolved type, or nil for untyped.
  public var type: ColumnType?
  /// The type name as written (`symbol`, `number`, or a `.type` name).
  public var typeName: String
  /// The `name: type` text.
  public var span: SourceSpan

  /// Creates a column declaration.
  public init(name: String, type: ColumnType?, typeName: String, span: SourceSpan) {
    self.name = name
    self.type = type
    self.typeName = typeName
    self.span = span
  }
}

/// A `.decl rel(a: symbol, b: number)` declaration.
public struct Declaration: Sendable {
  /// The relation name.
  public var name: String
  /// The columns, in order.
  public var columns: [ColumnDeclaration]
  /// The whole declaration.
  public var span: SourceSpan
  /// Just the name.
  public var nameSpan: SourceSpan

  /// Creates a declaration.
  public init(name: String, columns: [ColumnDeclaration], span: SourceSpan, nameSpan: SourceSpan) {
    self.name = name
    self.columns = columns
    self.span = span
    self.nameSpan = nameSpan
  }
}

/// The kinds of relation-list directives.
public enum DirectiveKind: String, Sendable, Hashable {
  /// `.input rel`: load `rel.facts` from the facts directory.
  case input
  /// `.output rel`: write `rel.csv` to the output directory.
  case output
  /// `.printsize rel`: Soufflé's size printing, accepted and treated like `.output`.
  case printsize
  /// `.fixed rel`: the relation is not repairable in why-not explanations.
  case fixed
}

/// A directive naming relations, with optional Soufflé-style `(key="value", ...)` parameters.
public struct Directive: Sendable {
  /// Which directive.
  public var kind: DirectiveKind
  /// The relations named, each with its span.
  public var relations: [(name: String, span: SourceSpan)]
  /// Parameters such as `filename="edges.tsv"`, in source order.
  public var parameters: [(key: String, value: String)]
  /// The whole directive.
  public var span: SourceSpan

  /// Creates a directive.
  public init(
    kind: DirectiveKind, relations: [(name: String, span: SourceSpan)],
    parameters: [(key: String, value: String)], span: SourceSpan
  ) {
    self.kind = kind
    self.relations = relations
    self.parameters = parameters
    self.span = span
  }
}

/// A `.type Name <: symbol` (or `= number`, or a union) declaration.
public struct TypeDeclaration: Sendable {
  /// The declared type name.
  public var name: String
  /// The base it resolves to, when it is known (`symbol` or `number`), else nil.
  public var base: ColumnType?
  /// For `= A | B` unions and `= Other` aliases: the type names it refers to.
  public var references: [String]
  /// The whole declaration.
  public var span: SourceSpan

  /// Creates a type declaration.
  public init(name: String, base: ColumnType?, references: [String], span: SourceSpan) {
    self.name = name
    self.base = base
    self.references = references
    self.span = span
  }
}

/// A `?- atom.` query.
public struct Query: Sendable {
  /// The goal.
  public var goal: Atom
  /// The whole query.
  public var span: SourceSpan

  /// Creates a query.
  public init(goal: Atom, span: SourceSpan) {
    self.goal = goal
    self.span = span
  }
}

/// One top-level item of a source file, in source order.
public enum Statement: Sendable {
  case clause(Clause)
  case declaration(Declaration)
  case directive(Directive)
  case typeDeclaration(TypeDeclaration)
  case query(Query)
}

/// A parsed source file.
public struct Program: Sendable {
  /// The statements in source order.
  public var statements: [Statement]

  /// Creates a program.
  public init(statements: [Statement] = []) {
    self.statements = statements
  }
}

/// Nesting and size limits that keep input from overflowing the stack (docs/language.md#limits).
public enum Limits {
  /// Deepest allowed term nesting (parentheses, unary minus, operator chains, aggregates).
  public static let maximumExpressionDepth = 256
  /// Most literals in one rule body (the join loop recurses once per literal).
  public static let maximumBodyLiterals = 1_000
  /// Most arguments of one relation.
  public static let maximumArity = 4_096
  /// Deepest allowed JSON nesting for importers.
  public static let maximumJSONDepth = 512
}
