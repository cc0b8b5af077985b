import Testing

@testable import GwlogEngine

/// Runs a program and returns the error diagnostics evaluation threw.
private func evaluationErrors(_ text: String, options: EvaluationOptions = EvaluationOptions())
  -> [Diagnostic]
{
  let workspace = Workspace()
  workspace.addSource(path: "t.dl", text: text)
  do {
    try workspace.evaluate(options: options)
    return []
  } catch let error as DiagnosticError {
    return error.diagnostics
  } catch {
    return [Diagnostic.error(.io, "unexpected \(error)")]
  }
}

@Suite struct EvaluationErrorTests {
  @Test func overflowIsAnArithmeticErrorNamingTheRule() {
    let found = evaluationErrors("n(9223372036854775807).\nm(Y) :- n(X), Y = X + 1.")
    #expect(found.map(\.code) == [.arithmetic])
    #expect(found.first?.message.contains("overflow") == true)
    #expect(found.first?.notes.first?.message.contains("`m`") == true)
  }

  @Test func divisionByZero() {
    let found = evaluationErrors("n(0).\nm(Y) :- n(X), Y = 10 / X.")
    #expect(found.map(\.code) == [.arithmetic])
    #expect(found.first?.message.contains("division by zero") == true)
  }

  @Test func overflowInAFact() {
    #expect(evaluationErrors("n(9223372036854775807 * 2).").map(\.code) == [.arithmetic])
  }

  @Test func arithmeticOnASymbol() {
    #expect(evaluationErrors("n(a).\nm(Y) :- n(X), Y = X + 1.").map(\.code) == [.arithmetic])
  }

  @Test func tupleLimit() {
    var options = EvaluationOptions()
    options.maximumTuples = 100
    let found = evaluationErrors(
      "e(0).\ne(Y) :- e(X), X < 1000, Y = X + 1.", options: options)
    #expect(found.map(\.code) == [.limit])
  }

  @Test func sumOverflow() {
    let found = evaluationErrors(
      "v(1, 9223372036854775807). v(2, 1).\ns(S) :- S = sum X : { v(_, X) }.")
    #expect(found.map(\.code) == [.arithmetic])
  }
}
