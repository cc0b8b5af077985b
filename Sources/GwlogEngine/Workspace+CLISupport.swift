// TEMPORARY stub used by `gwlog check`; replaced by the real implementation.
extension Workspace {
  /// The number of rules (clauses with a body) in the loaded program, for the summary of
  /// `gwlog check`.
  public var ruleCount: Int { 0 }
}
