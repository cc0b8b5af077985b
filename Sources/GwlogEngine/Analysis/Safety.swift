/// Order-independent range restriction (docs/language.md#safety): a variable is bound when it is a
/// plain argument of a positive atom, when an equation `V = expr` has all other variables
/// bound, when an aggregate `V = agg` has its group variables bound, or as the output of a
/// built-in whose inputs are bound.
///
/// A variable only inside arithmetic in an atom is not bound. A variable local to negated
/// atoms (`NegationLocals`) needs no binding.
struct Safety {
  let program: CheckedProgram
  var diagnostics: [Diagnostic] = []
  /// The negation-local variables of the rule being checked.
  private var negationLocals: Set<String> = []

  init(program: CheckedProgram) { self.program = program }

  /// Checks one rule; reports unsafe variables.
  mutating func check(_ clause: Clause) {
    for t in clause.head.arguments {
      if let s = TermWalk.wildcard(in: t) {
        diagnostics.append(
          .error(
            .unsafeVariable, "`_` is not allowed in a head", at: s,
            help: "name the variable and bind it in the body"))
      }
      if case .aggregate(let a) = t {
        diagnostics.append(
          .error(
            .syntax, "an aggregate is not allowed in a head", at: a.span,
            help: "bind it in the body: `C = count : { ... }`, then use `C` in the head"))
      }
    }
    negationLocals = NegationLocals.names(in: clause)
    let outerVariables = Set(
      clause.head.arguments.flatMap { TermWalk.variables($0).map(\.0) }
        + clause.body.flatMap { literalOuterVariables($0) }
    ).subtracting(negationLocals)
    let bound = boundVariables(clause.body, initially: [], outer: outerVariables)
    for t in clause.head.arguments {
      for (name, span) in TermWalk.variables(t) where !bound.contains(name) {
        diagnostics.append(
          .error(
            .unsafeVariable, "variable `\(name)` in the head is not bound by the body", at: span,
            help: "add a positive body atom that binds `\(name)`"))
      }
    }
    checkBody(clause.body, bound: bound, outer: outerVariables)
  }

  /// Variables of a literal visible outside aggregates (aggregate internals excluded).
  private func literalOuterVariables(_ l: Literal) -> [String] {
    switch l {
    case .positive(let a), .negative(let a, _):
      return a.arguments.flatMap { TermWalk.variables($0).map(\.0) }
    case .comparison(let lhs, _, let rhs, _):
      return (TermWalk.variables(lhs) + TermWalk.variables(rhs)).map(\.0)
    }
  }

  /// The fixpoint of bound variables over a conjunction.
  func boundVariables(_ body: [Literal], initially: Set<String>, outer: Set<String>) -> Set<String>
  {
    var bound = initially
    var changed = true
    while changed {
      changed = false
      func bind(_ name: String) {
        if bound.insert(name).inserted { changed = true }
      }
      for literal in body {
        switch literal {
        case .positive(let atom):
          if let builtin = program.builtin(for: atom) {
            let inputsBound = zip(atom.arguments, builtin.inputs).allSatisfy { arg, isInput in
              !isInput || TermWalk.variables(arg).allSatisfy { bound.contains($0.0) }
            }
            if inputsBound {
              for case .variable(let name, _) in atom.arguments { bind(name) }
            }
          } else {
            for case .variable(let name, _) in atom.arguments { bind(name) }
          }
        case .negative: break
        case .comparison(let lhs, .equal, let rhs, _):
          for (target, source) in [(lhs, rhs), (rhs, lhs)] {
            guard case .variable(let name, _) = target, !bound.contains(name) else { continue }
            if isComputable(source, bound: bound, outer: outer) { bind(name) }
          }
        case .comparison: break
        }
      }
    }
    return bound
  }

  /// Whether a term's value is known once `bound` variables are (aggregates: when their
  /// group variables, those also used outside, are bound).
  private func isComputable(_ t: Term, bound: Set<String>, outer: Set<String>) -> Bool {
    if case .aggregate(let a) = t {
      return TermWalk.allVariables(of: a).allSatisfy {
        !outer.contains($0.0) || bound.contains($0.0)
      }
    }
    var vars: [(String, SourceSpan)] = []
    TermWalk.allVariables(t, into: &vars)
    return TermWalk.wildcard(in: t) == nil && vars.allSatisfy { bound.contains($0.0) }
  }

