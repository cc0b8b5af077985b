import Testing
import _GwlogTestSupport

@testable import GwlogEngine

/// The why-not search's memo and budget: the memo changes no answer, makes non-linear
/// recursion polynomial, and a search that runs out of budget says so.
@Suite struct WhyNotMemoTests {
  /// `tc` as non-linear recursion over a chain of `n` edges, and `cyc` on top.
  static func chain(_ n: Int) -> String {
    var text = "tc(X, Y) :- e(X, Y).\ntc(X, Z) :- tc(X, Y), tc(Y, Z).\ncyc(X) :- tc(X, X).\n"
    for i in 1...n { text += "e(\(i), \(i + 1)).\n" }
    return text
  }

  static func evaluated(_ text: String, memoises: Bool = true, budget: WhyNotBudget? = nil)
    throws -> Workspace
  {
    let workspace = Workspace()
    workspace.addSource(path: "memo.dl", text: text)
    workspace.whyNotMemoises = memoises
    if let budget { workspace.whyNotBudget = budget }
    workspace.check()
    try workspace.evaluate()
    #expect(!workspace.hasErrors, "\(workspace.diagnostics)")
    return workspace
  }

  static func whyNot(_ workspace: Workspace, _ goal: String) throws -> WhyNot? {
    guard case .whyNot(let w) = try workspace.explain(goal) else { return nil }
    return w
  }

  /// The issue's example: twenty edges, which took minutes and gigabytes without the memo,
  /// finish within a small sub-goal budget and name every `add e(k, 1)`.
  @Test func nonLinearRecursionFinishesWithinASmallBudget() throws {
    let budget = WhyNotBudget(subgoals: 5_000, seconds: 600)
    let workspace = try Self.evaluated(Self.chain(20), budget: budget)
    let w = try #require(try Self.whyNot(workspace, "cyc(1)"))
    #expect(w.stoppedBy == nil)
    #expect(w.repairs.first?.summary == "add `e(1, 1)`")
    let added = Set(w.repairs.filter { $0.relation == "e" }.compactMap { $0.values.first })
    #expect(added == Set((1...21).map { Value.integer(Int64($0)) }), "\(added)")
    // Without the memo the same budget runs out: the search is exponential in the chain.
    let plain = try Self.evaluated(Self.chain(20), memoises: false, budget: budget)
    let cut = try #require(try Self.whyNot(plain, "cyc(1)"))
    #expect(cut.stoppedBy == .subgoals)
  }

