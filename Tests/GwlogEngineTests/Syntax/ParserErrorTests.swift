import Testing

@testable import GwlogEngine

/// Parses marked source and checks each expected diagnostic's code, message and position.
private func expectDiagnostics(
  _ marked: String, _ expected: [(marker: String, code: DiagnosticCode, message: String)],
  factsOnly: Bool = false, sourceLocation: SourceLocation = #_sourceLocation
) {
  let m = MarkedText(marked)
  let file = SourceFile(path: "t.dl", text: m.text)
  let diagnostics = Parser.parse(file, fileID: 0, factsOnly: factsOnly).diagnostics
  #expect(
    diagnostics.count == expected.count, "\(diagnostics.map(\.message))",
    sourceLocation: sourceLocation)
  for (d, e) in zip(diagnostics, expected) {
    #expect(d.code == e.code, sourceLocation: sourceLocation)
    #expect(d.message == e.message, sourceLocation: sourceLocation)
    let actual = d.span.map { file.location(of: Int($0.start)) }
    #expect(actual?.line == m.location(e.marker)?.line, sourceLocation: sourceLocation)
    #expect(actual?.column == m.location(e.marker)?.column, sourceLocation: sourceLocation)
  }
}

@Suite struct ParserErrorTests {
  @Test func missingCloseParen() {
    expectDiagnostics("a(X, Y1️⃣.", [("1️⃣", .syntax, "expected `)` or `,`, found `.`")])
  }

  @Test func recoveryReportsTwoErrors() {
    expectDiagnostics(
      "a(X) :- b(X) 1️⃣c(X).\nok.\nd(X) :- 2️⃣).\n",
      [
        ("1️⃣", .syntax, "expected `,` or `.`, found identifier `c`"),
        ("2️⃣", .syntax, "expected a literal, found `)`"),
      ])
    // The statements between the errors still parse.
    let (program, _) = parseText("a(X) :- b(X) c(X).\nok.\nd(X) :- ).\n")
    #expect(program.statements.count == 1)
  }

  @Test func endOfFileIsNamed() {
    expectDiagnostics("a(X) :- b(X)1️⃣", [("1️⃣", .syntax, "expected `,` or `.`, found end of file")])
  }

  @Test func unterminatedString() {
    expectDiagnostics("a(1️⃣\"abc).\nb(1).", [("1️⃣", .syntax, "unterminated string")])
  }

  @Test func unknownEscape() {
    expectDiagnostics("a(\"x1️⃣\\q\").", [("1️⃣", .syntax, "unknown escape sequence")])
  }

  @Test func binaryJunk() {
    expectDiagnostics("1️⃣\u{01}\u{02}garbage", [("1️⃣", .syntax, "unexpected byte 0x01")])
    let junk: [UInt8] = [0xFF, 0x00, 0x80, 0x2E, 0xC0, 0x2E, 0x01]
    let diagnostics = Parser.parse(SourceFile(path: "j", bytes: junk), fileID: 0).diagnostics
    #expect(diagnostics.first?.message == "unexpected byte 0xFF")
    #expect(diagnostics.allSatisfy { $0.code == .syntax })
  }

  @Test func integerOverflow() {
    expectDiagnostics(
      "a(1️⃣9223372036854775808).\nb(2️⃣123456789012345678901).",
      [
        ("1️⃣", .syntax, "integer `9223372036854775808` is out of range"),
        ("2️⃣", .syntax, "integer `123456789012345678901` is out of range"),
      ])
  }

  @Test func disjunction() {
    let (_, diagnostics) = parseText("a(X) :- b(X); c(X).")
    #expect(diagnostics.first?.message == "disjunction `;` is not supported")
    #expect(diagnostics.first?.help == "write one rule per alternative")
  }

  @Test func unknownDirectives() {
    expectDiagnostics(
      "1️⃣.comp Foo { a(1). }\n2️⃣.pragma \"x\" \"y\"\n.decl e(x: number)\n3️⃣.functor f(x: number): number",
      [
        ("1️⃣", .syntax, "unknown directive `.comp`"),
        ("2️⃣", .syntax, "unknown directive `.pragma`"),
        ("3️⃣", .syntax, "unknown directive `.functor`"),
      ])
  }

