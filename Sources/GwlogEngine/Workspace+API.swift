// TEMPORARY stubs of the Workspace API; replaced by the real implementation.
extension Workspace {
  /// Adds a source text; `.facts` paths hold ground facts only, anything else is a program.
  public func addSource(path: String, bytes: [UInt8]) {}
  /// Adds an in-memory source text.
  public func addSource(path: String, text: String) { addSource(path: path, bytes: Array(text.utf8)) }
  /// Loads a file, or every `.dl`/`.facts`/`.tsv` file under a directory (sorted, recursive).
  public func load(path: String) {}
  /// Adds an already parsed program (tests and generators).
  public func addProgram(_ program: Program) {}
  /// Parses and analyses everything loaded; false when there are errors.
  @discardableResult public func check() -> Bool { !hasErrors }
  /// Evaluates the program to its minimal model; throws the errors that stop it.
  public func evaluate(options: EvaluationOptions = EvaluationOptions()) throws {}
  /// Names of all relations of the program (declared, used, or with facts), sorted.
  public var relationNames: [String] { [] }
  /// The relations selected for output: `.output` ones, else every derived relation.
  public var outputRelations: [String] { [] }
  /// The arity of a relation, if known.
  public func arity(of relation: String) -> Int? { nil }
  /// Every tuple of a relation after evaluation, in output order (spec §4).
  public func tuples(of relation: String) -> [[Value]] { [] }
  /// Answers a goal such as `path(X, "b")` (an optional `?-` and final `.` are accepted).
  public func query(_ goal: String) throws -> QueryResult {
    QueryResult(goal: goal, variables: [], rows: [])
  }
  /// The `?- goal.` queries found in loaded files, in load order.
  public var fileQueries: [Query] { [] }
  /// Statistics of the last evaluation, when requested.
  public var statistics: EvaluationStatistics? { nil }
}
