/// One relation's tuples: fixed-width rows of interned ids in one flat buffer, with
/// duplicate elimination, the indexes its rules need, and provenance per row.
///
/// Provenance (docs/language.md#proofs) lives here: `ruleOf[row]` is the global rule id of the
/// row's lowest known derivation, or, for input rows, an origin tag (`Provenance`), one byte
/// a row while the relation has few distinct tags (`RuleColumn`); `heightOf[row]` is the
/// height of that derivation (0 for input rows).
///
/// INVARIANT: rows are append-only and pairwise distinct; row `r` occupies
/// `data[r * arity ..< (r + 1) * arity]`; every index holds exactly rows `0..<count`.
/// Semi-naive ranges: rows `deltaStart..<deltaEnd` plus `improved` are the delta.
final class Relation {
  /// The relation's id in the database.
  let id: Int
  /// The relation name.
  let name: String
  /// Columns per row.
  let arity: Int
  private(set) var data: RawBuffer
  private(set) var ruleOf: RuleColumn
  private(set) var heightOf: RawBuffer
  /// Number of rows (for arity 0: 0 or 1).
  private(set) var count = 0
  /// Duplicate filter: a unique index over all columns (rows added by `appendDistinct` join
  /// it on first use).
  var primary: HashIndex {
    if filterPending { completeFilter() }
    return filter
  }
  private let filter: HashIndex
  /// Whether rows `0..<count` were appended by `appendDistinct` and are not in `filter` yet.
  ///
  /// INVARIANT: only while no secondary index exists and nothing else was inserted; read and
  /// cleared on one thread (a parallel run touches the filter of a relation it probes in its
  /// single-threaded set-up first, `ParallelRunner`).
  private var filterPending = false
  /// Secondary indexes, created on demand by the planner.
  private(set) var indexes: [HashIndex] = []
  /// Set when an insertion was refused because the relation holds `HashIndex.maximumRows`.
  private(set) var isFull = false
  /// First row of the current delta.
  var deltaStart = 0
  /// One past the last row of the current delta.
  var deltaEnd = 0
  /// Rows outside `deltaStart..<deltaEnd` whose height improved in the last iteration.
  var improved: [UInt32] = []
  /// Files that input rows came from, by first row (for origins of line-tagged rows).
  private(set) var inputRuns: [(firstRow: Int, file: Int32)] = []
  /// Sum of the primary slots read ahead by `insert(batch:)`, kept so the reads stay.
  private var primaryTouches: UInt32 = 0

  init(id: Int, name: String, arity: Int) {
    self.id = id
    self.name = name
    self.arity = arity
    data = RawBuffer(capacity: max(16, arity * 16))
    ruleOf = RuleColumn()
    heightOf = RawBuffer()
    filter = HashIndex(columns: Array(0..<arity), unique: true)
  }

  deinit {
    data.deallocate()
    ruleOf.deallocate()
    heightOf.deallocate()
  }

  /// Pointer to the rows (valid until the next insertion).
  var rows: UnsafeMutablePointer<UInt32> { data.base }
  /// The only rule that can derive rows of this relation, when it has one rule and no
  /// input facts: then no per-row rule column is stored (4 bytes a row saved).
  ///
  /// INVARIANT: set before the first insertion, and only for relations with no input rows.
  var implicitRule: UInt32?

  /// The provenance tag of a row: the deriving rule's id, or an input tag.
  @inline(__always)
  func rule(ofRow row: Int) -> UInt32 { implicitRule ?? ruleOf[row] }
  /// Pointer to the per-row heights.
  var heights: UnsafeMutablePointer<UInt32> { heightOf.base }

  /// Bytes held by rows, provenance and indexes.
  var byteSize: Int {
    data.byteSize + ruleOf.byteSize + heightOf.byteSize + filter.byteSize
      + indexes.reduce(0) { $0 + $1.byteSize }
  }

  /// Adds a row unless present; returns the row id and whether it was new.
  @discardableResult
  func insert(_ tuple: UnsafePointer<UInt32>, rule: UInt32, height: UInt32) -> (Int, Bool) {
    let row = count
    guard row < HashIndex.maximumRows else {
      // The evaluator turns this into a `limit` error after the current rule.
      isFull = true
      return (0, false)
    }
    data.append(from: tuple, count: arity)
    if arity == 0 && count > 0 { return (0, false) }
    let existing = primary.insert(row: row, data: data.base, arity: arity)
    if existing != 0 {
      data.resize(to: row * arity)
      return (Int(existing - 1), false)
    }
    if implicitRule == nil { ruleOf.append(rule) }
    heightOf.append(height)
    count += 1
    for index in indexes { index.insert(row: row, data: data.base, arity: arity) }
    return (row, true)
  }

