/// A growable buffer of `UInt32` on raw memory, owned by one storage object.
///
/// SAFETY: the owner calls `deallocate()` exactly once (in its `deinit`). Pointers obtained
/// from `base` stay valid until the next `append`/`reserve`/`resize`; the evaluator only
/// reads storage while no such call can happen (new tuples go to staging buffers first).
struct RawBuffer {
  private(set) var base: UnsafeMutablePointer<UInt32>
  private(set) var count: Int = 0
  private(set) var capacity: Int

  init(capacity: Int = 16) {
    self.capacity = max(capacity, 16)
    base = UnsafeMutablePointer<UInt32>.allocate(capacity: self.capacity)
  }

  func deallocate() { base.deallocate() }

  @inline(__always)
  subscript(i: Int) -> UInt32 {
    get { base[i] }
    nonmutating set { base[i] = newValue }
  }

  mutating func reserve(_ minimum: Int) {
    guard minimum > capacity else { return }
    var newCapacity = capacity
    // Growth by 1.5 keeps the over-allocation (and the copy peak) of large relations low.
    while newCapacity < minimum { newCapacity = newCapacity &+ newCapacity / 2 }
    let newBase = UnsafeMutablePointer<UInt32>.allocate(capacity: newCapacity)
    newBase.update(from: base, count: count)
    base.deallocate()
    base = newBase
    capacity = newCapacity
  }

  @inline(__always)
  mutating func append(_ v: UInt32) {
    if count == capacity { reserve(count + 1) }
    base[count] = v
    count += 1
  }

  mutating func append(from source: UnsafePointer<UInt32>, count n: Int) {
    reserve(count + n)
    (base + count).update(from: source, count: n)
    count += n
  }

  /// Sets the count, zero-filling new elements.
  mutating func resize(to n: Int) {
    reserve(n)
    if n > count { (base + count).initialize(repeating: 0, count: n - count) }
    count = n
  }

  mutating func removeAll() { count = 0 }

  var byteSize: Int { capacity * 4 }
}

/// Hashing of id rows shared by indexes and staging tables.
enum RowHash {
  /// Hash of `count` ids read from `p` at the given column offsets.
  @inline(__always)
  static func hash(_ p: UnsafePointer<UInt32>, columns: UnsafePointer<Int32>, count: Int) -> UInt64
  {
    var h: UInt64 = 0x9E37_79B9_7F4A_7C15
    for i in 0..<count {
      h = (h ^ UInt64(p[Int(columns[i])])) &* 0xff51_afd7_ed55_8ccd
      h ^= h >> 32
    }
    return h
  }

  /// Hash of `count` consecutive ids.
  @inline(__always)
  static func hash(_ p: UnsafePointer<UInt32>, count: Int) -> UInt64 {
    var h: UInt64 = 0x9E37_79B9_7F4A_7C15
    for i in 0..<count {
      h = (h ^ UInt64(p[i])) &* 0xff51_afd7_ed55_8ccd
      h ^= h >> 32
    }
    return h
  }
}
