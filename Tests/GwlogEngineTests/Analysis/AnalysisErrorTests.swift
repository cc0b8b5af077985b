import Testing

@testable import GwlogEngine

/// Loads marked text into a workspace and checks it; returns the diagnostics.
private func analyse(_ marked: MarkedText) -> [Diagnostic] {
  let workspace = Workspace()
  workspace.addSource(path: "t.dl", text: marked.text)
  workspace.check()
  return workspace.diagnostics
}

/// Expects exactly one diagnostic with `code` at the marker `1️⃣`.
private func expectOne(
  _ code: DiagnosticCode, _ source: String, severity: Severity = .error,
  containing fragment: String, sourceLocation: SourceLocation = #_sourceLocation
) {
  let marked = MarkedText(source)
  let found = analyse(marked).filter { $0.code == code }
  #expect(found.count == 1, "diagnostics: \(found.map(\.message))", sourceLocation: sourceLocation)
  guard let d = found.first else { return }
  #expect(d.severity == severity, sourceLocation: sourceLocation)
  #expect(d.message.contains(fragment), "\(d.message)", sourceLocation: sourceLocation)
  #expect(
    location(of: d, in: marked.text).map { [$0.line, $0.column] }
      == marked.location("1️⃣").map { [$0.line, $0.column] }, sourceLocation: sourceLocation)
}

@Suite struct AnalysisErrorTests {
  @Test func unboundHeadVariable() {
    expectOne(.unsafeVariable, "reach(X, 1️⃣Y) :- node(X).\nnode(1).", containing: "`Y`")
  }

  @Test func wildcardInHead() {
    expectOne(.unsafeVariable, "p(1️⃣_) :- q(1).\nq(1).", containing: "`_`")
  }

  @Test func variableOnlyInsideArithmeticIsNotBound() {
    let marked = MarkedText("f(N) :- f(1️⃣N - 1), N < 3.\nf(0).")
    let found = analyse(marked).filter { $0.message.contains("arithmetic") }
    #expect(found.map(\.code) == [.unsafeVariable])
    #expect(
      found.first.flatMap { location(of: $0, in: marked.text) }.map { [$0.line, $0.column] } == [
        1, 11,
      ])
  }

  @Test func equationsAndAggregatesBind() {
    let marked = MarkedText(
      "a(1). b(X, Y) :- a(X), Y = X + 1.\ntotal(N) :- N = count : { a(_) }.")
    #expect(analyse(marked).filter { $0.severity == .error }.isEmpty)
  }

  @Test func unboundNegatedVariable() {
    // `Y` also occurs in the head, so it is not local to the negation and must be bound:
    // both the head and the negated atom report it.
    let marked = MarkedText("p(X, 1️⃣Y) :- q(X), !r(X, 2️⃣Y).\nq(1). r(1, 2).")
    let found = analyse(marked).filter { $0.code == .unsafeVariable }
    #expect(
      found.map { location(of: $0, in: marked.text)?.column }
        == [marked.location("1️⃣")?.column, marked.location("2️⃣")?.column])
    #expect(found.allSatisfy { $0.message.contains("`Y`") })
    #expect(found.last?.message.contains("negated atom") == true)
  }

  @Test func negationLocalVariablesAreSafe() {
    let marked = MarkedText(
      "q(1). r(1, 2). s(1, 2, 2).\np(X) :- q(X), !r(X, P).\nt(X) :- q(X), !s(X, P, P).\n"
        + "u(X) :- q(X), !r(X, P), !s(X, P, _).")
    #expect(analyse(marked).filter { $0.severity == .error }.isEmpty)
  }

  @Test func negationLocalVariableInsideArithmeticIsUnsafe() {
    expectOne(
      .unsafeVariable, "q(1). r(1, 2).\np(X) :- q(X), !r(X, 1️⃣P + 1).", containing: "`P`")
  }

  @Test func negatedBuiltinTakesNoLocalVariable() {
    expectOne(
      .unsafeVariable, "q(\"a\").\np(X) :- q(X), !startsWith(X, 1️⃣P).", containing: "`P`")
  }

  @Test func unboundComparisonVariable() {
    expectOne(.unsafeVariable, "p(X) :- q(X), 1️⃣Z > 2.\nq(1).", containing: "`Z`")
  }

  @Test func nonGroundFact() {
    expectOne(.unsafeVariable, "p(1, 1️⃣X).", containing: "ground")
  }

  @Test func arityMismatch() {
    expectOne(.arityMismatch, "e(1, 2).\np(X) :- 1️⃣e(X).", containing: "2 arguments")
  }

  @Test func typeMismatchOnConstant() {
    expectOne(
      .typeMismatch, ".decl e(a: number, b: number)\ne(1, 1️⃣\"x\").", containing: "`number`")
  }

  @Test func typeMismatchOnVariable() {
    expectOne(
      .typeMismatch,
      ".decl n(a: number)\n.decl s(a: symbol)\nn(1). s(\"a\").\nboth(X) :- n(X), s(1️⃣X).",
      containing: "`X`")
  }

  @Test func negationCyclePrintsTheCycle() {
    let marked = MarkedText("a(X) :- b(X), !1️⃣c(X).\nc(X) :- a(X).\nb(1).")
    let found = analyse(marked).filter { $0.code == .negationCycle }
    #expect(found.count == 1)
    guard let d = found.first else { return }
    #expect(d.message.contains("`a` -> `c` -> `a`"), "\(d.message)")
    #expect(d.notes.count == 2)
    #expect(location(of: d, in: marked.text).map { [$0.line, $0.column] } == [1, 16])
  }

  @Test func aggregationThroughRecursionIsRejected() {
    expectOne(
      .negationCycle, "n(C) :- C = count : { 1️⃣n(_) }.\nn(0).", containing: "aggregate")
  }

  @Test func unknownBodyRelationIsAWarningWithSuggestion() {
    let marked = MarkedText("edge(1, 2).\npath(X, Y) :- 1️⃣edgee(X, Y).")
    let found = analyse(marked).filter { $0.code == .unknownRelation }
    #expect(found.count == 1)
    #expect(found.first?.severity == .warning)
    #expect(found.first?.help?.contains("`edge`") == true)
  }

  @Test func declaredButEmptyRelationIsNotWarned() {
    let marked = MarkedText(".decl e(a: number)\np(X) :- e(X).")
    #expect(analyse(marked).filter { $0.code == .unknownRelation }.isEmpty)
  }

  @Test func unknownGoalRelationIsAnError() throws {
    let workspace = Workspace()
    workspace.addSource(path: "t.dl", text: "edge(1, 2).")
    #expect(throws: DiagnosticError.self) { try workspace.query("edeg(X, Y)") }
    do {
      _ = try workspace.query("edeg(X, Y)")
    } catch let error as DiagnosticError {
      #expect(error.diagnostics.first?.code == .unknownRelation)
      #expect(error.diagnostics.first?.help?.contains("`edge`") == true)
    }
  }

  @Test func redeclaration() {
    expectOne(.redeclared, ".decl e(a: number)\n.decl 1️⃣e(a: number)", containing: "twice")
  }

  @Test func singletonVariableWarning() {
    expectOne(
      .singletonVariable, "p(X) :- q(X), r(1️⃣Y).\nq(1). r(2).", severity: .warning,
      containing: "`Y`")
  }

  @Test func builtinArityMismatch() {
    expectOne(
      .arityMismatch, "s(\"a\").\np(X) :- s(X), 1️⃣startsWith(X).", containing: "startsWith")
  }
}
