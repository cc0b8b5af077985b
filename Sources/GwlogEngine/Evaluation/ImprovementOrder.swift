/// Puts the rows a merge improved in the order a single-threaded merge reports them: by the
/// first occurrence of their tuples among the staged tuples.
///
/// One thread's staging buffer holds each tuple once, at its first occurrence, so its merge
/// lists improved rows in that order. Parallel tasks keep repeats, and a tuple's first
/// occurrence may not be the one that improves it, so the merge finds the improving
/// occurrences first and this pass restores the order. The next iteration reads improved
/// rows in this order, so it decides the order (and the rule recorded at equal heights) of
/// the rows derived from them.
enum ImprovementOrder {
  /// Bits of the filter that rejects most staged tuples without a dictionary lookup.
  private static let filterBits = 1 << 16

  /// `improved` sorted by the first occurrence of each row's tuple in `segments`.
  static func sorted(
    _ improved: [UInt32], relation: Relation, segments: [ParallelMerge.Segment]
  ) -> [UInt32] {
    guard improved.count > 1 else { return improved }
    let arity = relation.arity
    let data = UnsafePointer(relation.rows)
    var rowsByHash: [UInt64: [UInt32]] = [:]
    var filter = [UInt64](repeating: 0, count: filterBits / 64)
    for row in improved {
      let h = RowHash.hash(data + Int(row) * arity, count: arity)
      rowsByHash[h, default: []].append(row)
      let bit = Int(h >> 48)
      filter[bit >> 6] |= 1 << UInt64(bit & 63)
    }
    var firstSeen: [UInt32: Int] = [:]
    var c = 0
    for segment in segments {
      let rows = UnsafePointer(segment.buffer.rows.base)
      for r in segment.lo..<segment.hi {
        defer { c += 1 }
        let tuple = rows + r * arity
        let h = RowHash.hash(tuple, count: arity)
        let bit = Int(h >> 48)
        guard filter[bit >> 6] & (1 << UInt64(bit & 63)) != 0, let candidates = rowsByHash[h]
        else { continue }
        for row in candidates where firstSeen[row] == nil {
          let stored = data + Int(row) * arity
          if (0..<arity).allSatisfy({ stored[$0] == tuple[$0] }) { firstSeen[row] = c }
        }
      }
    }
    return improved.sorted {
      (firstSeen[$0] ?? Int.max, $0) < (firstSeen[$1] ?? Int.max, $1)
    }
  }
}
