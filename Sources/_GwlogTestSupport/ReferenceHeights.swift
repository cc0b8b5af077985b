import GwlogEngine

/// Minimal proof heights of every tuple of a reference model, computed naively: the
/// executable specification of the heights the engine records (docs/language.md#proofs).
///
/// An input fact (a ground clause) has height 0. A derived tuple's height is the minimum,
/// over every rule instance deriving it, of 1 + the largest height among the instance's
/// positive body atoms outside aggregates (0 when there are none). Negations, comparisons,
/// built-ins and aggregates add nothing. The minimum is found Bellman-Ford style: every rule
/// instance of the finished model is listed once, then all of them are relaxed until no
/// height decreases.
public enum ReferenceHeights {
  /// One rule instance: the tuple it derives and, per positive body atom, every model tuple
  /// that atom matches under the instance's bindings (a `_` may match several).
  private struct Instance {
    var relation: String
    var tuple: [Value]
    var atoms: [(relation: String, tuples: [[Value]])]
  }

  /// The minimal height of every tuple of `model` (which must be the reference model of
  /// `program`); throws a `ReferenceError` if a rule cannot be evaluated, or
  /// `.unsupported` if some model tuple has no finite height.
  public static func compute(_ program: Program, model: [String: Set<[Value]>]) throws
    -> [String: [[Value]: Int]]
  {
    let evaluator = ReferenceEvaluator(model: model, program: program)
    var heights: [String: [[Value]: Int]] = [:]
    var instances: [Instance] = []
    for clause in ReferenceEvaluator.clauses(program) {
      if clause.body.isEmpty {
        let tuple = try clause.head.arguments.map { try evaluator.value($0, [:]) }
        heights[clause.head.name, default: [:]][tuple] = 0
        continue
      }
      for binding in try evaluator.solve(clause) {
        let tuple = try clause.head.arguments.map { try evaluator.value($0, binding) }
        var atoms: [(relation: String, tuples: [[Value]])] = []
        for case .positive(let atom) in clause.body
        where !ReferenceEvaluator.isBuiltin(atom, defined: evaluator.defined) {
          // Sorted, so that the relaxation below visits tuples in a fixed order.
          let matching = try (model[atom.name] ?? []).filter {
            try evaluator.match(atom.arguments, $0, binding) != nil
          }
          atoms.append((atom.name, matching.sorted { $0.lexicographicallyPrecedes($1) }))
        }
        instances.append(Instance(relation: clause.head.name, tuple: tuple, atoms: atoms))
      }
    }
    var changed = true
    while changed {
      changed = false
      for instance in instances {
        guard let height = candidateHeight(instance, heights) else { continue }
        if height < heights[instance.relation]?[instance.tuple] ?? Int.max {
          heights[instance.relation, default: [:]][instance.tuple] = height
          changed = true
        }
      }
    }
    for relation in model.keys.sorted() {
      for tuple in model[relation] ?? [] where heights[relation]?[tuple] == nil {
        throw ReferenceError.unsupported("`\(relation)\(tuple)` has no finite height")
      }
    }
    return heights
  }

  /// 1 + the largest of the atoms' lowest known heights, or nil while some atom has no
  /// tuple of known height.
  private static func candidateHeight(_ instance: Instance, _ heights: [String: [[Value]: Int]])
    -> Int?
  {
    var highest = 0
    for atom in instance.atoms {
      guard let lowest = atom.tuples.compactMap({ heights[atom.relation]?[$0] }).min() else {
        return nil
      }
      highest = max(highest, lowest)
    }
    return highest + 1
  }
}