  /// Adds `n` tuples (stored one after another at `tuples`), each with its rule and height,
  /// keeping the lowest derivation of tuples already present; returns the number of new rows.
  ///
  /// Rows already present before the call whose derivation got lower are appended to
  /// `improved`. Probes go in batches whose first slots are read ahead, so their cache misses
  /// overlap; secondary indexes are updated after all rows are in.
  func insert(
    batch tuples: UnsafePointer<UInt32>, rules: UnsafePointer<UInt32>,
    heights: UnsafePointer<UInt32>, count n: Int, improved: inout [UInt32]
  ) -> Int {
    let first = count
    if arity == 0 {
      for j in 0..<n {
        let (row, isNew) = insert(tuples, rule: rules[j], height: heights[j])
        if !isNew, !isFull, heights[j] < heightOf[row] {
          improve(row: row, rule: rules[j], height: heights[j])
          improved.append(UInt32(row))
        }
      }
      return count - first
    }
    let total = min(count + n, HashIndex.maximumRows)
    data.reserve(total * arity)
    if implicitRule == nil { ruleOf.reserve(total) }
    heightOf.reserve(total)
    withUnsafeTemporaryAllocation(of: UInt64.self, capacity: HashIndex.batch) { hashes in
      var start = 0
      var touched: UInt32 = 0
      while start < n && !isFull {
        let m = min(HashIndex.batch, n - start)
        for k in 0..<m {
          let h = RowHash.hash(tuples + (start + k) * arity, count: arity)
          hashes[k] = h
          touched &+= primary.firstSlot(ofHash: h)
        }
        for k in 0..<m {
          let j = start + k
          let tuple = tuples + j * arity
          guard count < HashIndex.maximumRows else {
            // The evaluator turns this into a `limit` error after the current rule.
            isFull = true
            break
          }
          let existing = primary.findOrInsert(
            tuple, hash: hashes[k], row: count, data: data.base, arity: arity)
          if existing == 0 {
            data.append(from: tuple, count: arity)
            if implicitRule == nil { ruleOf.append(rules[j]) }
            heightOf.append(heights[j])
            count += 1
          } else {
            let row = Int(existing - 1)
            if heights[j] < heightOf[row] {
              improve(row: row, rule: rules[j], height: heights[j])
              if row < first { improved.append(UInt32(row)) }
            }
          }
        }
        start += m
      }
      primaryTouches = touched
    }
    for index in indexes {
      for row in first..<count { index.insert(row: row, data: data.base, arity: arity) }
    }
    return count - first
  }

  /// The number of distinct rows the duplicate filter holds (without completing it).
  var filterKeyCount: Int { filterPending ? count : filter.keyCount }

  /// Appends tuples known to be distinct, without the duplicate check.
  ///
  /// Appends `n` tuples (stored one after another at `tuples`) that the caller knows to be
  /// pairwise distinct, and distinct from the rows held, to a relation that holds only rows
  /// appended this way, each with its rule and height 0; the duplicate filter takes them on
  /// first use, so that a large input table nothing looks up costs only its copy. Anywhere
  /// else (a relation holding other rows or indexes), the rows are inserted as by
  /// `insert(batch:)`.
  func appendDistinct(_ tuples: UnsafePointer<UInt32>, rules: UnsafePointer<UInt32>, count n: Int) {
    guard count == 0 || filterPending, indexes.isEmpty, arity > 0,
      count + n <= HashIndex.maximumRows, n > 0
    else {
      let heights = [UInt32](repeating: 0, count: max(1, n))
      var improved: [UInt32] = []
      heights.withUnsafeBufferPointer { h in
        guard let h = h.baseAddress else { return }
        _ = insert(batch: tuples, rules: rules, heights: h, count: n, improved: &improved)
      }
      return
    }
    data.append(from: tuples, count: n * arity)
    if implicitRule == nil {
      ruleOf.reserve(count + n)
      for j in 0..<n { ruleOf.append(rules[j]) }
    }
    heightOf.resize(to: count + n)
    count += n
    filterPending = true
  }

