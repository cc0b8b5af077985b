import Testing

@testable import GwlogEngine

@Suite struct HostFactOriginTests {
  /// Facts added by a host keep their file and JSON pointer, and proofs show them at leaves.
  @Test func importedFactsCarryTheirOrigin() throws {
    let workspace = Workspace()
    workspace.addSource(path: "rules.dl", text: "path(X, Y) :- edge(X, Y).\nedge(9, 9).")
    workspace.addFact(
      relation: "edge", values: [.integer(1), .integer(2)],
      origin: FactOrigin(file: "graph.json", path: "/edges/0"))
    workspace.addFact(
      relation: "edge", values: [.integer(2), .integer(3)],
      origin: FactOrigin(file: "graph.json", path: "/edges/1"))
    try workspace.evaluate()
    #expect(
      workspace.derivation(of: "edge", [.integer(2), .integer(3)])?.origin == "graph.json:/edges/1")
    #expect(workspace.derivation(of: "edge", [.integer(9), .integer(9)])?.origin == "rules.dl:2")
    let proof = workspace.proof(of: "path", [.integer(1), .integer(2)])
    let leaf = proof?.nodes.last
    #expect(leaf?.kind == .fact)
    #expect(leaf?.source?.description == "graph.json:/edges/0")
  }
}
