import Foundation
import Testing

/// The built-in Google Cloud model from the command line: on by default for query, explain
/// and check, off with `--no-model` and for `run`, `--at`, and `query -q`.
@Suite struct ModelEndToEndTests {
  static let invoker = #"rolePermission("roles/run.invoker", "run.routes.invoke")"#

  @Test func queryLoadsTheModelByDefault() throws {
    let directory = try TemporaryDirectory()
    let result = try GwlogProcess.run(
      ["query", Self.invoker, "--at", "2026-01-31T00:00:00Z"], in: directory.url)
    #expect(result.status == 0)
    #expect(result.stdout == "true\n\nevaluated at 2026-01-31T00:00:00Z\n")
  }

  @Test func noModelLeavesItOut() throws {
    let directory = try TemporaryDirectory()
    let result = try GwlogProcess.run(["query", Self.invoker, "--no-model"], in: directory.url)
    #expect(result.status == 1)
    #expect(result.stderr.contains("error[unknown-relation]"))
    #expect(!result.stdout.contains("evaluated at"))
  }

  @Test func runLoadsTheModelOnlyWithTheFlag() throws {
    let directory = try TemporaryDirectory()
    let program = try directory.write("q.dl", "?- \(Self.invoker).\n")
    let plain = try GwlogProcess.run(["run", program.path])
    #expect(!plain.stdout.contains("true"))
    let withModel = try GwlogProcess.run([
      "run", "--model", "--only", "rolePermission", "--limit", "1", program.path,
    ])
    #expect(withModel.status == 0)
    #expect(withModel.stdout.contains("% rolePermission (163770 tuples; first 1 shown)"))
    #expect(withModel.stdout.contains("?- \(Self.invoker).\ntrue"))
  }

  @Test func atIsTheEvaluationTimeAndABadOneIsAUsageError() throws {
    let directory = try TemporaryDirectory()
    let good = try GwlogProcess.run(
      ["query", "evaluationTime(T)", "--at", "2026-01-31T01:00:00+01:00", "--format", "json"],
      in: directory.url)
    #expect(good.status == 0)
    #expect(good.stdout.contains(#""T": 1769817600"#) || good.stdout.contains(#""T":1769817600"#))
    #expect(good.json?["evaluatedAt"] as? String == "2026-01-31T00:00:00Z")
    let bad = try GwlogProcess.run(["query", "evaluationTime(T)", "--at", "yesterday"])
    #expect(bad.status == 2)
    #expect(bad.stderr.contains("error[usage]: invalid value `yesterday` for `--at`"))
  }

  @Test func queryFileRunsItsQueriesWithTheModelAndThePaths() throws {
    let directory = try TemporaryDirectory()
    try directory.write("org.dl", #"mine("roles/run.invoker")."# + "\n")
    let queries = try directory.write(
      "q.dl",
      "// which of my roles may invoke?\n?- mine(R), rolePermission(R, \"run.routes.invoke\").\n"
        .replacingOccurrences(of: "?- mine(R), ", with: "ok(R) :- mine(R), ")
        + "?- ok(R).\n?- mine(\"x\").\n")
    let result = try GwlogProcess.run(
      ["query", "-q", queries.path, "--at", "2026-01-31T00:00:00Z", "org.dl"], in: directory.url)
    #expect(result.status == 0)
    #expect(
      result.stdout
        == "\n?- ok(R).\nR\nroles/run.invoker\n\n?- mine(\"x\").\nfalse\n\nevaluated at 2026-01-31T00:00:00Z\n"
    )
  }

  @Test func factsGCPOnDiskIsNeverLoadedWithTheModel() throws {
    let directory = try TemporaryDirectory()
    // A broken copy under facts/gcp would fail to parse if it were loaded.
    try FileManager.default.createDirectory(
      at: directory.url.appendingPathComponent("facts/gcp"), withIntermediateDirectories: true)
    try directory.write("facts/gcp/broken.dl", "this is not datalog(\n")
    try directory.write("facts/mine.dl", "mine(1).\n")
    let withModel = try GwlogProcess.run(["check", "--strict"], in: directory.url)
    #expect(withModel.status == 0)
    #expect(!withModel.stderr.contains("broken.dl"))
    let withoutModel = try GwlogProcess.run(["check", "--no-model", "--strict"], in: directory.url)
    #expect(withoutModel.status == 1)
    #expect(withoutModel.stderr.contains("broken.dl"))
    // Read from a folder, the broken file is skipped with its error rather than stopping.
    let keptGoing = try GwlogProcess.run(["check", "--no-model"], in: directory.url)
    #expect(keptGoing.status == 0)
    #expect(keptGoing.stderr.contains("broken.dl") && keptGoing.stderr.contains("1 file skipped"))
  }

  @Test func clashWithTheModelSuggestsNoModel() throws {
    let directory = try TemporaryDirectory()
    let program = try directory.write("p.dl", "parent(1).\n")
    let result = try GwlogProcess.run(["check", program.path])
    #expect(result.status == 1)
    #expect(result.stderr.contains("error[arity-mismatch]"))
    #expect(result.stderr.contains("--no-model"))
    #expect(try GwlogProcess.run(["check", "--no-model", program.path]).status == 0)
  }
}
