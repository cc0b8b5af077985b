import GwlogEngine
import Testing

/// Single-fact repairs the why-not search misses today, each on a minimal program.
///
/// docs/language.md#why-not-and-repairs asks for every one. They run as known issues: once found,
/// the "known issue was not recorded" failure says to turn them into plain tests.
///
/// The cause is shared: `WhyNotSearch.search` makes exactly one body literal the missing
/// one and matches every other literal against the current database, so a repair that
/// must satisfy two literals at once (the same fact twice, or a fact plus a tuple derived
/// from it) is never seen; and `isInputRelation` treats only relations without rules as
/// addable.
@Suite struct WhyNotLimitationTests {
  static func repairs(_ text: String, _ goal: String) throws -> [Repair] {
    let workspace = Workspace()
    workspace.addSource(path: "limit.dl", text: text)
    workspace.check()
    try workspace.evaluate()
    guard case .whyNot(let w) = try workspace.explain(goal) else {
      Issue.record("`\(goal)` holds")
      return []
    }
    return w.repairs
  }

  static func names(_ repairs: [Repair], _ relation: String, _ value: Value) -> Bool {
    repairs.contains { $0.action == .add && $0.relation == relation && $0.values == [value] }
  }

  /// `add e("a")` makes both literals hold at once.
  @Test func factNeededByTwoLiterals() throws {
    let repairs = try Self.repairs(
      ".decl e(x: symbol)\nok(X) :- e(X), e(X).", #"ok("a")"#)
    withKnownIssue("why-not misses a fact needed by two literals") {
      #expect(Self.names(repairs, "e", .symbol("a")), "\(repairs.map(\.summary))")
    }
  }

  /// `add e("a")` gives both `e("a")` and the derived `d("a")`.
  @Test func factNeededDirectlyAndThroughARule() throws {
    let repairs = try Self.repairs(
      ".decl e(x: symbol)\nd(X) :- e(X).\nok(X) :- e(X), d(X).", #"ok("a")"#)
    withKnownIssue("why-not misses a fact needed directly and through a rule") {
      #expect(Self.names(repairs, "e", .symbol("a")), "\(repairs.map(\.summary))")
    }
  }

  /// `d` has a rule and a fact; adding the fact `d("a")` makes the goal hold.
  @Test func factOfARelationWithRules() throws {
    let repairs = try Self.repairs(
      """
      .decl f(x: symbol)
      .decl g(x: symbol)
      d("b").
      d(X) :- f(X), g(X).
      ok(X) :- d(X).
      """, #"ok("a")"#)
    // A relation with both facts and rules takes the missing fact directly.
    #expect(Self.names(repairs, "d", .symbol("a")), "\(repairs.map(\.summary))")
  }
}
