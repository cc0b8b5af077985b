import Foundation
import Testing

/// The small program the end-to-end tests run: `path` is the transitive closure of `edge`.
let pathProgram = """
  edge(1, 2).
  edge(2, 3).
  path(X, Y) :- edge(X, Y).
  path(X, Z) :- path(X, Y), edge(Y, Z).

  """

/// End-to-end tests of the command line itself: help, usage errors, options, JSON contract.
///
/// They hold whatever the engine computes.
@Suite struct EndToEndTests {
  @Test(arguments: ["", "query", "explain", "check", "run"])
  func helpOfEveryCommand(command: String) throws {
    let prefix = command.isEmpty ? [] : [command]
    for flag in ["--help", "-h"] {
      let result = try GwlogProcess.run(prefix + [flag])
      #expect(result.status == 0)
      #expect(result.stderr.isEmpty)
      #expect(result.stdout.contains("usage: gwlog" + (command.isEmpty ? "" : " " + command)))
    }
  }

  @Test func helpCommandMatchesHelpFlag() throws {
    let viaCommand = try GwlogProcess.run(["help", "run"])
    let viaFlag = try GwlogProcess.run(["run", "--help"])
    #expect(viaCommand.status == 0)
    #expect(viaCommand.stdout == viaFlag.stdout)
  }

  @Test func unknownOptionSuggestsTheClosest() throws {
    let result = try GwlogProcess.run(["query", "--fromat", "json", "path(1, X)"])
    #expect(result.status == 2)
    #expect(result.stdout.isEmpty)
    #expect(result.stderr.contains("error[usage]: unknown option `--fromat`"))
    #expect(result.stderr.contains("help: did you mean `--format`?"))
  }

  @Test func unknownCommandSuggestsTheClosest() throws {
    let result = try GwlogProcess.run(["qurey", "path(1, X)"])
    #expect(result.status == 2)
    #expect(result.stdout.isEmpty)
    #expect(result.stderr.contains("error[usage]: unknown command `qurey`"))
    #expect(result.stderr.contains("did you mean `query`?"))
  }

  @Test func missingCommandIsAUsageError() throws {
    let result = try GwlogProcess.run([])
    #expect(result.status == 2)
    #expect(result.stderr.contains("error[usage]: missing command"))
  }

  @Test(arguments: [
    ["check", "--format", "json", "--bogus"],
    ["check", "--bogus", "--format=json"],
    ["--format", "json", "nosuchcommand"],
    ["run", "--format", "json", "--threads", "zero"],
  ])
  func usageErrorsInJSONModeAreOneDocumentOnStdout(arguments: [String]) throws {
    let result = try GwlogProcess.run(arguments)
    #expect(result.status == 2)
    #expect(result.stderr.isEmpty)
    let json = try #require(result.json)
    let errors = try #require(json["errors"] as? [[String: Any]])
    #expect(errors.first?["code"] as? String == "usage")
    #expect((json["warnings"] as? [Any])?.isEmpty == true)
  }

  @Test(arguments: [
    ["run", "--threads", "0"],
    ["run", "--limit", "many"],
    ["run", "--timeout"],
    ["run", "--max-tuples", "-5"],
    ["run", "--stats=yes"],
    ["run", "--format", "dot"],
    ["query", "-D", "out", "path(1, X)"],
    ["query"],
    ["explain", "--stats"],
  ])
  func invalidCommandLinesExitWithTwo(arguments: [String]) throws {
    let result = try GwlogProcess.run(arguments)
    #expect(result.status == 2)
    #expect(result.stdout.isEmpty)
    #expect(result.stderr.contains("error[usage]"))
  }

  @Test func unknownFormatSuggestsTheClosest() throws {
    let result = try GwlogProcess.run(["run", "--format", "jsn"])
    #expect(result.status == 2)
    #expect(result.stderr.contains("did you mean `json`?"))
  }

  @Test func optionsMayFollowPositionals() throws {
    let directory = try TemporaryDirectory()
    try directory.write("prog.dl", pathProgram)
    for arguments in [
      ["check", "prog.dl", "--format", "json"], ["--format=json", "check", "prog.dl"],
    ] {
      let result = try GwlogProcess.run(arguments, in: directory.url)
      #expect(result.status == 0)
      #expect(result.stderr.isEmpty)
      let json = try #require(result.json)
      #expect((json["errors"] as? [Any])?.isEmpty == true)
    }
    let run = try GwlogProcess.run(
      ["run", "prog.dl", "--threads", "1", "--format=json"], in: directory.url)
    #expect(run.status == 0)
    #expect(try #require(run.json)["relations"] is [String: Any])
  }

  @Test func doubleDashEndsOptions() throws {
    let directory = try TemporaryDirectory()
    try directory.write("--odd.dl", pathProgram)
    let result = try GwlogProcess.run(
      ["check", "--format", "json", "--", "--odd.dl"], in: directory.url)
    #expect(result.status == 0)
    #expect(result.stderr.isEmpty)
    #expect(result.json != nil)
    let help = try GwlogProcess.run(["check", "--format", "json", "--", "-h"], in: directory.url)
    #expect(!help.stdout.contains("usage: gwlog"))
    #expect(help.json != nil)
  }

  @Test func missingFactsDirectoryIsAnInputError() throws {
    let text = try GwlogProcess.run(["run", "-F", "/nonexistent/gwlog-facts"])
    #expect(text.status == 1)
    #expect(text.stderr.contains("error[io]"))
    let json = try GwlogProcess.run(["run", "--format", "json", "-F/nonexistent/gwlog-facts"])
    #expect(json.status == 1)
    #expect(json.stderr.isEmpty)
    let document = try #require(json.json)
    let errors = try #require(document["errors"] as? [[String: Any]])
    #expect(errors.first?["code"] as? String == "io")
  }

  @Test func unknownRelationInOnlyIsAnInputError() throws {
    let directory = try TemporaryDirectory()
    try directory.write("prog.dl", pathProgram)
    let result = try GwlogProcess.run(["run", "prog.dl", "--only", "nosuch"], in: directory.url)
    #expect(result.status == 1)
    #expect(result.stderr.contains("error[unknown-relation]"))
  }

  @Test func statsEndWithTheEvaluationTime() throws {
    let directory = try TemporaryDirectory()
    try directory.write("prog.dl", pathProgram)
    let result = try GwlogProcess.run(
      ["run", "prog.dl", "--stats", "-D", "out"], in: directory.url)
    #expect(result.status == 0)
    let lastLine = result.stderr.split(separator: "\n").last.map(String.init) ?? ""
    #expect(lastLine.hasPrefix("evaluated in "))
    let json = try GwlogProcess.run(
      ["run", "prog.dl", "--stats", "--format", "json"], in: directory.url)
    #expect(json.stderr.isEmpty)
    #expect(try #require(json.json)["stats"] is [String: Any])
  }
}
