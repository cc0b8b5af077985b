import GwlogEngine
import Testing
import _GwlogTestSupport

/// The checker and the reference heights themselves: answers derived by hand, and proofs
/// tampered with one step at a time must be rejected (a checker that accepts everything
/// would make the property test worthless).
@Suite struct ProofCheckerTests {
  static let text = """
    e(1, 2). e(2, 3). e(3, 4). e(1, 4).
    p(X, Y) :- e(X, Y).
    p(X, Z) :- p(X, Y), e(Y, Z).
    q(X) :- p(X, _), !e(X, 1), X < 5, N = count : { e(X, _) }, N >= 1.
    """

  static func parsed() -> Program {
    Parser.parse(SourceFile(path: "checker.dl", text: text), fileID: 0).program
  }

  static func setUp() throws -> (Workspace, ProofChecker, [String: Set<[Value]>]) {
    let program = parsed()
    let workspace = Workspace()
    workspace.addProgram(program)
    workspace.check()
    try workspace.evaluate()
    let model = try ReferenceEvaluator.evaluate(program)
    let heights = try ReferenceHeights.compute(program, model: model)
    return (workspace, try ProofChecker(program: program, model: model, heights: heights), model)
  }

  /// Heights by hand: `p(1, 4)` has a direct edge, so height 1 although the chain 1-2-3-4
  /// also derives it; `p(2, 4)` needs two steps.
  @Test func referenceHeightsAreMinimal() throws {
    let program = Self.parsed()
    let model = try ReferenceEvaluator.evaluate(program)
    let heights = try ReferenceHeights.compute(program, model: model)
    let p = heights["p"] ?? [:]
    #expect(heights["e"]?[[.integer(1), .integer(2)]] == 0)
    #expect(p[[.integer(1), .integer(2)]] == 1)
    #expect(p[[.integer(1), .integer(4)]] == 1)
    #expect(p[[.integer(2), .integer(4)]] == 2)
    #expect(p[[.integer(1), .integer(3)]] == 2)
    // q's only positive atom is p(1, _), whose lowest tuple has height 1.
    #expect(heights["q"]?[[.integer(1)]] == 2)
  }

  @Test func acceptsEngineProofs() throws {
    let (workspace, checker, _) = try Self.setUp()
    for (relation, tuple) in [("p", [1, 3]), ("p", [2, 4]), ("q", [1]), ("e", [1, 2])] {
      let proof = try #require(workspace.proof(of: relation, tuple.map { .integer(Int64($0)) }))
      #expect(checker.check(proof) == [], "\(relation)\(tuple)")
    }
  }

  /// Each tampering breaks one step; the checker must notice every one.
  @Test func rejectsTamperedProofs() throws {
    let (workspace, checker, model) = try Self.setUp()
    let proof = try #require(workspace.proof(of: "p", [.integer(1), .integer(3)]))
    let q = try #require(workspace.proof(of: "q", [.integer(1)]))
    #expect(checker.check(proof) == [])
    var tampered: [(String, Proof)] = []
    func variant(_ name: String, _ base: Proof, _ change: (inout [ProofNode]) -> Void) {
      var nodes = base.nodes
      change(&nodes)
      tampered.append((name, Proof(nodes: nodes)))
    }
    variant("root height", proof) { $0[0].height += 1 }
    variant("binding", proof) { nodes in
      nodes[0].bindings = nodes[0].bindings.map { ($0.variable, .integer(9)) }
    }
    variant("head", proof) { $0[0].values = [.integer(1), .integer(4)] }
    variant("dropped child", proof) { $0[0].children.removeLast() }
    variant("leaf not an input fact", proof) { nodes in
      if let i = nodes.firstIndex(where: { $0.kind == .fact }) {
        nodes[i].values = [.integer(3), .integer(1)]
      }
    }
    variant("fact claimed derived", proof) { nodes in
      if let i = nodes.firstIndex(where: { $0.kind == .fact }) { nodes[i].height = 1 }
    }
    variant("dangling reference", proof) { nodes in
      if let i = nodes.firstIndex(where: { $0.kind == .fact }) { nodes[i].kind = .reference }
    }
    variant("wrong rule", proof) { $0[0].rule = 0 }
    variant("aggregate value", q) { nodes in
      nodes[0].bindings = nodes[0].bindings.map {
        ($0.variable, $0.variable == "N" ? .integer(7) : $0.value)
      }
    }
    for (name, broken) in tampered {
      #expect(!checker.check(broken).isEmpty, "accepted a proof with a tampered \(name)")
    }
    // A negation leaf whose atom is present in the model must be rejected.
    var withBlocker = model
    withBlocker["e", default: []].insert([.integer(1), .integer(1)])
    let program = Self.parsed()
    let strict = try ProofChecker(
      program: program, model: withBlocker,
      heights: try ReferenceHeights.compute(program, model: model))
    #expect(strict.check(q).contains { $0.contains("does not hold") }, "\(strict.check(q))")
  }
}
