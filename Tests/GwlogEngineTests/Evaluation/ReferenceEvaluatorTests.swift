import GwlogEngine
import Testing
import _GwlogTestSupport

// Terse AST builders; file-private so other test files can use the same short names.
private func v(_ name: String) -> Term { .variable(name, .none) }
private func c(_ i: Int64) -> Term { .integer(i, .none) }
private func s(_ text: String) -> Term { .symbol(text, .none) }
private let any = Term.wildcard(.none)
private func atom(_ name: String, _ args: Term...) -> Atom {
  Atom(name: name, arguments: args, span: .none, nameSpan: .none)
}
private func pos(_ name: String, _ args: Term...) -> Literal {
  .positive(Atom(name: name, arguments: args, span: .none, nameSpan: .none))
}
private func not(_ name: String, _ args: Term...) -> Literal {
  .negative(Atom(name: name, arguments: args, span: .none, nameSpan: .none), .none)
}
private func cmp(_ l: Term, _ op: ComparisonOperator, _ r: Term) -> Literal {
  .comparison(l, op, r, .none)
}
private func bin(_ l: Term, _ op: ArithmeticOperator, _ r: Term) -> Term {
  .binary(op, l, r, .none)
}
private func agg(_ f: AggregateFunction, _ target: Term?, _ body: Literal...) -> Term {
  .aggregate(Aggregate(function: f, target: target, body: body, span: .none))
}
private func rule(_ head: Atom, _ body: Literal...) -> Statement {
  .clause(Clause(head: head, body: body, span: .none))
}
private func fact(_ name: String, _ args: Term...) -> Statement {
  .clause(
    Clause(
      head: Atom(name: name, arguments: args, span: .none, nameSpan: .none), body: [], span: .none))
}
private func ints(_ rows: [Int64]...) -> Set<[Value]> { Set(rows.map { $0.map(Value.integer) }) }
private func model(_ statements: Statement...) throws -> [String: Set<[Value]>] {
  try ReferenceEvaluator.evaluate(Program(statements: statements))
}

@Suite struct ReferenceEvaluatorTests {
  @Test func transitiveClosureOfAChain() throws {
    let m = try model(
      fact("e", c(1), c(2)), fact("e", c(2), c(3)), fact("e", c(3), c(4)),
      rule(atom("path", v("X"), v("Y")), pos("e", v("X"), v("Y"))),
      rule(atom("path", v("X"), v("Z")), pos("path", v("X"), v("Y")), pos("e", v("Y"), v("Z"))))
    #expect(m["path"] == ints([1, 2], [2, 3], [3, 4], [1, 3], [2, 4], [1, 4]))
    #expect(m["e"]?.count == 3)
  }

  @Test func sameGenerationOnATree() throws {
    // 1 has children 2, 3; 2 has children 4, 5; 3 has child 6.
    let m = try model(
      fact("par", c(2), c(1)), fact("par", c(3), c(1)), fact("par", c(4), c(2)),
      fact("par", c(5), c(2)), fact("par", c(6), c(3)),
      rule(
        atom("sg", v("X"), v("Y")), pos("par", v("X"), v("P")), pos("par", v("Y"), v("P")),
        cmp(v("X"), .notEqual, v("Y"))),
      rule(
        atom("sg", v("X"), v("Y")), pos("par", v("X"), v("A")), pos("sg", v("A"), v("B")),
        pos("par", v("Y"), v("B"))))
    #expect(m["sg"] == ints([2, 3], [3, 2], [4, 5], [5, 4], [4, 6], [6, 4], [5, 6], [6, 5]))
  }

  @Test func stratifiedNegation() throws {
    let m = try model(
      fact("node", s("a")), fact("node", s("b")), fact("node", s("c")), fact("node", s("d")),
      fact("edge", s("a"), s("b")), fact("edge", s("b"), s("c")), fact("start", s("a")),
      rule(atom("reach", v("X")), pos("start", v("X"))),
      rule(atom("reach", v("Y")), pos("reach", v("X")), pos("edge", v("X"), v("Y"))),
      rule(atom("unreachable", v("X")), pos("node", v("X")), not("reach", v("X"))),
      rule(atom("leaf", v("X")), pos("node", v("X")), not("edge", v("X"), any)))
    #expect(m["unreachable"] == [[.symbol("d")]])
    #expect(m["leaf"] == [[.symbol("c")], [.symbol("d")]])
  }

