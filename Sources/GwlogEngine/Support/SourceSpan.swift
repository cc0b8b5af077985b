/// A byte range in one source file, carried by every token, AST node and diagnostic.
public struct SourceSpan: Hashable, Sendable {
  /// Index of the file in the workspace's `SourceRegistry`; -1 for spans with no file.
  public var file: Int32
  /// First byte of the range.
  public var start: Int32
  /// One past the last byte of the range.
  public var end: Int32

  /// Creates a span over `start..<end` in `file`.
  public init(file: Int32, start: Int, end: Int) {
    self.file = file
    self.start = Int32(clamping: start)
    self.end = Int32(clamping: max(start, end))
  }

  /// A span that points nowhere (for synthesised nodes).
  public static let none = SourceSpan(file: -1, start: 0, end: 0)

  /// The smallest span covering both spans (same file assumed).
  public func merged(with other: SourceSpan) -> SourceSpan {
    guard file == other.file else { return self }
    return SourceSpan(
      file: file, start: Int(min(start, other.start)), end: Int(max(end, other.end)))
  }
}
