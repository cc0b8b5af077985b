/// Tuples derived for one relation during one iteration, before they are merged into it.
///
/// Rule runs read relations but never write them, so pointers into relation storage stay
/// valid while a rule runs; new tuples wait here. Each staged tuple is new to the relation
/// and distinct from every other staged tuple, and carries the lowest (rule, height) seen for
/// it in this iteration. Tuples already in the relation with a higher recorded height are kept
/// as improvements.
///
/// INVARIANT: `table` holds `row + 1` of every staged row (open addressing, load ≤ 1/2).
final class StagingBuffer {
  /// The relation tuples are staged for.
  let relation: Relation
  let arity: Int
  private(set) var rows: RawBuffer
  private(set) var rules: RawBuffer
  private(set) var heights: RawBuffer
  private(set) var count = 0
  private var table: UnsafeMutablePointer<UInt32>
  private var capacity = 64
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

  init(relation: Relation) {
    self.relation = relation
    arity = relation.arity
    rows = RawBuffer(capacity: max(16, relation.arity * 64))
    rules = RawBuffer()
    heights = RawBuffer()
    table = .allocate(capacity: capacity)
    table.initialize(repeating: 0, count: capacity)
  }

  deinit {
    rows.deallocate()
    rules.deallocate()
    heights.deallocate()
    table.deallocate()
  }

  /// Offers a derived tuple.
  ///
  /// In direct mode it goes straight into the relation (keeping the
  /// lowest derivation); otherwise it is staged, keeping the lowest derivation per tuple, and
  /// compared with the relation only at `merge`, once per distinct tuple.
  @inline(__always)
  func insert(_ tuple: UnsafePointer<UInt32>, rule: UInt32, height: UInt32) {
    if isDirect {
      let (row, isNew) = relation.insert(tuple, rule: rule, height: height)
      if isNew {
        directAdded += 1
      } else if height < relation.heights[row] {
        relation.improve(row: row, rule: rule, height: height)
      }
      return
    }
    if keepsRepeats {
      rows.append(from: tuple, count: arity)
      rules.append(rule)
      heights.append(height)
      count += 1
      return
    }
    let mask = capacity - 1
    var i = Int(truncatingIfNeeded: RowHash.hash(tuple, count: arity)) & mask
    while true {
      let s = table[i]
      if s == 0 { break }
      let r = Int(s - 1)
      if equal(r, tuple) {
        if height < heights[r] {
          heights[r] = height
          rules[r] = rule
        }
        return
      }
      i = (i + 1) & mask
    }
    rows.append(from: tuple, count: arity)
    rules.append(rule)
    heights.append(height)
    table[i] = UInt32(count + 1)
    count += 1
    if count * 2 > capacity { grow() }
  }

  @inline(__always)
  private func equal(_ r: Int, _ tuple: UnsafePointer<UInt32>) -> Bool {
    let p = rows.base + r * arity
    for c in 0..<arity where p[c] != tuple[c] { return false }
    return true
  }

  private func grow() {
    let newCapacity = capacity * 2
    let newTable = UnsafeMutablePointer<UInt32>.allocate(capacity: newCapacity)
    newTable.initialize(repeating: 0, count: newCapacity)
    let mask = newCapacity - 1
    for r in 0..<count {
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
    relation.reserve(additional: count)
    var added = 0
    var improved: [UInt32] = []
    for r in 0..<count {
      let (row, isNew) = relation.insert(rows.base + r * arity, rule: rules[r], height: heights[r])
      if isNew {
        added += 1
      } else if heights[r] < relation.heights[row] {
        relation.improve(row: row, rule: rules[r], height: heights[r])
        improved.append(UInt32(row))
      }
    }
    relation.improved = improved
    clear()
    return added
  }

  /// Takes the buffers of one parallel rule run, in task order.
  ///
  /// In direct mode their tuples go into the relation now; otherwise they wait for `merge`,
  /// placed after the tuples staged so far.
  func attach(_ buffers: [StagingBuffer]) {
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
    rows.removeAll()
    rules.removeAll()
    heights.removeAll()
    if !keepsRepeats { table.update(repeating: 0, count: capacity) }
    count = 0
  }

  /// Tuples staged so far.
  var stagedCount: Int { isDirect ? directAdded : count + attachedCount }
}
