/// Merges staged tuples into a relation on several threads, with the result a sequential
/// merge would give: new rows in first-occurrence order, each with the lowest height offered
/// for it and the first rule offering that height, and lowered derivations of old rows.
///
/// The tuples ("candidates", numbered in staging order) are first matched against the
/// relation's duplicate filter in parallel: the filter's slot table is cut into one region
/// per thread, and a thread handles only the candidates whose probe starts in its region,
/// in candidate order. A new key gets a provisional slot holding `before + candidate + 1`;
/// a later candidate with the same key finds it and is dropped (lowering the first one's
/// derivation when lower). A probe that would leave its region is deferred and finished on
/// one thread afterwards, in candidate order (once a key's probe leaves the region, every
/// later probe of that key does too, so first occurrences stay first). Then one thread
/// appends the new rows in candidate order, and the provisional slots are rewritten to row
/// ids in parallel; secondary indexes are extended in parallel, one index per task.
///
/// SAFETY: during the parallel phases a thread writes only empty slots of its own region,
/// the derivation of candidates whose key hashes into its region, and its own entries of
/// the per-candidate arrays; slots outside a thread's region are never read by it.
enum ParallelMerge {
  /// A run of rows `lo..<hi` of one staging buffer.
  struct Segment {
    /// The buffer holding the rows.
    let buffer: StagingBuffer
    /// First row.
    let lo: Int
    /// One past the last row.
    let hi: Int
  }

  /// `resolved` marker of a candidate dropped as a repeat of an earlier one.
  private static let dropped = UInt32.max
  /// `resolved` flag of a candidate that became a new row (the low bits hold `row + 1`).
  private static let newRow: UInt32 = 0x8000_0000

  /// Merges `segments` into `relation`; returns the number of new rows and the old rows
  /// whose derivation got lower (each once, in candidate order), or nil when the relation
  /// could overflow (the caller then merges on one thread, which reports the limit).
  static func merge(
    _ segments: [Segment], into relation: Relation, threads: Int
  ) -> (added: Int, improved: [UInt32])? {
    var offsets: [Int] = []
    var total = 0
    for segment in segments {
      offsets.append(total)
      total += segment.hi - segment.lo
    }
    guard relation.arity > 0, total > 0, relation.count + total < HashIndex.maximumRows else {
      return nil
    }
    let before = relation.count
    relation.reserve(additional: total, threads: threads)
    let resolved = DisjointSlots<UInt32>(repeating: 0, count: total)
    let slotOf = DisjointSlots<UInt32>(repeating: 0, count: total)
    let table = Table(relation: relation, segments: segments, offsets: offsets, before: before)
    defer { table.deallocate() }
    let hashes = hashCandidates(segments, table, offsets: offsets, total: total, threads: threads)
    resolve(segments, table, hashes, resolved, slotOf, threads: threads)
    let (added, improved) = appendNewRows(segments, into: relation, resolved)
    publishNewRows(resolved, slotOf, total: total, into: relation, threads: threads)
    relation.primary.countNewKeys(added)
    let indexes = relation.indexes
    let data = UnsafePointer(relation.rows)
    let count = relation.count
    let arity = relation.arity
    ParallelFor.run(indexes.count) { k in
      for row in before..<count { indexes[k].insert(row: row, data: data, arity: arity) }
    }
    return (added, ImprovementOrder.sorted(improved, relation: relation, segments: segments))
  }

  /// The hash of every candidate's tuple, computed in parallel (ranges of candidates).
  private static func hashCandidates(
    _ segments: [Segment], _ table: Table, offsets: [Int], total: Int, threads: Int
  ) -> DisjointSlots<UInt64> {
    let arity = table.arity
    let hashes = DisjointSlots<UInt64>(repeating: 0, count: total)
    ParallelFor.run(threads) { k in
      let first = k * total / threads
      let end = (k + 1) * total / threads
      for (i, segment) in segments.enumerated() {
        let rows = UnsafePointer(table.rows[i])
        let start = offsets[i]
        let lo = max(first, start)
        let hi = min(end, start + segment.hi - segment.lo)
        guard lo < hi else { continue }
        for c in lo..<hi {
          hashes[c] = RowHash.hash(rows + (segment.lo + c - start) * arity, count: arity)
        }
      }
    }
    return hashes
  }

