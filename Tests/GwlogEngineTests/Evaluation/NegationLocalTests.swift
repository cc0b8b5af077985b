import Testing
import _GwlogTestSupport

@testable import GwlogEngine

/// Variables local to a negated atom (docs/language.md#negation): `!q(X, P)` with `P`
/// nowhere else means "no `P` such that `q(X, P)`", and `!s3(X, P, P)` asks for equal
/// columns; evaluation, planning, proofs, why-nots and the goal-directed rewrite.
@Suite struct NegationLocalTests {
  static let program = """
    p(1). p(2). p(3).
    q(1, 5). q(3, 3).
    s3(1, 4, 4). s3(2, 4, 5). s3(3, 7, 8).
    r(X) :- p(X), !q(X, P).
    t(X) :- p(X), !s3(X, P, P).
    u(X) :- p(X), !q(X, P), !s3(X, P, _).
    """

  private func workspace(_ text: String = program) throws -> Workspace {
    let workspace = Workspace()
    workspace.addSource(path: "neg.dl", text: text)
    workspace.check()
    #expect(!workspace.hasErrors, "\(workspace.diagnostics.map(\.message))")
    try workspace.evaluate()
    return workspace
  }

  @Test func bothFormsEvaluate() throws {
    let w = try workspace()
    // q(1, 5) and q(3, 3) block 1 and 3.
    #expect(w.tuples(of: "r") == [[.integer(2)]])
    // Only s3(1, 4, 4) has equal columns; s3(2, 4, 5) and s3(3, 7, 8) do not block.
    #expect(w.tuples(of: "t") == [[.integer(2)], [.integer(3)]])
    // `P` is local to each negation on its own: no q(X, _) and no s3(X, _, _).
    #expect(w.tuples(of: "u").isEmpty)
  }

  @Test func theReferenceAgrees() throws {
    let (parsed, _) = Parser.parse(SourceFile(path: "neg.dl", text: Self.program), fileID: 0)
    let model = try ReferenceEvaluator.evaluate(parsed)
    let w = try workspace()
    for name in ["r", "t", "u"] {
      #expect(Set(w.tuples(of: name)) == model[name], "relation \(name)")
    }
  }

  @Test func aLocalVariableElsewhereIsNotLocal() throws {
    // `P` in a comparison is an ordinary variable, and so unbound: an error.
    let w = Workspace()
    w.addSource(path: "bad.dl", text: "p(1). q(1, 2).\nr(X) :- p(X), !q(X, P), P > 1.\n")
    w.check()
    #expect(w.diagnostics.contains { $0.code == .unsafeVariable && $0.message.contains("`P`") })
  }

  @Test func proofsShowTheNegationWithWildcards() throws {
    let w = try workspace()
    let renderer = ProofRenderer(useColor: false)
    let r = try #require(w.proof(of: "r", [.integer(2)]))
    #expect(renderer.text(r).contains("no q(2, _)"), "\(renderer.text(r))")
    #expect(r.root?.bindings.map(\.variable) == ["X"])
    let t = try #require(w.proof(of: "t", [.integer(3)]))
    #expect(renderer.text(t).contains("no s3(3, P, P)"), "\(renderer.text(t))")
  }

  @Test func proofsPassTheChecker() throws {
    let (parsed, _) = Parser.parse(SourceFile(path: "neg.dl", text: Self.program), fileID: 0)
    let model = try ReferenceEvaluator.evaluate(parsed)
    let heights = try ReferenceHeights.compute(parsed, model: model)
    let checker = try ProofChecker(program: parsed, model: model, heights: heights)
    let w = try workspace()
    for (name, tuple) in [("r", [Value.integer(2)]), ("t", [.integer(2)]), ("t", [.integer(3)])] {
      let proof = try #require(w.proof(of: name, tuple))
      #expect(checker.check(proof).isEmpty, "\(name)\(tuple): \(checker.check(proof))")
    }
  }

  @Test func whyNotRemovesTheOnlyBlockingFact() throws {
    let w = try workspace()
    guard case .whyNot(let t1) = try w.explain("t(1)") else {
      Issue.record("t(1) should not hold")
      return
    }
    #expect(t1.repairs.map(\.fact) == ["s3(1, 4, 4)"])
    #expect(t1.repairs.first?.action == .remove)
    guard case .whyNot(let r1) = try w.explain("r(1)") else {
      Issue.record("r(1) should not hold")
      return
    }
    #expect(r1.repairs.map(\.fact) == ["q(1, 5)"])
  }

