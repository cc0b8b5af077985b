import Foundation
import GwlogEngine
import Testing

/// `--timeout` and `--max-memory` stop evaluation inside a long iteration too.
///
/// A join that emits nothing, or one long built-in call, is cut at the next
/// coarse check. The deadlines here have passed before evaluation starts, so nothing depends
/// on how fast the machine is.
@Suite struct ResourceLimitTests {
  /// Counts calls from the evaluator's threads.
  final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    func add() {
      lock.lock()
      value += 1
      lock.unlock()
    }
    var count: Int {
      lock.lock()
      defer { lock.unlock() }
      return value
    }
  }

  /// A workspace over `a` and `b` with 1,000 numbers each and a counting host predicate
  /// `seen(X)` and function `slow(X)`.
  static func workspace(_ rules: String, _ counter: Counter) -> Workspace {
    let workspace = Workspace()
    workspace.builtins.register(
      BuiltinPredicate(name: "seen", inputs: [true]) { args in
        counter.add()
        return [args.compactMap { $0 }]
      })
    workspace.builtins.register(
      BuiltinFunction(name: "slow", arity: 1) { args in
        counter.add()
        return args[0]
      })
    workspace.addSource(
      path: "limits.dl", text: ".decl a(x: number)\n.decl b(x: number)\n" + rules)
    let numbers = (0..<1000).map { "\($0)\n" }.joined()
    workspace.addTSV(relation: "a", path: "a.tsv", bytes: Array(numbers.utf8))
    workspace.addTSV(relation: "b", path: "b.tsv", bytes: Array(numbers.utf8))
    workspace.check()
    #expect(!workspace.hasErrors, "\(workspace.diagnostics)")
    return workspace
  }

  /// Evaluates and returns the `limit` error it must stop with.
  static func limitError(_ workspace: Workspace, _ options: EvaluationOptions) throws
    -> Diagnostic?
  {
    do {
      try workspace.evaluate(options: options)
      Issue.record("evaluation finished despite its bound")
      return nil
    } catch let error as DiagnosticError {
      let d = try #require(error.diagnostics.first)
      #expect(d.code == .limit, "\(d.message)")
      return d
    }
  }

  /// A million-row join that emits nothing stops within one check interval (65,536 rows),
  /// where it used to run to the end of the iteration.
  @Test func timeoutStopsAJoinThatEmitsNothing() throws {
    let counter = Counter()
    let workspace = Self.workspace("p(X) :- a(X), b(Y), seen(Y), X = Y + 100000.\n", counter)
    var options = EvaluationOptions()
    options.timeoutSeconds = 1e-9
    let d = try Self.limitError(workspace, options)
    #expect(d?.message == "evaluation timed out")
    #expect(counter.count < 100_000, "\(counter.count) calls")
  }

  /// The clock is read after every built-in function call, which can take long on its own.
  @Test func timeoutIsCheckedAfterEachFunctionCall() throws {
    let counter = Counter()
    let workspace = Self.workspace("q(Z) :- a(X), Z = slow(X).\n", counter)
    var options = EvaluationOptions()
    options.timeoutSeconds = 1e-9
    _ = try Self.limitError(workspace, options)
    #expect(counter.count == 1, "\(counter.count) calls")
  }

  /// A memory bound below what the process already holds stops evaluation at the first
  /// check, with an error that names both sizes.
  @Test func memoryBoundStopsEvaluation() throws {
    let counter = Counter()
    let workspace = Self.workspace("q(Z) :- a(X), Z = slow(X).\n", counter)
    var options = EvaluationOptions()
    options.maximumMemoryBytes = 1 << 20
    let d = try #require(try Self.limitError(workspace, options))
    #expect(d.message.hasPrefix("evaluation stopped: the process uses "), "\(d.message)")
    #expect(d.message.hasSuffix("more than the bound of 1 MiB"), "\(d.message)")
    #expect(d.help == "raise `--max-memory` or narrow the question")
    #expect(counter.count == 1, "\(counter.count) calls")
  }

  /// Sizes as `--max-memory` reads them: binary units, an optional `B` or `iB`.
  @Test func memorySizesParse() {
    let cases: [(String, Int?)] = [
      ("4G", 4 << 30), ("500M", 500 << 20), ("64k", 64 << 10), ("1.5G", 3 << 29),
      ("65536", 65536), ("4GiB", 4 << 30), ("4gb", 4 << 30), ("2T", 2 << 40),
      ("", nil), ("0", nil), ("-1", nil), ("1x", nil), ("G", nil), ("0.1", nil),
    ]
    for (text, expected) in cases {
      #expect(EvaluationOptions.memorySize(text) == expected, "`\(text)`")
    }
  }
}
