import Foundation

/// The questions the model workloads ask of an organisation through the `gwlog` CLI.
enum ModelQuestion: String, CaseIterable, Sendable {
  /// `explain` of the pair meta.json names as working.
  case explainWorking = "explain working"
  /// `explain` of the pair meta.json names as broken.
  case explainBroken = "explain broken"
  /// `query 'canInvoke(X, B)'` for the backend meta.json names.
  case callers = "query callers"
  /// `query 'invokeProblem(G, B, L, C, _)'`: every broken route's causes.
  case audit = "audit"

  /// Whether the question is one `explain`, which the explain targets apply to.
  var isExplain: Bool { self == .explainWorking || self == .explainBroken }
}

/// The performance targets of issue 15 for the Google Cloud model on generated
/// organisations, and how a measurement is judged against them.
///
/// 10,000 projects: one explain at most 0.5 s and 300 MB, the full audit at most 10 s and
/// 2 GB. 100,000 projects: one explain at most 3 s, the audit at most 60 s and 8 GB. Reading
/// gcloud JSON at 200 MB/s or more; the built-in model (role catalog) ready in 10 ms.
enum ModelTargets {
  /// A limit on wall seconds and peak megabytes; nil where the issue sets none.
  struct Limit: Sendable, Equatable {
    /// The most wall seconds that meet the target.
    var seconds: Double?
    /// The most peak RSS, in MB, that meets the target.
    var megabytes: Double?
  }

  /// The lowest input rate (MB of gcloud JSON per second of reading) that meets the target.
  static let loadMegabytesPerSecond = 200.0
  /// The most seconds the built-in model may take to be ready.
  static let modelReadySeconds = 0.010

  /// The limit for `question` on an organisation of `projects` projects; nil when the issue
  /// sets none (sizes other than 10,000 and 100,000, and the callers query).
  static func limit(projects: Int, question: ModelQuestion) -> Limit? {
    switch (projects, question) {
    case (10_000, let q) where q.isExplain: return Limit(seconds: 0.5, megabytes: 300)
    case (10_000, .audit): return Limit(seconds: 10, megabytes: 2000)
    case (100_000, let q) where q.isExplain: return Limit(seconds: 3, megabytes: nil)
    case (100_000, .audit): return Limit(seconds: 60, megabytes: 8000)
    default: return nil
    }
  }

  /// `met` or `missed` for a value against an upper limit, with the factor when missed:
  /// `met (0.31 <= 0.5 s)`, `missed 2.4x (1.20 > 0.5 s)`.
  static func judgeAtMost(_ value: Double, _ limit: Double, unit: String) -> String {
    let shown = format(value)
    if value <= limit { return "met (\(shown) <= \(format(limit)) \(unit))" }
    return "missed \(factor(value / limit)) (\(shown) > \(format(limit)) \(unit))"
  }

  /// The same for a lower limit (a rate): `missed 25x (8.0 < 200 MB/s)`.
  static func judgeAtLeast(_ value: Double, _ limit: Double, unit: String) -> String {
    let shown = format(value)
    if value >= limit { return "met (\(shown) >= \(format(limit)) \(unit))" }
    let ratio = value > 0 ? limit / value : .infinity
    return "missed \(factor(ratio)) (\(shown) < \(format(limit)) \(unit))"
  }

  /// Every target verdict of one measurement: time, then memory; empty without a limit.
  static func verdicts(
    projects: Int, question: ModelQuestion, seconds: Double, megabytes: Double, failed: Bool
  ) -> [String] {
    guard let limit = limit(projects: projects, question: question) else { return [] }
    var out: [String] = []
    if let s = limit.seconds {
      out.append(failed ? "missed (did not finish)" : judgeAtMost(seconds, s, unit: "s"))
    }
    if let mb = limit.megabytes { out.append(judgeAtMost(megabytes, mb, unit: "MB")) }
    return out
  }

  /// `2.4x` below 10, `25x` up to 1000, `1.2e+04x` beyond.
  static func factor(_ ratio: Double) -> String {
    guard ratio.isFinite else { return "∞x" }
    if ratio < 10 { return String(format: "%.1fx", ratio) }
    if ratio < 1000 { return String(format: "%.0fx", ratio) }
    return String(format: "%.1ex", ratio)
  }

  /// A figure with three significant digits at most (`0.312`, `12.5`, `146`).
  static func format(_ value: Double) -> String {
    if value >= 100 { return String(format: "%.0f", value) }
    if value >= 10 { return String(format: "%.1f", value) }
    if value >= 1 { return String(format: "%.2f", value) }
    return String(format: "%.3f", value)
  }
}
