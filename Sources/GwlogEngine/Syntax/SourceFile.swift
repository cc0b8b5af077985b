/// One loaded source text: its path, its UTF-8 bytes, and a line-start table so that a byte
/// offset can be turned into a 1-based `line:column` and the source line shown under a caret.
public struct SourceFile: Sendable {
  /// The path as the user gave it (or a pseudo-path such as `<query>`).
  public let path: String
  /// The file's bytes, exactly as read.
  public let bytes: [UInt8]
  /// Byte offsets at which each line starts; `lineStarts[0] == 0`.
  public let lineStarts: [Int]

  /// Indexes `bytes` for line lookups.
  public init(path: String, bytes: [UInt8]) {
    self.path = path
    self.bytes = bytes
    var starts = [0]
    for (i, b) in bytes.enumerated() where b == 0x0A { starts.append(i + 1) }
    self.lineStarts = starts
  }

  /// Convenience for in-memory text (queries given on the command line, tests).
  public init(path: String, text: String) {
    self.init(path: path, bytes: Array(text.utf8))
  }

  /// The 1-based line and column (in Unicode scalars) of a byte offset.
  public func location(of offset: Int) -> (line: Int, column: Int) {
    let clamped = max(0, min(offset, bytes.count))
    var lo = 0
    var hi = lineStarts.count - 1
    while lo < hi {
      let mid = (lo + hi + 1) / 2
      if lineStarts[mid] <= clamped { lo = mid } else { hi = mid - 1 }
    }
    var column = 1
    var i = lineStarts[lo]
    while i < clamped {
      // Count only UTF-8 lead bytes, so a column is a scalar, not a byte.
      if bytes[i] & 0xC0 != 0x80 { column += 1 }
      i += 1
    }
    return (lo + 1, column)
  }

  /// The text of a 1-based line without its line terminator.
  public func lineText(_ line: Int) -> String {
    guard line >= 1, line <= lineStarts.count else { return "" }
    let start = lineStarts[line - 1]
    var end = line < lineStarts.count ? lineStarts[line] - 1 : bytes.count
    if end > start, bytes[end - 1] == 0x0D { end -= 1 }
    return String(decoding: bytes[start..<max(start, end)], as: UTF8.self)
  }
}

/// The set of source files loaded into one workspace; spans refer to files by index.
public struct SourceRegistry: Sendable {
  /// Every file, indexed by `SourceSpan.file`.
  public private(set) var files: [SourceFile] = []

  /// Creates an empty registry.
  public init() {}

  /// Adds a file and returns its id for spans.
  public mutating func add(_ file: SourceFile) -> Int32 {
    files.append(file)
    return Int32(files.count - 1)
  }

  /// The file a span points into, if the id is valid.
  public func file(_ id: Int32) -> SourceFile? {
    id >= 0 && Int(id) < files.count ? files[Int(id)] : nil
  }
}
