/// Distinct strings by their bytes, numbered from 0 in order of first use: the values of an
/// import, so that its facts are rows of numbers and equal values equal numbers.
///
/// Strings compare by bytes, as the engine's constant pool does. INVARIANT: symbol `i` is
/// `bytes[starts[i] ..< ends[i]]`; `slots` is an open-addressing table (linear probing, a
/// power of two at least twice the symbols) of symbol number + 1, 0 for empty.
struct SymbolTable {
  /// The symbols' bytes, one after another.
  private(set) var bytes: [UInt8] = []
  /// Where each symbol starts and ends in `bytes`.
  private(set) var starts: [UInt32] = []
  private(set) var ends: [UInt32] = []
  private var hashes: [UInt64] = []
  private var slots = [UInt32](repeating: 0, count: 256)

  /// The number of symbols.
  var count: Int { starts.count }

  /// The number of `text`, added if new.
  mutating func intern(_ text: String) -> UInt32 {
    var text = text
    return text.withUTF8 { intern($0) }
  }

  /// The number of the symbol with these bytes, added if new.
  mutating func intern(_ symbol: UnsafeBufferPointer<UInt8>) -> UInt32 {
    let h = Self.hash(symbol)
    let mask = slots.count - 1
    var i = Int(truncatingIfNeeded: h) & mask
    while slots[i] != 0 {
      let e = Int(slots[i] - 1)
      if hashes[e] == h && equals(e, symbol) { return UInt32(e) }
      i = (i + 1) & mask
    }
    let e = starts.count
    starts.append(UInt32(bytes.count))
    bytes.append(contentsOf: symbol)
    ends.append(UInt32(bytes.count))
    hashes.append(h)
    slots[i] = UInt32(e + 1)
    if starts.count * 2 > slots.count { grow() }
    return UInt32(e)
  }

  /// The number of `text` if it is a symbol of the table.
  func lookup(_ text: String) -> UInt32? {
    var text = text
    return text.withUTF8 { symbol -> UInt32? in
      let h = Self.hash(symbol)
      let mask = slots.count - 1
      var i = Int(truncatingIfNeeded: h) & mask
      while slots[i] != 0 {
        let e = Int(slots[i] - 1)
        if hashes[e] == h && equals(e, symbol) { return UInt32(e) }
        i = (i + 1) & mask
      }
      return nil
    }
  }

  /// The text of symbol `id`.
  func string(_ id: UInt32) -> String {
    String(decoding: bytes[Int(starts[Int(id)])..<Int(ends[Int(id)])], as: UTF8.self)
  }

  /// The bytes of symbol `id`.
  func symbolBytes(_ id: UInt32) -> ArraySlice<UInt8> {
    bytes[Int(starts[Int(id)])..<Int(ends[Int(id)])]
  }

  /// Whether the bytes of symbol `a` come before those of `b`.
  func precedes(_ a: UInt32, _ b: UInt32) -> Bool {
    symbolBytes(a).lexicographicallyPrecedes(symbolBytes(b))
  }

  private func equals(_ e: Int, _ symbol: UnsafeBufferPointer<UInt8>) -> Bool {
    let start = Int(starts[e])
    guard Int(ends[e]) - start == symbol.count else { return false }
    return bytes.withUnsafeBufferPointer { b in
      for k in 0..<symbol.count where b[start + k] != symbol[k] { return false }
      return true
    }
  }

  private mutating func grow() {
    var newSlots = [UInt32](repeating: 0, count: slots.count * 2)
    let mask = newSlots.count - 1
    for e in 0..<starts.count {
      var i = Int(truncatingIfNeeded: hashes[e]) & mask
      while newSlots[i] != 0 { i = (i + 1) & mask }
      newSlots[i] = UInt32(e + 1)
    }
    slots = newSlots
  }

  /// A hash of `bytes`, eight at a time, finished with a multiply-xorshift.
  static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
    var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
    guard let base = UnsafeRawPointer(bytes.baseAddress) else { return mix(h) }
    var i = 0
    while i + 8 <= bytes.count {
      h = (h ^ base.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0xBF58_476D_1CE4_E5B9
      h ^= h >> 29
      i += 8
    }
    var tail: UInt64 = 0
    var shift: UInt64 = 0
    while i < bytes.count {
      tail |= UInt64(bytes[i]) << shift
      shift += 8
      i += 1
    }
    return mix(h ^ tail)
  }

  private static func mix(_ x: UInt64) -> UInt64 {
    var z = x
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