  /// Resolves every candidate against the duplicate filter: in parallel, each thread the
  /// candidates whose probe starts in its region of slots; then, on one thread in candidate
  /// order, those whose probe left its region.
  private static func resolve(
    _ segments: [Segment], _ table: Table, _ hashes: DisjointSlots<UInt64>,
    _ resolved: DisjointSlots<UInt32>, _ slotOf: DisjointSlots<UInt32>, threads: Int
  ) {
    let arity = table.arity
    let regions = threads
    let spills = DisjointSlots<[Int]>(repeating: [], count: regions)
    ParallelFor.run(regions) { s in
      let lo = s * table.capacity / regions
      let hi = (s + 1) * table.capacity / regions
      var deferred: [Int] = []
      var c = 0
      for (i, segment) in segments.enumerated() {
        let rows = UnsafePointer(table.rows[i])
        let rules = UnsafePointer(table.rules[i])
        let heights = UnsafePointer(table.heights[i])
        for r in segment.lo..<segment.hi {
          let h = hashes[c]
          let home = Int(truncatingIfNeeded: h) & table.mask
          let tuple = rows + r * arity
          if home >= lo && home < hi,
            !table.probe(
              c, tuple, h, rule: rules[r], height: heights[r], from: home, end: hi, resolved,
              slotOf)
          {
            deferred.append(c)
          }
          c += 1
        }
      }
      spills[s] = deferred
    }
    for c in spills.elements.joined().sorted() {
      let (i, r) = table.locate(c)
      let h = hashes[c]
      _ = table.probe(
        c, table.rows[i] + r * arity, h, rule: table.rules[i][r], height: table.heights[i][r],
        from: Int(truncatingIfNeeded: h) & table.mask, end: nil, resolved, slotOf)
    }
  }

  /// On one thread, in candidate order: appends the new rows (recording their row ids in
  /// `resolved`) and lowers the derivations of old rows; returns how many rows were added
  /// and the old rows improved (each once).
  private static func appendNewRows(
    _ segments: [Segment], into relation: Relation, _ resolved: DisjointSlots<UInt32>
  ) -> (added: Int, improved: [UInt32]) {
    let arity = relation.arity
    var added = 0
    var improved: [UInt32] = []
    var improvedRows: Set<UInt32> = []
    var c = 0
    for segment in segments {
      let rows = UnsafePointer(segment.buffer.rows.base)
      let rules = UnsafePointer(segment.buffer.rules.base)
      let heights = UnsafePointer(segment.buffer.heights.base)
      for r in segment.lo..<segment.hi {
        let state = resolved[c]
        if state == 0 {
          let row = relation.appendUnindexed(rows + r * arity, rule: rules[r], height: heights[r])
          resolved[c] = newRow | UInt32(row + 1)
          added += 1
        } else if state != dropped {
          let row = Int(state - 1)
          if heights[r] < relation.heights[row] {
            relation.improve(row: row, rule: rules[r], height: heights[r])
            if improvedRows.insert(UInt32(row)).inserted { improved.append(UInt32(row)) }
          }
        }
        c += 1
      }
    }
    return (added, improved)
  }

  /// Rewrites the provisional slots of the new rows to their row ids, in parallel.
  private static func publishNewRows(
    _ resolved: DisjointSlots<UInt32>, _ slotOf: DisjointSlots<UInt32>, total: Int,
    into relation: Relation, threads: Int
  ) {
    let slots = relation.primary.slots
    ParallelFor.run(threads) { k in
      for c in (k * total / threads)..<((k + 1) * total / threads) {
        let state = resolved[c]
        guard state != dropped, state & newRow != 0 else { continue }
        let i = Int(slotOf[c])
        slots[i] = (slots[i] & ~HashIndex.rowMask) | (state & ~newRow)
      }
    }
  }

