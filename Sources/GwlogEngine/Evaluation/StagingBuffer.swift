/// Tuples derived for one relation during one iteration, before they are merged into it.
///
/// Rule runs read relations but never write them, so pointers into relation storage stay
/// valid while a rule runs; new tuples wait here. Each staged tuple is distinct from every
/// other staged tuple and carries the lowest (rule, height) seen for it in this iteration; it
/// is compared with the relation only at `merge`, once per distinct tuple. Tuples already in
/// the relation with a higher recorded height are kept as improvements.
///
/// Offered tuples are first appended unchecked (up to `HashIndex.batch` of them) and then
/// deduplicated together, reading the batch's table slots ahead so that their cache misses
/// overlap.
///
/// INVARIANT: rows `0..<count` are pairwise distinct and `table` holds `row + 1` of each
/// (open addressing, load ≤ 1/2); rows `count..<count + pending` are not yet checked, and
/// `pendingHashes[k]` is the hash of row `count + k`.
final class StagingBuffer {
  /// The relation tuples are staged for.
  let relation: Relation
  let arity: Int
  private(set) var rows: RawBuffer
  private(set) var rules: RawBuffer
  private(set) var heights: RawBuffer
  private(set) var count = 0
  private var pending = 0
  private let pendingHashes: UnsafeMutablePointer<UInt64>
  private var table: UnsafeMutablePointer<UInt32>
  private var capacity = StagingBuffer.initialCapacity
  /// Sum of table slots read ahead, kept so the reads are not optimised away.
  private var touched: UInt32 = 0
  /// Direct mode: tuples go straight into the relation.
  ///
  /// Only sound when no running rule
  /// reads the relation (the head of a non-recursive stratum).
  var isDirect = false
  /// Rows added in direct mode since the last `merge`.
  private var directAdded = 0
  /// Keep every offered tuple, repeats included, in offer order (a parallel task's buffer:
  /// the merge eliminates repeats, so no table is kept here).
  var keepsRepeats = false
  /// Buffers of parallel tasks, each group to be merged after the first `after` own rows,
  /// so the merge offers tuples in the order a single thread would have staged them.
  private var parts: [(after: Int, buffers: [StagingBuffer])] = []
  /// Tuples in `parts`.
  private var attachedCount = 0
  /// Threads for merges of at least `parallelMergeMinimum` tuples (1: always sequential).
  var mergeThreads = 1
  /// Fewest tuples worth a parallel merge.
  var parallelMergeMinimum = Int.max

  private static let initialCapacity = 64

  init(relation: Relation) {
    self.relation = relation
    arity = relation.arity
    rows = RawBuffer(capacity: max(16, relation.arity * 64))
    rules = RawBuffer()
    heights = RawBuffer()
    pendingHashes = .allocate(capacity: HashIndex.batch)
    table = .allocate(capacity: capacity)
    table.initialize(repeating: 0, count: capacity)
  }

  deinit {
    rows.deallocate()
    rules.deallocate()
    heights.deallocate()
    pendingHashes.deallocate()
    table.deallocate()
  }

  /// Offers a derived tuple.
  ///
  /// In direct mode it goes straight into the relation (keeping the lowest derivation, one
  /// batch at a time); otherwise it is staged, keeping the lowest derivation per tuple.
  @inline(__always)
  func insert(_ tuple: UnsafePointer<UInt32>, rule: UInt32, height: UInt32) {
    if keepsRepeats {
      rows.append(from: tuple, count: arity)
      rules.append(rule)
      heights.append(height)
      count += 1
      return
    }
    rows.append(from: tuple, count: arity)
    rules.append(rule)
    heights.append(height)
    pendingHashes[pending] = RowHash.hash(tuple, count: arity)
    pending += 1
    if pending == HashIndex.batch { flush() }
  }

