import Testing

@testable import GwlogEngine

@Suite struct RoundTripTests {
  static let corpus: [String] = [
    #"edge("a", b). edge(b, "c\"d\\e\nf\tg\rh"). path(X, Y) :- edge(X, Y)."#,
    "path(X, Z) :- path(X, Y), edge(Y, Z), !blocked(Y), not gone(Z).",
    "r(1 - (2 - 3), (1 - 2) - 3, 1 - 2 * 3, (1 - 2) * 3, 2 * (3 % 4), -X, -(5), - -5, -(X + 1)).",
    "r(-9223372036854775808, 9223372036854775807, 3 - -2, -5 * 2, 0).",
    "a(Y) :- b(X), f(X) + 1 = Y, Z = g(h(X), \"s\"), Z != Y, X < 1, X <= 2, X > 3, X >= 4.",
    "n(S, C) :- s(S), C = count : { e(_, S), !x(S), S != \"a\" }.",
    "t(N) :- N = count : edge(_, _). u(T) :- T = sum X : { size(_, X) }.",
    "v(M) :- M = min X + 1 : { w(X) }. z(M) :- M = max (X * 2) : { w(X) }. k(M) :- M = sum -X : { w(X) }.",
    "p(M) :- M = (count : { w(_) }) % 2, M = 1 + sum X : { w(X) }.",
    "ok. done() :- ok, Path(1, 2). ?- canInvoke(G, \"svc\").",
    ".decl edge(x: number, y: symbol, z: Name)\n.input edge, b(filename=\"b.tsv\", IO=file)\n.output edge\n.printsize edge\n.fixed edge",
    ".type Id <: symbol\n.type N = number\n.type U = A | B\n.type S <: Id",
    "odd(X) :- n(X), X % 2 = 1. % comment\ns(\"é😀\", \"\\u{41}\").",
    "s(S) :- S = sum (X + 1) * 2 : { r(X, _) }. m(M) :- M = max C : { r(X, _), C = count : { r(X, _) } }.",
    "r(X) :- p(X), !q(X, P), !s(X, P, P), true, !false, match(\"a.*\", X), contains(\"a\", X).",
    ".output r\n% a note\n.decl q(a: number) % after\nq(1).",
  ]

  @Test(arguments: corpus) func printParsePrintIsStable(_ source: String) {
    let (first, diagnostics) = parseText(source)
    #expect(diagnostics.isEmpty, "\(diagnostics.map(\.message))")
    #expect(!first.statements.isEmpty)
    let printed = Printer.program(first)
    let (second, again) = parseText(printed)
    #expect(again.isEmpty, "\(printed): \(again.map(\.message))")
    #expect(Printer.program(second) == printed)
    // The re-parsed tree has the same shape, checked independently of the printer.
    let shapes = { (p: Program) in
      p.statements.compactMap { s -> String? in
        if case .clause(let c) = s { return dump(c) }
        return nil
      }
    }
    #expect(shapes(first) == shapes(second))
  }

  @Test func canonicalForms() {
    func printed(_ s: String) -> String { Printer.program(parseText(s).program) }
    #expect(printed("a(b, 1 - (2 - 3), (1 - 2) - 3).") == "a(\"b\", 1 - (2 - 3), 1 - 2 - 3).\n")
    #expect(printed("a :- not b, X = count : c(X).") == "a() :- !b(), X = count : { c(X) }.\n")
    #expect(printed("a(-(5), -5).") == "a(-(5), -5).\n")
    #expect(printed(".type T = number") == ".type T <: number\n")
  }
}