  /// The relation's duplicate filter and the candidates, shared read-only by the threads.
  private struct Table {
    let slots: UnsafeMutablePointer<UInt32>
    let capacity: Int
    let mask: Int
    let data: UnsafePointer<UInt32>
    let heightOf: UnsafePointer<UInt32>
    let arity: Int
    let before: Int
    let segmentCount: Int
    /// Per segment: its first candidate, first row, and its buffer's rows, rules, heights
    /// (raw, so probing threads touch no reference counts).
    let offsets: UnsafeMutablePointer<Int>
    let firstRows: UnsafeMutablePointer<Int>
    let rows: UnsafeMutablePointer<UnsafeMutablePointer<UInt32>>
    let rules: UnsafeMutablePointer<UnsafeMutablePointer<UInt32>>
    let heights: UnsafeMutablePointer<UnsafeMutablePointer<UInt32>>

    init(relation: Relation, segments: [Segment], offsets: [Int], before: Int) {
      slots = relation.primary.slots
      capacity = relation.primary.capacity
      mask = capacity - 1
      data = UnsafePointer(relation.rows)
      heightOf = UnsafePointer(relation.heights)
      arity = relation.arity
      self.before = before
      segmentCount = segments.count
      self.offsets = .allocate(capacity: segments.count)
      self.offsets.initialize(from: offsets, count: segments.count)
      firstRows = .allocate(capacity: segments.count)
      firstRows.initialize(from: segments.map(\.lo), count: segments.count)
      rows = .allocate(capacity: segments.count)
      rows.initialize(from: segments.map(\.buffer.rows.base), count: segments.count)
      rules = .allocate(capacity: segments.count)
      rules.initialize(from: segments.map(\.buffer.rules.base), count: segments.count)
      heights = .allocate(capacity: segments.count)
      heights.initialize(from: segments.map(\.buffer.heights.base), count: segments.count)
    }

    /// Frees the per-segment arrays.
    func deallocate() {
      offsets.deallocate()
      firstRows.deallocate()
      rows.deallocate()
      rules.deallocate()
      heights.deallocate()
    }

    /// The segment and row of candidate `c`.
    @inline(__always)
    func locate(_ c: Int) -> (Int, Int) {
      var lo = 0
      var hi = segmentCount - 1
      while lo < hi {
        let mid = (lo + hi + 1) / 2
        if offsets[mid] <= c { lo = mid } else { hi = mid - 1 }
      }
      return (lo, firstRows[lo] + c - offsets[lo])
    }

    @inline(__always)
    private func equal(_ a: UnsafePointer<UInt32>, _ b: UnsafePointer<UInt32>) -> Bool {
      for k in 0..<arity where a[k] != b[k] { return false }
      return true
    }

    /// Resolves candidate `c` by probing from slot `home`.
    ///
    /// The candidate is an old row, a repeat of an earlier candidate (whose derivation it
    /// may lower), or new (it takes the empty slot found). Returns false when the probe
    /// reached `end` (the region's end) unresolved.
    func probe(
      _ c: Int, _ tuple: UnsafePointer<UInt32>, _ h: UInt64, rule: UInt32, height: UInt32,
      from home: Int, end: Int?, _ resolved: DisjointSlots<UInt32>,
      _ slotOf: DisjointSlots<UInt32>
    ) -> Bool {
      let tag = HashIndex.tag(h)
      var i = home
      while true {
        let s = slots[i]
        if s == 0 {
          slots[i] = tag | UInt32(before + c + 1)
          slotOf[c] = UInt32(i)
          resolved[c] = 0
          return true
        }
        if s & ~HashIndex.rowMask == tag {
          let id = Int(s & HashIndex.rowMask) - 1
          if id < before {
            if equal(data + id * arity, tuple) {
              // Only a lower derivation changes an old row; phase 3 applies it in order.
              resolved[c] = height < heightOf[id] ? UInt32(id + 1) : ParallelMerge.dropped
              return true
            }
          } else {
            let (k, r) = locate(id - before)
            if equal(rows[k] + r * arity, tuple) {
              resolved[c] = ParallelMerge.dropped
              if height < heights[k][r] {
                heights[k][r] = height
                rules[k][r] = rule
              }
              return true
            }
          }
        }
        i = (i + 1) & mask
        if let end, i == end || i == 0 { return false }
      }
    }
  }
}
