import Foundation

/// The performance targets against Soufflé compiled without provenance
/// (`souffle-compiled` in `PEERS.md`), and how a figure is judged against them.
///
/// Time: gwlog's wall time at most 0.8 times Soufflé's on tc and sg, at most 0.5 times on
/// iam. Memory: gwlog's peak RSS at most Soufflé's.
enum Targets {
  /// The `PEERS.md` engine the targets refer to.
  static let engine = "souffle-compiled"

  /// The largest gwlog / Soufflé wall-time ratio that meets the target for `program`.
  static func timeRatio(for program: String) -> Double {
    program == "iam" ? 0.5 : 0.8
  }

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