  /// Deduplicates the pending tuples (or, in direct mode, adds them to the relation).
  private func flush() {
    guard pending > 0 else { return }
    if isDirect {
      var ignored: [UInt32] = []
      // Direct mode lowers heights in place; no later iteration re-reads them.
      directAdded += relation.insert(
        batch: rows.base, rules: rules.base, heights: heights.base, count: pending,
        improved: &ignored)
      pending = 0
      rows.removeAll()
      rules.removeAll()
      heights.removeAll()
      return
    }
    var mask = capacity - 1
    var sum: UInt32 = 0
    for k in 0..<pending { sum &+= table[Int(truncatingIfNeeded: pendingHashes[k]) & mask] }
    touched = sum
    let first = count
    var kept = count
    for k in 0..<pending {
      let r = first + k
      let tuple = rows.base + r * arity
      var i = Int(truncatingIfNeeded: pendingHashes[k]) & mask
      var duplicate = false
      while true {
        let s = table[i]
        if s == 0 { break }
        let other = Int(s - 1)
        if equal(other, tuple) {
          if heights[r] < heights[other] {
            heights[other] = heights[r]
            rules[other] = rules[r]
          }
          duplicate = true
          break
        }
        i = (i + 1) & mask
      }
      if duplicate { continue }
      if kept != r {
        (rows.base + kept * arity).update(from: tuple, count: arity)
        rules[kept] = rules[r]
        heights[kept] = heights[r]
      }
      table[i] = UInt32(kept + 1)
      kept += 1
      if kept * 2 > capacity {
        grow(rowCount: kept)
        mask = capacity - 1
      }
    }
    count = kept
    pending = 0
    rows.resize(to: kept * arity)
    rules.resize(to: kept)
    heights.resize(to: kept)
  }

  @inline(__always)
  private func equal(_ r: Int, _ tuple: UnsafePointer<UInt32>) -> Bool {
    let p = rows.base + r * arity
    for c in 0..<arity where p[c] != tuple[c] { return false }
    return true
  }

  private func grow(rowCount: Int) {
    let newCapacity = capacity * 2
    let newTable = UnsafeMutablePointer<UInt32>.allocate(capacity: newCapacity)
    newTable.initialize(repeating: 0, count: newCapacity)
    let mask = newCapacity - 1
    for r in 0..<rowCount {
      var i = Int(truncatingIfNeeded: RowHash.hash(rows.base + r * arity, count: arity)) & mask
      while newTable[i] != 0 { i = (i + 1) & mask }
      newTable[i] = UInt32(r + 1)
    }
    table.deallocate()
    table = newTable
    capacity = newCapacity
  }

  /// Moves the staged tuples into the relation, lowering the recorded derivation of tuples
  /// it already holds.
  ///
  /// Returns the number of new rows.
  ///
  /// The rows whose derivation got lower are left in `relation.improved`.
  func merge() -> Int {
    flush()
    if isDirect {
      defer { directAdded = 0 }
      relation.improved = []
      return directAdded
    }
    if mergeThreads > 1, count + attachedCount >= parallelMergeMinimum,
      let (added, improved) = ParallelMerge.merge(
        segments(), into: relation, threads: mergeThreads)
    {
      relation.improved = improved
      parts = []
      attachedCount = 0
      clear()
      return added
    }
    if !parts.isEmpty { return mergeWithParts() }
    // The table is not needed any more: give it back before the relation grows.
    let used = count
    table.deallocate()
    table = .allocate(capacity: 1)
    capacity = 1
    var improved: [UInt32] = []
    let added = relation.insert(
      batch: rows.base, rules: rules.base, heights: heights.base, count: count,
      improved: &improved)
    relation.improved = improved
    rows.removeAll()
    rules.removeAll()
    heights.removeAll()
    count = 0
    resetTable(expecting: used)
    return added
  }

