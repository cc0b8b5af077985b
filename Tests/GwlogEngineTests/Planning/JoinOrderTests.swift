import Testing

@testable import GwlogEngine

@Suite struct JoinOrderTests {
  @Test func permutationsAreAllVisitedInLexicographicOrder() {
    var p = [0, 1, 2, 3]
    var seen: [[Int]] = [p]
    while JoinOrder.nextPermutation(&p) { seen.append(p) }
    #expect(seen.count == 24)
    #expect(Set(seen).count == 24)
    #expect(seen == seen.sorted { $0.lexicographicallyPrecedes($1) })
  }

  /// `invoker(M, S) :- service(S), perm(M, "run.routes.invoke", S).` with a huge `perm` and
  /// no index on it: scanning `perm` once beats building an index over all of it.
  @Test func largeConstantFilteredRelationIsScannedFirstWithoutAnIndex() {
    let order = JoinOrder(sizes: [400, 17_000_000], keysOfIndex: { _, _ in nil })
    let choice = order.choose(
      [
        .init(relation: 0, arguments: [.variable("S")]),
        .init(relation: 1, arguments: [.variable("M"), .constant, .variable("S")]),
      ], bound: [])
    #expect(choice?.order == [1, 0])
    #expect(choice?.scanInsteadOfIndex == [false, true])
  }

  /// With an index already present, probing from the small side is cheapest.
  @Test func existingIndexIsProbedFromTheSmallSide() {
    let order = JoinOrder(
      sizes: [10, 1_000_000],
      keysOfIndex: { relation, columns in relation == 1 && columns == [0] ? 500_000 : nil })
    let choice = order.choose(
      [
        .init(relation: 0, arguments: [.variable("X")]),
        .init(relation: 1, arguments: [.variable("X"), .variable("Y")]),
      ], bound: [])
    #expect(choice?.order == [0, 1])
    #expect(choice?.scanInsteadOfIndex == [false, false])
  }

  /// `v(C, R) :- binding(_, _, _, C), C != "", node(R), !condition(C, _, _).`: the cross
  /// product with the smaller `node` looks cheaper first, but the filters on `C` apply
  /// before it only when `binding` is read first.
  @Test func filtersOnTheFirstAtomPullItAheadOfACrossProduct() {
    let order = JoinOrder(sizes: [30_000, 6_000], keysOfIndex: { _, _ in nil })
    let atoms: [JoinOrder.Atom] = [
      .init(relation: 0, arguments: [.other, .other, .other, .variable("C")]),
      .init(relation: 1, arguments: [.variable("R")]),
    ]
    #expect(order.choose(atoms, bound: [])?.order == [1, 0])
    #expect(order.choose(atoms, filters: [["C"], ["C"]], bound: [])?.order == [0, 1])
  }

  /// `r(A, B) :- route(A), H = urlHost(A), !endsWith(H, ".net"), host(B, H).`: the
  /// assignment binds `H` after `route`, so `host` is a probe on it there; without that, the
  /// filter on `H` made reading the large `host` first look cheaper (measured: 58 s vs 1 ms).
  @Test func assignmentsBindTheirOutputForTheAtomsAfterThem() {
    let order = JoinOrder(sizes: [132, 7_354], keysOfIndex: { _, _ in nil })
    let atoms: [JoinOrder.Atom] = [
      .init(relation: 0, arguments: [.variable("A")]),
      .init(relation: 1, arguments: [.variable("B"), .variable("H"), .other]),
    ]
    let choice = order.choose(
      atoms, filters: [["H"]], binders: [.init(inputs: ["A"], outputs: ["H"])], bound: [])
    #expect(choice?.order == [0, 1])
  }
}
