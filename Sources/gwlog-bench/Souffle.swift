import Foundation
import GwlogEngine

/// An installed Soufflé, found on `PATH` or through `$SOUFFLE`, run beside gwlog: each
/// program compiled once (`souffle -o BIN prog.dl`, its time reported apart and never counted
/// in a run) and each run a whole process (`BIN -jN -F data -D out`, or the interpreter
/// `souffle -jN -F data -D out prog.dl`), timed with its own peak RSS.
struct Souffle: Sendable {
  /// The `souffle` executable.
  let executable: String
  /// Where compiled programs and outputs go.
  let work: String

  /// The executable `$SOUFFLE` names (a path, or a name looked up on `PATH`), else `souffle`
  /// on `PATH`; nil when there is none.
  static func find(environment: [String: String] = ProcessInfo.processInfo.environment)
    -> String?
  {
    if let named = environment["SOUFFLE"], !named.isEmpty {
      if named.contains("/") {
        return FileManager.default.isExecutableFile(atPath: named) ? named : nil
      }
      return Subprocess.onPath(named)
    }
    return Subprocess.onPath("souffle")
  }

  /// The first line of `souffle --version` (`Version: 2.5`), or `unknown version`.
  func version() -> String {
    guard let (status, text) = try? Subprocess.capture(executable, ["--version"]), status == 0
    else { return "unknown version" }
    let lines = text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
    return lines.first { $0.hasPrefix("Version") } ?? lines.first ?? "unknown version"
  }

  /// A compiled program and what compiling it cost.
  struct Compiled: Sendable {
    /// The binary.
    var binary: String
    /// Wall seconds of `souffle -o` (0 when reused from an earlier benchmark run).
    var seconds: Double
    /// Whether the binary was reused (same source, same Soufflé).
    var reused: Bool
  }

  /// Compiles `source` once; a binary made from the same source file and Soufflé is reused.
  func compile(_ source: String, name: String, timeout: Double) throws -> Compiled {
    let directory = "\(work)/bin"
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    let binary = "\(directory)/\(name)"
    let stamp = binary + ".stamp"
    let key = "\(source) \(Self.modified(source)) \(executable) \(Self.modified(executable))"
    if FileManager.default.isExecutableFile(atPath: binary),
      let recorded = FileManager.default.contents(atPath: stamp),
      String(decoding: recorded, as: UTF8.self) == key
    {
      return Compiled(binary: binary, seconds: 0, reused: true)
    }
    let run = try Subprocess.timed(
      executable, ["-o", binary, source], stdout: "\(directory)/\(name).out",
      stderr: "\(directory)/\(name).err", timeout: timeout)
    guard run.status == 0, !run.timedOut else {
      throw BenchError(
        "`souffle -o` of `\(source)` failed with status \(run.status): "
          + Self.lastLine("\(directory)/\(name).err"))
    }
    try Data(key.utf8).write(to: URL(fileURLWithPath: stamp))
    return Compiled(binary: binary, seconds: run.wallSeconds, reused: false)
  }

  /// The arguments of a compiled or interpreted run on `data`, writing into `out`.
  func arguments(
    compiled: Compiled?, source: String, data: String, out: String, threads: Int
  ) -> (executable: String, arguments: [String]) {
    let common = ["-j\(threads)", "-F", data, "-D", out]
    if let compiled { return (compiled.binary, common) }
    return (executable, common + [source])
  }

  private static func modified(_ path: String) -> String {
    let date = (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate]
    return (date as? Date).map { String($0.timeIntervalSince1970) } ?? "?"
  }

  /// The last non-empty line of a file (an error message), or an empty string.
  static func lastLine(_ path: String) -> String {
    guard let data = FileManager.default.contents(atPath: path) else { return "" }
    return String(decoding: data, as: UTF8.self).split(separator: "\n").last.map(String.init)
      ?? ""
  }
}

/// What an engine wrote with `-D`: the `counts` relation and the `can_invoke` digest.
enum OutputFiles {
  /// `counts.csv` (`rel<TAB>n`, values possibly quoted) as a dictionary; empty when absent.
  static func counts(in directory: String) -> [String: Int] {
    var counts: [String: Int] = [:]
    for row in rows("\(directory)/counts.csv") where row.count == 2 {
      if let n = Int(row[1]) { counts[row[0]] = n }
    }
    return counts
  }

  /// The digest of `can_invoke.csv` as `run_peers.py` computes it, or nil when absent.
  static func canInvokeDigest(in directory: String) -> String? {
    let path = "\(directory)/can_invoke.csv"
    guard FileManager.default.fileExists(atPath: path) else { return nil }
    return SHA1.resultDigest(rows(path).map { $0.map { Value.symbol($0) } })
  }

  /// The tab-separated rows of a file, each cell without surrounding quotes.
  static func rows(_ path: String) -> [[String]] {
    guard let data = FileManager.default.contents(atPath: path) else { return [] }
    return String(decoding: data, as: UTF8.self).split(separator: "\n").map { line in
      line.split(separator: "\t", omittingEmptySubsequences: false).map { cell in
        var s = cell.trimmingCharacters(in: .whitespaces)
        if s.count >= 2, s.hasPrefix("\""), s.hasSuffix("\"") {
          s = String(s.dropFirst().dropLast())
        }
        return s
      }
    }
  }
}
