/// Cost-based join order for rule bodies that run once (non-recursive rules and exit rules):
/// every order of up to `maximumAtoms` positive atoms is costed and the cheapest kept, so
/// that, for example, a large lower-stratum relation filtered by a constant is scanned once
/// instead of having a new index built over all its rows.
///
/// The cost model counts tuples touched: a scan costs `outer × size`; a probe through an
/// existing index `outer × (1 + rows per key)`; a probe that needs a new index adds twice the
/// relation's size (building touches every row and holds memory); a lookup of a full key
/// costs `outer`. Cardinalities are estimated from live sizes and index key counts. A filter
/// (a negation, a comparison or a built-in test) is applied as soon as its variables are bound
/// and is taken to pass half of the tuples, so among orders that are otherwise equal the one
/// that filters early wins: `p(C), C != "", node(R), !q(C)` reads `p` first and filters
/// before the cross product with `node`, instead of after it. An assignment (`H = f(A)`, a
/// built-in with outputs) binds its outputs once its inputs are bound, so that the atoms
/// after it are costed as probes on them.
///
/// An atom whose unbound variables, when it is placed, all occur only in it is a test
/// (`Planner`): it does not multiply the rows that follow. When a body has such atoms, the
/// rows reaching the head count too, so that an order that makes an atom a test wins.
struct JoinOrder {
  /// A literal that binds `outputs` once `inputs` are bound (an assignment or a built-in).
  struct Binder {
    let inputs: Set<String>
    let outputs: Set<String>
  }

  /// One positive atom to order.
  struct Atom {
    /// Relation id.
    let relation: Int
    /// Per argument: a constant (always bound), a variable name, or nil (wildcard or
    /// expression, never a key here).
    let arguments: [Argument]
    /// Variables that occur in this atom only, in the whole rule.
    var local: Set<String> = []
    /// Whether every argument is a constant, a variable or a wildcard (an atom with an
    /// expression argument is never a test).
    var isPlain = true
  }

  /// An atom argument as the cost model sees it.
  enum Argument {
    case constant
    case variable(String)
    case other
  }

  /// The chosen order and, per atom (by input position), whether to scan it with filters
  /// rather than probing through a new index.
  struct Choice {
    let order: [Int]
    let scanInsteadOfIndex: [Bool]
  }

  /// Bodies with more atoms than this are ordered greedily (k! orders grow fast).
  static let maximumAtoms = 6

  /// The fraction of tuples a filter is assumed to let through.
  static let filterSelectivity = 0.5

  let sizes: [Int]
  /// Distinct keys of an existing index (or of the primary for all columns), nil if none.
  let keysOfIndex: (_ relation: Int, _ columns: [Int]) -> Int?

  /// The cheapest order of `atoms`, given variables already bound and the variables each
  /// filter of the body reads (`filters`).
  func choose(
    _ atoms: [Atom], filters: [Set<String>] = [], binders: [Binder] = [],
    bound initially: Set<String>
  ) -> Choice? {
    guard atoms.count <= Self.maximumAtoms, !atoms.isEmpty else { return nil }
    var best: (cost: Double, order: [Int], scans: [Bool])?
    var permutation = Array(0..<atoms.count)
    // Heap's algorithm would reorder ties arbitrarily; lexicographic order keeps source order
    // first among equal costs.
    repeat {
      let (cost, scans) = evaluate(permutation, atoms, filters, binders, initially)
      if best.map({ cost < $0.cost }) ?? true { best = (cost, permutation, scans) }
    } while Self.nextPermutation(&permutation)
    guard let best else { return nil }
    return Choice(order: best.order, scanInsteadOfIndex: best.scans)
  }

  private func evaluate(
    _ order: [Int], _ atoms: [Atom], _ filters: [Set<String>], _ binders: [Binder],
    _ initially: Set<String>
  ) -> (Double, [Bool]) {
    var bound = initially
    var outer = 1.0
    var cost = 0.0
    var scans = [Bool](repeating: false, count: atoms.count)
    var pending = filters
    var binding = binders
    // Applies every binder and filter that became ready, as the placement loop does.
    func settle() {
      var progress = true
      while progress {
        progress = false
        binding.removeAll { binder in
          guard binder.inputs.isSubset(of: bound) else { return false }
          bound.formUnion(binder.outputs)
          progress = true
          return true
        }
      }
      let before = pending.count
      pending.removeAll { $0.isSubset(of: bound) }
      for _ in pending.count..<before { outer *= Self.filterSelectivity }
    }
    settle()
    var hasTests = false
    for index in order {
      let atom = atoms[index]
      let before = outer
      let isTest =
        atom.isPlain
        && atom.arguments.allSatisfy { argument in
          guard case .variable(let name) = argument else { return true }
          return bound.contains(name) || atom.local.contains(name)
        }
      let size = Double(max(1, sizes[atom.relation]))
      var keyColumns: [Int] = []
      var onlyConstants = true
      for (c, argument) in atom.arguments.enumerated() {
        switch argument {
        case .constant: keyColumns.append(c)
        case .variable(let name):
          if bound.contains(name) {
            keyColumns.append(c)
            onlyConstants = false
          }
        case .other: break
        }
      }
      if keyColumns.isEmpty {
        cost += outer * size
        outer *= size
      } else if keyColumns.count == atom.arguments.count {
        cost += outer
      } else if let keys = keysOfIndex(atom.relation, keyColumns) {
        let perKey = size / Double(max(1, keys))
        cost += outer * (1 + perKey)
        outer *= perKey
      } else {
        // Guess rows per key from the fraction of columns bound.
        let fraction = Double(keyColumns.count) / Double(atom.arguments.count)
        let perKey = max(1, size.squareRoot() * (1 - fraction) * 2)
        let viaIndex = 2 * size + outer * (1 + perKey)
        let viaScan = outer * size
        if onlyConstants && viaScan <= viaIndex {
          scans[index] = true
          cost += viaScan
        } else {
          cost += viaIndex
        }
        outer *= perKey
      }
      if isTest {
        hasTests = true
        outer = before
      }
      for case .variable(let name) in atom.arguments { bound.insert(name) }
      settle()
    }
    if hasTests { cost += outer }
    return (cost, scans)
  }

  /// Advances to the next permutation in lexicographic order; false after the last.
  static func nextPermutation(_ a: inout [Int]) -> Bool {
    guard a.count > 1 else { return false }
    var i = a.count - 2
    while i >= 0 && a[i] >= a[i + 1] { i -= 1 }
    if i < 0 { return false }
    var j = a.count - 1
    while a[j] <= a[i] { j -= 1 }
    a.swapAt(i, j)
    a[(i + 1)...].reverse()
    return true
  }
}