  @Test func arithmeticInFactsAndEquations() throws {
    let m = try model(
      fact("result", bin(bin(c(1), .subtract, c(2)), .subtract, c(3))),
      fact("n", c(3)), fact("n", c(-7)),
      rule(
        atom("double", v("X"), v("Z")), pos("n", v("X")),
        cmp(v("Z"), .equal, bin(v("X"), .multiply, c(2)))),
      rule(
        atom("quot", v("Q"), v("R")), pos("n", v("X")),
        cmp(v("Q"), .equal, bin(v("X"), .divide, c(2))),
        cmp(v("R"), .equal, bin(v("X"), .remainder, c(2)))),
      // An expression argument is a check, evaluated once X is bound by the other atom.
      rule(atom("succ", v("X")), pos("n", v("X")), pos("n", bin(v("X"), .subtract, c(10)))))
    #expect(m["result"] == ints([-4]))
    #expect(m["double"] == ints([3, 6], [-7, -14]))
    #expect(m["quot"] == ints([1, 1], [-3, -1]))  // truncation toward zero, dividend's sign
    #expect(m["succ"] == ints([3]))
  }

  @Test func aggregatesOverGroups() throws {
    let m = try model(
      fact("g", s("x")), fact("g", s("y")),
      fact("e", s("x"), c(4)), fact("e", s("x"), c(1)), fact("e", s("x"), c(4)),
      fact("w", s("x"), s("p"), c(5)), fact("w", s("x"), s("q"), c(5)),
      rule(
        atom("cnt", v("G"), v("C")), pos("g", v("G")),
        cmp(v("C"), .equal, agg(.count, nil, pos("e", v("G"), any)))),
      rule(
        atom("total", v("G"), v("S")), pos("g", v("G")),
        cmp(v("S"), .equal, agg(.sum, v("N"), pos("w", v("G"), any, v("N"))))),
      rule(
        atom("lo", v("G"), v("M")), pos("g", v("G")),
        cmp(v("M"), .equal, agg(.min, v("N"), pos("e", v("G"), v("N"))))),
      rule(
        atom("hi", v("G"), v("M")), pos("g", v("G")),
        cmp(v("M"), .equal, agg(.max, v("N"), pos("e", v("G"), v("N"))))),
      rule(atom("all", v("C")), cmp(v("C"), .equal, agg(.count, nil, pos("e", any, any)))))
    let x = Value.symbol("x")
    let y = Value.symbol("y")
    // Empty group: count and sum give 0, min/max give no value.
    #expect(m["cnt"] == [[x, .integer(2)], [y, .integer(0)]])
    // Two distinct tuples with the same summed value both count (distinct local bindings).
    #expect(m["total"] == [[x, .integer(10)], [y, .integer(0)]])
    #expect(m["lo"] == [[x, .integer(1)]])
    #expect(m["hi"] == [[x, .integer(4)]])
    #expect(m["all"] == ints([2]))
  }

  @Test func comparisonsAndBuiltins() throws {
    let m = try model(
      fact("v", c(3)), fact("v", s("a")), fact("v", s("ab")), fact("v", c(-1)),
      rule(
        atom("lt", v("X"), v("Y")), pos("v", v("X")), pos("v", v("Y")), cmp(v("X"), .less, v("Y"))),
      rule(atom("sw", v("X")), pos("v", v("X")), pos("startsWith", v("X"), s("a"))),
      rule(
        atom("cat", v("Z")), pos("v", v("X")), pos("v", v("Y")),
        pos("concat", v("X"), v("Y"), v("Z"))))
    let a = Value.symbol("a")
    let ab = Value.symbol("ab")
    // Numbers before symbols, numbers by value, symbols by bytes.
    #expect(
      m["lt"] == [
        [.integer(-1), .integer(3)], [.integer(-1), a], [.integer(-1), ab],
        [.integer(3), a], [.integer(3), ab], [a, ab],
      ])
    #expect(m["sw"] == [[a], [ab]])
    #expect(m["cat"] == [[.symbol("aa")], [.symbol("aab")], [.symbol("aba")], [.symbol("abab")]])
  }

  @Test func overflowAndDivisionByZeroThrow() {
    #expect(throws: ReferenceError.self) { try model(fact("big", bin(c(Int64.max), .add, c(1)))) }
    #expect(throws: ReferenceError.self) {
      try model(fact("big", bin(c(Int64.min), .divide, c(-1))))
    }
    #expect(throws: ReferenceError.self) {
      try model(
        fact("n", c(0)),
        rule(
          atom("q", v("Y")), pos("n", v("X")), cmp(v("Y"), .equal, bin(c(1), .remainder, v("X")))))
    }
  }

  @Test func nonStratifiableProgramThrows() {
    #expect(throws: ReferenceError.notStratifiable(["p", "q"])) {
      try model(
        fact("d", c(1)),
        rule(atom("p", v("X")), pos("d", v("X")), not("q", v("X"))),
        rule(atom("q", v("X")), pos("d", v("X")), not("p", v("X"))))
    }
    #expect(throws: ReferenceError.self) {
      try model(
        fact("d", c(1)),
        rule(atom("p", v("C")), pos("d", any), cmp(v("C"), .equal, agg(.count, nil, pos("p", any))))
      )
    }
  }

  @Test func unsafeRuleThrows() {
    #expect(throws: ReferenceError.self) {
      try model(fact("d", c(1)), rule(atom("p", v("Y")), pos("d", v("X"))))
    }
  }
}
