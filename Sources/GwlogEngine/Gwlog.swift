/// The public facade of the engine (`Workspace`): load sources, check, evaluate, query.
/// It is the only API the CLI, the benchmark and the Google Cloud model use.

/// The answers to one query: the goal's variables (in first-occurrence order) and one row
/// of values per answer, sorted in output order.
public struct QueryResult: Sendable {
  /// The goal as written.
  public var goal: String
  /// Distinct named variables of the goal, in order of first occurrence.
  public var variables: [String]
  /// One row per distinct answer, sorted; each row has one value per variable.
  public var rows: [[Value]]
}

/// One engine session: the loaded sources, the analysed program, the database.
///
/// Usage: add sources (`load`, `addSource`, `addProgram`), then `check()` and `evaluate()`,
/// then read relations (`tuples(of:)`) or answer goals (`query(_:)`). Errors are collected as
/// diagnostics (`diagnostics`), never trapped.
public final class Workspace: @unchecked Sendable {
  /// Every file loaded so far (spans refer into it).
  public internal(set) var sources = SourceRegistry()
  /// Warnings and errors so far, in the order found.
  public internal(set) var diagnostics: [Diagnostic] = []
  /// Directory searched for `.input` relations and loaded by `-F` (Soufflé's `-F`).
  public var factsDirectory: String?
  /// The built-in predicates and functions programs may call; hosts may register more.
  public var builtins = BuiltinRegistry.standard
  /// Phrases a why-not repair in the host's terms (nil keeps the plain `add fact` form).
  public var repairDescriber:
    (@Sendable (_ action: Repair.Action, _ relation: String, _ values: [Value?]) -> String?)? = nil
  /// A relation `alias(Name, Canonical)` through which goal constants are rewritten after
  /// evaluation (see `query(_:)`); nil for none.
  public var aliasRelation: String?
  /// Sources a host adds under a reserved path prefix, and the help that a declaration
  /// clash with one of their relations gets; nil for none.
  public var builtInSources: BuiltInSources?

  /// The constant pool shared by facts, rules and the database.
  let pool = ConstantPool()
  /// Parsed programs, in load order.
  var programs: [Program] = []
  /// Bulk facts read from `.facts` files, by relation (in first-seen order).
  var bulkFacts: [BulkFacts] = []
  /// Origins of host-added facts, indexed by their provenance tags.
  var pendingOrigins: [FactOrigin] = []
  /// Source ids of the files host-added facts come from, by path.
  var hostFileIDs: [String: Int32] = [:]
  var bulkFactIndex: [String: Int] = [:]
  /// Tab-separated files to read once column types are known: (file id, relation).
  var pendingTSV: [(file: Int32, relation: String)] = []
  /// The analysed program, once `check()` ran.
  var checked: CheckedProgram?
  /// The database, once `evaluate()` ran.
  var database: Database?
  var lastStatistics: EvaluationStatistics?
  /// The options of the last evaluation (reused when a goal-directed one must be redone).
  var lastOptions = EvaluationOptions()
  /// How many evaluations have run (hosts notice when answering a goal needed another).
  public internal(set) var evaluationCount = 0
  /// Set while `database` holds a goal-directed evaluation (only what that goal needs).
  var goalDirected: GoalDirectedState?

  /// Creates an empty workspace.
  public init() {}

  /// Whether any error diagnostic has been recorded.
  public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}

/// Sources a host compiles in (such as a built-in model), recognised by a path prefix.
///
/// When a user's declaration or use of a relation clashes with one of theirs (arity, type,
/// or a second declaration), the error gets `clashHelp` instead of the generic help.
public struct BuiltInSources: Sendable {
  /// The prefix of every built-in source path (for example `<model>/`).
  public var pathPrefix: String
  /// The help of a clash between a user relation and a built-in one.
  public var clashHelp: String

  /// Creates a description of built-in sources.
  public init(pathPrefix: String, clashHelp: String) {
    self.pathPrefix = pathPrefix
    self.clashHelp = clashHelp
  }
}

/// Rows of one relation read from bulk fact files, before the database exists.
struct BulkFacts {
  let name: String
  let arity: Int
  var ids: [UInt32] = []
  /// Per row, its provenance tag: `Provenance.line(n)` or an origin-table entry.
  var lines: [UInt32] = []
  /// (first row, file) runs, for provenance.
  var files: [(row: Int, file: Int32)] = []
  /// Where the relation was first seen.
  let span: SourceSpan
}
