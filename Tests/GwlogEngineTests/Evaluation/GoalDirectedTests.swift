import GwlogEngine
import Testing
import _GwlogTestSupport

/// Goal-directed evaluation (the magic-set rewrite) never changes answers, proofs or
/// why-nots: each goal is answered once by a goal-directed workspace and once by a fully
/// evaluated one, and everything they print must agree (why-nots of false goals come from
/// the second, sideways-free rewrite).
@Suite struct GoalDirectedTests {
  /// A small deterministic random source (splitmix64), so a seed reproduces its goals.
  struct Random {
    var state: UInt64
    mutating func next() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(max(1, n))) }
  }

  /// Goals for one program: for each derived relation, a holding tuple with a random
  /// non-empty set of columns bound, and a goal of random known constants (usually false).
  static func goals(_ full: Workspace, seed: UInt64) -> [String] {
    var random = Random(state: seed)
    var domain: [Value] = []
    for name in full.relationNames { for t in full.tuples(of: name) { domain += t } }
    var goals: [String] = []
    for name in full.outputRelations {
      guard let arity = full.arity(of: name), arity > 0 else { continue }
      let tuples = full.tuples(of: name)
      var sources: [[Value]] = []
      if !tuples.isEmpty { sources.append(tuples[random.below(tuples.count)]) }
      if !domain.isEmpty {
        sources.append((0..<arity).map { _ in domain[random.below(domain.count)] })
      }
      for tuple in sources {
        var mask = 0
        while mask == 0 { mask = random.below(1 << arity) }
        let arguments = (0..<arity).map { c in
          mask & (1 << c) != 0 ? tuple[c].description : "V\(c)"
        }
        goals.append("\(name)(\(arguments.joined(separator: ", ")))")
      }
    }
    return goals
  }

  /// Answers, proofs of the first answers, and the explanation of `goal`, as text.
  static func transcript(_ workspace: Workspace, _ goal: String) throws -> [String] {
    let renderer = ProofRenderer(useColor: false)
    let answers = try workspace.query(goal)
    var lines = [answers.variables.joined(separator: ",")]
    lines += answers.rows.map { $0.map(\.description).joined(separator: ",") }
    for row in answers.rows.prefix(3) {
      lines.append(workspace.proof(ofAnswer: row, to: goal).map(renderer.text) ?? "no proof")
    }
    if answers.variables.isEmpty {
      switch try workspace.explain(goal) {
      case .proof(let proof): lines.append(renderer.text(proof))
      case .whyNot(let whyNot): lines.append(renderer.text(whyNot))
      }
    }
    return lines
  }

  @Test func randomProgramsAndGoalsAgreeWithFullEvaluation() throws {
    try compare(seeds: 1...250, knobs: ProgramGenerator.Knobs(), minimumRewritten: 150)
  }

  /// Negated relations with local variables are demanded on their bound arguments only.
  @Test func negationLocalProgramsAgreeWithFullEvaluation() throws {
    try compare(seeds: 701...760, knobs: .negationLocals, minimumRewritten: 40)
  }

  @Test func largerRandomProgramsAgreeWithFullEvaluation() throws {
    try compare(seeds: 601...660, knobs: .larger, minimumRewritten: 40)
  }

  private func compare(
    seeds: ClosedRange<UInt64>, knobs: ProgramGenerator.Knobs, minimumRewritten: Int
  ) throws {
    var failures = 0
    var rewritten = 0
    var whyNots = 0
    var goalCount = 0
    for seed in seeds where failures < 5 {
      var generator = ProgramGenerator(seed: seed, knobs: knobs)
      let program = generator.program()
      let full = Workspace()
      full.addProgram(program)
      try full.evaluate()
      for goal in Self.goals(full, seed: seed) {
        goalCount += 1
        let directed = Workspace()
        directed.addProgram(program)
        try directed.evaluate(for: goal)
        let note = directed.statistics?.goalDirected ?? ""
        let answersOnly = try directed.query(goal)
        let stillDirected = directed.statistics?.goalDirected == note
        if note.hasPrefix("goal-directed: magic-set"), stillDirected { rewritten += 1 }
        #expect(
          answersOnly.rows == (try full.query(goal)).rows,
          "seed \(seed) goal \(goal): answers differ\n\(ProgramText.render(program))")
        let want = try Self.transcript(full, goal)
        let got = try Self.transcript(directed, goal)
        if directed.statistics?.goalDirected?.contains("why-not was searched") == true {
          whyNots += 1
        }
        if want != got {
          failures += 1
          Issue.record(
            """
            seed \(seed) goal \(goal) (\(note)):
            full:
            \(want.joined(separator: "\n"))
            goal-directed:
            \(got.joined(separator: "\n"))
            program:
            \(ProgramText.render(program))
            """)
        }
      }
    }
    print(
      "goal-directed: \(rewritten) of \(goalCount) goals answered by the rewrite, "
        + "\(whyNots) why-nots from a goal-directed evaluation")
    #expect(rewritten >= minimumRewritten, "only \(rewritten) goals used the rewrite")
    #expect(whyNots * 4 >= minimumRewritten, "only \(whyNots) why-nots were goal-directed")
  }

  /// A chain: the goal-directed evaluation derives the paths from one node only, and the
  /// answers and the 499-step proof are those of the full evaluation.
  @Test func chainDerivesOnlyWhatTheGoalNeeds() throws {
    var text = "path(X, Y) :- edge(X, Y).\npath(X, Z) :- path(X, Y), edge(Y, Z).\n"
    for i in 0..<500 { text += "edge(\(i), \(i + 1)).\n" }
    let full = Workspace()
    full.addSource(path: "chain.dl", text: text)
    try full.evaluate()
    let directed = Workspace()
    directed.addSource(path: "chain.dl", text: text)
    try directed.evaluate(for: "path(1, X)")
    let derived = directed.statistics?.derivedTuples ?? -1
    #expect(directed.statistics?.goalDirected?.contains("path@bf") == true)
    #expect(derived > 0 && derived < 1_100, "derived \(derived) tuples, full has 125,250")
    #expect(try directed.query("path(1, X)").rows == (try full.query("path(1, X)")).rows)
    let renderer = ProofRenderer()
    let a = try #require(directed.proof(ofAnswer: [.integer(500)], to: "path(1, X)"))
    let b = try #require(full.proof(ofAnswer: [.integer(500)], to: "path(1, X)"))
    #expect(renderer.text(a) == renderer.text(b))
    #expect(a.root?.height == 499)
  }

  /// A relation read under negation is demanded with the arguments the negation binds; where
  /// that demand would depend on the rule reading the negation (not stratified), it is
  /// evaluated in full instead, and `--stats` names it.
  @Test func negatedRelationsAreDemandedOrEvaluatedInFull() throws {
    let text = """
      reach(X, Y) :- edge(X, Y).
      reach(X, Z) :- reach(X, Y), edge(Y, Z).
      blocked(X) :- bad(Y), reach(Y, X).
      ok(X, Y) :- reach(X, Y), !blocked(Y).
      edge(1, 2). edge(2, 3). edge(3, 4). edge(9, 3). bad(9).
      """
    let directed = Workspace()
    directed.addSource(path: "neg.dl", text: text)
    try directed.evaluate(for: "ok(1, Y)")
    let note = try #require(directed.statistics?.goalDirected)
    #expect(note.contains("ok@bf") && note.contains("blocked@b"))
    #expect(!note.contains("evaluated in full"))
    #expect(try directed.query("ok(1, Y)").rows == [[.integer(2)]])

    // `p@bf` depends on `p`, which reads `!q`: demanding `q` would close a negation cycle.
    let cyclic = """
      p(X, Y) :- e(X, Y), !q(Y).
      p(X, Z) :- p(X, Y), p(Y, Z), !q(Z).
      q(Y) :- f(Y).
      e(1, 2). e(2, 3). e(3, 4). e(4, 5). f(4).
      """
    let full = Workspace()
    full.addSource(path: "cyc.dl", text: cyclic)
    try full.evaluate()
    let fallback = Workspace()
    fallback.addSource(path: "cyc.dl", text: cyclic)
    try fallback.evaluate(for: "p(1, Y)")
    let fallbackNote = try #require(fallback.statistics?.goalDirected)
    #expect(fallbackNote.contains("p@bf") && fallbackNote.contains("evaluated in full"))
    #expect(fallbackNote.hasSuffix(": q"))
    #expect(try fallback.query("p(1, Y)").rows == (try full.query("p(1, Y)")).rows)
    #expect(try fallback.query("p(1, Y)").rows == [[.integer(2)], [.integer(3)]])
  }

  /// Arithmetic on a demanded value the full evaluation never computes (a symbol asked of a
  /// number column) is not an error: the whole program is evaluated instead.
  @Test func arithmeticOnDemandedValuesFallsBack() throws {
    let text = "next(X, Y) :- n(X), Y = X + 1.\nn(1). n(2).\n"
    let directed = Workspace()
    directed.addSource(path: "next.dl", text: text)
    try directed.evaluate(for: "next(\"b\", Y)")
    #expect(directed.statistics?.goalDirected?.contains("not used") == true)
    #expect(try directed.query("next(\"b\", Y)").rows.isEmpty)
  }

  /// After a goal-directed evaluation, reading a whole relation evaluates the whole program
  /// first, and another goal is evaluated for itself.
  @Test func otherQuestionsSeeTheWholeModel() throws {
    let text = "p(X, Y) :- e(X, Y).\np(X, Z) :- p(X, Y), e(Y, Z).\ne(1, 2). e(2, 3). e(5, 6).\n"
    let workspace = Workspace()
    workspace.addSource(path: "p.dl", text: text)
    try workspace.evaluate(for: "p(1, X)")
    #expect(workspace.statistics?.goalDirected?.hasPrefix("goal-directed: magic-set") == true)
    #expect(workspace.tuples(of: "p").count == 4)
    #expect(try workspace.query("p(5, X)").rows == [[.integer(6)]])
    let fresh = Workspace()
    fresh.addSource(path: "p.dl", text: text)
    try fresh.evaluate(for: "p(1, X)")
    #expect(try fresh.query("p(5, X)").rows == [[.integer(6)]])
    #expect(
      fresh.statistics?.goalDirected?.contains(
        "; then goal-directed: magic-set rewrite for p(5, X)")
        == true)
    #expect(try fresh.query("p(X, 3)").rows == [[.integer(1)], [.integer(2)]])
    #expect(fresh.tuples(of: "p").count == 4)
    #expect(fresh.statistics?.goalDirected?.contains("then evaluated in full") == true)
  }

  /// A goal without constants evaluates everything.
  @Test func goalWithoutConstantsEvaluatesEverything() throws {
    let workspace = Workspace()
    workspace.addSource(path: "p.dl", text: "p(X) :- e(X).\ne(1).\n")
    try workspace.evaluate(for: "p(X)")
    #expect(
      workspace.statistics?.goalDirected == "goal-directed: not used, the goal has no constants")
    #expect(try workspace.query("p(X)").rows == [[.integer(1)]])
  }
}