  @Test func unsupportedTypes() {
    expectDiagnostics(
      ".decl a(x: 1️⃣float)\n.decl b(x: number) 2️⃣eqrel\n.type R = 3️⃣[a: number]",
      [
        ("1️⃣", .syntax, "float columns are not supported"),
        ("2️⃣", .syntax, "`eqrel` relations are not supported"),
        ("3️⃣", .syntax, "record types are not supported"),
      ])
  }

  @Test func malformedDecl() {
    expectDiagnostics(
      ".decl a(x 1️⃣number)", [("1️⃣", .syntax, "expected `:`, found identifier `number`")])
  }

  @Test func variableAsLiteral() {
    expectDiagnostics(
      "a(X) :- b(X), X1️⃣.", [("1️⃣", .syntax, "expected a comparison operator, found `.`")])
  }

  @Test func hundredThousandNestedParentheses() {
    // The argument list of `a(` is one level, so the 256th `(` is one too many.
    let prefix = "a(" + String(repeating: "(", count: Limits.maximumExpressionDepth - 1)
    let marked = prefix + "1️⃣" + String(repeating: "(", count: 100_000) + "1"
    expectDiagnostics(marked + "\nb(", [("1️⃣", .limit, "expression nested deeper than 256 levels")])
  }

  @Test func unaryMinusChain() {
    let marked =
      "a(" + String(repeating: "-", count: Limits.maximumExpressionDepth - 1) + "1️⃣"
      + String(repeating: "-", count: 10_000) + "X)."
    expectDiagnostics(marked, [("1️⃣", .limit, "expression nested deeper than 256 levels")])
  }

  @Test func longOperatorChain() {
    let marked =
      "a(X) :- X = 1" + String(repeating: "+1", count: 256) + "1️⃣"
      + String(repeating: "+1", count: 744) + ".\nb(1)."
    expectDiagnostics(marked, [("1️⃣", .limit, "expression nested deeper than 256 levels")])
    #expect(parseText(MarkedText(marked).text).program.statements.count == 1)
  }

  @Test func tenMegabyteLine() {
    let text = "a(" + String(repeating: "x", count: 10_000_000)
    let (_, diagnostics) = parseText(text)
    #expect(diagnostics.map(\.message) == ["expected `)` or `,`, found end of file"])
  }

  @Test func diagnosticsAreCapped() {
    let text = String(repeating: "a(.\n", count: 200)
    #expect(parseText(text).diagnostics.count == 50)
  }

  @Test func factsOnlyRejectsRulesAndVariables() {
    expectDiagnostics(
      "e(a).\n1️⃣r(X) :- e(X).\ne(2️⃣X).\ne(3️⃣1 + 2).\n4️⃣?- e(a).\n5️⃣.decl e(x: symbol)\ne(-4).",
      [
        ("1️⃣", .badFact, "only ground facts are allowed in a `.facts` file"),
        ("2️⃣", .badFact, "only ground facts are allowed in a `.facts` file"),
        ("3️⃣", .badFact, "only ground facts are allowed in a `.facts` file"),
        ("4️⃣", .badFact, "only ground facts are allowed in a `.facts` file"),
        ("5️⃣", .badFact, "only ground facts are allowed in a `.facts` file"),
      ], factsOnly: true)
  }
}

@Suite struct ParserNestingTests {
  @Test func nestedAggregatesHitTheLimitWithoutCrashing() {
    let depth = 400
    let text =
      "a(N) :- N = " + String(repeating: "count : { b(", count: depth) + "1"
      + String(repeating: ") }", count: depth) + "."
    let diagnostics = parseText(text).diagnostics
    #expect(diagnostics.map(\.code) == [.limit])
  }

  @Test func nestedCallsHitTheLimitWithoutCrashing() {
    let depth = 100_000
    let text =
      "a(" + String(repeating: "f(", count: depth) + "1" + String(repeating: ")", count: depth)
      + ").\nb(1)."
    let (program, diagnostics) = parseText(text)
    #expect(diagnostics.map(\.code) == [.limit])
    // Recovery skips the rest of the deep statement and keeps the next one.
    #expect(program.statements.count == 1)
  }

  @Test func deepestAllowedTermsPrintAndFree() {
    let depth = Limits.maximumExpressionDepth - 1
    let text =
      "a(" + String(repeating: "f(", count: depth - 1) + "1" + String(repeating: ")", count: depth)
      + "."
    let (program, diagnostics) = parseText(text)
    #expect(diagnostics.isEmpty)
    #expect(Printer.program(program).count == text.count + 1)
  }
}
