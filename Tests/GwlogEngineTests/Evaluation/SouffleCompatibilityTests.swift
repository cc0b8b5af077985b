import Testing
import _GwlogTestSupport

@testable import GwlogEngine

/// Regressions for where random programs run through gwlog and Soufflé disagreed.
///
/// Covered (docs/language.md): nested aggregates, aggregate targets, `%` after a directive,
/// and Soufflé's built-ins `contains`, `strlen`, `substr`, `match`, `true`, `false`. Each
/// expected answer is Soufflé's, worked out by hand.
@Suite struct SouffleCompatibilityTests {
  /// Loads and evaluates `text`; expects no error.
  private func evaluated(_ text: String) throws -> Workspace {
    let workspace = Workspace()
    workspace.addSource(path: "t.dl", text: text)
    workspace.check()
    #expect(!workspace.hasErrors, "\(workspace.diagnostics.map(\.message))")
    try workspace.evaluate()
    return workspace
  }

  /// The first error that evaluating `text` throws.
  private func evaluationError(_ text: String) -> Diagnostic? {
    let workspace = Workspace()
    workspace.addSource(path: "t.dl", text: text)
    workspace.check()
    #expect(!workspace.hasErrors, "\(workspace.diagnostics.map(\.message))")
    do {
      try workspace.evaluate()
    } catch let error as DiagnosticError {
      return error.diagnostics.first
    } catch {
      Issue.record("unexpected \(error)")
    }
    return nil
  }

  private func parsed(_ text: String) -> Program {
    Parser.parse(SourceFile(path: "t.dl", text: text), fileID: 0).program
  }

