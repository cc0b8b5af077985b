/// Interns symbols (by their bytes) and integers into one 32-bit id space, so that rows are
/// fixed-width integers and equality of values is equality of ids.
///
/// INVARIANT: every value has exactly one id. Integers in `smallIntegerRange` are encoded
/// inline (`id = value + smallBias`, below `pooledBase`); every other value (symbols and large
/// integers) is an entry of the pool with `id = pooledBase + index`. Symbols compare by bytes
/// (two strings that Swift considers canonically equal but that differ in bytes stay distinct).
public final class ConstantPool: @unchecked Sendable {
  /// Ids at or above this are pool entries; below it, inline small integers.
  public static let pooledBase: UInt32 = 0x8000_0000
  /// Offset that maps the smallest inline integer to id 0.
  static let smallBias: Int64 = 0x4000_0000
  /// Integers that are encoded inline, without a pool entry.
  public static let smallIntegerRange: ClosedRange<Int64> = -0x4000_0000...0x3FFF_FFFF

  private enum Kind: UInt8 { case symbol, integer }

  // Entry storage: kind, and for symbols a byte range in `arena`; for integers the value.
  private var kinds: [Kind] = []
  private var payload: [Int64] = []  // symbol: start << 32 | length; integer: value
  private var arena: [UInt8] = []
  private var hashes: [UInt64] = []
  // Open-addressing table of entry index + 1 (0 = empty).
  private var slots: [UInt32] = Array(repeating: 0, count: 1024)
  private var symbolCache: [String?] = []

  /// Creates an empty pool.
  public init() {}

  /// Number of pooled entries (symbols and large integers).
  public var entryCount: Int { kinds.count }

  /// Approximate bytes held, for memory reports.
  public var byteSize: Int { arena.count + kinds.count * 25 + slots.count * 4 }

  /// Makes room for `additional` more entries holding `bytes` bytes of symbols in all, so
  /// that interning them grows no table (bulk loads of a known number of symbols).
  public func reserveCapacity(_ additional: Int, bytes: Int = 0) {
    let total = kinds.count + max(0, additional)
    // Geometric growth, so that many small reservations copy the storage only a few times.
    let bytesNeeded = arena.count + max(0, bytes)
    if bytesNeeded > arena.capacity { arena.reserveCapacity(max(bytesNeeded, 2 * arena.capacity)) }
    if total > kinds.capacity {
      let capacity = max(total, 2 * kinds.capacity)
      kinds.reserveCapacity(capacity)
      payload.reserveCapacity(capacity)
      hashes.reserveCapacity(capacity)
    }
    var capacity = slots.count
    while total * 2 > capacity { capacity *= 2 }
    if capacity > slots.count { rehash(to: capacity) }
  }

  /// The id of an integer.
  @inline(__always)
  public func intern(_ value: Int64) -> UInt32 {
    if Self.smallIntegerRange.contains(value) { return UInt32(value + Self.smallBias) }
    let h = Self.mixInteger(value)
    var i = Int(truncatingIfNeeded: h) & (slots.count - 1)
    while slots[i] != 0 {
      let e = Int(slots[i] - 1)
      if kinds[e] == .integer, payload[e] == value { return Self.pooledBase + UInt32(e) }
      i = (i + 1) & (slots.count - 1)
    }
    return insert(kind: .integer, payload: value, hash: h, slot: i)
  }

  /// The id of a symbol given as bytes.
  public func intern<C: Collection>(bytes: C) -> UInt32 where C.Element == UInt8 {
    let h = Self.hashBytes(bytes)
    var i = Int(truncatingIfNeeded: h) & (slots.count - 1)
    while slots[i] != 0 {
      let e = Int(slots[i] - 1)
      if hashes[e] == h, kinds[e] == .symbol, symbolBytesEqual(e, bytes) {
        return Self.pooledBase + UInt32(e)
      }
      i = (i + 1) & (slots.count - 1)
    }
    let start = arena.count
    arena.append(contentsOf: bytes)
    let packed = Int64(start) << 32 | Int64(arena.count - start)
    return insert(kind: .symbol, payload: packed, hash: h, slot: i)
  }

  /// The id of a symbol.
  public func intern(_ symbol: String) -> UInt32 {
    var s = symbol
    return s.withUTF8 { intern(bytes: $0) }
  }

  /// The id of a value.
  public func intern(_ value: Value) -> UInt32 {
    switch value {
    case .integer(let i): return intern(i)
    case .symbol(let s): return intern(s)
    }
  }

  /// The id of an existing symbol, without adding it.
  public func lookup(_ symbol: String) -> UInt32? {
    var s = symbol
    return s.withUTF8 { bytes -> UInt32? in
      let h = Self.hashBytes(bytes)
      var i = Int(truncatingIfNeeded: h) & (slots.count - 1)
      while slots[i] != 0 {
        let e = Int(slots[i] - 1)
        if hashes[e] == h, kinds[e] == .symbol, symbolBytesEqual(e, bytes) {
          return Self.pooledBase + UInt32(e)
        }
        i = (i + 1) & (slots.count - 1)
      }
      return nil
    }
  }