  /// A search stopped by its sub-goal budget answers with what it found, and its text and
  /// JSON say that the answer is partial and which bound ran out.
  @Test func exhaustedSubgoalBudgetIsReported() throws {
    let workspace = try Self.evaluated(
      Self.chain(20), budget: WhyNotBudget(subgoals: 30, seconds: 600))
    let w = try #require(try Self.whyNot(workspace, "cyc(1)"))
    #expect(w.stoppedBy == .subgoals)
    #expect(w.isTruncated)
    let renderer = ProofRenderer()
    let text = renderer.text(w)
    #expect(
      text.contains(
        "note: this answer is partial: the search stopped at its budget of 30 sub-goals"),
      "\(text)")
    let json = renderer.json(w).compact
    #expect(json.contains(#""partial":{"budget":"subgoals","limit":"30 sub-goals"}"#), "\(json)")
  }

  /// A time budget of zero stops the search before its first sub-goal; the headline says no
  /// repair was found in time rather than that none exists.
  @Test func exhaustedTimeBudgetIsReported() throws {
    let workspace = try Self.evaluated(
      Self.chain(3), budget: WhyNotBudget(subgoals: 1_000, seconds: 0))
    let w = try #require(try Self.whyNot(workspace, "cyc(1)"))
    #expect(w.stoppedBy == .time)
    #expect(w.repairs.isEmpty)
    let text = ProofRenderer().text(w)
    #expect(
      text.hasPrefix("cyc(1) does not hold; no repair was found before the search budget ran out"),
      "\(text)")
    #expect(text.contains("stopped at its budget of 0 seconds"), "\(text)")
  }

  /// On random programs the memoised search gives exactly the answer of the plain one:
  /// the same repairs in the same order, with the same chains, conditions and partials.
  @Test func memoChangesNoAnswer() throws {
    var compared = 0
    var knobs = ProgramGenerator.Knobs()
    knobs.recursion = 0.9
    knobs.factsPerInput = 3...12
    for seed: UInt64 in 1...200 {
      var generator = ProgramGenerator(seed: seed, knobs: knobs)
      let program = generator.program()
      let model = try ReferenceEvaluator.evaluate(program)
      let goals = Self.failingGoals(program, model)
      guard !goals.isEmpty else { continue }
      let budget = WhyNotBudget(subgoals: 300, seconds: 600)
      let workspaces = try [true, false].map { memoises -> Workspace in
        let workspace = Workspace()
        workspace.addProgram(program)
        workspace.whyNotMemoises = memoises
        workspace.whyNotBudget = budget
        workspace.check()
        try workspace.evaluate()
        return workspace
      }
      for goal in goals {
        let answers = try workspaces.map { try Self.whyNot($0, goal) }
        guard let memoised = answers[0], let plain = answers[1] else {
          Issue.record("seed \(seed): `\(goal)` holds in one workspace only")
          continue
        }
        if memoised.stoppedBy != nil || plain.stoppedBy != nil { continue }
        let renderer = ProofRenderer()
        let a = renderer.json(memoised).compact
        let b = renderer.json(plain).compact
        #expect(
          a == b,
          "seed \(seed), goal `\(goal)`:\nmemoised \(a)\nplain    \(b)\n\(ProgramText.render(program))"
        )
        compared += 1
      }
    }
    #expect(compared >= 80, "only \(compared) goals compared")
  }

  /// On random graphs with cycles, under recursive rules chosen from templates (linear and
  /// non-linear closure, same generation, negation), where sub-goals recur along many
  /// paths and the cycle guard decides what each may use, the memoised search gives exactly
  /// the answer of the plain one.
  @Test func memoChangesNoAnswerOnCyclicGraphs() throws {
    let templates = [
      "t(X, Y) :- e(X, Y).",
      "t(X, Z) :- t(X, Y), t(Y, Z).",
      "t(X, Z) :- e(X, Y), t(Y, Z).",
      "t(X, Z) :- t(X, Y), e(Y, Z), !b(Y).",
      "s(X, Y) :- e(P, X), e(P, Y).",
      "s(X, Y) :- e(P, X), s(P, Q), e(Q, Y).",
      "t(X, Y) :- s(X, Y), !b(X).",
      "c(X) :- t(X, X).",
      "u(X, Y) :- t(X, Y), !s(X, Y).",
    ]
    var random = SeededRandom(seed: 7)
    var compared = 0
    var deep = 0
    for round in 0..<60 {
      var text = ".decl b(x: number)\n"
      for template in templates where Int.random(in: 0..<3, using: &random) > 0 {
        text += template + "\n"
      }
      let nodes = Int.random(in: 4...8, using: &random)
      for _ in 0..<Int.random(in: 4...12, using: &random) {
        let a = Int.random(in: 1...nodes, using: &random)
        let b = Int.random(in: 1...nodes, using: &random)
        text += "e(\(a), \(b)).\n"
      }
      if Bool.random(using: &random) {
        text += "b(\(Int.random(in: 1...nodes, using: &random))).\n"
      }
      let budget = WhyNotBudget(subgoals: 300, seconds: 600)
      let memoised = try Self.evaluated(text, budget: budget)
      let plain = try Self.evaluated(text, memoises: false, budget: budget)
      for goal in ["t(1, 2)", "t(2, 1)", "c(1)", "s(1, 3)", "u(1, 1)"] {
        guard let a = (try? Self.whyNot(memoised, goal)) ?? nil,
          let b = (try? Self.whyNot(plain, goal)) ?? nil
        else { continue }
        if a.stoppedBy != nil || b.stoppedBy != nil { continue }
        let renderer = ProofRenderer()
        let x = renderer.json(a).compact
        let y = renderer.json(b).compact
        #expect(x == y, "round \(round), goal `\(goal)`:\nmemoised \(x)\nplain    \(y)\n\(text)")
        compared += 1
        if a.repairs.contains(where: { $0.chain.count >= 3 }) { deep += 1 }
      }
    }
    #expect(compared >= 60, "only \(compared) goals compared")
    #expect(deep >= 20, "only \(deep) goals with repairs three rules deep")
  }

  /// Up to four goals on derived relations that do not hold: tuples of the relation with one
  /// column's value taken from another tuple of it (so the types fit).
  static func failingGoals(_ program: Program, _ model: [String: Set<[Value]>]) -> [String] {
    var derived: Set<String> = []
    for case .clause(let c) in program.statements where !c.body.isEmpty {
      derived.insert(c.head.name)
    }
    var goals: [String] = []
    for relation in derived.sorted() {
      let tuples = (model[relation] ?? []).sorted { $0.lexicographicallyPrecedes($1) }
      guard let first = tuples.first, let last = tuples.last, !first.isEmpty else { continue }
      for column in first.indices {
        var tuple = first
        tuple[column] = last[column]
        if tuple != first, !(model[relation]?.contains(tuple) ?? false) {
          let text = tuple.map(\.description).joined(separator: ", ")
          goals.append("\(relation)(\(text))")
          break
        }
      }
      if goals.count >= 4 { break }
    }
    return goals
  }
}
