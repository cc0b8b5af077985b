/// The origins of host-added facts, compactly: per entry a file number, a line and the bytes
/// of a locator (a JSON pointer) in one shared buffer, so that a million imported facts cost
/// no string each; `subscript` gives the `FactOrigin` back.
///
/// INVARIANT: the four per-entry columns have `count` elements; entry `i`'s locator is
/// `pathBytes[pathStarts[i] ..< pathEnds[i]]` and its file `files[fileOf[i]]`.
public struct FactOriginTable: Sendable {
  /// The files origins name, numbered in order of first use.
  public private(set) var files: [String] = []
  private var fileNumbers: [String: UInt32] = [:]
  private var fileOf: [UInt32] = []
  /// Line + 1, or 0 for none.
  private var lineOf: [UInt32] = []
  private var pathStarts: [UInt32] = []
  private var pathEnds: [UInt32] = []
  /// Locators' bytes, one after another.
  private var pathBytes: [UInt8] = []
  /// Whether an entry's locator was given at all (nil and "" differ).
  private var hasPath: [Bool] = []

  /// An empty table.
  public init() {}

  /// The number of entries.
  public var count: Int { fileOf.count }

  /// The number of `file`, added if new.
  public mutating func fileNumber(_ file: String) -> Int {
    if let known = fileNumbers[file] { return Int(known) }
    fileNumbers[file] = UInt32(files.count)
    files.append(file)
    return files.count - 1
  }

  /// Appends an origin in file number `file` (from `fileNumber`), at `line`, with the locator
  /// `path` (bytes); returns its index.
  @discardableResult
  public mutating func append<C: Collection>(file: Int, line: Int?, path: C?) -> Int
  where C.Element == UInt8 {
    fileOf.append(UInt32(truncatingIfNeeded: file))
    lineOf.append(line.map { UInt32(truncatingIfNeeded: max(0, $0) + 1) } ?? 0)
    pathStarts.append(UInt32(truncatingIfNeeded: pathBytes.count))
    if let path { pathBytes.append(contentsOf: path) }
    pathEnds.append(UInt32(truncatingIfNeeded: pathBytes.count))
    hasPath.append(path != nil)
    return fileOf.count - 1
  }

  /// Appends `origin`; returns its index.
  @discardableResult
  public mutating func append(_ origin: FactOrigin) -> Int {
    append(
      file: fileNumber(origin.file), line: origin.line, path: origin.path.map { Array($0.utf8) })
  }

  /// Appends every entry of `other`, in order; returns the index of the first.
  @discardableResult
  public mutating func append(contentsOf other: FactOriginTable) -> Int {
    let first = count
    let numbers = other.files.map { fileNumber($0) }
    let base = UInt32(truncatingIfNeeded: pathBytes.count)
    fileOf.append(contentsOf: other.fileOf.map { UInt32(numbers[Int($0)]) })
    lineOf.append(contentsOf: other.lineOf)
    pathStarts.append(contentsOf: other.pathStarts.map { $0 &+ base })
    pathEnds.append(contentsOf: other.pathEnds.map { $0 &+ base })
    pathBytes.append(contentsOf: other.pathBytes)
    hasPath.append(contentsOf: other.hasPath)
    return first
  }

  /// Appends entry `i` of `other`; returns its index here.
  @discardableResult
  public mutating func append(_ other: FactOriginTable, entry i: Int) -> Int {
    let path = other.pathBytes[Int(other.pathStarts[i])..<Int(other.pathEnds[i])]
    let line = other.lineOf[i]
    return append(
      file: fileNumber(other.files[Int(other.fileOf[i])]), line: line == 0 ? nil : Int(line - 1),
      path: other.hasPath[i] ? path : nil)
  }

  /// The file number of entry `i`.
  public func file(of i: Int) -> Int { Int(fileOf[i]) }

  /// Entry `i`.
  public subscript(i: Int) -> FactOrigin {
    let line = lineOf[i]
    let path =
      hasPath[i]
      ? String(decoding: pathBytes[Int(pathStarts[i])..<Int(pathEnds[i])], as: UTF8.self) : nil
    return FactOrigin(
      file: files[Int(fileOf[i])], line: line == 0 ? nil : Int(line - 1), path: path)
  }
}
