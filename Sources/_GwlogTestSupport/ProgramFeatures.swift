import GwlogEngine

/// Which features a program uses, so tests can assert that generated programs keep
/// covering them.
public struct ProgramFeatures: Sendable, Equatable {
  /// Some body has a negated atom.
  public var usesNegation = false
  /// Some body has an aggregate.
  public var usesAggregates = false
  /// Some relation depends positively on itself (directly or through others).
  public var isRecursive = false
  /// Some relation is recursive together with another one.
  public var isMutuallyRecursive = false
  /// Some negated atom has a variable that occurs nowhere else (negation-local).
  public var usesNegationLocals = false
  /// Some aggregate's body holds another aggregate.
  public var usesNestedAggregates = false

  /// Analyses `program`.
  public init(_ program: Program) {
    var edges: [String: Set<String>] = [:]
    for case .clause(let clause) in program.statements {
      if !ReferenceEvaluator.negationLocals(clause).isEmpty { usesNegationLocals = true }
      for literal in clause.body {
        switch literal {
        case .positive(let a): edges[clause.head.name, default: []].insert(a.name)
        case .negative: usesNegation = true
        case .comparison(let l, _, let r, _):
          for case .aggregate(let a) in [l, r] {
            usesAggregates = true
            for case .comparison(let x, _, let y, _) in a.body {
              for case .aggregate in [x, y] { usesNestedAggregates = true }
            }
          }
        }
      }
    }
    var reach: [String: Set<String>] = [:]
    for start in edges.keys.sorted() {
      // Depth-first reachability over positive edges.
      var seen: Set<String> = []
      var stack = Array(edges[start] ?? [])
      while let next = stack.popLast() {
        if seen.insert(next).inserted { stack.append(contentsOf: edges[next] ?? []) }
      }
      reach[start] = seen
    }
    for (relation, reached) in reach where reached.contains(relation) {
      isRecursive = true
      if reached.contains(where: { $0 != relation && reach[$0]?.contains(relation) == true }) {
        isMutuallyRecursive = true
      }
    }
  }
}
