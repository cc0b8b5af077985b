/// A hash index over a subset of a relation's columns: key → chain of the rows with that key.
///
/// Layout: an open-addressing table (linear probing, power-of-two capacity, load ≤ 3/4) of
/// slots holding the newest row of each distinct key as `tag << 28 | (row + 1)` (0 = empty;
/// the 4-bit tag is taken from the key's hash, so 15 of 16 probes of a foreign key are
/// rejected without reading the row), and, unless `unique`, a `next` array chaining each row
/// to the previous row with the same key (`row + 1`, 0 ends).
///
/// INVARIANT: chains run from the newest row to the oldest, so row ids strictly decrease
/// along a chain; a probe restricted to rows `lo..<hi` skips ids `>= hi` and stops below
/// `lo`. A unique index (the relation's duplicate filter) never holds two rows with equal keys.
final class HashIndex {
  /// The indexed columns, in key order.
  let columns: [Int]
  /// Whether the key is the whole row (the duplicate-elimination index).
  let unique: Bool
  private let columnOffsets: UnsafeMutablePointer<Int32>
  private(set) var slots: UnsafeMutablePointer<UInt32>
  private(set) var capacity: Int
  private(set) var keyCount = 0
  private var next: RawBuffer
  /// Sum of slots read ahead of use, kept so the reads are not optimised away.
  private var sink: UInt32 = 0

  /// Probes issued together, so their cache misses overlap (a software prefetch).
  static let batch = 32

  /// Low bits of a slot: `row + 1`.
  static let rowMask: UInt32 = 0x0FFF_FFFF
  /// Most rows a relation can hold (row ids must fit beside the tag).
  static let maximumRows = Int(rowMask) - 1

  /// The tag bits of a hash, already shifted into slot position.
  @inline(__always)
  static func tag(_ h: UInt64) -> UInt32 { UInt32(truncatingIfNeeded: h >> 60) << 28 }

  /// Whether the table should grow before holding `keys` keys.
  @inline(__always)
  private static func isOverloaded(keys: Int, capacity: Int) -> Bool { keys * 4 > capacity * 3 }

  init(columns: [Int], unique: Bool) {
    self.columns = columns
    self.unique = unique
    columnOffsets = .allocate(capacity: max(1, columns.count))
    for (i, c) in columns.enumerated() { columnOffsets[i] = Int32(c) }
    capacity = 64
    slots = .allocate(capacity: capacity)
    slots.initialize(repeating: 0, count: capacity)
    next = RawBuffer(capacity: unique ? 16 : 1024)
  }

  deinit {
    columnOffsets.deallocate()
    slots.deallocate()
    next.deallocate()
  }

  /// Bytes held, for memory reports.
  var byteSize: Int { capacity * 4 + next.byteSize }

  /// Pointer to the chain links (valid until the next insertion).
  var nextLinks: UnsafeMutablePointer<UInt32> { next.base }

  /// Pointer to the indexed column numbers, in key order.
  var keyColumns: UnsafePointer<Int32> { UnsafePointer(columnOffsets) }

  @inline(__always)
  private func rowsEqual(_ a: Int, _ b: Int, data: UnsafePointer<UInt32>, arity: Int) -> Bool {
    let ra = data + a * arity
    let rb = data + b * arity
    for i in 0..<columns.count {
      let c = Int(columnOffsets[i])
      if ra[c] != rb[c] { return false }
    }
    return true
  }

  /// A raw view of the table for lookups: what the interpreter's loop keeps per step, so that
  /// a probe touches no object and no reference count.
  ///
  /// SAFETY: valid while the index is neither inserted into nor rehashed.
  struct Probe {
    /// The slot table.
    let slots: UnsafePointer<UInt32>
    /// `capacity - 1`.
    let mask: Int
    /// The indexed column numbers, in key order.
    let columns: UnsafePointer<Int32>
    /// The number of indexed columns.
    let width: Int