  /// Puts the rows `appendDistinct` added into the duplicate filter.
  private func completeFilter() {
    filterPending = false
    filter.addDistinctRows(count, data: data.base, arity: arity)
  }

  /// Appends a row the caller knows to be new, without indexing it; returns its row id.
  ///
  /// INVARIANT: the caller (`ParallelMerge`) then adds the row to the duplicate filter and
  /// every secondary index before anything reads the relation.
  func appendUnindexed(_ tuple: UnsafePointer<UInt32>, rule: UInt32, height: UInt32) -> Int {
    let row = count
    data.append(from: tuple, count: arity)
    if implicitRule == nil { ruleOf.append(rule) }
    heightOf.append(height)
    count += 1
    return row
  }

  /// Records that rows appended from now on come from `file` (input provenance).
  func beginInputRun(file: Int32) {
    if let last = inputRuns.last, last.firstRow == count {
      inputRuns[inputRuns.count - 1] = (count, file)
    } else {
      inputRuns.append((count, file))
    }
  }

  /// The file an input row was loaded from, if recorded.
  func inputFile(ofRow row: Int) -> Int32? {
    var result: Int32?
    for run in inputRuns where run.firstRow <= row { result = run.file }
    return result
  }

  /// Lowers the recorded derivation of an existing row.
  func improve(row: Int, rule: UInt32, height: UInt32) {
    if implicitRule == nil { ruleOf.set(rule, atRow: row) }
    heightOf[row] = height
  }

  /// Grows the duplicate filter ahead of a bulk load of `additional` rows.
  func reserve(additional: Int) {
    let total = count + additional
    data.reserve(total * arity)
    if implicitRule == nil { ruleOf.reserve(total) }
    heightOf.reserve(total)
    primary.reserve(keys: total, rows: total, data: data.base, arity: arity)
  }

  /// `reserve(additional:)` for a parallel merge: the duplicate filter grows on `threads`
  /// threads.
  func reserve(additional: Int, threads: Int) {
    let total = count + additional
    data.reserve(total * arity)
    if implicitRule == nil { ruleOf.reserve(total) }
    heightOf.reserve(total)
    primary.reserve(keys: total, data: data.base, arity: arity, threads: threads)
  }

  /// The index over exactly these columns (in this order), building it if needed.
  func index(on columns: [Int]) -> HashIndex {
    if let existing = indexes.first(where: { $0.columns == columns }) { return existing }
    let index = HashIndex(columns: columns, unique: false)
    index.reserve(keys: count, rows: count, data: data.base, arity: arity)
    for row in 0..<count { index.insert(row: row, data: data.base, arity: arity) }
    indexes.append(index)
    return index
  }

  /// Finds a full tuple; returns its row id or nil.
  func find(_ tuple: UnsafePointer<UInt32>) -> Int? {
    if arity == 0 { return count > 0 ? 0 : nil }
    let r = primary.find(key: tuple, data: data.base, arity: arity)
    return r == 0 ? nil : Int(r - 1)
  }

  /// Debug check of every structural invariant (used by tests).
  func checkInvariants() -> Bool {
    let rulesStored = implicitRule == nil ? count : 0
    guard ruleOf.count == rulesStored, heightOf.count == count, data.count == count * arity else {
      return false
    }
    if arity == 0 { return count <= 1 }
    return primary.checkInvariants(rowCount: count, data: data.base, arity: arity)
      && indexes.allSatisfy { $0.checkInvariants(rowCount: count, data: data.base, arity: arity) }
  }
}

/// Encoding of `Relation.ruleOf` tags.
enum Provenance {
  /// Tag bit: the row is an input fact whose low bits are its 1-based source line.
  static let inputLine: UInt32 = 0x4000_0000
  /// Tag bit: the row is an input fact whose low bits index the fact-origin table.
  static let originEntry: UInt32 = 0x8000_0000
  /// Mask for the payload of a tagged value.
  static let payloadMask: UInt32 = 0x3FFF_FFFF

  /// Whether a tag denotes an input fact.
  @inline(__always)
  static func isInput(_ tag: UInt32) -> Bool { tag & (inputLine | originEntry) != 0 }

  /// The tag of an input fact at a source line (clamped to the payload range).
  static func line(_ line: Int) -> UInt32 { inputLine | UInt32(min(line, Int(payloadMask))) }
}