  private mutating func checkBody(_ body: [Literal], bound: Set<String>, outer: Set<String>) {
    func unbound(_ t: Term, _ what: String, help: String? = nil) {
      for (name, span) in TermWalk.variables(t) where !bound.contains(name) {
        diagnostics.append(
          .error(
            .unsafeVariable, "variable `\(name)` \(what) is not bound by a positive literal",
            at: span, help: help ?? "add a positive body atom that binds `\(name)`"))
      }
    }
    for literal in body {
      switch literal {
      case .positive(let atom):
        if let builtin = program.builtin(for: atom) {
          for (arg, isInput) in zip(atom.arguments, builtin.inputs) {
            if isInput { unbound(arg, "in an input of `\(atom.name)`") }
            if let s = TermWalk.wildcard(in: arg), isInput {
              diagnostics.append(
                .error(.unsafeVariable, "`_` cannot be an input of `\(atom.name)`", at: s))
            }
          }
        } else {
          for arg in atom.arguments {
            if case .variable = arg { continue }
            if case .aggregate(let a) = arg {
              diagnostics.append(
                .error(
                  .syntax, "an aggregate is not allowed as an atom argument", at: a.span,
                  help: "bind it first: `C = count : { ... }`"))
              continue
            }
            unbound(
              arg, "inside an arithmetic argument",
              help: "an atom does not bind a variable that appears only inside arithmetic; "
                + "bind it with a plain argument of a positive atom")
          }
        }
      case .negative(let atom, _):
        let isBuiltin = program.builtin(for: atom) != nil
        for arg in atom.arguments {
          if case .variable(let name, _) = arg {
            if !isBuiltin && negationLocals.contains(name) { continue }
            unbound(arg, "in a negated atom")
          } else {
            unbound(
              arg, "in a negated atom",
              help: "bind it with a positive body atom; a variable that occurs only under "
                + "negation must be a plain argument there, not inside arithmetic")
          }
        }
      case .comparison(let lhs, let op, let rhs, _):
        for side in [lhs, rhs] {
          if let s = TermWalk.wildcard(in: side) {
            diagnostics.append(.error(.unsafeVariable, "`_` is not allowed in a comparison", at: s))
          }
          if case .aggregate(let a) = side {
            if op != .equal {
              diagnostics.append(
                .error(
                  .syntax, "an aggregate may only appear in an equation `V = aggregate`",
                  at: a.span))
            }
            checkAggregate(a, bound: bound, outer: outer)
          } else {
            unbound(side, "in a comparison")
          }
        }
      }
    }
  }

  private mutating func checkAggregate(_ a: Aggregate, bound: Set<String>, outer: Set<String>) {
    // Inside, variables also used outside are group variables (bound from outside); the
    // others are local and must be bound by the aggregate's own body. For an aggregate
    // nested in this one, "outside" also covers this body and target (Soufflé's scoping).
    let groupBound = bound.intersection(outer)
    let innerOuter = outer.union(TermWalk.scopeVariables(of: a)).subtracting(negationLocals)
    let innerBound = boundVariables(a.body, initially: groupBound, outer: innerOuter)
    if let target = a.target {
      for (name, span) in TermWalk.variables(target) where !innerBound.contains(name) {
        diagnostics.append(
          .error(
            .unsafeVariable, "variable `\(name)` of the aggregate is not bound by its body",
            at: span, help: "bind `\(name)` with a positive atom inside the braces"))
      }
    }
    let hasPositive = a.body.contains {
      if case .positive(let atom) = $0 { return program.builtin(for: atom) == nil }
      return false
    }
    if !hasPositive {
      diagnostics.append(
        .error(
          .unsafeVariable, "an aggregate body needs at least one positive atom", at: a.span))
    }
    checkBody(a.body, bound: innerBound, outer: innerOuter)
  }
}
