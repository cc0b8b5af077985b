import GwlogEngine

/// SHA-1 (FIPS 180-4), only to reproduce `run_peers.py`'s 12-hex-digit result digest, so that
/// gwlog's `can_invoke` can be compared with the peers' and with `PEERS.md` without Python.
enum SHA1 {
  /// The result digest of `run_peers.py` (`digest`) for `rows`.
  ///
  /// It is the SHA-1 of the sorted rows, each as tab-joined columns plus a newline, cut to 12
  /// hex digits. Rows sort like Python tuples of strings (by code points).
  static func resultDigest(_ rows: [[Value]]) -> String {
    let texts = rows.map { row in
      row.map { value -> String in
        switch value {
        case .symbol(let s): return s
        case .integer(let n): return String(n)
        }
      }
    }
    let sorted = texts.sorted { a, b in
      for (x, y) in zip(a, b) where x != y { return x.utf8.lexicographicallyPrecedes(y.utf8) }
      return a.count < b.count
    }
    var bytes: [UInt8] = []
    for row in sorted { bytes += Array((row.joined(separator: "\t") + "\n").utf8) }
    return String(hex(digest(bytes)).prefix(12))
  }

  /// The 20-byte SHA-1 digest of `message`.
  static func digest(_ message: [UInt8]) -> [UInt8] {
    var h: [UInt32] = [0x6745_2301, 0xEFCD_AB89, 0x98BA_DCFE, 0x1032_5476, 0xC3D2_E1F0]
    var padded = message
    padded.append(0x80)
    while padded.count % 64 != 56 { padded.append(0) }
    let bitLength = UInt64(message.count) &* 8
    for shift in stride(from: 56, through: 0, by: -8) {
      padded.append(UInt8(truncatingIfNeeded: bitLength >> UInt64(shift)))
    }
    var w = [UInt32](repeating: 0, count: 80)
    for chunk in stride(from: 0, to: padded.count, by: 64) {
      for i in 0..<16 {
        let b = chunk + 4 * i
        w[i] =
          UInt32(padded[b]) << 24 | UInt32(padded[b + 1]) << 16 | UInt32(padded[b + 2]) << 8
          | UInt32(padded[b + 3])
      }
      for i in 16..<80 { w[i] = rotateLeft(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1) }
      var (a, b, c, d, e) = (h[0], h[1], h[2], h[3], h[4])
      for i in 0..<80 {
        let (f, k): (UInt32, UInt32)
        switch i {
        case 0..<20: (f, k) = ((b & c) | (~b & d), 0x5A82_7999)
        case 20..<40: (f, k) = (b ^ c ^ d, 0x6ED9_EBA1)
        case 40..<60: (f, k) = ((b & c) | (b & d) | (c & d), 0x8F1B_BCDC)
        default: (f, k) = (b ^ c ^ d, 0xCA62_C1D6)
        }
        let t = rotateLeft(a, 5) &+ f &+ e &+ k &+ w[i]
        (e, d, c, b, a) = (d, c, rotateLeft(b, 30), a, t)
      }
      h[0] &+= a
      h[1] &+= b
      h[2] &+= c
      h[3] &+= d
      h[4] &+= e
    }
    return h.flatMap { word in (0..<4).map { UInt8(truncatingIfNeeded: word >> (24 - 8 * $0)) } }
  }

  private static func rotateLeft(_ x: UInt32, _ n: UInt32) -> UInt32 { x << n | x >> (32 - n) }

  private static func hex(_ bytes: [UInt8]) -> String {
    let digits = Array("0123456789abcdef")
    return String(bytes.flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 15)]] })
  }
}
