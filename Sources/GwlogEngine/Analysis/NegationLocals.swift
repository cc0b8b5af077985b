/// Variables local to negated atoms (docs/language.md#negation): `P` in
/// `r(X) :- p(X), !q(X, P).` occurs nowhere else, so the negation means "there is no `P`
/// such that `q(X, P)`", as a `_` would; repeated, `!s(X, P, P)`, it also asks for equal
/// columns.
///
/// A named variable is negation-local when every occurrence of it in the rule is a plain
/// argument of a negated atom (at any depth, inside aggregates too). It is then local to
/// each of those atoms on its own: `!a(X, P), !b(X, P)` means no `a(X, _)` and no
/// `b(X, _)`. An occurrence anywhere else (the head, a positive atom, a comparison, an
/// aggregate target, or inside arithmetic) makes it an ordinary variable that must be bound.
/// Negated built-ins take no local variables; safety analysis reports those as unbound.
enum NegationLocals {
  /// The negation-local variables of `clause`.
  static func names(in clause: Clause) -> Set<String> {
    var underNegation: Set<String> = []
    var elsewhere: [(String, SourceSpan)] = []
    for t in clause.head.arguments { TermWalk.allVariables(t, into: &elsewhere) }
    collect(clause.body, &underNegation, &elsewhere)
    return underNegation.subtracting(elsewhere.map(\.0))
  }

  private static func collect(
    _ body: [Literal], _ underNegation: inout Set<String>,
    _ elsewhere: inout [(String, SourceSpan)]
  ) {
    for literal in body {
      switch literal {
      case .negative(let atom, _):
        for t in atom.arguments {
          if case .variable(let name, _) = t {
            underNegation.insert(name)
          } else {
            TermWalk.allVariables(t, into: &elsewhere)
          }
        }
      case .positive(let atom):
        for t in atom.arguments { TermWalk.allVariables(t, into: &elsewhere) }
      case .comparison(let l, _, let r, _):
        for side in [l, r] {
          if case .aggregate(let a) = side {
            if let target = a.target { TermWalk.allVariables(target, into: &elsewhere) }
            collect(a.body, &underNegation, &elsewhere)
          } else {
            TermWalk.allVariables(side, into: &elsewhere)
          }
        }
      }
    }
  }

  /// The atom as a proof or a why-not shows it: a local variable that occurs once in it
  /// becomes `_` (any value), a repeated one keeps its name (equal values).
  static func shown(_ atom: Atom, locals: Set<String>) -> Atom {
    guard !locals.isEmpty else { return atom }
    var counts: [String: Int] = [:]
    for case .variable(let name, _) in atom.arguments where locals.contains(name) {
      counts[name, default: 0] += 1
    }
    var out = atom
    out.arguments = atom.arguments.map { t in
      if case .variable(let name, let span) = t, counts[name] == 1 { return .wildcard(span) }
      return t
    }
    return out
  }

  /// Whether a negated atom repeats a local variable (`!s(X, P, P)`): its columns must then
  /// be equal, which a pattern of known values and `_` cannot express.
  static func repeatsLocal(_ atom: Atom, locals: Set<String>) -> Bool {
    var seen: Set<String> = []
    for case .variable(let name, _) in atom.arguments where locals.contains(name) {
      if !seen.insert(name).inserted { return true }
    }
    return false
  }
}
