import Testing

@testable import GwlogEngine

/// `Workspace.addSourceSkippingOnError` / `loadSkippingOnError`: a source with an error is
/// left out whole (its facts before the error too), its diagnostics are returned instead of
/// recorded, and what was loaded before and after is untouched.
@Suite struct SkippingTests {
  @Test func aFactsFileWithAnErrorLeavesNoFactBehind() throws {
    let workspace = Workspace()
    workspace.addSource(path: "a.facts", text: "edge(1, 2).\n")
    let errors = workspace.addSourceSkippingOnError(
      path: "b.facts", bytes: Array("edge(2, 3).\nnode(7).\nedge(X, 4).\n".utf8))
    #expect(errors.contains { $0.code == .badFact && $0.severity == .error })
    workspace.addSource(path: "c.facts", text: "edge(5, 6).\n")
    workspace.addSource(path: "p.dl", text: "path(X, Y) :- edge(X, Y).\n")
    #expect(workspace.check())
    try workspace.evaluate(options: EvaluationOptions())
    #expect(
      workspace.tuples(of: "path") == [[.integer(1), .integer(2)], [.integer(5), .integer(6)]])
    #expect(!workspace.relationNames.contains("node"))
    #expect(workspace.diagnostics.isEmpty)
  }

  @Test func aProgramWithASyntaxErrorIsNotAdded() throws {
    let workspace = Workspace()
    let errors = workspace.addSourceSkippingOnError(
      path: "bad.dl", bytes: Array("q(1).\nr(\n".utf8))
    #expect(errors.first?.code == .syntax)
    let kept = workspace.addSourceSkippingOnError(path: "good.dl", bytes: Array("s(2).\n".utf8))
    #expect(kept.isEmpty)
    #expect(workspace.check())
    #expect(workspace.relationNames.contains("s"))
    #expect(!workspace.relationNames.contains("q"))
  }

  @Test func aMissingFileIsReturnedNotRecorded() {
    let workspace = Workspace()
    let errors = workspace.loadSkippingOnError(path: "/nonexistent/gwlog/x.dl")
    #expect(errors.first?.code == .io)
    #expect(errors.first?.location?.file == "/nonexistent/gwlog/x.dl")
    #expect(workspace.diagnostics.isEmpty)
  }
}
