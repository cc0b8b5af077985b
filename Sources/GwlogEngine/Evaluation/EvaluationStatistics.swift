/// Per-evaluation figures for `--stats` and the benchmark.
public struct EvaluationStatistics: Sendable {
  /// One line per stratum, in evaluation order.
  public struct Stratum: Sendable {
    /// Relations computed in this stratum.
    public var relations: [String]
    /// Whether the stratum is recursive (semi-naive loop).
    public var isRecursive: Bool
    /// Fixpoint iterations run.
    public var iterations: Int
    /// New tuples derived.
    public var tuplesDerived: Int
    /// Wall time in seconds.
    public var seconds: Double
  }
  /// Per-rule figures.
  public struct Rule: Sendable {
    /// The rule's `file:line`.
    public var location: String
    /// The head relation.
    public var head: String
    /// New tuples this rule derived.
    public var tuplesDerived: Int
    /// Wall time in seconds across all its versions.
    public var seconds: Double
  }
  /// Strata in evaluation order.
  public var strata: [Stratum] = []
  /// Rules in source order.
  public var rules: [Rule] = []
  /// Time spent loading and interning facts, in seconds.
  public var loadSeconds: Double = 0
  /// Time spent evaluating, in seconds.
  public var evaluationSeconds: Double = 0
  /// Total tuples in all relations after evaluation (input and derived).
  public var totalTuples: Int = 0
  /// Tuples derived by rules.
  public var derivedTuples: Int = 0
  /// Bytes held by relations (rows, provenance, indexes) and the constant pool.
  public var storageBytes: Int = 0
  /// How a goal was answered when one was given (`Workspace.evaluate(for:options:)`): the
  /// magic-set rewrite used, or why the whole program was evaluated instead; nil otherwise.
  public var goalDirected: String?
  /// Where the input facts came from and how often they were loaded (the input store).
  public var inputs: Inputs?

  /// The session's input store as one evaluation saw it.
  public struct Inputs: Sendable {
    /// How many times the session read and interned its input files (1 unless sources
    /// changed between evaluations).
    public var loads: Int
    /// Seconds the store took to build.
    public var seconds: Double
    /// Each input file with the facts it gave, in load order.
    public var files: [(path: String, facts: Int)]
    /// Evaluations of the session so far, all over the same store.
    public var evaluations: Int
  }
}
