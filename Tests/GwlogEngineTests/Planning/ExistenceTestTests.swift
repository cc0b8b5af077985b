import Testing
import _GwlogTestSupport

@testable import GwlogEngine

/// Atoms that share no variable with the rest of their rule are tested once instead of
/// joined: `cross(X0) :- e(X0, _), e(_, _), ...` emits one tuple per `e` row, not a product.
@Suite struct ExistenceTestTests {
  /// The analysed program, a database holding its facts, and the planner's plan of rule 0.
  static func planned(_ text: String) throws -> (CheckedProgram, Database, Plan) {
    let file = SourceFile(path: "<test>", text: text)
    let (parsed, _) = Parser.parse(file, fileID: 0)
    var analyzer = Analyzer(builtins: .standard)
    let program = analyzer.analyze([parsed], external: [])
    #expect(!analyzer.diagnostics.contains { $0.severity == .error }, "\(analyzer.diagnostics)")
    let pool = ConstantPool()
    let database = Database(pool: pool, relations: program.relations)
    for case .clause(let c) in parsed.statements where c.body.isEmpty {
      guard let id = program.relationIDs[c.head.name] else { continue }
      var tuple: [UInt32] = []
      for case .integer(let i, _) in c.head.arguments { tuple.append(pool.intern(i)) }
      _ = tuple.withUnsafeBufferPointer { p in
        p.baseAddress.map {
          database.relations[id].insert($0, rule: Provenance.inputLine, height: 0)
        }
      }
    }
    let rule = try #require(program.rules.first)
    var planner = Planner(
      sizes: database.relations.map(\.count), program: program, pool: pool, rule: rule)
    return (program, database, try planner.compile(rule, deltaLiteral: nil, oldLiterals: []))
  }

  /// The rule with twenty wildcard atoms over three rows: each is a test placed
  /// before the join, and the run emits three tuples (a nested loop emits 3^21).
  @Test func wildcardAtomsAreTestedOnceBeforeTheJoin() throws {
    let extra = Array(repeating: "e(_, _)", count: 20).joined(separator: ", ")
    let (program, database, plan) = try Self.planned(
      "cross(X0) :- e(X0, _), \(extra).\ne(1, 2).\ne(2, 3).\ne(3, 1).\n")
    let kinds = plan.steps.prefix(plan.mainStepCount).map(\.kind)
    #expect(kinds.prefix(20).allSatisfy { $0 == .scanAny }, "\(kinds)")
    let head = try #require(program.relationIDs["cross"])
    let interpreter = Interpreter(pool: database.pool, builtins: program.builtins)
    let staging = StagingBuffer(relation: database.relations[head])
    try interpreter.run(plan, relations: database.relations, staging: staging)
    #expect(interpreter.emitted == 3)
  }

  /// An atom whose other variables are bound, and whose own occur nowhere else, continues
  /// once per match of the rest: `p(X) :- q(X), r(X, _)` with many `r(X, _)` rows emits one
  /// tuple per `q` row.
  @Test func atomWithOnlyLocalFreeVariablesIsATest() throws {
    var text = "p(X) :- q(X), r(X, Y).\nq(1).\nq(2).\n"
    for y in 0..<50 { text += "r(1, \(y)).\nr(2, \(y)).\n" }
    let (program, database, plan) = try Self.planned(text)
    let kinds = plan.steps.prefix(plan.mainStepCount).map(\.kind)
    #expect(kinds.contains(.probeAny), "\(kinds)")
    let head = try #require(program.relationIDs["p"])
    let interpreter = Interpreter(pool: database.pool, builtins: program.builtins)
    let staging = StagingBuffer(relation: database.relations[head])
    try interpreter.run(plan, relations: database.relations, staging: staging)
    #expect(interpreter.emitted == 2)
  }

