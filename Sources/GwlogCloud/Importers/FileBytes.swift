import Foundation

/// Reads a whole file with one `open`, `fstat` and as few `read`s as its size needs, into
/// one buffer (no `Data`, no copy).
enum FileBytes {
  /// Why a file was not read.
  enum Failure: Error {
    /// It cannot be opened or read.
    case unreadable
    /// It is larger than the limit (nothing was read).
    case tooLarge
  }

  /// The bytes of the file at `path`, at most `limit` of them.
  static func read(_ path: String, limit: Int) -> Result<[UInt8], Failure> {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { return .failure(.unreadable) }
    defer { close(fd) }
    var info = stat()
    guard fstat(fd, &info) == 0, info.st_mode & S_IFMT != S_IFDIR else {
      return .failure(.unreadable)
    }
    let size = Int(info.st_size)
    guard size <= limit else { return .failure(.tooLarge) }
    // The size may change while reading (or be 0 for special files): read until the end.
    var bytes = [UInt8](repeating: 0, count: max(size, 0) + 1)
    var count = 0
    while true {
      if count == bytes.count {
        guard bytes.count <= limit else { return .failure(.tooLarge) }
        bytes += [UInt8](repeating: 0, count: max(4096, bytes.count))
      }
      let n = bytes.withUnsafeMutableBytes { raw -> Int in
        guard let base = raw.baseAddress else { return -1 }
        return Foundation.read(fd, base + count, raw.count - count)
      }
      if n < 0 {
        if errno == EINTR { continue }
        return .failure(.unreadable)
      }
      if n == 0 { break }
      count += n
    }
    guard count <= limit else { return .failure(.tooLarge) }
    bytes.removeLast(bytes.count - count)
    return .success(bytes)
  }
}
