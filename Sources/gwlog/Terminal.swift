import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The process's standard streams: writing text and asking whether a stream is a terminal.
///
/// Writes go through `FileHandle` (never the C `stdout`/`stderr` globals, which Swift 6
/// strict concurrency rejects). A write to a closed pipe is ignored rather than trapped;
/// the default `SIGPIPE` action still ends the process the usual Unix way.
enum Terminal {
  /// Writes `text` to standard output as UTF-8.
  static func writeOutput(_ text: String) {
    write(text, to: FileHandle.standardOutput)
  }

  /// Writes `text` to standard error as UTF-8.
  static func writeError(_ text: String) {
    write(text, to: FileHandle.standardError)
  }

  private static func write(_ text: String, to handle: FileHandle) {
    guard !text.isEmpty else { return }
    try? handle.write(contentsOf: Data(text.utf8))
  }

  /// Whether standard error is a terminal (diagnostics are coloured only then).
  static var isErrorTerminal: Bool {
    isatty(STDERR_FILENO) == 1
  }

  /// Whether standard output is a terminal (proofs are coloured only then).
  static var isOutputTerminal: Bool {
    isatty(STDOUT_FILENO) == 1
  }
}
