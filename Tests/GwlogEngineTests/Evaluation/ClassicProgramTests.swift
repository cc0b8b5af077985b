import Testing

@testable import GwlogEngine

/// Evaluates a program text and returns one relation as sorted rows of source-form values.
private func rows(_ text: String, _ relation: String) throws -> [[String]] {
  let workspace = Workspace()
  workspace.addSource(path: "t.dl", text: text)
  try workspace.evaluate()
  return workspace.tuples(of: relation).map { $0.map(\.description) }
}

@Suite struct ClassicProgramTests {
  /// Transitive closure of a chain of n nodes has n(n-1)/2 paths (counted independently).
  @Test(arguments: [2, 5, 40])
  func transitiveClosureOfAChain(n: Int) throws {
    let facts = (1..<n).map { "edge(\($0), \($0 + 1))." }.joined(separator: "\n")
    let program = facts + "\npath(X, Y) :- edge(X, Y).\npath(X, Z) :- path(X, Y), edge(Y, Z)."
    let result = try rows(program, "path")
    #expect(result.count == n * (n - 1) / 2)
    #expect(result.allSatisfy { (Int($0[0]) ?? 0) < (Int($0[1]) ?? 0) })
  }

  /// Non-linear recursion gives the same closure as linear recursion.
  @Test func nonLinearClosure() throws {
    let program = """
      edge(1, 2). edge(2, 3). edge(3, 1). edge(3, 4).
      path(X, Y) :- edge(X, Y).
      path(X, Z) :- path(X, Y), path(Y, Z).
      """
    let result = try rows(program, "path")
    // 1, 2, 3 reach each other and 4; 4 reaches nothing: 3 * 4 = 12 pairs.
    #expect(result.count == 12)
    #expect(!result.contains(["4", "1"]))
  }

