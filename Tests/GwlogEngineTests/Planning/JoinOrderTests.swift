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
}
