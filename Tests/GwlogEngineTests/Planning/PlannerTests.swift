import Testing

@testable import GwlogEngine

@Suite struct PlannerTests {
  /// A body safety analysis would reject (`X` is never bound) reaches the planner only
  /// through a bug; it then fails with an internal error naming what it could not place.
  @Test func unplaceableLiteralsAreAnInternalError() throws {
    let file = SourceFile(path: "<test>", text: "q(1).\np(X) :- q(Y), X > Y.\n")
    let (parsed, _) = Parser.parse(file, fileID: 0)
    var analyzer = Analyzer(builtins: .standard)
    let program = analyzer.analyze([parsed], external: [])
    #expect(analyzer.diagnostics.contains { $0.code == .unsafeVariable })
    let rule = try #require(program.rules.first)
    var planner = Planner(
      sizes: program.relations.map { _ in 1 }, program: program, pool: ConstantPool(), rule: rule)
    do {
      _ = try planner.compile(rule, deltaLiteral: nil, oldLiterals: [])
      Issue.record("compile should fail")
    } catch let error as DiagnosticError {
      let d = try #require(error.diagnostics.first)
      #expect(d.code == .internalError)
      #expect(d.message == "internal error: the planner could not place `X > Y` in a rule for `p`")
    }
  }
}
