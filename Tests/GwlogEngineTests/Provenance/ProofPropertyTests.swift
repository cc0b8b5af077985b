import GwlogEngine
import Testing
import _GwlogTestSupport

/// Every tuple of a random program has a proof that the independent `ProofChecker` accepts,
/// and the proof's height is the minimal height computed by `ReferenceHeights`.
@Suite struct ProofPropertyTests {
  /// The seeds the property runs over; a failure names its seed.
  static let seeds: ClosedRange<UInt64> = 1...200

  /// Most failures reported before the test stops, so one bug does not flood the log.
  static let maximumFailures = 5

  @Test func everyTupleHasAValidMinimalProof() throws {
    try checkProofs(seeds: Self.seeds, knobs: ProgramGenerator.Knobs(), minimumDerived: 1_000)
  }

  /// Larger programs over a wider domain: longer recursive chains, so more tuples whose
  /// first derivation is not their lowest one.
  @Test func everyTupleHasAValidMinimalProofOnLargerPrograms() throws {
    var knobs = ProgramGenerator.Knobs()
    knobs.factsPerInput = 15...40
    knobs.integers = 0...12
    knobs.bodyLiterals = 2...5
    try checkProofs(seeds: 201...225, knobs: knobs, minimumDerived: 300)
  }

  /// Programs full of negation-local variables: every negation leaf holds for every value
  /// of its local variables, and the proofs pass the checker.
  @Test func everyTupleHasAValidMinimalProofWithNegationLocals() throws {
    try checkProofs(seeds: 701...800, knobs: .negationLocals, minimumDerived: 300)
  }

  private func checkProofs(
    seeds: ClosedRange<UInt64>, knobs: ProgramGenerator.Knobs, minimumDerived: Int
  ) throws {
    var failures = 0
    var checked = 0
    var derived = 0
    for seed in seeds where failures < Self.maximumFailures {
      var generator = ProgramGenerator(seed: seed, knobs: knobs)
      let program = generator.program()
      let text = ProgramText.render(program)
      let model = try ReferenceEvaluator.evaluate(program)
      let heights = try ReferenceHeights.compute(program, model: model)
      let checker = try ProofChecker(program: program, model: model, heights: heights)
      let workspace = Workspace()
      workspace.addProgram(program)
      workspace.check()
      try workspace.evaluate()
      if workspace.hasErrors {
        failures += 1
        Issue.record("seed \(seed): engine reported errors: \(workspace.diagnostics)\n\(text)")
        continue
      }
      outer: for relation in model.keys.sorted() {
        let tuples = (model[relation] ?? []).sorted { $0.lexicographicallyPrecedes($1) }
        for tuple in tuples {
          checked += 1
          let atom = "\(relation)(\(tuple.map(\.description).joined(separator: ", ")))"
          let minimal = heights[relation]?[tuple] ?? -1
          if minimal > 0 { derived += 1 }
          var problems: [String] = []
          if let proof = workspace.proof(of: relation, tuple) {
            problems = checker.check(proof)
            if let root = proof.root, root.height != minimal {
              problems.append("root height \(root.height), but the minimal height is \(minimal)")
            }
          } else {
            guard workspace.tuples(of: relation).contains(tuple) else {
              // A model mismatch is the differential tests' concern. The one known case
              // (seed 219 of the larger programs) is a reference bug: with two aggregates,
              // `V5 = min L4 : { r1(V3, 11, L4) }` is evaluated before `V3 = count : {...}`
              // binds its group variable V3, so the reference treats V3 as local.
              withKnownIssue("reference and engine models differ") {
                Issue.record("seed \(seed): engine lacks `\(atom)`\n\(text)")
              }
              continue
            }
            problems = ["no proof"]
          }
          guard !problems.isEmpty else { continue }
          failures += 1
          let lines = problems.joined(separator: "\n  ")
          Issue.record("seed \(seed): proof of `\(atom)`:\n  \(lines)\nprogram:\n\(text)")
          if failures >= Self.maximumFailures { break outer }
        }
      }
    }
    print("proof property: \(checked) tuples checked, \(derived) derived, over \(seeds)")
    #expect(derived > minimumDerived, "only \(derived) derived tuples were checked")
  }

  /// Regression: the proof search evaluates an aggregate once per candidate binding; each
  /// evaluation must not inflate the search's step count (it once doubled it, so after
  /// about 18 aggregates the search gave up and the proof had no rule instance).
  @Test func aggregateTriedForManyCandidatesStillProves() throws {
    let facts = (2...30).map { "a(\($0))." }.joined(separator: " ")
    let text = facts + " a(1). b(1, 7). r(1) :- a(Y), N = count : { b(Y, _) }, N = 1."
    let workspace = Workspace()
    workspace.addSource(path: "agg.dl", text: text)
    workspace.check()
    try workspace.evaluate()
    #expect(workspace.tuples(of: "r") == [[.integer(1)]])
    let proof = try #require(workspace.proof(of: "r", [.integer(1)]))
    let root = try #require(proof.root)
    #expect(root.kind == .rule)
    #expect(root.children.count == 3, "no rule instance: \(root.detail ?? "")")
  }
}
