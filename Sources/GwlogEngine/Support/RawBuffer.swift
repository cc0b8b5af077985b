#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A growable buffer of `UInt32` on raw memory, owned by one storage object.
///
/// Growth uses `realloc`, which for large blocks remaps pages instead of copying, so growing
/// a relation of hundreds of megabytes neither copies it nor briefly needs twice the memory.
///
/// SAFETY: the owner calls `deallocate()` exactly once (in its `deinit`). Pointers obtained
/// from `base` stay valid until the next `append`/`reserve`/`resize`; the evaluator only
/// reads storage while no such call can happen (new tuples go to staging buffers first).
struct RawBuffer {
  private(set) var base: UnsafeMutablePointer<UInt32>
  private(set) var count: Int = 0
  private(set) var capacity: Int

  /// An empty buffer with room for `capacity` ids (at least 16).
  init(capacity: Int = 16) {
    _ = Self.fixesMapThreshold
    self.capacity = max(capacity, 16)
    base = Self.allocate(self.capacity)
  }

  /// Frees the memory; the owner calls it exactly once.
  func deallocate() { free(base) }

  /// Whether blocks of 128 KiB and more are always mapped separately, as set on first use.
  ///
  /// By default glibc raises that threshold each time such a block is freed (up to 32 MiB),
  /// so after the first large table is rehashed, blocks of up to that size come from the
  /// heap: freed memory then stays with the process, and `realloc` copies instead of
  /// remapping (briefly needing twice the memory). Setting the threshold once turns the
  /// raising off, process-wide (measured: sg-medium peak 159 -> 151 MB, tc-rand-medium
  /// 159 -> 146 MB).
  static let fixesMapThreshold: Bool = {
    #if canImport(Glibc)
      // `mallopt` is declared in <malloc.h>, which the Glibc module does not import.
      typealias MallOpt = @convention(c) (Int32, Int32) -> Int32
      let mmapThreshold: Int32 = -3  // M_MMAP_THRESHOLD
      guard let symbol = dlsym(nil, "mallopt") else { return false }
      return unsafeBitCast(symbol, to: MallOpt.self)(mmapThreshold, 128 * 1024) == 1
    #else
      return false
    #endif
  }()

  /// Uninitialised memory for `n` ids.
  private static func allocate(_ n: Int) -> UnsafeMutablePointer<UInt32> {
    if let p = malloc(n * MemoryLayout<UInt32>.stride) {
      return p.bindMemory(to: UInt32.self, capacity: n)
    }
    // Out of memory: the standard allocator reports it the same way as everywhere else.
    return UnsafeMutablePointer<UInt32>.allocate(capacity: n)
  }

  /// Element `i` (below `count`).
  @inline(__always)
  subscript(i: Int) -> UInt32 {
    get { base[i] }
    nonmutating set { base[i] = newValue }
  }

  /// Grows the capacity to at least `minimum` (by half each step), keeping the elements.
  mutating func reserve(_ minimum: Int) {
    guard minimum > capacity else { return }
    var newCapacity = capacity
    // Growth by 1.5 keeps the over-allocation (and the copy peak) of large relations low.
    while newCapacity < minimum { newCapacity = newCapacity &+ newCapacity / 2 }
    if let grown = realloc(base, newCapacity * MemoryLayout<UInt32>.stride) {
      base = grown.bindMemory(to: UInt32.self, capacity: newCapacity)
    } else {
      let newBase = Self.allocate(newCapacity)
      newBase.update(from: base, count: count)
      free(base)
      base = newBase
    }
    capacity = newCapacity
  }

  /// Appends one id.
  @inline(__always)
  mutating func append(_ v: UInt32) {
    if count == capacity { reserve(count + 1) }
    base[count] = v
    count += 1
  }

  /// Appends `n` ids read from `source`.
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

  /// Empties the buffer, keeping its memory.
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
