import Testing
import _GwlogTestSupport

@testable import GwlogEngine

/// Evaluation with several threads gives exactly the single-threaded result: the same rows
/// in the same order, each with the same recorded rule and height, and the same proofs.
///
/// The split threshold is lowered to one row, so every rule run and merge of these small
/// random programs really goes through the parallel code.
@Suite struct ParallelEvaluationTests {
  /// Thread counts compared with the single-threaded run.
  static let threadCounts = [2, 3, 4]

  /// Most failures reported before a test stops.
  static let maximumFailures = 5

  /// One evaluation's observable state.
  struct Snapshot: Equatable {
    /// Per relation, its rows in row order as `values | rule | height`.
    var rows: [String: [String]] = [:]
    /// Per relation, its tuple set as `values | height` (order-free).
    var heights: [String: Set<String>] = [:]
    /// Rendered proofs of a sample of tuples, by atom.
    var proofs: [String: String] = [:]
    /// The error message when evaluation stopped.
    var error: String?
  }

  /// Evaluates `program` with `threads` threads and a split threshold of one row.
  static func snapshot(_ program: Program, threads: Int, sampleEvery: Int = 7) -> Snapshot {
    let workspace = Workspace()
    workspace.addProgram(program)
    workspace.check()
    var options = EvaluationOptions()
    options.threads = threads
    options.parallelThreshold = 1
    var result = Snapshot()
    do {
      try workspace.evaluate(options: options)
    } catch {
      result.error = "\(error)"
      return result
    }
    guard let program = workspace.checked, let database = workspace.database else { return result }
    let pool = database.pool
    for relation in database.relations {
      let name = program.relations[relation.id].name
      var rows: [String] = []
      var heights: Set<String> = []
      for row in 0..<relation.count {
        let values = (0..<relation.arity).map {
          pool.value(relation.rows[row * relation.arity + $0]).description
        }
        let text = values.joined(separator: ", ")
        rows.append("\(text) | \(relation.rule(ofRow: row)) | \(relation.heights[row])")
        heights.insert("\(text) | \(relation.heights[row])")
        if row % sampleEvery == 0 {
          let tuple = (0..<relation.arity).map {
            pool.value(relation.rows[row * relation.arity + $0])
          }
          result.proofs["\(name)(\(text))"] =
            workspace.proof(of: name, tuple).map { ProofRenderer().text($0) } ?? "none"
        }
      }
      result.rows[name] = rows
      result.heights[name] = heights
    }
    return result
  }

  /// Compares every thread count with one thread over `seeds`; records the first few
  /// differences with their seed.
  private func compare(seeds: ClosedRange<UInt64>, knobs: ProgramGenerator.Knobs) {
    var failures = 0
    var parallelRows = 0
    var programs = 0
    for seed in seeds where failures < Self.maximumFailures {
      programs += 1
      var generator = ProgramGenerator(seed: seed, knobs: knobs)
      let program = generator.program()
      let single = Self.snapshot(program, threads: 1)
      parallelRows += single.rows.values.reduce(0) { $0 + $1.count }
      for threads in Self.threadCounts {
        let parallel = Self.snapshot(program, threads: threads)
        var problems: [String] = []
        if parallel.error != single.error {
          problems.append("error \(parallel.error ?? "none") != \(single.error ?? "none")")
        }
        for (name, heights) in single.heights where parallel.heights[name] != heights {
          problems.append("\(name): tuples or heights differ")
        }
        for (name, rows) in single.rows where parallel.rows[name] != rows {
          problems.append("\(name): row order or recorded rules differ")
        }
        for (atom, proof) in single.proofs where parallel.proofs[atom] != proof {
          problems.append("proof of \(atom) differs:\n\(proof)\nvs\n\(parallel.proofs[atom] ?? "")")
        }
        if !problems.isEmpty {
          failures += 1
          let details = problems.joined(separator: "\n")
          Issue.record(
            "seed \(seed), \(threads) threads:\n\(details)\n\(ProgramText.render(program))")
          break
        }
      }
    }
    #expect(parallelRows > programs * 10, "the programs hold too few rows to test splitting")
  }

  @Test func parallelEvaluationEqualsSingleThreaded() {
    compare(seeds: 1...150, knobs: ProgramGenerator.Knobs())
  }

  /// Larger programs: longer recursive chains, more tuples whose derivation improves.
  @Test func parallelEvaluationEqualsSingleThreadedOnLargerPrograms() {
    compare(seeds: 601...660, knobs: .larger)
  }

  /// A transitive closure whose merges and scans are split, against the known answer.
  @Test func transitiveClosureOfAChain() throws {
    var text = "path(X, Y) :- edge(X, Y).\npath(X, Z) :- path(X, Y), edge(Y, Z).\n"
    for i in 0..<60 { text += "edge(\(i), \(i + 1)).\n" }
    let workspace = Workspace()
    workspace.addSource(path: "chain.dl", text: text)
    var options = EvaluationOptions()
    options.threads = 2
    options.parallelThreshold = 1
    try workspace.evaluate(options: options)
    #expect(workspace.tuples(of: "path").count == 61 * 60 / 2)
    let derivation = workspace.derivation(of: "path", [.integer(0), .integer(60)])
    #expect(derivation?.height == 60)
  }
}