  /// Whether an id denotes an integer.
  @inline(__always)
  public func isInteger(_ id: UInt32) -> Bool {
    id < Self.pooledBase || kinds[Int(id - Self.pooledBase)] == .integer
  }

  /// The integer an id denotes, or nil for a symbol.
  @inline(__always)
  public func integer(_ id: UInt32) -> Int64? {
    if id < Self.pooledBase { return Int64(id) - Self.smallBias }
    let e = Int(id - Self.pooledBase)
    return kinds[e] == .integer ? payload[e] : nil
  }

  /// The bytes of a symbol id, or nil for an integer.
  public func symbolBytes(_ id: UInt32) -> ArraySlice<UInt8>? {
    guard id >= Self.pooledBase else { return nil }
    let e = Int(id - Self.pooledBase)
    guard kinds[e] == .symbol else { return nil }
    let start = Int(payload[e] >> 32)
    let length = Int(payload[e] & 0xFFFF_FFFF)
    return arena[start..<start + length]
  }

  /// The string of a symbol id, or nil for an integer (decoded once, then cached).
  public func symbol(_ id: UInt32) -> String? {
    guard id >= Self.pooledBase else { return nil }
    let e = Int(id - Self.pooledBase)
    if e < symbolCache.count, let cached = symbolCache[e] { return cached }
    guard let bytes = symbolBytes(id) else { return nil }
    let s = String(decoding: bytes, as: UTF8.self)
    if symbolCache.count < kinds.count {
      symbolCache.append(contentsOf: repeatElement(nil, count: kinds.count - symbolCache.count))
    }
    symbolCache[e] = s
    return s
  }

  /// The user-facing value of an id.
  public func value(_ id: UInt32) -> Value {
    if let i = integer(id) { return .integer(i) }
    return .symbol(symbol(id) ?? "")
  }

  /// Output order (docs/language.md#output-order): numbers first, by value; symbols by bytes.
  public func less(_ a: UInt32, _ b: UInt32) -> Bool {
    if a == b { return false }
    let ai = integer(a)
    let bi = integer(b)
    switch (ai, bi) {
    case (let x?, let y?): return x < y
    case (.some, nil): return true
    case (nil, .some): return false
    case (nil, nil):
      guard let x = symbolBytes(a), let y = symbolBytes(b) else { return false }
      return x.lexicographicallyPrecedes(y)
    }
  }

  /// Compares two ids with a comparison operator: `=`/`!=` by identity, the others in output
  /// order (numbers before symbols, numbers by value, symbols by bytes).
  @inline(__always)
  public func compare(_ a: UInt32, _ op: ComparisonOperator, _ b: UInt32) -> Bool {
    switch op {
    case .equal: return a == b
    case .notEqual: return a != b
    case .less: return less(a, b)
    case .lessOrEqual: return a == b || less(a, b)
    case .greater: return less(b, a)
    case .greaterOrEqual: return a == b || less(b, a)
    }
  }

  private func symbolBytesEqual<C: Collection>(_ e: Int, _ bytes: C) -> Bool
  where C.Element == UInt8 {
    let start = Int(payload[e] >> 32)
    let length = Int(payload[e] & 0xFFFF_FFFF)
    guard length == bytes.count else { return false }
    var i = start
    for b in bytes {
      if arena[i] != b { return false }
      i += 1
    }
    return true
  }

  private func insert(kind: Kind, payload value: Int64, hash: UInt64, slot: Int) -> UInt32 {
    let e = kinds.count
    kinds.append(kind)
    payload.append(value)
    hashes.append(hash)
    slots[slot] = UInt32(e + 1)
    if kinds.count * 2 > slots.count { grow() }
    return Self.pooledBase + UInt32(e)
  }

  private func grow() {
    rehash(to: slots.count * 2)
  }

  /// Rebuilds the slot table at `capacity` slots (a power of two above twice the entries).
  private func rehash(to capacity: Int) {
    var newSlots = [UInt32](repeating: 0, count: capacity)
    let mask = newSlots.count - 1
    for e in 0..<kinds.count {
      var i = Int(truncatingIfNeeded: hashes[e]) & mask
      while newSlots[i] != 0 { i = (i + 1) & mask }
      newSlots[i] = UInt32(e + 1)
    }
    slots = newSlots
  }

  /// FNV-1a over bytes, finished with a multiply-xorshift so low bits are well mixed.
  static func hashBytes<C: Collection>(_ bytes: C) -> UInt64 where C.Element == UInt8 {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for b in bytes {
      h = (h ^ UInt64(b)) &* 0x100_0000_01b3
    }
    return mix(h)
  }

  static func mixInteger(_ v: Int64) -> UInt64 {
    mix(UInt64(bitPattern: v) ^ 0x9E37_79B9_7F4A_7C15)
  }

  @inline(__always)
  static func mix(_ x: UInt64) -> UInt64 {
    var z = x
    z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
    z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
    return z ^ (z >> 31)
  }
}

/// The pool interns the constants of plans.
extension ConstantPool: ConstantInterning {}
