import GwlogEngine
import Testing

/// A tuple used twice in one proof is proved once; the other mention says where the proof
/// is printed, above or below it in the text tree (docs/language.md#proofs).
@Suite struct SharedSubproofTests {
  static func proofText(_ program: String, _ goal: String) throws -> String {
    let workspace = Workspace()
    workspace.addSource(path: "p.dl", text: program)
    workspace.check()
    try workspace.evaluate()
    guard case .proof(let proof) = try workspace.explain(goal) else {
      Issue.record("`\(goal)` does not hold")
      return ""
    }
    return ProofRenderer().text(proof)
  }

  /// The line of the text tree that mentions `atom` with `detail`.
  static func lines(_ text: String, containing part: String) -> [String] {
    text.split(separator: "\n").map(String.init).filter { $0.contains(part) }
  }

  @Test func aSharedSubproofPrintedLaterIsProvedBelow() throws {
    // d(1)'s first child c(1) reaches b(1) one level deeper than d(1)'s second child does,
    // so the proof of b(1) hangs under d(1) and c(1)'s mention of it comes first.
    let text = try Self.proofText(
      "a(1).\nb(X) :- a(X).\nc(X) :- b(X).\nd(X) :- c(X), b(X).\n", "d(1)")
    let mentions = Self.lines(text, containing: "b(1)")
    #expect(mentions.count == 2, "\(text)")
    #expect(mentions.first?.contains("(proved below)") == true, "\(text)")
    #expect(mentions.last?.contains("[rule") == true, "\(text)")
  }

  @Test func aSharedSubproofPrintedEarlierIsProvedAbove() throws {
    let text = try Self.proofText(
      "a(1).\nb(X) :- a(X).\nc(X) :- b(X).\nd(X) :- b(X), c(X).\n", "d(1)")
    let mentions = Self.lines(text, containing: "b(1)")
    #expect(mentions.count == 2, "\(text)")
    #expect(mentions.first?.contains("[rule") == true, "\(text)")
    #expect(mentions.last?.contains("(proved above)") == true, "\(text)")
  }
}
