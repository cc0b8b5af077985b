/// The per-row provenance tags of a relation (`Relation.rule(ofRow:)`), one byte a row while
/// the relation has few distinct tags, four bytes a row after that.
///
/// Derived rows of a relation carry one of its few rule ids, so the column starts compact:
/// each row holds an index into `tags`, the distinct tags in order of first use. The first
/// tag that does not fit (more than `compactLimit` distinct tags, as input rows bring, each
/// with its own line) turns the column wide, once and for good: every row then holds its tag.
///
/// INVARIANT: compact, row `r`'s tag is `tags[byte r of bytes]` and `tags.count ≤
/// compactLimit`; wide, it is `wide[r]` and `bytes` is empty. Either way `count` rows are held.
/// SAFETY: the owner calls `deallocate()` exactly once (in its `deinit`).
struct RuleColumn {
  /// Most distinct tags a compact column holds.
  static let compactLimit = 256

  /// Row tag indexes, four to a word (compact).
  private var bytes = RawBuffer()
  /// Row tags (wide).
  private var wide: RawBuffer?
  /// Distinct tags, in order of first use (compact).
  private var tags: [UInt32] = []
  /// The tag last appended and its index, since runs of rows share a tag.
  private var lastTag: UInt32 = 0
  private var lastIndex = -1
  /// Rows held.
  private(set) var count = 0

  /// Whether rows hold one-byte indexes into the distinct tags.
  var isCompact: Bool { wide == nil }

  func deallocate() {
    bytes.deallocate()
    wide?.deallocate()
  }

  /// Bytes held, for memory reports.
  var byteSize: Int { bytes.byteSize + (wide?.byteSize ?? 0) + tags.count * 4 }

  /// The tag of row `row`.
  @inline(__always)
  subscript(row: Int) -> UInt32 {
    if let wide { return wide[row] }
    return tags[Int(UnsafeRawPointer(bytes.base).load(fromByteOffset: row, as: UInt8.self))]
  }

  /// Appends the tag of a new row.
  @inline(__always)
  mutating func append(_ tag: UInt32) {
    if wide != nil {
      wide?.append(tag)
    } else if let index = index(of: tag) {
      if count & 3 == 0 { bytes.append(0) }
      store(index, at: count)
    } else {
      widen()
      wide?.append(tag)
    }
    count += 1
  }

  /// Replaces the tag of row `row`.
  mutating func set(_ tag: UInt32, atRow row: Int) {
    if wide != nil {
      wide?[row] = tag
    } else if let index = index(of: tag) {
      store(index, at: row)
    } else {
      widen()
      wide?[row] = tag
    }
  }

  /// Makes room for `rows` rows in all.
  mutating func reserve(_ rows: Int) {
    if wide != nil {
      wide?.reserve(rows)
    } else {
      bytes.reserve((rows + 3) / 4)
    }
  }

  @inline(__always)
  private func store(_ index: Int, at row: Int) {
    UnsafeMutableRawPointer(bytes.base).storeBytes(
      of: UInt8(truncatingIfNeeded: index), toByteOffset: row, as: UInt8.self)
  }

  /// The index of `tag` among the distinct tags, adding it if there is room; nil when full.
  @inline(__always)
  private mutating func index(of tag: UInt32) -> Int? {
    if tag == lastTag && lastIndex >= 0 { return lastIndex }
    var found = tags.firstIndex(of: tag)
    if found == nil && tags.count < Self.compactLimit {
      tags.append(tag)
      found = tags.count - 1
    }
    if let found {
      lastTag = tag
      lastIndex = found
    }
    return found
  }

  /// Turns the column wide: every row gets its tag.
  private mutating func widen() {
    var full = RawBuffer(capacity: max(16, count + count / 2))
    for row in 0..<count { full.append(self[row]) }
    bytes.deallocate()
    bytes = RawBuffer()
    tags = []
    lastIndex = -1
    wide = full
  }
}
