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
  /// Existing rows whose height a derivation in this iteration lowers: row → (rule, height).
  private(set) var improvements: [UInt32: (rule: UInt32, height: UInt32)] = [:]
  /// Rows in the order their first improvement was found (deterministic merge order).
  private(set) var improvedOrder: [UInt32] = []

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

  /// Offers a derived tuple; returns true when it is new to both relation and buffer.
  @inline(__always)
  @discardableResult
  func insert(_ tuple: UnsafePointer<UInt32>, rule: UInt32, height: UInt32) -> Bool {
    if let row = relation.find(tuple) {
      let recorded = relation.heights[row]
      if height < recorded {
        let key = UInt32(row)
        if let existing = improvements[key] {
          if height < existing.height { improvements[key] = (rule, height) }
        } else {
          improvements[key] = (rule, height)
          improvedOrder.append(key)
        }
      }
      return false
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
        return false
      }
      i = (i + 1) & mask
    }
    rows.append(from: tuple, count: arity)
    rules.append(rule)
    heights.append(height)
    table[i] = UInt32(count + 1)
    count += 1
    if count * 2 > capacity { grow() }
    return true
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

  /// Moves the staged tuples into the relation and applies improvements.
  ///
  /// Returns the number
  /// of new rows; the improved rows are left in `relation.improved`.
  func merge() -> Int {
    relation.reserve(additional: count)
    var added = 0
    for r in 0..<count {
      let (_, isNew) = relation.insert(
        rows.base + r * arity, rule: rules[r], height: heights[r])
      if isNew { added += 1 }
    }
    var improved: [UInt32] = []
    for row in improvedOrder {
      if let change = improvements[row], change.height < relation.heights[Int(row)] {
        relation.improve(row: Int(row), rule: change.rule, height: change.height)
        improved.append(row)
      }
    }
    relation.improved = improved
    clear()
    return added
  }

  /// Empties the buffer for the next iteration.
  func clear() {
    rows.removeAll()
    rules.removeAll()
    heights.removeAll()
    count = 0
    table.update(repeating: 0, count: capacity)
    improvements.removeAll(keepingCapacity: true)
    improvedOrder.removeAll(keepingCapacity: true)
  }

  /// Number of improvements pending.
  var improvementCount: Int { improvedOrder.count }
}
