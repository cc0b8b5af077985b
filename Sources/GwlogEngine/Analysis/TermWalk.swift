/// Small queries over terms and literals shared by the analysis passes.
enum TermWalk {
  /// Named variables of a term, in order of occurrence (aggregates are opaque: their inner
  /// variables are not included).
  static func variables(_ t: Term, into out: inout [(String, SourceSpan)]) {
    switch t {
    case .variable(let name, let span): out.append((name, span))
    case .wildcard, .symbol, .integer, .aggregate: break
    case .binary(_, let l, let r, _):
      variables(l, into: &out)
      variables(r, into: &out)
    case .negate(let x, _): variables(x, into: &out)
    case .call(_, let args, _): for a in args { variables(a, into: &out) }
    }
  }

  /// Named variables of a term (aggregates opaque).
  static func variables(_ t: Term) -> [(String, SourceSpan)] {
    var out: [(String, SourceSpan)] = []
    variables(t, into: &out)
    return out
  }

  /// Every named variable of an aggregate: its target and body, including nested aggregates.
  static func allVariables(of a: Aggregate) -> [(String, SourceSpan)] {
    var out: [(String, SourceSpan)] = []
    if let target = a.target { allVariables(target, into: &out) }
    for literal in a.body { allVariables(literal, into: &out) }
    return out
  }

  /// The named variables of an aggregate's own scope (target and body, nested aggregates
  /// opaque).
  ///
  /// A nested aggregate shares these with its enclosing aggregate: they are its group
  /// variables (docs/language.md#aggregates).
  static func scopeVariables(of a: Aggregate) -> Set<String> {
    var out: [(String, SourceSpan)] = []
    if let target = a.target { variables(target, into: &out) }
    for literal in a.body {
      switch literal {
      case .positive(let atom), .negative(let atom, _):
        for t in atom.arguments { variables(t, into: &out) }
      case .comparison(let l, _, let r, _):
        variables(l, into: &out)
        variables(r, into: &out)
      }
    }
    return Set(out.map(\.0))
  }

  /// Every named variable of a term, looking inside aggregates.
  static func allVariables(_ t: Term, into out: inout [(String, SourceSpan)]) {
    switch t {
    case .aggregate(let a): out.append(contentsOf: allVariables(of: a))
    case .binary(_, let l, let r, _):
      allVariables(l, into: &out)
      allVariables(r, into: &out)
    case .negate(let x, _): allVariables(x, into: &out)
    case .call(_, let args, _): for a in args { allVariables(a, into: &out) }
    default: variables(t, into: &out)
    }
  }

  /// Every named variable of a literal, looking inside aggregates.
  static func allVariables(_ l: Literal, into out: inout [(String, SourceSpan)]) {
    switch l {
    case .positive(let a), .negative(let a, _):
      for t in a.arguments { allVariables(t, into: &out) }
    case .comparison(let lhs, _, let rhs, _):
      allVariables(lhs, into: &out)
      allVariables(rhs, into: &out)
    }
  }

  /// Whether a term contains a wildcard `_` outside aggregates.
  static func wildcard(in t: Term) -> SourceSpan? {
    switch t {
    case .wildcard(let s): return s
    case .binary(_, let l, let r, _): return wildcard(in: l) ?? wildcard(in: r)
    case .negate(let x, _): return wildcard(in: x)
    case .call(_, let args, _):
      for a in args { if let s = wildcard(in: a) { return s } }
      return nil
    default: return nil
    }
  }

  /// Whether a term is a constant expression (no variables, wildcards or aggregates).
  static func isGround(_ t: Term) -> Bool {
    switch t {
    case .symbol, .integer: return true
    case .variable, .wildcard, .aggregate: return false
    case .binary(_, let l, let r, _): return isGround(l) && isGround(r)
    case .negate(let x, _): return isGround(x)
    case .call(_, let args, _): return args.allSatisfy(isGround)
    }
  }

  /// Variables that occur outside aggregates: in the head and in plain body literals.
  static func outerNames(of clause: Clause) -> Set<String> {
    var names: Set<String> = []
    for t in clause.head.arguments { for (n, _) in variables(t) { names.insert(n) } }
    for literal in clause.body {
      switch literal {
      case .positive(let a), .negative(let a, _):
        for t in a.arguments { for (n, _) in variables(t) { names.insert(n) } }
      case .comparison(let l, _, let r, _):
        for t in [l, r] { for (n, _) in variables(t) { names.insert(n) } }
      }
    }
    return names
  }
}
