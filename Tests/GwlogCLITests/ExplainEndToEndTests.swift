import Foundation
import Testing

/// The why-not example of issue 5: three repairs, derived by hand (add an `e` edge from `a`
/// to something not cut, remove `cut(b)`, or add `alt(a)`).
let whyNotProgram = """
  e(a, b). cut(b).
  ok(X) :- e(X, Y), !cut(Y).
  ok(X) :- alt(X).
  .decl alt(x: symbol)

  """

/// `gwlog explain` and `gwlog query --explain` end to end, in every format.
@Suite(needsEngine) struct ExplainEndToEndTests {
  let directory: TemporaryDirectory

  init() throws {
    directory = try TemporaryDirectory()
    try directory.write("prog.dl", pathProgram)
    try directory.write("wn.dl", whyNotProgram)
    // `unused` has no facts and no rules: a load warning that must not precede line one.
    try directory.write("warn.dl", whyNotProgram + "other(X) :- e(X, _), unused(X).\n")
  }

  /// Runs `gwlog` on the plain program, without the built-in Google Cloud model.
  private func gwlog(_ arguments: String...) throws -> Execution {
    try GwlogProcess.run(arguments + ["--no-model"], in: directory.url)
  }

  @Test func proofOfAHoldingGoal() throws {
    let result = try gwlog("explain", "path(1, 3)", "prog.dl")
    #expect(result.status == 0)
    #expect(result.stderr.isEmpty)
    let lines = result.stdout.split(separator: "\n").map(String.init)
    // The verdict first; a proof this small follows without `--proof`.
    #expect(lines.first == "yes: path(1, 3) holds")
    #expect(lines.contains("path(1, 3)  [rule prog.dl:4]  h=2"))
    #expect(lines.contains("│  └─ edge(1, 2)  [fact prog.dl:1]"))
    #expect(lines.contains("└─ edge(2, 3)  [fact prog.dl:2]"))
  }

  @Test func whyNotFirstLineComesFirstOnBothStreams() throws {
    let result = try gwlog("explain", "ok(a)", "wn.dl")
    #expect(result.status == 4)
    #expect(result.stderr.isEmpty)
    let lines = result.stdout.split(separator: "\n").map(String.init)
    #expect(lines.first == "no: ok(\"a\") does not hold")
    #expect(lines.contains("fix: add `e(\"a\", _)`"))
    #expect(lines.contains("  2. remove `cut(\"b\")`"))
    #expect(lines.contains("  3. add `alt(\"a\")`"))
    #expect(!lines.contains { $0.contains("via ") })

    // `--proof` adds every repair with its rule chain.
    let everything = try gwlog("explain", "ok(a)", "wn.dl", "--proof")
    let all = everything.stdout.split(separator: "\n").map(String.init)
    #expect(all.first == "no: ok(\"a\") does not hold")
    #expect(all.contains("  1. add `e(\"a\", _)`"))
    #expect(all.contains("  2. remove `cut(\"b\")`  [fact wn.dl:1]"))
    #expect(all.contains { $0.hasPrefix("       via ok(\"a\") :- alt(X).") })

    // `--limit` bounds the repairs too.
    let one = try gwlog("explain", "ok(a)", "wn.dl", "--proof", "--limit", "1")
    #expect(one.stdout.contains("  1. add `e(\"a\", _)`"))
    #expect(!one.stdout.contains("  2. "))
    #expect(one.stdout.contains("… and 2 more beyond `--limit`"))

    let warned = try gwlog("explain", "ok(a)", "warn.dl")
    #expect(warned.status == 4)
    #expect(warned.stdout.hasPrefix("no: ok(\"a\") does not hold\n"))
    #expect(warned.stderr.contains("warning["))
  }

  @Test func whyNotAsJSONAndDOT() throws {
    let json = try gwlog("explain", "ok(a)", "warn.dl", "--format", "json")
    #expect(json.status == 4)
    #expect(json.stderr.isEmpty)
    let document = try #require(json.json)
    #expect(document["holds"] as? Bool == false)
    #expect(document["fix"] as? String == "add `e(\"a\", _)`")
    #expect((document["repairs"] as? [Any])?.count == 3)
    #expect((document["warnings"] as? [Any])?.isEmpty == false)

    let limited = try gwlog("explain", "ok(a)", "wn.dl", "--format", "json", "--limit", "2")
    #expect((limited.json?["repairs"] as? [Any])?.count == 2)

    let dot = try gwlog("explain", "ok(a)", "wn.dl", "--format", "dot")
    #expect(dot.status == 4)
    #expect(dot.stdout.hasPrefix("digraph whynot {\n"))
    #expect(dot.stdout.hasSuffix("}\n"))
  }

  @Test func proofAsJSONAndDOT() throws {
    let json = try gwlog("explain", "path(1, 3)", "prog.dl", "--format", "json")
    #expect(json.status == 0)
    let document = try #require(json.json)
    #expect(document["holds"] as? Bool == true)
    let proof = try #require(document["proof"] as? [String: Any])
    #expect(proof["atom"] as? String == "path(1, 3)")
    #expect((proof["children"] as? [Any])?.count == 2)

    let dot = try gwlog("explain", "path(1, 3)", "prog.dl", "--format", "dot")
    #expect(dot.status == 0)
    #expect(dot.stdout.hasPrefix("digraph proof {\n"))
    #expect(dot.stdout.contains("rankdir=TB"))
    // The rule steps are boxes; the facts under a step share one note.
    for edge in ["n0 -> n1;", "n0 -> n0L [style=dashed];", "n1 -> n1L [style=dashed];"] {
      #expect(dot.stdout.contains(edge))
    }
  }

  @Test func badGoalAndDepthAreErrors() throws {
    let unknown = try gwlog("explain", "nope(1)", "wn.dl")
    #expect(unknown.status == 1)
    #expect(unknown.stderr.contains("error[unknown-relation]"))
    let depth = try gwlog("explain", "ok(a)", "wn.dl", "--depth", "0")
    #expect(depth.status == 2)
    let dotQuery = try gwlog("query", "ok(X)", "wn.dl", "--format", "dot")
    #expect(dotQuery.status == 2)
  }

  @Test func queryExplainPrintsAProofUnderEachAnswer() throws {
    let text = try gwlog("query", "path(1, X)", "prog.dl", "--explain")
    #expect(text.status == 0)
    #expect(text.stderr.isEmpty)
    let expected = """
      X
      2
          path(1, 2)  [rule prog.dl:3]  h=1
          └─ edge(1, 2)  [fact prog.dl:1]
      3
          path(1, 3)  [rule prog.dl:4]  h=2
          ├─ path(1, 2)  [rule prog.dl:3]  h=1
          │  └─ edge(1, 2)  [fact prog.dl:1]
          └─ edge(2, 3)  [fact prog.dl:2]

      """
    #expect(text.stdout == expected)

    let json = try gwlog("query", "path(1, X)", "prog.dl", "--explain", "--format", "json")
    let document = try #require(json.json)
    let answers = try #require(document["answers"] as? [Any])
    let proofs = try #require(document["proofs"] as? [[String: Any]])
    #expect(proofs.count == answers.count)
    #expect((proofs.last?["proof"] as? [String: Any])?["atom"] as? String == "path(1, 3)")

    let limited = try gwlog("query", "path(X, Y)", "prog.dl", "--explain", "--limit", "1")
    #expect(limited.stdout.hasPrefix("X  Y\n1  2\n    path(1, 2)  [rule prog.dl:3]"))
  }
}
