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
  /// The questions a host asks along with explaining a goal (given the goal with canonical
  /// constants): they are demanded in the same goal-directed evaluation, so answering them
  /// needs no other; nil for none.
  public var explanationCompanions: (@Sendable (Atom) -> [Atom])?
  /// Whether a symbol constant of a goal on one of the built-in sources' relations
  /// (`builtInSources`) that occurs in no loaded fact or rule (after alias rewriting) is an
  /// `unknown-name` error rather than an empty answer: a host whose goals name things
  /// (resources, accounts) sets it so that a typo is never taken for a "no".
  public var unknownConstantsAreErrors = false
  /// How why-not repairs are forbidden and ranked, read from the host's relations (none by
  /// default).
  public var repairPolicy = RepairPolicy.none
  /// How much work one why-not search may do before it answers with what it found so far.
  public var whyNotBudget = WhyNotBudget()
  /// Whether the why-not search answers repeated sub-goals from its memo (tests turn it off
  /// to check that the memo changes no answer).
  var whyNotMemoises = true
  /// A relation `alias(Name, Canonical)` through which goal constants are rewritten after
  /// evaluation (see `query(_:)`); nil for none.
  public var aliasRelation: String?
  /// Sources a host adds under a reserved path prefix, and the help that a declaration
  /// clash with one of their relations gets; nil for none.
  public var builtInSources: BuiltInSources?

  /// The constant pool shared by facts, rules and every database.
  let pool = ConstantPool()
  /// Parsed programs, in load order.
  var programs: [Program] = []
  /// Bulk facts read from `.facts` files and added by the host, by relation (first-seen order).
  var bulkFacts: [BulkFacts] = []
  var bulkFactIndex: [String: Int] = [:]
  /// Origins of host-added facts, indexed by their provenance tags.
  var pendingOrigins = FactOriginTable()
  /// Source ids of the files host-added facts come from, by path.
  var hostFileIDs: [String: Int32] = [:]
  /// Tab-separated files to read once column types are known: (file id, relation).
  var pendingTSV: [(file: Int32, relation: String)] = []
  /// The entries of `pendingTSV` a host gave pre-interned, by file id.
  var pendingTables: [Int32: InternedTable] = [:]
  /// Everything built from the sources as they are now (the analysed program, the input
  /// store, the evaluations); nil until `check()`, dropped whole when a source is added.
  var compilation: Compilation?
  /// How many evaluations have run (hosts notice when answering a goal needed another).
  public internal(set) var evaluationCount = 0
  /// How many times the input facts were read and interned (once per set of sources).
  public internal(set) var inputStoreLoads = 0

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

/// The stages built from a workspace's sources, in one object so that adding a source drops
/// all of them at once.
///
/// First the analysed program, then the input store (every input fact loaded once), then
/// evaluations over it, each a database for one purpose.
final class Compilation {
  /// The analysed program (with errors, when `Workspace.hasErrors`).
  let program: CheckedProgram
  /// Every input fact, loaded at the first evaluation.
  var store: InputStore?
  /// The evaluation that answers reads; nil before the first.
  var current: Evaluation?
  /// The program restricted to the alias relation, evaluated once for canonical goal
  /// constants of goal-directed questions.
  var aliases: Evaluation?
  /// Relations some evaluation computed in full with the original rules, by id: the same
  /// in every evaluation of this compilation, so later ones take them instead of computing
  /// them again.
  var complete: [Int: Relation] = [:]
  /// Whether goals are answered by demand (`evaluate(for:)`) or from a full evaluation.
  var answersByDemand = false
  /// The options of the last evaluation asked for (reused by the evaluations a goal needs).
  var options = EvaluationOptions()

  init(program: CheckedProgram) {
    self.program = program
  }
}

/// One evaluation: a database computed for one purpose, with its statistics.
struct Evaluation {
  /// What the database holds.
  enum Scope {
    /// Every relation of the program, complete.
    case full
    /// What one goal needs (a magic-set rewrite).
    case goalDirected(GoalDirectedState)
  }
  /// What the database holds.
  var scope: Scope
  /// The database.
  let database: Database
  /// Its figures (with the `--stats` note on how goals were answered).
  var statistics: EvaluationStatistics

  /// The goal-directed state, when the evaluation is goal-directed.
  var goalDirected: GoalDirectedState? {
    if case .goalDirected(let state) = scope { return state }
    return nil
  }
}
