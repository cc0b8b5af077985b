import Foundation
import Testing

/// Whether the engine evaluates programs yet; flip to `true` to enable every test below.
let engineIsAvailable = true

/// The trait of tests whose expectations need real evaluation results.
let needsEngine = ConditionTrait.disabled(if: !engineIsAvailable, "needs engine")

/// End-to-end tests of what the commands print for a real program: `path` over
/// `edge(1, 2). edge(2, 3).` is {1-2, 1-3, 2-3}, derived by hand.
@Suite(needsEngine) struct EvaluationEndToEndTests {
  let directory: TemporaryDirectory

  init() throws {
    directory = try TemporaryDirectory()
    try directory.write("prog.dl", pathProgram)
  }

  /// Runs `gwlog` on the plain program, without the built-in Google Cloud model.
  private func gwlog(_ arguments: String...) throws -> Execution {
    try GwlogProcess.run(arguments + ["--no-model"], in: directory.url)
  }

  @Test func runPrintsDerivedRelationsAsFacts() throws {
    let result = try gwlog("run", "prog.dl")
    #expect(result.status == 0)
    #expect(result.stderr.isEmpty)
    #expect(result.stdout == "% path (3 tuples)\npath(1, 2).\npath(1, 3).\npath(2, 3).\n")
  }

  @Test func runPrintsTSV() throws {
    let result = try gwlog("run", "prog.dl", "--format", "tsv")
    #expect(result.stdout == "# path\n1\t2\n1\t3\n2\t3\n")
  }

  @Test func runPrintsJSON() throws {
    let result = try gwlog("run", "--format", "json", "prog.dl")
    #expect(result.status == 0)
    #expect(result.stderr.isEmpty)
    let json = try #require(result.json)
    let relations = try #require(json["relations"] as? [String: Any])
    let path = try #require(relations["path"] as? [[Int]])
    #expect(path == [[1, 2], [1, 3], [2, 3]])
    #expect((json["errors"] as? [Any])?.isEmpty == true)
  }

  @Test func runWritesOneCSVPerRelation() throws {
    let result = try gwlog("run", "prog.dl", "-D", "out")
    #expect(result.status == 0)
    #expect(result.stdout.isEmpty)
    #expect(try directory.read("out/path.csv") == "1\t2\n1\t3\n2\t3\n")
    let only = try gwlog("run", "prog.dl", "-D", "only", "--only", "edge,path")
    #expect(only.status == 0)
    #expect(try directory.read("only/edge.csv") == "1\t2\n2\t3\n")
  }

  @Test func runAnswersTheQueriesInFiles() throws {
    try directory.write("ask.dl", "?- path(1, X).\n")
    let result = try gwlog("run", "prog.dl", "ask.dl")
    #expect(result.stdout.hasSuffix("\n?- path(1, X).\nX\n2\n3\n"))
  }

  @Test func queryPrintsATable() throws {
    let result = try gwlog("query", "path(X, 3)", "prog.dl")
    #expect(result.status == 0)
    #expect(result.stdout == "X\n1\n2\n")
    let two = try gwlog("query", "path(X, Y)", "prog.dl", "--limit", "2")
    #expect(two.stdout == "X  Y\n1  2\n1  3\n")
  }

  @Test func queryPrintsJSON() throws {
    let result = try gwlog("query", "--format", "json", "path(1, X)", "prog.dl")
    let json = try #require(result.json)
    #expect(json["query"] as? String == "path(1, X)")
    let answers = try #require(json["answers"] as? [[String: Int]])
    #expect(answers == [["X": 2], ["X": 3]])
  }

  @Test func groundQueriesPrintTrueOrFalseAndExitWithTheVerdict() throws {
    let yes = try gwlog("query", "path(1, 3)", "prog.dl")
    #expect(yes.status == 0)
    #expect(yes.stdout == "true\n")
    let no = try gwlog("query", "path(3, 1)", "prog.dl")
    #expect(no.status == 4)
    #expect(no.stdout == "false\n")
  }

  @Test func unknownQueryRelationIsAnInputError() throws {
    let result = try gwlog("query", "paht(1, X)", "prog.dl")
    #expect(result.status == 1)
    #expect(result.stderr.contains("error[unknown-relation]"))
  }

  @Test func checkSummarisesTheProgram() throws {
    let result = try gwlog("check", "prog.dl")
    #expect(result.status == 0)
    #expect(result.stdout == "ok: 2 relations, 2 rules\n")
  }

  @Test func syntaxErrorsExitWithOne() throws {
    try directory.write("bad.dl", "edge(1, .\n")
    let text = try gwlog("check", "bad.dl")
    #expect(text.status == 1)
    #expect(text.stderr.contains("bad.dl:1:"))
    #expect(text.stderr.contains("error[syntax]"))
    let json = try gwlog("run", "bad.dl", "--format", "json")
    #expect(json.status == 1)
    #expect(json.stderr.isEmpty)
    let document = try #require(json.json)
    let errors = try #require(document["errors"] as? [[String: Any]])
    #expect(errors.first?["code"] as? String == "syntax")
    #expect(errors.first?["line"] as? Int == 1)
  }

  @Test func explainEndsWithTheEvaluationTime() throws {
    let result = try gwlog("explain", "path(1, 3)", "prog.dl")
    #expect(result.status == 0)
    #expect(result.stdout.hasPrefix("yes: path(1, 3) holds\n\npath(1, 3)  [rule prog.dl:4]"))
    let lastLine = result.stdout.split(separator: "\n").last.map(String.init) ?? ""
    #expect(lastLine.hasPrefix("evaluated in "))
  }

  @Test func tupleLimitExitsWithThree() throws {
    let result = try gwlog("run", "prog.dl", "--max-tuples", "1")
    #expect(result.status == 3)
    #expect(result.stderr.contains("error[limit]"))
  }

  @Test func outputIsDeterministic() throws {
    let first = try gwlog("run", "prog.dl", "--format", "json", "--threads", "2")
    let second = try gwlog("run", "prog.dl", "--format", "json", "--threads", "2")
    #expect(first.stdout == second.stdout)
  }
}
