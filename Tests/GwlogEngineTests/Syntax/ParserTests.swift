import Testing

@testable import GwlogEngine

@Suite struct ParserTests {
  @Test func emptyFile() {
    let (program, diagnostics) = parseText("")
    #expect(program.statements.isEmpty && diagnostics.isEmpty)
    #expect(parseText("  // only a comment\n% another\n").diagnostics.isEmpty)
  }

  @Test func factsAndRules() {
    #expect(
      clauseDumps(#"edge("a", b). path(X, Y) :- edge(X, Z), path(Z, Y)."#) == [
        "edge[sym:a sym:b]", "path[var:X var:Y] <- edge[var:X var:Z], path[var:Z var:Y]",
      ])
  }

  @Test func capitalisedRelationNames() {
    #expect(clauseDumps("Path(X, Y) :- Edge(X, Y).") == ["Path[var:X var:Y] <- Edge[var:X var:Y]"])
  }

  @Test func nullaryAtoms() {
    #expect(
      clauseDumps("ok. done() :- ok, !bad, not worse().") == [
        "ok[]", "done[] <- ok[], not bad[], not worse[]",
      ])
  }

  @Test func negationSpanCoversOperator() {
    let (program, _) = parseText("a :- not b(X).")
    guard case .clause(let c) = program.statements.first,
      case .negative(let atom, let span) = c.body.first
    else {
      Issue.record("no negation")
      return
    }
    #expect(span.start == 5 && atom.nameSpan.start == 9)
  }

  @Test func comparisons() {
    #expect(
      clauseDumps("a(X) :- b(X, Y), X != Y, X < 3, Y >= -2, X <= Y, X > Y, X = Y.") == [
        "a[var:X] <- b[var:X var:Y], var:X != var:Y, var:X < int:3, var:Y >= int:-2, "
          + "var:X <= var:Y, var:X > var:Y, var:X = var:Y"
      ])
  }

  @Test func arithmeticPrecedenceAndAssociativity() {
    #expect(
      clauseDumps("r(1-2-3, 1+2*3, (1+2)*3, 7 % 2 * 3, 8/2/2).") == [
        "r[(- (- int:1 int:2) int:3) (+ int:1 (* int:2 int:3)) (* (+ int:1 int:2) int:3) "
          + "(* (% int:7 int:2) int:3) (/ (/ int:8 int:2) int:2)]"
      ])
  }

  @Test func unaryMinus() {
    #expect(
      clauseDumps("r(-9223372036854775808, -X, - -5, -(5), 3 - -2).") == [
        "r[int:-9223372036854775808 (neg var:X) (neg int:-5) (neg int:5) (- int:3 int:-2)]"
      ])
  }

  @Test func callsInTermsAndComparisonsStartingWithCalls() {
    #expect(
      clauseDumps("a(Y) :- b(X), f(X) + 1 = Y, Z = g(h(X), 2), startsWith(Y, \"p\").") == [
        "a[var:Y] <- b[var:X], (+ (call f var:X) int:1) = var:Y, "
          + "var:Z = (call g (call h var:X) int:2), startsWith[var:Y sym:p]"
      ])
  }

  @Test func symbolsBareAndQuotedAreEqual() {
    #expect(clauseDumps("a(svc, \"svc\", _).") == ["a[sym:svc sym:svc _]"])
  }

  @Test func aggregates() {
    #expect(
      clauseDumps(
        "n(S, C) :- s(S), C = count : { e(_, S), !x(S) }. t(N) :- N = count : edge(_, _). "
          + "u(T) :- T = sum X : { size(_, X) }. v(M) :- M = min X + 1 : { w(X) }. "
          + "z(M) :- M = max (X * 2) : { w(X) }. k(M) :- M = min(1, 2).") == [
          "n[var:S var:C] <- s[var:S], var:C = (count {e[_ var:S]; not x[var:S]})",
          "t[var:N] <- var:N = (count {edge[_ _]})",
          "u[var:T] <- var:T = (sum var:X {size[_ var:X]})",
          "v[var:M] <- var:M = (min (+ var:X int:1) {w[var:X]})",
          "z[var:M] <- var:M = (max (* var:X int:2) {w[var:X]})",
          "k[var:M] <- var:M = (call min int:1 int:2)",
        ])
  }

  @Test func countAndSumAsPlainNames() {
    #expect(
      clauseDumps("count(X) :- sum(X), X = count.") == [
        "count[var:X] <- sum[var:X], var:X = sym:count"
      ])
  }

  @Test func queries() {
    let text = "?- canInvoke(G, \"svc\")."
    let (program, diagnostics) = parseText(text)
    #expect(diagnostics.isEmpty)
    guard case .query(let q) = program.statements.first else {
      Issue.record("no query")
      return
    }
    #expect(dump(q.goal) == "canInvoke[var:G sym:svc]")
    #expect(Int(q.span.end) == text.utf8.count)
  }

  @Test func parseGoal() throws {
    for text in ["canInvoke(X, svc)", "?- canInvoke(X, svc).", "canInvoke(X, svc)."] {
      let atom = try Parser.parseGoal(SourceFile(path: "<query>", text: text), fileID: 0).get()
      #expect(dump(atom) == "canInvoke[var:X sym:svc]")
    }
    let bad = Parser.parseGoal(SourceFile(path: "<query>", text: "a(X) b"), fileID: 0)
    guard case .failure(let error) = bad else {
      Issue.record("trailing input accepted")
      return
    }
    #expect(error.diagnostics.first?.message == "expected end of the goal, found identifier `b`")
  }

  @Test func declarations() {
    let (program, diagnostics) = parseText(
      ".decl edge(x: number, y: symbol, z: unsigned, w: Name) brie inline\n.decl e()")
    #expect(diagnostics.isEmpty)
    guard case .declaration(let d) = program.statements.first else {
      Issue.record("no decl")
      return
    }
    #expect(d.name == "edge")
    #expect(d.columns.map(\.name) == ["x", "y", "z", "w"])
    #expect(d.columns.map(\.type) == [.number, .symbol, .number, nil])
    #expect(d.columns.map(\.typeName) == ["number", "symbol", "unsigned", "Name"])
    #expect(program.statements.count == 2)
  }

  @Test func relationDirectives() {
    let (program, diagnostics) = parseText(
      ".input a, b(IO=file, filename=\"b.tsv\"), c\n.output d.\n.printsize e\n.fixed f\nx(1).")
    #expect(diagnostics.isEmpty)
    var seen: [String] = []
    for s in program.statements {
      switch s {
      case .directive(let d):
        seen.append(d.kind.rawValue + ":" + d.relations.map(\.name).joined(separator: ","))
        if d.kind == .input {
          #expect(d.parameters.map(\.key) == ["IO", "filename"])
          #expect(d.parameters.map(\.value) == ["file", "b.tsv"])
        }
      case .clause(let c): seen.append(dump(c))
      default: seen.append("?")
      }
    }
    #expect(seen == ["input:a,b,c", "output:d", "printsize:e", "fixed:f", "x[int:1]"])
  }

  @Test func typeDeclarations() {
    let (program, diagnostics) = parseText(
      ".type Id <: symbol\n.type N = number\n.type U = A | B\n.type S <: Id")
    #expect(diagnostics.isEmpty)
    let types = program.statements.compactMap { s -> TypeDeclaration? in
      if case .typeDeclaration(let t) = s { return t }
      return nil
    }
    #expect(types.map(\.name) == ["Id", "N", "U", "S"])
    #expect(types.map(\.base) == [.symbol, .number, nil, nil])
    #expect(types.map(\.references) == [[], [], ["A", "B"], ["Id"]])
  }

  @Test func soufflePlainProgram() {
    let text = """
      .decl edge(x: number, y: number)
      .input edge
      .decl path(x: number, y: number)
      .output path
      path(X, Y) :- edge(X, Y).
      path(X, Z) :- path(X, Y), edge(Y, Z).
      """
    let (program, diagnostics) = parseText(text)
    #expect(diagnostics.isEmpty)
    #expect(program.statements.count == 6)
  }

  @Test func remainderAndCommentInOneRule() {
    #expect(
      clauseDumps("odd(X) :- n(X), X % 2 = 1. % odd numbers\nz(1).") == [
        "odd[var:X] <- n[var:X], (% var:X int:2) = int:1", "z[int:1]",
      ])
  }

  @Test func depthJustUnderTheLimitParses() {
    let depth = Limits.maximumExpressionDepth - 1
    let text =
      "a(" + String(repeating: "(", count: depth) + "1" + String(repeating: ")", count: depth)
      + ")."
    #expect(parseText(text).diagnostics.isEmpty)
    let chain =
      "a(X) :- X = 1" + String(repeating: "+1", count: Limits.maximumExpressionDepth) + "."
    #expect(parseText(chain).diagnostics.isEmpty)
  }

  @Test func factsOnlyAcceptsGroundFacts() {
    let file = SourceFile(path: "x.facts", text: "e(a, \"b\", -3, 4).\nok.")
    let (program, diagnostics) = Parser.parse(file, fileID: 0, factsOnly: true)
    #expect(diagnostics.isEmpty && program.statements.count == 2)
  }
}
