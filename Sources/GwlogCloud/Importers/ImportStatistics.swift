import Foundation

/// What one import read and where its time went, for `gwlog import --stats`.
public struct ImportStatistics: Sendable {
  /// Files read.
  public var files = 0
  /// Files a focused read left unopened (docs/reading.md).
  public var unopened = 0
  /// Bytes read.
  public var bytes = 0
  /// Facts imported (after the conflict rules).
  public var facts = 0
  /// Threads the files were read on.
  public var threads = 1
  /// Seconds spent reading, parsing and importing the files (wall time, all threads).
  public var readSeconds = 0.0
  /// Seconds spent merging the files' results in order.
  public var mergeSeconds = 0.0
  /// Seconds spent resolving names and applying the conflict rules.
  public var resolveSeconds = 0.0
  /// Seconds spent writing the facts out (as text, or into the engine).
  public var outputSeconds = 0.0

  /// All seconds.
  public var totalSeconds: Double { readSeconds + mergeSeconds + resolveSeconds + outputSeconds }

  /// One line: files, size, speed, and the split.
  public var summary: String {
    let megabytes = Double(bytes) / 1_000_000
    let speed = totalSeconds > 0 ? megabytes / totalSeconds : 0
    return String(
      format:
        "imported %d files (%.1f MB, %d facts) in %.3f s, %.0f MB/s on %d thread%@: "
        + "read and parse %.3f s, merge %.3f s, resolve %.3f s, output %.3f s",
      files, megabytes, facts, totalSeconds, speed, threads, threads == 1 ? "" : "s",
      readSeconds, mergeSeconds, resolveSeconds, outputSeconds)
  }

  /// The seconds since `start` (`ContinuousClock`).
  static func seconds(since start: ContinuousClock.Instant) -> Double {
    let elapsed = (ContinuousClock.now - start).components
    return Double(elapsed.seconds) + Double(elapsed.attoseconds) * 1e-18
  }
}