  /// Same generation on a two-level tree: siblings and cousins pair up.
  @Test func sameGeneration() throws {
    let program = """
      parent(b, a). parent(c, a). parent(d, b). parent(e, c).
      sg(X, Y) :- parent(X, P), parent(Y, P), X != Y.
      sg(X, Y) :- parent(X, A), sg(A, B), parent(Y, B).
      """
    let result = try rows(program, "sg")
    #expect(
      result == [
        ["\"b\"", "\"c\""], ["\"c\"", "\"b\""], ["\"d\"", "\"e\""], ["\"e\"", "\"d\""],
      ])
  }

  @Test func stratifiedNegation() throws {
    let program = """
      node(1). node(2). node(3). edge(1, 2).
      reach(X) :- edge(1, X).
      reach(Y) :- reach(X), edge(X, Y).
      unreached(X) :- node(X), !reach(X), X != 1.
      """
    #expect(try rows(program, "unreached") == [["3"]])
  }

  @Test func arithmeticPrecedenceAndUnaryMinus() throws {
    let program = """
      r(1 - 2 - 3). r(2 + 3 * 4). r(-(2 + 3)). r(7 / 2). r(-7 % 3).
      a(X, Y, X + Y) :- b(X, Y).
      b(3, 4).
      """
    #expect(try rows(program, "r") == [["-5"], ["-4"], ["-1"], ["3"], ["14"]])
    #expect(try rows(program, "a") == [["3", "4", "7"]])
  }

  @Test func aggregates() throws {
    let program = """
      s(a). s(b). s(c).
      call(g1, a). call(g2, a). call(g1, b).
      size(a, 3). size(b, 10).
      n(S, C) :- s(S), C = count : { call(_, S) }.
      total(T) :- T = sum X : { size(_, X) }.
      smallest(M) :- M = min X : { size(_, X) }.
      largest(M) :- M = max X : { size(_, X) }.
      noneMin(M) :- M = min X : { size(zzz, X) }.
      """
    #expect(try rows(program, "n") == [["\"a\"", "2"], ["\"b\"", "1"], ["\"c\"", "0"]])
    #expect(try rows(program, "total") == [["13"]])
    #expect(try rows(program, "smallest") == [["3"]])
    #expect(try rows(program, "largest") == [["10"]])
    #expect(try rows(program, "noneMin").isEmpty)
  }

  @Test func stringBuiltins() throws {
    let program = """
      name("projects/shop"). name("folders/1"). name("projects/api-gw").
      project(N) :- name(N), startsWith(N, "projects/").
      gw(N) :- name(N), endsWith(N, "-gw").
      has(N) :- name(N), contains("op", N).
      joined(J) :- name(N), startsWith(N, "folders/"), concat(N, "/x", J).
      notProject(N) :- name(N), !startsWith(N, "projects/").
      """
    #expect(try rows(program, "project").count == 2)
    #expect(try rows(program, "gw") == [["\"projects/api-gw\""]])
    #expect(try rows(program, "has") == [["\"projects/shop\""]])
    #expect(try rows(program, "joined") == [["\"folders/1/x\""]])
    #expect(try rows(program, "notProject") == [["\"folders/1\""]])
  }

  @Test func nullaryRelationsAndSymbolsVersusNumbers() throws {
    let program = """
      v(1). v("1"). v(svc). v("svc").
      ok() :- v(1).
      bad() :- v(2).
      """
    #expect(try rows(program, "v") == [["1"], ["\"1\""], ["\"svc\""]])
    #expect(try rows(program, "ok") == [[]])
    #expect(try rows(program, "bad").isEmpty)
  }

  @Test func queryWithConstantsAndRepeatedVariables() throws {
    let workspace = Workspace()
    workspace.addSource(path: "t.dl", text: "e(1, 1). e(1, 2). e(2, 2). e(3, 1).")
    let same = try workspace.query("e(X, X)")
    #expect(same.variables == ["X"])
    #expect(same.rows == [[.integer(1)], [.integer(2)]])
    let from1 = try workspace.query("?- e(1, Y).")
    #expect(from1.rows == [[.integer(1)], [.integer(2)]])
    let none = try workspace.query("e(\"never-seen\", Y)")
    #expect(none.rows.isEmpty)
  }

  /// Heights are those of the lowest derivation, even when a later iteration finds it.
  @Test func recordedHeightIsMinimal() throws {
    // A long chain 1 -> 2 -> ... -> 6 and a shortcut fact edge(1, 6): path(1, 6) has a
    // derivation of height 1 (from the shortcut) and longer ones through the chain.
    let workspace = Workspace()
    workspace.addSource(
      path: "t.dl",
      text: """
        edge(1, 2). edge(2, 3). edge(3, 4). edge(4, 5). edge(5, 6). edge(1, 6).
        path(X, Y) :- edge(X, Y).
        path(X, Z) :- path(X, Y), edge(Y, Z).
        """)
    try workspace.evaluate()
    #expect(workspace.derivation(of: "path", [.integer(1), .integer(6)])?.height == 1)
    #expect(workspace.derivation(of: "path", [.integer(1), .integer(5)])?.height == 4)
    #expect(workspace.derivation(of: "path", [.integer(1), .integer(5)])?.rule == 1)
    #expect(workspace.derivation(of: "edge", [.integer(1), .integer(2)])?.height == 0)
    #expect(workspace.derivation(of: "edge", [.integer(1), .integer(2)])?.origin == "t.dl:1")
  }

  /// A lower derivation found in a later iteration replaces the first one recorded, and the
  /// improvement propagates to the tuples derived from it.
  @Test func heightImprovesAcrossIterations() throws {
    // deep(d) comes from a lower stratum with height 10, so the exit rule first records
    // reach(d) at height 11 and reach(e) at 12; the chain a -> b -> c -> d then finds
    // reach(d) at height 4 (iteration 3), which must replace 11 and lower reach(e) to 5.
    let chain = (1...9).map { "chain(\($0), \($0 + 1))." }.joined(separator: " ")
    let workspace = Workspace()
    workspace.addSource(
      path: "t.dl",
      text: chain + """

        far(X, Y) :- chain(X, Y).
        far(X, Z) :- far(X, Y), chain(Y, Z).
        deep(d) :- far(1, 10).
        start(a). link(a, b). link(b, c). link(c, d). link(d, e).
        reach(X) :- start(X).
        reach(Y) :- deep(Y).
        reach(Y) :- reach(X), link(X, Y).
        """)
    try workspace.evaluate()
    #expect(workspace.derivation(of: "deep", [.symbol("d")])?.height == 10)
    #expect(workspace.derivation(of: "reach", [.symbol("d")])?.height == 4)
    #expect(workspace.derivation(of: "reach", [.symbol("d")])?.rule == 5)
    #expect(workspace.derivation(of: "reach", [.symbol("e")])?.height == 5)
  }
}