  /// Engine, reference and proof checker agree on `relation`, which must be `expected`.
  private func expectAgreement(
    _ text: String, _ relation: String, _ expected: Set<[Value]>,
    sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    let workspace = try evaluated(text)
    #expect(Set(workspace.tuples(of: relation)) == expected, sourceLocation: sourceLocation)
    let program = parsed(text)
    let model = try ReferenceEvaluator.evaluate(program)
    #expect(model[relation] == expected, "reference", sourceLocation: sourceLocation)
    let heights = try ReferenceHeights.compute(program, model: model)
    let checker = try ProofChecker(program: program, model: model, heights: heights)
    for tuple in expected {
      let proof = try #require(workspace.proof(of: relation, tuple))
      #expect(
        checker.check(proof).isEmpty, "\(checker.check(proof))", sourceLocation: sourceLocation)
    }
  }

  // MARK: Nested aggregates

  static let r = "r(1, 2). r(1, 3). r(2, 5).\n"

  /// For each `r(X, _)` the inner count is over the same `X`: 2 for X = 1 (twice), 1 for
  /// X = 2, so the maximum is 2 (it was 3: the inner count ignored `X`).
  @Test func nestedAggregateSeesTheEnclosingBody() throws {
    let text = Self.r + "m(M) :- M = max C : { r(X, _), C = count : { r(X, _) } }.\n"
    try expectAgreement(text, "m", [[.integer(2)]])
  }

  /// A nested aggregate may compare with the enclosing body's variables (it was unsafe).
  ///
  /// X = 1: Y = 2 counts Z <= 2 (one), Y = 3 counts Z <= 3 (two), sum 3; X = 2: Y = 5 counts
  /// one, sum 1.
  @Test func nestedAggregateWithAComparisonIsSafe() throws {
    let text =
      Self.r
      + "m(X, M) :- r(X, _), M = sum C : { r(X, Y), C = count : { r(X, Z), Z <= Y } }.\n"
    try expectAgreement(
      text, "m", [[.integer(1), .integer(3)], [.integer(2), .integer(1)]])
  }

  /// A goal-directed query gives the same answers and proof as a full evaluation.
  @Test func nestedAggregateGoalDirected() throws {
    let text =
      Self.r
      + "m(X, M) :- r(X, _), M = sum C : { r(X, Y), C = count : { r(X, Z), Z <= Y } }.\n"
    let full = try evaluated(text)
    let directed = Workspace()
    directed.addSource(path: "t.dl", text: text)
    try directed.evaluate(for: "m(1, M)")
    #expect(
      try GoalDirectedTests.transcript(directed, "m(1, M)")
        == GoalDirectedTests.transcript(full, "m(1, M)"))
    #expect(try directed.query("m(1, M)").rows == [[.integer(3)]])
  }

  // MARK: Aggregate targets

  /// The target runs up to the `:` (it was a syntax error).
  ///
  /// `(X + 1) * 2` over the three `(X, _)` bindings is 4 + 4 + 6.
  @Test func aggregateTargetIsAWholeExpression() throws {
    let text =
      Self.r + """
        s(S) :- S = sum (X + 1) * 2 : { r(X, _) }.
        lo(S) :- S = min (Y - 1) * 2 : { r(_, Y) }.
        hi(S) :- S = max (Y) * -1 : { r(_, Y) }.
        neg(S) :- S = max -Y + 1 : { r(_, Y) }.
        """
    let w = try evaluated(text)
    #expect(w.tuples(of: "s") == [[.integer(14)]])
    #expect(w.tuples(of: "lo") == [[.integer(2)]])
    #expect(w.tuples(of: "hi") == [[.integer(-2)]])
    #expect(w.tuples(of: "neg") == [[.integer(-1)]])
    guard
      case .clause(let clause)? = parsed(text).statements.last(where: { s in
        if case .clause(let c) = s { return c.head.name == "s" }
        return false
      }), case .comparison(_, _, .aggregate(let a), _)? = clause.body.first,
      case .binary(.multiply, .binary(.add, _, _, _), .integer(2, _), _)? = a.target
    else {
      Issue.record("the target of `sum` is not `(X + 1) * 2`")
      return
    }
    // The printed program parses back to the same answers.
    let again = try evaluated(Printer.program(parsed(text)))
    #expect(again.tuples(of: "s") == [[.integer(14)]])
  }

  /// `min(...)` not followed by an aggregate's `:` is still a call.
  @Test func callsAreNotTargets() {
    let program = parsed("p(Z) :- q(X, Y), Z = min(X, Y) + 1.")
    guard case .clause(let c)? = program.statements.first, c.body.count == 2,
      case .comparison(_, .equal, .binary(.add, .call("min", let args, _), _, _), _) = c.body[1]
    else {
      Issue.record("`min(X, Y) + 1` did not parse as a call: \(Printer.program(program))")
      return
    }
    #expect(args.count == 2)
  }

  @Test func meanIsRefused() {
    let w = Workspace()
    w.addSource(path: "t.dl", text: Self.r + "a(M) :- M = mean X : { r(X, _) }.\n")
    w.check()
    let d = w.diagnostics.first { $0.severity == .error }
    #expect(d?.code == .syntax)
    #expect(d?.message == "the `mean` aggregate is not supported")
  }

  // MARK: Comments

  /// A `%` line right after a directive is a comment (it was read as the remainder of the
  /// directive's last name), and so is `%` after a directive on its line.
  @Test func percentCommentAfterADirective() throws {
    let text = """
      .decl e(x: number)
      % the edges
      .output e % printed
      % another note
      e(7). e(9).
      e(X) :- e(Y), X = Y % 5, X != Y.
      """
    let w = try evaluated(text)
    #expect(w.tuples(of: "e") == [[.integer(2)], [.integer(4)], [.integer(7)], [.integer(9)]])
  }

  /// A line that starts with `%` is a comment even after an operand; `%` later on a line
  /// after an operand stays the operator.
  @Test func percentAtTheStartOfALine() throws {
    let w = try evaluated("n(7).\nr(Y) :- n(X),\n% why: half\nY = X %\n 4.\n")
    #expect(w.tuples(of: "r") == [[.integer(3)]])
  }

  // MARK: Built-ins

  @Test func containsTakesSoufflesOrder() throws {
    let text = """
      s("hello"). s("world").
      a(S) :- s(S), contains("ll", S).
      b(S) :- s(S), contains(S, "ll").
      e(S) :- s(S), contains("", S).
      """
    let w = try evaluated(text)
    #expect(w.tuples(of: "a") == [[.symbol("hello")]])
    #expect(w.tuples(of: "b").isEmpty)
    #expect(w.tuples(of: "e").count == 2)
    try expectAgreement(text, "a", [[.symbol("hello")]])
  }

  @Test func strlenAndSubstrCountBytes() throws {
    let text = """
      s("h\u{e9}llo").
      n(N) :- s(S), N = strlen(S).
      a(T) :- s(S), T = substr(S, 0, 1).
      b(T) :- s(S), T = substr(S, 1, 2).
      c(T) :- s(S), T = substr(S, 3, 100).
      d(T) :- s(S), T = substr(S, 50, 1).
      """
    let w = try evaluated(text)
    #expect(w.tuples(of: "n") == [[.integer(6)]])
    #expect(w.tuples(of: "a") == [[.symbol("h")]])
    #expect(w.tuples(of: "b") == [[.symbol("\u{e9}")]])
    #expect(w.tuples(of: "c") == [[.symbol("llo")]])
    #expect(w.tuples(of: "d") == [[.symbol("")]])
  }

  @Test func substrRefusesToCutACharacter() {
    let d = evaluationError("s(\"h\u{e9}llo\").\nb(T) :- s(S), T = substr(S, 0, 2).\n")
    #expect(d?.code == .arithmetic)
    #expect(d?.message.contains("would cut a multi-byte character") == true)
  }

  @Test func trueAndFalse() throws {
    let text = """
      n(1).
      a(X) :- n(X), true.
      b(X) :- n(X), false.
      c(X) :- n(X), !false.
      d(X) :- n(X), !true.
      """
    let w = try evaluated(text)
    #expect(w.tuples(of: "a") == [[.integer(1)]])
    #expect(w.tuples(of: "b").isEmpty)
    #expect(w.tuples(of: "c") == [[.integer(1)]])
    #expect(w.tuples(of: "d").isEmpty)
    #expect(!w.diagnostics.contains { $0.code == .unknownRelation })
    try expectAgreement(text, "a", [[.integer(1)]])
    let renderer = ProofRenderer(useColor: false)
    let proof = try #require(w.proof(of: "c", [.integer(1)]))
    #expect(renderer.text(proof).contains("no false()"), "\(renderer.text(proof))")
  }

  @Test func matchIsAWholeStringMatch() throws {
    let text = """
      s("hello"). s("ab"). s("abc\\n").
      dotStar(S) :- s(S), match("h.*o", S).
      prefix(S) :- s(S), match("h", S).
      alternation(S) :- s(S), match("a|ab", S).
      anchoredEnd(S) :- s(S), match("abc", S).
      notMatching(S) :- s(S), !match("[a-c]+", S).
      """
    let w = try evaluated(text)
    #expect(w.tuples(of: "dotStar") == [[.symbol("hello")]])
    #expect(w.tuples(of: "prefix").isEmpty)
    #expect(w.tuples(of: "alternation") == [[.symbol("ab")]])
    // `$`-style anchoring would accept the line break; the whole symbol must match.
    #expect(w.tuples(of: "anchoredEnd").isEmpty)
    #expect(w.tuples(of: "notMatching") == [[.symbol("abc\n")], [.symbol("hello")]])
  }

  @Test func aConstantRegexThatDoesNotCompileIsASyntaxError() {
    let marked = MarkedText("s(\"a\").\nm(S) :- s(S), match(1️⃣\"(a\", S).\n")
    let w = Workspace()
    w.addSource(path: "t.dl", text: marked.text)
    w.check()
    let d = w.diagnostics.first { $0.severity == .error }
    #expect(d?.code == .syntax)
    #expect(d?.message.contains("`(a`") == true)
    #expect(
      d.flatMap { location(of: $0, in: marked.text) }.map { [$0.line, $0.column] }
        == marked.location("1️⃣").map { [$0.line, $0.column] })
  }

  /// A pattern that would close the anchoring group early is refused, not reinterpreted.
  @Test func aRegexFromTheDataThatDoesNotCompileIsAnArithmeticError() {
    let d = evaluationError("p(\"a)|(b\", \"b\").\nm(S) :- p(P, S), match(P, S).\n")
    #expect(d?.code == .arithmetic)
    #expect(d?.message.contains("is not valid") == true)
  }

  /// Proofs and why-nots see the built-ins with the same meaning (through `NativeBuiltins`
  /// and the registry).
  @Test func proofsAndWhyNotsUseTheSameMeaning() throws {
    let text = """
      name("projects/shop"). name("folders/1").
      has(N) :- name(N), contains("op", N), match("projects/.*", N).
      """
    let w = try evaluated(text)
    #expect(w.tuples(of: "has") == [[.symbol("projects/shop")]])
    let renderer = ProofRenderer(useColor: false)
    let proof = try #require(w.proof(of: "has", [.symbol("projects/shop")]))
    let shown = renderer.text(proof)
    #expect(shown.contains("contains(\"op\", \"projects/shop\")"), "\(shown)")
    #expect(shown.contains("match(\"projects/.*\", \"projects/shop\")"), "\(shown)")
    guard case .whyNot(let whyNot) = try w.explain("has(\"folders/1\")") else {
      Issue.record("has(folders/1) should not hold")
      return
    }
    #expect(whyNot.repairs.isEmpty)
    #expect(whyNot.partials.first?.reason == "a built-in fails for these values")
  }
}