    /// The newest row with this key (as `row + 1`), or 0.
    ///
    /// `key` holds one id per indexed column; `data` holds the relation's rows of `arity` ids.
    @inline(__always)
    func find(key: UnsafePointer<UInt32>, data: UnsafePointer<UInt32>, arity: Int) -> UInt32 {
      let h = RowHash.hash(key, count: width)
      let tag = HashIndex.tag(h)
      var i = Int(truncatingIfNeeded: h) & mask
      while true {
        let s = slots[i]
        if s == 0 { return 0 }
        if s & ~HashIndex.rowMask == tag {
          let r = s & HashIndex.rowMask
          let row = data + Int(r - 1) * arity
          var equal = true
          for k in 0..<width where row[Int(columns[k])] != key[k] {
            equal = false
            break
          }
          if equal { return r }
        }
        i = (i + 1) & mask
      }
    }
  }

  /// The current table as a `Probe` (valid until the next insertion).
  @inline(__always)
  var probe: Probe {
    Probe(
      slots: UnsafePointer(slots), mask: capacity - 1, columns: keyColumns, width: columns.count)
  }

  /// The newest row with this key (as `row + 1`), or 0.
  ///
  /// `key` holds one id per indexed column.
  @inline(__always)
  func find(key: UnsafePointer<UInt32>, data: UnsafePointer<UInt32>, arity: Int) -> UInt32 {
    probe.find(key: key, data: data, arity: arity)
  }

  /// The slot a probe for hash `h` starts at.
  ///
  /// Reading it ahead of a batch of probes overlaps their cache misses (a software prefetch).
  @inline(__always)
  func firstSlot(ofHash h: UInt64) -> UInt32 { slots[Int(truncatingIfNeeded: h) & (capacity - 1)] }

  /// For a unique index over all columns in order (a relation's duplicate filter): the row
  /// holding `tuple` (as `row + 1`), or 0 after recording `row` as the holder of `tuple`.
  ///
  /// `h` is `RowHash.hash(tuple, count: arity)`. When this returns 0, the caller must store
  /// `tuple` as row `row` of `data` before the next call (later probes may compare against it).
  @inline(__always)
  func findOrInsert(
    _ tuple: UnsafePointer<UInt32>, hash h: UInt64, row: Int, data: UnsafePointer<UInt32>,
    arity: Int
  ) -> UInt32 {
    // Grow first: rows `0..<keyCount` are all stored now, as a unique rehash needs.
    if Self.isOverloaded(keys: keyCount + 1, capacity: capacity) {
      rehash(to: capacity * 2, data: data, arity: arity)
    }
    let mask = capacity - 1
    let tag = Self.tag(h)
    var i = Int(truncatingIfNeeded: h) & mask
    while true {
      let s = slots[i]
      if s == 0 { break }
      if s & ~Self.rowMask == tag {
        let r = s & Self.rowMask
        let existing = data + Int(r - 1) * arity
        var equal = true
        for c in 0..<arity where existing[c] != tuple[c] {
          equal = false
          break
        }
        if equal { return r }
      }
      i = (i + 1) & mask
    }
    slots[i] = tag | UInt32(row + 1)
    keyCount += 1
    return 0
  }

  /// Adds `row` (already stored in `data`).
  ///
  /// For a unique index, returns the existing row
  /// with the same key (as `row + 1`) instead of adding; otherwise returns 0.
  @discardableResult
  func insert(row: Int, data: UnsafePointer<UInt32>, arity: Int) -> UInt32 {
    if !unique, next.count <= row { next.resize(to: row + 1) }
    let mask = capacity - 1
    let h = RowHash.hash(data + row * arity, columns: columnOffsets, count: columns.count)
    let tag = Self.tag(h)
    var i = Int(truncatingIfNeeded: h) & mask
    while true {
      let s = slots[i]
      if s == 0 { break }
      if s & ~Self.rowMask == tag {
        let r = s & Self.rowMask
        if rowsEqual(Int(r - 1), row, data: data, arity: arity) {
          if unique { return r }
          next[row] = r
          slots[i] = tag | UInt32(row + 1)
          return 0
        }
      }
      i = (i + 1) & mask
    }
    if !unique { next[row] = 0 }
    slots[i] = tag | UInt32(row + 1)
    keyCount += 1
    if Self.isOverloaded(keys: keyCount, capacity: capacity) { grow(data: data, arity: arity) }
    return 0
  }