  @Test func severalBlockingFactsMustAllGo() throws {
    let text = "p(1). q(1, 5). q(1, 6).\nr(X) :- p(X), !q(X, P).\n"
    let w = try workspace(text)
    guard case .whyNot(let whyNot) = try w.explain("r(1)") else {
      Issue.record("r(1) should not hold")
      return
    }
    #expect(whyNot.repairs.isEmpty)
    let reason = whyNot.partials.first?.reason ?? ""
    #expect(reason.contains("2 facts of `q` block the negation"), "\(reason)")
  }

  @Test func derivedRelationWithRepeatedLocal() throws {
    // `d(1, 4, 4)` is derived from one input fact: removing it is the single repair.
    let text = """
      p(1). e(1, 4). e(1, 5).
      d(X, Y, Y) :- e(X, Y), Y < 5.
      t(X) :- p(X), !d(X, P, P).
      """
    let w = try workspace(text)
    #expect(w.tuples(of: "t").isEmpty)
    guard case .whyNot(let whyNot) = try w.explain("t(1)") else {
      Issue.record("t(1) should not hold")
      return
    }
    #expect(whyNot.repairs.map(\.fact) == ["e(1, 4)"])
  }

  @Test func goalDirectedDemandsOnlyTheBoundArguments() throws {
    let text = """
      p(1). p(2). p(3). e(1, 5). e(3, 3).
      q(X, Y) :- e(X, Y).
      r(X) :- p(X), !q(X, P).
      s(X, Y, Y) :- e(X, Y).
      t(X) :- p(X), !s(X, P, P).
      """
    let full = try workspace(text)
    for goal in ["r(2)", "r(1)", "t(1)", "t(2)"] {
      let directed = Workspace()
      directed.addSource(path: "neg.dl", text: text)
      try directed.evaluate(for: goal)
      let note = directed.statistics?.goalDirected ?? ""
      #expect(note.hasPrefix("goal-directed: magic-set"), "\(goal): \(note)")
      let want = try GoalDirectedTests.transcript(full, goal)
      let got = try GoalDirectedTests.transcript(directed, goal)
      #expect(want == got, "\(goal)")
    }
    let directed = Workspace()
    directed.addSource(path: "neg.dl", text: text)
    try directed.evaluate(for: "r(2)")
    #expect(directed.statistics?.goalDirected?.contains("q@bf") == true)
    let t = Workspace()
    t.addSource(path: "neg.dl", text: text)
    try t.evaluate(for: "t(2)")
    #expect(t.statistics?.goalDirected?.contains("s@bff") == true)
  }

  @Test func planProbesTheBoundColumnsAndChecksRepeats() throws {
    let file = SourceFile(path: "<test>", text: Self.program)
    let (parsed, _) = Parser.parse(file, fileID: 0)
    var analyzer = Analyzer(builtins: .standard)
    let program = analyzer.analyze([parsed], external: [])
    #expect(!analyzer.diagnostics.contains { $0.severity == .error })
    func negation(_ head: String) throws -> Plan.Step {
      let rule = try #require(program.rules.first { program.relations[$0.head].name == head })
      var planner = Planner(
        sizes: program.relations.map { _ in 3 }, program: program, pool: ConstantPool(), rule: rule)
      let plan = try planner.compile(rule, deltaLiteral: nil, oldLiterals: [])
      return try #require(plan.steps.first { $0.kind == .negate })
    }
    let r = try negation("r")
    #expect(r.keyColumns == [0])
    #expect(r.actions.isEmpty)
    let t = try negation("t")
    #expect(t.keyColumns == [0])
    guard t.actions.count == 2, case .assign(1, let register) = t.actions[0] else {
      Issue.record("actions \(t.actions)")
      return
    }
    #expect(t.actions[1] == .check(column: 2, .register(register)))
  }

  @Test func printerRoundTripKeepsLocalVariables() throws {
    let (parsed, _) = Parser.parse(SourceFile(path: "neg.dl", text: Self.program), fileID: 0)
    let printed = Printer.program(parsed)
    #expect(printed.contains("t(X) :- p(X), !s3(X, P, P)."))
    let w = try workspace(printed)
    #expect(w.tuples(of: "t") == [[.integer(2)], [.integer(3)]])
  }
}
