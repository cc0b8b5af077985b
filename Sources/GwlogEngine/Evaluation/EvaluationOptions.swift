/// Options that shape one evaluation.
public struct EvaluationOptions: Sendable {
  /// Worker threads for evaluation (1 = single-threaded).
  public var threads: Int = 1
  /// Stop with a `limit` error after deriving this many tuples in total.
  public var maximumTuples: Int = Int.max
  /// Stop with a `limit` error after this many seconds.
  public var timeoutSeconds: Double = .infinity
  /// Stop with a `limit` error when the process's resident memory, or what the engine holds
  /// in relations and constants, exceeds this many bytes (`Int.max`: no bound).
  public var maximumMemoryBytes: Int = Int.max
  /// Collect per-stratum and per-rule statistics.
  public var collectStatistics: Bool = false
  /// Whether to record, per derived tuple, the rule and height of its lowest derivation.
  ///
  /// Proofs need it; off only to measure what recording costs (`--no-proofs`).
  public var recordsProvenance: Bool = true
  /// Called about once a second during long evaluations with a one-line status (the CLI
  /// shows it on a terminal); nil for none.
  public var progress: (@Sendable (String) -> Void)? = nil
  /// Rule runs whose driving scan covers at least this many rows are split across
  /// `threads`; smaller ones are not worth the tasks' start and merge (tests lower it so
  /// that tiny programs run in parallel too).
  var parallelThreshold: Int = 1024

  /// Default options: one thread, no limits, no statistics.
  public init() {}

  /// The bytes of a size written `4G`, `500M`, `64K`, `1.5G` or as a plain number (binary
  /// units; a trailing `B` or `iB` is allowed); nil when it is not a positive size.
  public static func memorySize(_ text: String) -> Int? { ResourceLimits.parseSize(text) }
}