  /// For an empty unique index: adds rows `0..<n` of `data`, which the caller knows to be
  /// pairwise distinct, in one rebuild (sequential reads of the rows).
  func addDistinctRows(_ n: Int, data: UnsafePointer<UInt32>, arity: Int) {
    guard unique, keyCount == 0, n > 0 else {
      for row in 0..<n { insert(row: row, data: data, arity: arity) }
      return
    }
    keyCount = n
    var newCapacity = capacity
    while Self.isOverloaded(keys: n, capacity: newCapacity) { newCapacity *= 2 }
    rehash(to: newCapacity, data: data, arity: arity)
  }

  /// Counts keys whose slots a parallel merge filled directly (see `ParallelMerge`).
  func countNewKeys(_ n: Int) {
    keyCount += n
  }

  /// Ensures the table holds `expectedKeys` without further growth (bulk loads).
  func reserve(keys expectedKeys: Int, rows: Int, data: UnsafePointer<UInt32>, arity: Int) {
    if !unique { next.reserve(rows) }
    var newCapacity = capacity
    while Self.isOverloaded(keys: expectedKeys, capacity: newCapacity) { newCapacity *= 2 }
    if newCapacity > capacity { rehash(to: newCapacity, data: data, arity: arity) }
  }

  /// `reserve` for a bulk merge on `threads` threads: a larger table is rebuilt in
  /// parallel (see `rehashInParallel`).
  func reserve(keys expectedKeys: Int, data: UnsafePointer<UInt32>, arity: Int, threads: Int) {
    var newCapacity = capacity
    while Self.isOverloaded(keys: expectedKeys, capacity: newCapacity) { newCapacity *= 2 }
    guard newCapacity > capacity else { return }
    if threads > 1 && unique {
      rehashInParallel(to: newCapacity, data: data, arity: arity, threads: threads)
    } else {
      rehash(to: newCapacity, data: data, arity: arity)
    }
  }

  /// Rebuilds the table at `newCapacity` on `threads` threads.
  ///
  /// First the new home slot of every entry is computed (tasks over ranges of old slots);
  /// then the new table is cut into one region per task, and each task places the entries
  /// whose home lies in its region, in old-slot order, at the first empty slot of the
  /// region. An entry that would probe past its region's end is placed afterwards on one
  /// thread. Every entry stays reachable from its home without crossing an empty slot.
  private func rehashInParallel(
    to newCapacity: Int, data: UnsafePointer<UInt32>, arity: Int, threads: Int
  ) {
    let old = UnsafePointer(slots)
    let oldCapacity = capacity
    let newSlots = UnsafeMutablePointer<UInt32>.allocate(capacity: newCapacity)
    newSlots.initialize(repeating: 0, count: newCapacity)
    let homes = UnsafeMutablePointer<UInt32>.allocate(capacity: oldCapacity)
    defer { homes.deallocate() }
    let mask = newCapacity - 1
    let columns = UnsafePointer(columnOffsets)
    let keyCount = self.columns.count
    ParallelFor.run(threads) { k in
      for j in (k * oldCapacity / threads)..<((k + 1) * oldCapacity / threads) {
        let s = old[j]
        if s == 0 {
          homes[j] = UInt32.max
          continue
        }
        let row = data + Int((s & Self.rowMask) - 1) * arity
        let h = RowHash.hash(row, columns: columns, count: keyCount)
        homes[j] = UInt32(truncatingIfNeeded: Int(truncatingIfNeeded: h) & mask)
      }
    }
    let spills = DisjointSlots<[Int]>(repeating: [], count: threads)
    ParallelFor.run(threads) { k in
      let lo = k * newCapacity / threads
      let hi = (k + 1) * newCapacity / threads
      var deferred: [Int] = []
      for j in 0..<oldCapacity where homes[j] != UInt32.max {
        var i = Int(homes[j])
        guard i >= lo && i < hi else { continue }
        while i < hi && newSlots[i] != 0 { i += 1 }
        if i == hi { deferred.append(j) } else { newSlots[i] = old[j] }
      }
      spills[k] = deferred
    }
    for j in spills.elements.joined().sorted() {
      var i = Int(homes[j])
      while newSlots[i] != 0 { i = (i + 1) & mask }
      newSlots[i] = old[j]
    }
    slots.deallocate()
    slots = newSlots
    capacity = newCapacity
  }

