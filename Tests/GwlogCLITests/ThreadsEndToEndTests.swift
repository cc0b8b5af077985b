import Foundation
import Testing

/// `--threads 2` prints exactly what `--threads 1` prints: relations, proofs and errors.
///
/// The program is large enough (a closure of about 90,000 tuples over a pseudo-random
/// graph) that its deltas and merges pass the engine's split threshold.
@Suite(needsEngine) struct ThreadsEndToEndTests {
  let directory: TemporaryDirectory

  init() throws {
    directory = try TemporaryDirectory()
    var text = """
      path(X, Y) :- edge(X, Y).
      path(X, Z) :- path(X, Y), edge(Y, Z).
      hop2(X, Z) :- edge(X, Y), edge(Y, Z), X < Z.
      far(X, Y) :- path(X, Y), !edge(X, Y).
      width(X, N) :- edge(X, Y), N = Y - X.

      """
    for i in 0..<300 {
      for (a, b) in [(7, 1), (31, 11), (101, 5)] {
        text += "edge(\(i), \((i * a + b) % 300)).\n"
      }
    }
    try directory.write("graph.dl", text)
  }

  private func gwlog(_ arguments: String...) throws -> Execution {
    try GwlogProcess.run(arguments + ["--no-model"], in: directory.url)
  }

  @Test func runOutputIsTheSameWithTwoThreads() throws {
    let single = try gwlog("run", "graph.dl", "--format", "tsv", "--threads", "1")
    let parallel = try gwlog("run", "graph.dl", "--format", "tsv", "--threads", "2")
    #expect(single.status == 0)
    #expect(single.stdout.count > 500_000)
    #expect(parallel.stdout == single.stdout)
    #expect(parallel.stderr == single.stderr)
  }

  @Test func proofsAreTheSameWithTwoThreads() throws {
    let arguments = ["query", "path(0, X)", "graph.dl", "--explain", "--limit", "20"]
    let single = try GwlogProcess.run(
      arguments + ["--threads", "1", "--no-model"], in: directory.url)
    let parallel = try GwlogProcess.run(
      arguments + ["--threads", "2", "--no-model"], in: directory.url)
    #expect(single.status == 0)
    #expect(single.stdout.contains("path(0,"))
    #expect(parallel.stdout == single.stdout)
  }

  @Test func tupleLimitIsTheSameWithTwoThreads() throws {
    let single = try gwlog("run", "graph.dl", "--max-tuples", "20000", "--threads", "1")
    let parallel = try gwlog("run", "graph.dl", "--max-tuples", "20000", "--threads", "2")
    #expect(single.status == 3)
    #expect(parallel.status == 3)
    #expect(parallel.stderr == single.stderr)
  }
}
