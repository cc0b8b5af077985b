/// One parsed JSON document as a tape: the file's bytes and one fixed-size entry per value in
/// document order, so that parsing allocates no string, array or dictionary per value.
///
/// Strings, keys and numbers stay byte ranges of `bytes` until asked for; lines, columns and
/// JSON pointers are computed from byte offsets and parent links when asked for (the reader
/// records where the lines break as it skips white space, the only place a line break may
/// be). `JSONNode` is the view importers use.
///
/// INVARIANT: immutable once `JSONReader` returns it. A container's descendants are the
/// entries `index + 1 ..< end`; its children are found by jumping from one to the next over
/// their own descendants; every entry's `parent` is a container before it.
final class JSONDocument: @unchecked Sendable {
  /// What an entry holds.
  enum Tag: UInt8 {
    case null, `true`, `false`, number, string, array, object
  }

  /// One value of the tape.
  struct Entry {
    var tag: Tag
    /// Whether the string value's bytes hold escapes (it is decoded when read).
    var valueEscaped = false
    /// Whether the member key's bytes hold escapes.
    var keyEscaped = false
    /// Offset of the value's first byte (a string's opening quote).
    var offset: UInt32
    /// Strings: offset of the closing quote; numbers: one past the last digit; containers:
    /// one past the index of their last descendant.
    var end: UInt32
    /// Object members: the key's bytes (between the quotes).
    var keyStart: UInt32 = 0
    var keyEnd: UInt32 = 0
    /// The container holding the value (-1 for the root).
    var parent: Int32
    /// The value's position in its container (0 for the root).
    var ordinal: UInt32
    /// Containers: their number of elements or members.
    var count: UInt32 = 0
  }

  /// The bytes the document was read from (a NDJSON document shares its file's).
  let bytes: [UInt8]
  /// The document's first byte (after a byte order mark) and one past its last.
  let start: Int
  let end: Int
  /// The line of `start`.
  let firstLine: Int
  /// The root's pointer (`/INDEX` for the documents of `JSONReader.parseLines`).
  let rootPointer: String
  /// Offsets of the line breaks between `start` and `end`, in order.
  let lineBreaks: [UInt32]
  /// The values, in document order (the root first).
  let entries: [Entry]

  init(
    bytes: [UInt8], start: Int, end: Int, firstLine: Int, rootPointer: String,
    lineBreaks: [UInt32], entries: [Entry]
  ) {
    self.bytes = bytes
    self.start = start
    self.end = end
    self.firstLine = firstLine
    self.rootPointer = rootPointer
    self.lineBreaks = lineBreaks
    self.entries = entries
  }

  // MARK: - Positions

  /// The 1-based line and column (in Unicode scalars) of byte `offset`, counted as the reader
  /// counts them: from `start`, lines at `\n` only, every scalar one column.
  func position(of offset: Int) -> (line: Int, column: Int) {
    Self.position(of: offset, start: start, firstLine: firstLine, lineBreaks: lineBreaks) {
      bytes[$0]
    }
  }

  /// `position(of:)` over any byte source (the reader's, before the document exists).
  static func position(
    of offset: Int, start: Int, firstLine: Int, lineBreaks: [UInt32], byte: (Int) -> UInt8
  ) -> (line: Int, column: Int) {
    var lo = 0
    var hi = lineBreaks.count
    while lo < hi {
      let mid = (lo + hi) / 2
      if Int(lineBreaks[mid]) < offset { lo = mid + 1 } else { hi = mid }
    }
    let lineStart = lo == 0 ? start : Int(lineBreaks[lo - 1]) + 1
    var column = 1
    var i = lineStart
    while i < offset {
      if byte(i) & 0xC0 != 0x80 { column += 1 }
      i += 1
    }
    return (firstLine + lo, column)
  }

  /// The line of entry `index`.
  func line(of index: Int) -> Int {
    let offset = Int(entries[index].offset)
    var lo = 0
    var hi = lineBreaks.count
    while lo < hi {
      let mid = (lo + hi) / 2
      if Int(lineBreaks[mid]) < offset { lo = mid + 1 } else { hi = mid }
    }
    return firstLine + lo
  }

  // MARK: - Values

  /// The children of container `index`, in order.
  func children(of index: Int) -> [Int] {
    let entry = entries[index]
    var out: [Int] = []
    out.reserveCapacity(Int(entry.count))
    var i = index + 1
    while i < Int(entry.end) {
      out.append(i)
      i = Self.next(after: i, entries)
    }
    return out
  }

  /// The index after entry `i` and its descendants.
  @inline(__always)
  static func next(after i: Int, _ entries: [Entry]) -> Int {
    let e = entries[i]
    return e.tag == .array || e.tag == .object ? Int(e.end) : i + 1
  }

  /// The member of object `index` whose key is `key` (as Swift compares strings), if any.
  func member(of index: Int, key: String) -> Int? {
    let entry = entries[index]
    guard entry.tag == .object else { return nil }
    var i = index + 1
    var key = key
    return key.withUTF8 { wanted -> Int? in
      let wantedIsASCII = wanted.allSatisfy { $0 < 0x80 }
      return bytes.withUnsafeBufferPointer { b -> Int? in
        while i < Int(entry.end) {
          let e = entries[i]
          let start = Int(e.keyStart)
          let length = Int(e.keyEnd) - start
          var isPlain = wantedIsASCII && !e.keyEscaped
          if isPlain {
            for k in 0..<length where b[start + k] >= 0x80 {
              isPlain = false
              break
            }
          }
          if !isPlain {
            // Unicode equivalence (or escapes) may make different bytes equal.
            if decodedKey(i) == String(decoding: wanted, as: UTF8.self) { return i }
          } else if length == wanted.count {
            var k = 0
            while k < length && b[start + k] == wanted[k] { k += 1 }
            if k == length { return i }
          }
          i = Self.next(after: i, entries)
        }
        return nil
      }
    }
  }