  private func grow(data: UnsafePointer<UInt32>, arity: Int) {
    rehash(to: capacity * 2, data: data, arity: arity)
  }

  /// Rebuilds the table at `newCapacity` slots.
  ///
  /// A unique index holds one key per row, rows `0..<keyCount`, so it is rebuilt from the rows
  /// in order (sequential reads), and its old table is freed first: the old and the new table
  /// are never held together (measured: iam-small peak 78 -> 73 MB).
  private func rehash(to newCapacity: Int, data: UnsafePointer<UInt32>, arity: Int) {
    if unique {
      slots.deallocate()
    }
    let newSlots = UnsafeMutablePointer<UInt32>.allocate(capacity: newCapacity)
    newSlots.initialize(repeating: 0, count: newCapacity)
    let mask = newCapacity - 1
    if unique {
      // One key per row, rows `0..<keyCount`: read the rows in order rather than through the
      // old slots (sequential instead of random reads), touching each batch's slots first.
      let columns = UnsafePointer(columnOffsets)
      let width = self.columns.count
      withUnsafeTemporaryAllocation(of: UInt64.self, capacity: Self.batch) { hashes in
        var first = 0
        var touched: UInt32 = 0
        while first < keyCount {
          let n = min(Self.batch, keyCount - first)
          for k in 0..<n {
            let h = RowHash.hash(data + (first + k) * arity, columns: columns, count: width)
            hashes[k] = h
            touched &+= newSlots[Int(truncatingIfNeeded: h) & mask]
          }
          for k in 0..<n {
            let h = hashes[k]
            var i = Int(truncatingIfNeeded: h) & mask
            while newSlots[i] != 0 { i = (i + 1) & mask }
            newSlots[i] = Self.tag(h) | UInt32(first + k + 1)
          }
          first += n
        }
        sink = touched
      }
    } else {
      for j in 0..<capacity {
        let s = slots[j]
        if s == 0 { continue }
        let h = RowHash.hash(
          data + Int((s & Self.rowMask) - 1) * arity, columns: columnOffsets, count: columns.count)
        var i = Int(truncatingIfNeeded: h) & mask
        while newSlots[i] != 0 { i = (i + 1) & mask }
        newSlots[i] = s
      }
    }
    if !unique {
      slots.deallocate()
    }
    slots = newSlots
    capacity = newCapacity
  }

  /// Debug check: every row reachable exactly once and chains strictly decreasing.
  func checkInvariants(rowCount: Int, data: UnsafePointer<UInt32>, arity: Int) -> Bool {
    var seen = [Bool](repeating: false, count: rowCount)
    var keys = 0
    for j in 0..<capacity where slots[j] != 0 {
      keys += 1
      let head = slots[j] & Self.rowMask
      var r = head
      var previous = UInt32.max
      while r != 0 {
        let row = Int(r - 1)
        if r >= previous || row >= rowCount || seen[row] { return false }
        if !rowsEqual(row, Int(head - 1), data: data, arity: arity) { return false }
        seen[row] = true
        previous = r
        r = unique ? 0 : next[row]
      }
    }
    return keys == keyCount && (unique || seen.allSatisfy { $0 })
  }
}
