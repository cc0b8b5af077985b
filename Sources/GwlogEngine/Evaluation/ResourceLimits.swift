import Foundation

/// The time and memory bounds of one evaluation (`--timeout`, `--max-memory`), checked from
/// the interpreter's loops at a coarse interval and between iterations
/// (docs/language.md, "Limits").
///
/// Memory is the process's resident set, read from `/proc/self/statm` at most every
/// `memoryCheckInterval` seconds, and, between iterations, also the bytes the engine itself
/// holds in relations and the constant pool.
struct ResourceLimits: Sendable {
  /// Seconds from `start` after which evaluation stops; infinite for none.
  var timeoutSeconds: Double = .infinity
  /// Bytes above which evaluation stops; `Int.max` for none.
  var maximumMemoryBytes = Int.max
  /// When evaluation started, in `DispatchTime` nanoseconds.
  var start = DispatchTime.now().uptimeNanoseconds

  /// Seconds between two reads of the resident set.
  static let memoryCheckInterval = 0.05

  /// Whether any bound is set.
  var isBounded: Bool { timeoutSeconds.isFinite || maximumMemoryBytes != Int.max }

  /// Seconds since `start`.
  var elapsed: Double { Double(DispatchTime.now().uptimeNanoseconds &- start) / 1e9 }

  /// The `limit` error for a passed deadline.
  static let timedOut = Diagnostic.error(
    .limit, "evaluation timed out", help: "raise `--timeout` or narrow the question")

  /// The `limit` error for memory above the bound.
  func outOfMemory(using bytes: Int, what: String) -> Diagnostic {
    .error(
      .limit,
      "evaluation stopped: \(what) \(Self.size(bytes)), more than the bound of "
        + Self.size(maximumMemoryBytes),
      help: "raise `--max-memory` or narrow the question")
  }

  /// Throws when the deadline has passed.
  func checkTime() throws {
    if timeoutSeconds.isFinite, elapsed > timeoutSeconds {
      throw Interpreter.RunError(diagnostic: Self.timedOut)
    }
  }

  /// Throws when the process's resident set is above the bound.
  func checkResidentMemory() throws {
    guard maximumMemoryBytes != Int.max, let resident = ProcessMemory.residentBytes(),
      resident > maximumMemoryBytes
    else { return }
    throw Interpreter.RunError(
      diagnostic: outOfMemory(using: resident, what: "the process uses"))
  }

  /// A byte count for messages: `512 MiB`, `4.2 GiB`.
  static func size(_ bytes: Int) -> String {
    let units = ["bytes", "KiB", "MiB", "GiB", "TiB"]
    var value = Double(bytes)
    var unit = 0
    while value >= 1024 && unit < units.count - 1 {
      value /= 1024
      unit += 1
    }
    if unit == 0 { return bytes == 1 ? "1 byte" : "\(bytes) bytes" }
    let rounded = (value * 10).rounded() / 10
    let text =
      rounded == rounded.rounded() ? String(Int64(rounded)) : String(format: "%.1f", rounded)
    return "\(text) \(units[unit])"
  }

  /// Parses `4G`, `500M`, `64k`, `1.5G` or a plain byte count (binary units, an optional
  /// trailing `B` or `iB`); nil when the text is not a positive size.
  static func parseSize(_ text: String) -> Int? {
    var s = Substring(text.trimmingCharacters(in: .whitespaces).uppercased())
    if s.hasSuffix("IB") {
      s = s.dropLast(2)
    } else if s.hasSuffix("B") {
      s = s.dropLast()
    }
    var factor = 1.0
    if let last = s.last, let power = ["K": 1, "M": 2, "G": 3, "T": 4][String(last)] {
      factor = pow(1024, Double(power))
      s = s.dropLast()
    }
    guard !s.isEmpty, s.allSatisfy({ $0.isNumber || $0 == "." }), let number = Double(s),
      number > 0
    else { return nil }
    let bytes = number * factor
    guard bytes >= 1, bytes < Double(Int.max) else { return nil }
    return Int(bytes)
  }
}

/// The process's memory as the kernel reports it.
enum ProcessMemory {
  /// Resident bytes from `/proc/self/statm` (its second field, in pages); nil where that
  /// file cannot be read.
  static func residentBytes() -> Int? {
    let fd = open("/proc/self/statm", O_RDONLY)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    var buffer = [UInt8](repeating: 0, count: 128)
    let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, 127) }
    guard n > 0 else { return nil }
    let fields = buffer[0..<n].split(separator: UInt8(ascii: " "))
    guard fields.count >= 2, let pages = Int(String(decoding: fields[1], as: UTF8.self)) else {
      return nil
    }
    return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
  }
}
