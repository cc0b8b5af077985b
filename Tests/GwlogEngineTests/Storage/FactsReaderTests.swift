import Testing

@testable import GwlogEngine

private func readTSV(_ text: String, types: [ColumnType?]?, pool: ConstantPool = ConstantPool())
  -> (rows: [[Value]], lines: [Int], diagnostics: [Diagnostic])
{
  var rows: [[Value]] = []
  var lines: [Int] = []
  let diagnostics = FactsReader.readTSV(
    SourceFile(path: "edge.tsv", text: text), fileID: 0, relation: "edge", columnTypes: types,
    pool: pool
  ) { ids, line in
    rows.append(ids.map { pool.value($0) })
    lines.append(line)
  }
  return (rows, lines, diagnostics)
}

private func readFacts(_ text: String) -> (
  facts: [String], spans: [SourceSpan], diagnostics: [Diagnostic]
) {
  let pool = ConstantPool()
  var facts: [String] = []
  var spans: [SourceSpan] = []
  let diagnostics = FactsReader.readFacts(
    SourceFile(path: "x.facts", text: text), fileID: 0, pool: pool
  ) {
    name, ids, span in
    facts.append(name + "(" + ids.map { pool.value($0).description }.joined(separator: ", ") + ")")
    spans.append(span)
  }
  return (facts, spans, diagnostics)
}

@Suite struct FactsReaderTests {
  @Test func tsvTypedColumns() {
    let r = readTSV("1\ta\n# comment\n\n-7\tb c\r\n", types: [.number, .symbol])
    #expect(r.diagnostics.isEmpty)
    #expect(r.rows == [[.integer(1), .symbol("a")], [.integer(-7), .symbol("b c")]])
    #expect(r.lines == [1, 4])
  }

  @Test func tsvUntypedTakesArityFromFirstLine() {
    let r = readTSV("1\t2\t3\nx\ty\tz", types: nil)
    #expect(
      r.rows == [
        [.symbol("1"), .symbol("2"), .symbol("3")], [.symbol("x"), .symbol("y"), .symbol("z")],
      ])
  }

  @Test func tsvErrors() {
    let text = "1\t2\nabc\t3\n1\t2\t3\n4\n"
    let r = readTSV(text, types: [.number, .number])
    #expect(r.rows == [[.integer(1), .integer(2)]])
    #expect(
      r.diagnostics.map(\.message) == [
        "`abc` is not a number in column 1 of `edge`", "expected 2 fields, found 3",
        "expected 2 fields, found 1",
      ])
    #expect(r.diagnostics.allSatisfy { $0.code == .badFact })
    let file = SourceFile(path: "edge.tsv", text: text)
    #expect(
      r.diagnostics.compactMap { $0.span.map { file.location(of: Int($0.start)).line } } == [
        2, 3, 4,
      ])
    let second = readTSV("1\tx\n", types: [.number, .number])
    #expect(second.diagnostics.first?.message == "`x` is not a number in column 2 of `edge`")
    #expect(second.diagnostics.first?.span?.start == 2)
  }

  @Test func tsvNumberLimits() {
    let ok = readTSV("9223372036854775807\n-9223372036854775808\n", types: [.number])
    #expect(ok.rows == [[.integer(.max)], [.integer(.min)]])
    let bad = readTSV("9223372036854775808\n", types: [.number])
    #expect(bad.diagnostics.count == 1)
  }

  @Test func tsvNullaryEmptyLineIsTheEmptyTuple() {
    let r = readTSV("\n", types: [])
    #expect(r.rows == [[]])
  }

  @Test func tsvSymbolsAndNumbersDiffer() {
    let pool = ConstantPool()
    var ids: [UInt32] = []
    _ = FactsReader.readTSV(
      SourceFile(path: "a.tsv", text: "1\t1\n"), fileID: 0, relation: "a",
      columnTypes: [.number, nil],
      pool: pool
    ) { row, _ in ids = Array(row) }
    #expect(ids.count == 2 && ids[0] != ids[1])
  }

  @Test func factsFastPath() {
    let r = readFacts(
      "% header\nedge(a, \"b\\n\", -3, 42). // tail\n/* block */ ok.\nEdge(\"é\").\ne().")
    #expect(r.diagnostics.isEmpty)
    #expect(r.facts == ["edge(\"a\", \"b\\n\", -3, 42)", "ok()", "Edge(\"é\")", "e()"])
    #expect(r.spans.first?.start == 9)
  }

  @Test func factsFallbackMatchesParserWithoutDuplicates() {
    let text = "a(1).\nb(x, \"\\u{41}\").\nc(X).\nd(- 2)."
    let r = readFacts(text)
    #expect(r.facts == ["a(1)", "b(\"x\", \"A\")", "d(-2)"])
    let parser = Parser.parse(SourceFile(path: "x.facts", text: text), fileID: 0, factsOnly: true)
      .diagnostics
    #expect(r.diagnostics.map(\.message) == parser.map(\.message))
    #expect(r.diagnostics.map(\.code) == [.badFact])
    #expect(r.diagnostics.first?.span?.start == parser.first?.span?.start)
  }

  @Test func factsSyntaxErrorsComeFromParser() {
    let r = readFacts("a(1).\na(\"open\n")
    #expect(r.facts == ["a(1)"])
    #expect(r.diagnostics.map(\.message) == ["unterminated string"])
    #expect(readFacts("_(1).").diagnostics.count == 1)
  }
}