  /// The key of member `index`.
  func decodedKey(_ index: Int) -> String {
    let e = entries[index]
    return Self.decode(bytes, Int(e.keyStart), Int(e.keyEnd), escaped: e.keyEscaped)
  }

  /// The text of string entry `index`.
  func string(_ index: Int) -> String {
    let e = entries[index]
    return Self.decode(bytes, Int(e.offset) + 1, Int(e.end), escaped: e.valueEscaped)
  }

  /// The text of number entry `index`, as written.
  func numberText(_ index: Int) -> String {
    let e = entries[index]
    return String(decoding: bytes[Int(e.offset)..<Int(e.end)], as: UTF8.self)
  }

  /// The bytes between a string's quotes, unescaped (the reader validated them).
  static func decode(_ bytes: [UInt8], _ start: Int, _ end: Int, escaped: Bool) -> String {
    guard escaped else { return String(decoding: bytes[start..<end], as: UTF8.self) }
    return String(decoding: unescape(bytes, start, end), as: UTF8.self)
  }

  /// The UTF-8 of a validated string body with its escapes replaced.
  static func unescape(_ bytes: [UInt8], _ start: Int, _ end: Int) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(end - start)
    var i = start
    while i < end {
      let b = bytes[i]
      guard b == UInt8(ascii: "\\"), i + 1 < end else {
        out.append(b)
        i += 1
        continue
      }
      let c = bytes[i + 1]
      switch c {
      case UInt8(ascii: "b"): out.append(0x08)
      case UInt8(ascii: "f"): out.append(0x0C)
      case UInt8(ascii: "n"): out.append(0x0A)
      case UInt8(ascii: "r"): out.append(0x0D)
      case UInt8(ascii: "t"): out.append(0x09)
      case UInt8(ascii: "u"):
        var unit = hex4(bytes, i + 2)
        i += 6
        if (0xD800...0xDBFF).contains(unit), i + 6 <= end {
          unit = 0x10000 + ((unit - 0xD800) << 10) + (hex4(bytes, i + 2) &- 0xDC00)
          i += 6
        }
        out.append(contentsOf: String(Unicode.Scalar(unit) ?? "\u{FFFD}").utf8)
        continue
      default: out.append(c)
      }
      i += 2
    }
    return out
  }

  /// Four hex digits at `i` (validated by the reader).
  private static func hex4(_ bytes: [UInt8], _ i: Int) -> UInt32 {
    var value: UInt32 = 0
    for k in i..<min(i + 4, bytes.count) {
      let b = bytes[k]
      let digit: UInt8
      switch b {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = b - UInt8(ascii: "0")
      case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = b - UInt8(ascii: "a") + 10
      default: digit = b &- UInt8(ascii: "A") &+ 10
      }
      value = value << 4 | UInt32(digit & 15)
    }
    return value
  }

  // MARK: - Pointers

  /// Appends the RFC 6901 pointer of entry `index` to `out`.
  func appendPointer(of index: Int, to out: inout [UInt8]) {
    out.append(contentsOf: rootPointer.utf8)
    var chain: [Int] = []
    var i = index
    while i > 0 {
      chain.append(i)
      i = Int(entries[i].parent)
    }
    for k in chain.reversed() {
      out.append(UInt8(ascii: "/"))
      let e = entries[k]
      if entries[Int(e.parent)].tag == .array {
        Self.appendDecimal(Int(e.ordinal), to: &out)
      } else if e.keyEscaped {
        Self.appendEscapedSegment(Array(decodedKey(k).utf8), to: &out)
      } else {
        Self.appendEscapedSegment(bytes[Int(e.keyStart)..<Int(e.keyEnd)], to: &out)
      }
    }
  }

  /// The pointer of entry `index`.
  func pointer(of index: Int) -> String {
    var out: [UInt8] = []
    appendPointer(of: index, to: &out)
    return String(decoding: out, as: UTF8.self)
  }

  /// Appends a pointer segment with `~` written `~0` and `/` written `~1`.
  static func appendEscapedSegment<C: Collection>(_ segment: C, to out: inout [UInt8])
  where C.Element == UInt8 {
    for b in segment {
      if b == UInt8(ascii: "~") {
        out.append(UInt8(ascii: "~"))
        out.append(UInt8(ascii: "0"))
      } else if b == UInt8(ascii: "/") {
        out.append(UInt8(ascii: "~"))
        out.append(UInt8(ascii: "1"))
      } else {
        out.append(b)
      }
    }
  }

  /// Appends the decimal digits of a non-negative `n`.
  static func appendDecimal(_ n: Int, to out: inout [UInt8]) {
    if n < 10 {
      out.append(UInt8(ascii: "0") + UInt8(n))
      return
    }
    var digits: [UInt8] = []
    var rest = n
    while rest > 0 {
      digits.append(UInt8(ascii: "0") + UInt8(rest % 10))
      rest /= 10
    }
    out.append(contentsOf: digits.reversed())
  }
}