  /// Inside an aggregate every match counts, so no atom there becomes a test.
  @Test func aggregateBodiesStillCountEveryMatch() throws {
    let workspace = Workspace()
    workspace.addSource(
      path: "count.dl",
      text: "n(C) :- C = count : { e(_, _), e(_, _) }.\ne(1, 2).\ne(2, 3).\ne(3, 1).\n")
    workspace.check()
    try workspace.evaluate()
    let result = try workspace.query("n(C)")
    #expect(result.rows == [[.integer(9)]], "\(result.rows)")
  }

  /// A test takes the lowest height among its matching rows, not the first row's: `u(1)`
  /// comes first with height 4, `u(2)` has height 1, so `t(1)` has height 2; `t2(1)` has
  /// height 2 too, through `w(1, 7)`.
  @Test func testTakesTheLowestHeightOfItsMatches() throws {
    let text = """
      a(1). a(2).
      d(X) :- a(X).
      d2(X) :- d(X).
      d3(X) :- d2(X).
      u(X) :- d3(X).
      u(2) :- a(2).
      w(1, 7) :- a(1).
      w(X, X) :- d3(X).
      t(X) :- a(X), u(_).
      t2(X) :- a(X), w(X, Y).
      """
    let workspace = Workspace()
    workspace.addSource(path: "heights.dl", text: text)
    workspace.check()
    try workspace.evaluate()
    let t = try #require(workspace.proof(of: "t", [.integer(1)]))
    #expect(t.root?.height == 2)
    let t2 = try #require(workspace.proof(of: "t2", [.integer(1)]))
    #expect(t2.root?.height == 2)
    #expect(t2.failure == nil)
  }

  /// On random programs with wildcards and variables used once, the tuples and their
  /// heights are the reference evaluator's.
  @Test func heightsAndTuplesMatchTheReference() throws {
    var compared = 0
    var knobs = ProgramGenerator.Knobs()
    knobs.factsPerInput = 1...10
    for seed: UInt64 in 1...60 {
      var generator = ProgramGenerator(seed: seed, knobs: knobs)
      let base = generator.program()
      // Each rule gains a test atom on an input relation: `e0(_, ...)`.
      let inputs = Self.inputRelations(base)
      guard let (name, arity) = inputs.first else { continue }
      let statements = base.statements.map { statement -> Statement in
        guard case .clause(var c) = statement, !c.body.isEmpty else { return statement }
        let args = (0..<arity).map { k -> Term in
          k == 0 ? .variable("Lonely\(k)", .none) : .wildcard(.none)
        }
        c.body.append(.positive(Atom(name: name, arguments: args, span: .none, nameSpan: .none)))
        return .clause(c)
      }
      let program = Program(statements: statements)
      let model = try ReferenceEvaluator.evaluate(program)
      let heights = try ReferenceHeights.compute(program, model: model)
      let workspace = Workspace()
      workspace.addProgram(program)
      workspace.check()
      try workspace.evaluate()
      for relation in model.keys.sorted() {
        #expect(
          Set(workspace.tuples(of: relation)) == model[relation] ?? [],
          "seed \(seed): `\(relation)` differs\n\(ProgramText.render(program))")
        for tuple in model[relation] ?? [] {
          let proof = workspace.proof(of: relation, tuple)
          #expect(proof != nil, "seed \(seed): `\(relation)\(tuple)` missing")
          if let root = proof?.root, let expected = heights[relation]?[tuple] {
            #expect(root.height == expected, "seed \(seed): height of `\(relation)\(tuple)`")
            #expect(proof?.failure == nil, "seed \(seed): \(String(describing: proof?.failure))")
          }
          compared += 1
        }
      }
    }
    #expect(compared >= 150, "only \(compared) tuples compared")
  }

  /// Input relations (facts only) and their arities.
  static func inputRelations(_ program: Program) -> [(String, Int)] {
    var withRules: Set<String> = []
    var arity: [String: Int] = [:]
    for case .clause(let c) in program.statements {
      if !c.body.isEmpty { withRules.insert(c.head.name) }
      arity[c.head.name] = c.head.arguments.count
    }
    return arity.keys.sorted().filter { !withRules.contains($0) && (arity[$0] ?? 0) > 0 }
      .map { ($0, arity[$0] ?? 0) }
  }
}
