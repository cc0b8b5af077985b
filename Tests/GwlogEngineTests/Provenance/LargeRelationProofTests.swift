import GwlogEngine
import Testing

/// Proofs over relations too large to scan per proof node, and proofs that cannot be
/// rebuilt: those are errors, never a proof with an unexplained step.
@Suite struct LargeRelationProofTests {
  /// A proof step reads a 200,000-row relation on a column no evaluation index covers; a
  /// scan per step used to exceed the matcher's step bound and left the step without a rule.
  @Test func largeRelationIsProbedThroughAnIndexMadeOnDemand() throws {
    let n = 200_000
    var tsv: [UInt8] = []
    tsv.reserveCapacity(n * 14)
    for i in 0..<n { tsv += Array("\(i)\t\(i + 1)\n".utf8) }
    let workspace = Workspace()
    workspace.addSource(
      path: "big.dl", text: ".decl e(x: number, y: number)\np(Y) :- e(X, Y), X >= \(n - 1).")
    workspace.addTSV(relation: "e", path: "e.tsv", bytes: tsv)
    workspace.check()
    try workspace.evaluate()
    #expect(!workspace.hasErrors, "\(workspace.diagnostics)")
    guard case .proof(let proof) = try workspace.explain("p(\(n))") else {
      Issue.record("`p(\(n))` does not hold")
      return
    }
    #expect(proof.failure == nil)
    let root = try #require(proof.root)
    #expect(
      root.kind == .rule && root.rule == 0,
      "root: \(root.kind) rule \(String(describing: root.rule))")
    let leaves = proof.nodes.filter { $0.kind == .fact }.map(\.text)
    #expect(leaves == ["e(\(n - 1), \(n))"], "\(leaves)")
  }

  /// When the search for a step's rule instance hits its bound, `explain` fails with a
  /// `limit` error that names the tuple instead of printing a step without a rule.
  @Test func unrebuildableProofIsAnError() throws {
    // One tuple, whose only instance is the last of 216,000 the matcher tries.
    var text = "p(X) :- q(A), q(B), q(C), X = A + B + C, X > 176.\n"
    for i in 0..<60 { text += "q(\(i)).\n" }
    let workspace = Workspace()
    workspace.addSource(path: "cube.dl", text: text)
    workspace.check()
    try workspace.evaluate()
    #expect(!workspace.hasErrors, "\(workspace.diagnostics)")
    let proof = try #require(workspace.proof(of: "p", [.integer(177)]))
    let failure = try #require(proof.failure, "the proof was rebuilt")
    #expect(failure.code == .limit)
    #expect(failure.message.contains("`p(177)`"), "\(failure.message)")
    do {
      _ = try workspace.explain("p(177)")
      Issue.record("`explain` returned a proof with a step it could not rebuild")
    } catch let error as DiagnosticError {
      #expect(error.diagnostics.map(\.code) == [.limit], "\(error.diagnostics)")
    }
  }
}