  /// Takes the buffers of one parallel rule run, in task order.
  ///
  /// In direct mode their tuples go into the relation now; otherwise they wait for `merge`,
  /// placed after the tuples staged so far.
  func attach(_ buffers: [StagingBuffer]) {
    // Tuples offered before the parallel run come first.
    flush()
    guard isDirect else {
      parts.append((count, buffers))
      attachedCount += buffers.reduce(0) { $0 + $1.count }
      return
    }
    let total = buffers.reduce(0) { $0 + $1.count }
    if mergeThreads > 1, total >= parallelMergeMinimum,
      let (added, _) = ParallelMerge.merge(
        buffers.map { .init(buffer: $0, lo: 0, hi: $0.count) }, into: relation,
        threads: mergeThreads)
    {
      directAdded += added
      return
    }
    relation.reserve(additional: total)
    for b in buffers {
      for r in 0..<b.count {
        let height = b.heights[r]
        let (row, isNew) = relation.insert(
          b.rows.base + r * arity, rule: b.rules[r], height: height)
        if isNew {
          directAdded += 1
        } else if height < relation.heights[row] {
          relation.improve(row: row, rule: b.rules[r], height: height)
        }
      }
    }
  }

  /// Own rows and attached parts as merge segments, in staging order.
  private func segments() -> [ParallelMerge.Segment] {
    var result: [ParallelMerge.Segment] = []
    var next = 0
    for part in parts {
      if part.after > next { result.append(.init(buffer: self, lo: next, hi: part.after)) }
      next = part.after
      for b in part.buffers where b.count > 0 {
        result.append(.init(buffer: b, lo: 0, hi: b.count))
      }
    }
    if count > next { result.append(.init(buffer: self, lo: next, hi: count)) }
    return result
  }

  /// `merge` when parallel parts are attached: own rows and parts in staging order.
  ///
  /// A tuple may occur in several parts; its first occurrence makes the row and later ones
  /// can only lower its derivation, as they would have in one buffer. Rows that existed
  /// before are reported as improved once.
  private func mergeWithParts() -> Int {
    let before = relation.count
    relation.reserve(
      additional: parts.reduce(count) { $0 + $1.buffers.reduce(0) { $0 + $1.count } })
    var added = 0
    var improved: [UInt32] = []
    var improvedRows: Set<UInt32> = []
    func offer(_ b: StagingBuffer, _ r: Int) {
      let height = b.heights[r]
      let (row, isNew) = relation.insert(b.rows.base + r * arity, rule: b.rules[r], height: height)
      if isNew {
        added += 1
      } else if height < relation.heights[row] {
        relation.improve(row: row, rule: b.rules[r], height: height)
        if row < before, improvedRows.insert(UInt32(row)).inserted { improved.append(UInt32(row)) }
      }
    }
    var next = 0
    for part in parts {
      while next < part.after {
        offer(self, next)
        next += 1
      }
      for b in part.buffers { for r in 0..<b.count { offer(b, r) } }
    }
    while next < count {
      offer(self, next)
      next += 1
    }
    relation.improved = ImprovementOrder.sorted(improved, relation: relation, segments: segments())
    parts = []
    attachedCount = 0
    clear()
    return added
  }

  /// Empties the buffer for the next iteration.
  func clear() {
    let used = count + pending
    rows.removeAll()
    rules.removeAll()
    heights.removeAll()
    count = 0
    pending = 0
    resetTable(expecting: keepsRepeats ? 0 : used)
  }

  /// Empties the table, sized for about `expected` tuples: a table much larger than the last
  /// iteration needed is given back, so that the largest iteration of a stratum does not hold
  /// its memory through the rest of the run.
  private func resetTable(expecting expected: Int) {
    var newCapacity = Self.initialCapacity
    while expected * 2 > newCapacity { newCapacity *= 2 }
    if newCapacity == capacity {
      table.update(repeating: 0, count: capacity)
      return
    }
    table.deallocate()
    table = .allocate(capacity: newCapacity)
    table.initialize(repeating: 0, count: newCapacity)
    capacity = newCapacity
  }

  /// Tuples staged so far (checking any still pending).
  var stagedCount: Int {
    flush()
    return isDirect ? directAdded : count + attachedCount
  }
}
