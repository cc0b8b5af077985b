import GwlogEngine

/// The proofs `gwlog query --explain` prints under the answers: each answer's tuple is the
/// goal with its variables replaced by the answer's values.
enum AnswerProofs {
  /// The proof of each row (the first matching tuple where the goal has `_`); nil where
  /// none can be rebuilt.
  static func proofs(
    goal: String, variables: [String], rows: [[Value]], in workspace: Workspace
  ) -> [Proof?] {
    rows.map { workspace.proof(ofAnswer: $0, to: goal) }
  }

  /// The text table with each answer's proof tree, indented by four spaces, under its row.
  static func text(
    table: String, proofs: [Proof?], renderer: ProofRenderer
  ) -> String {
    var lines = table.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    if lines.last == "" { lines.removeLast() }
    // A table has a header line; `true`/`false` (no variables) has none.
    let firstRow = lines.count > proofs.count ? 1 : 0
    var out = ""
    for (k, line) in lines.enumerated() {
      out += line + "\n"
      let answer = k - firstRow
      guard answer >= 0, answer < proofs.count else { continue }
      guard let proof = proofs[answer] else {
        out += "    (no proof: the goal's tuple cannot be rebuilt from this answer)\n"
        continue
      }
      for proofLine in renderer.text(proof).split(separator: "\n") {
        out += "    " + proofLine + "\n"
      }
    }
    return out
  }
}
