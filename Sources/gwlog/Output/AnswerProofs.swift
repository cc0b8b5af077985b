import GwlogEngine

/// The proofs `gwlog query --explain` prints under the answers: each answer's tuple is the
/// goal with its variables replaced by the answer's values.
enum AnswerProofs {
  /// The proof of each row; nil where the goal's tuple cannot be rebuilt (it has `_`).
  static func proofs(
    goal: String, variables: [String], rows: [[Value]], in workspace: Workspace
  ) -> [Proof?] {
    let file = SourceFile(path: "<query>", text: goal)
    guard case .success(let atom) = Parser.parseGoal(file, fileID: -1) else {
      return rows.map { _ in nil }
    }
    return rows.map { row in
      var tuple: [Value] = []
      for term in atom.arguments {
        guard let value = value(of: term, variables: variables, row: row) else { return nil }
        tuple.append(value)
      }
      return workspace.proof(of: atom.name, tuple)
    }
  }

  /// The value a goal argument takes in one answer.
  private static func value(of term: Term, variables: [String], row: [Value]) -> Value? {
    switch term {
    case .symbol(let text, _): return .symbol(text)
    case .integer(let number, _): return .integer(number)
    case .negate(.integer(let number, _), _):
      return number == Int64.min ? nil : .integer(-number)
    case .variable(let name, _):
      guard let column = variables.firstIndex(of: name), column < row.count else { return nil }
      return row[column]
    default: return nil
    }
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
