import Foundation

/// The performance targets against Soufflé compiled, measured side by side in the
/// same run (`SideBySide`), and how a figure is judged against them.
///
/// Time, gwlog with provenance on against Soufflé without: one thread, at most 0.8 times
/// Soufflé's wall time on tc and sg and 0.4 times on iam; two threads, at most 0.6 times
/// Soufflé's `-j2`. Memory: gwlog's peak RSS at most Soufflé's.
enum Targets {
  /// The largest gwlog / Soufflé wall-time ratio that meets the one-thread target for
  /// `program`.
  static func timeRatio(for program: String) -> Double {
    program == "iam" ? 0.4 : 0.8
  }

  /// The largest wall-time ratio that meets the target at `threads` threads.
  static func timeRatio(for program: String, threads: Int) -> Double {
    threads > 1 ? 0.6 : timeRatio(for: program)
  }

  /// The largest gwlog / Soufflé peak-memory ratio that meets the target.
  static let memoryRatio = 1.0

  /// `met` when `ratio` is at most `limit`, `missed` above it, `n/a` without a ratio.
  static func verdict(_ ratio: Double?, limit: Double) -> String {
    guard let ratio, ratio.isFinite else { return "n/a" }
    return ratio <= limit ? "met" : "missed"
  }

  /// `ours / theirs`, or nil when either is missing or not positive.
  static func ratio(_ ours: Double?, _ theirs: Double?) -> Double? {
    guard let ours, let theirs, ours > 0, theirs > 0 else { return nil }
    return ours / theirs
  }

  /// A ratio as `0.73x` (two decimals), or `-` when there is none.
  static func text(_ ratio: Double?) -> String {
    guard let ratio, ratio.isFinite else { return "-" }
    return String(format: "%.2fx", ratio)
  }

  /// The target as printed next to the ratio: `<= 0.8x`.
  static func limitText(_ limit: Double) -> String {
    "<= " + String(format: "%.1fx", limit)
  }
}
