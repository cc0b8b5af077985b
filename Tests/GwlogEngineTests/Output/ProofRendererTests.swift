import Foundation
import Testing

@testable import GwlogEngine

/// The text, JSON and DOT forms of proofs and why-nots, on a proof built by hand, on real
/// proofs from a workspace, and on a chain thousands of steps deep.
@Suite struct ProofRendererTests {
  /// `path(1, 3)` by hand: a rule node over a fact, a derived atom, a built-in, a negation.
  let handProof = Proof(nodes: [
    ProofNode(
      kind: .rule, text: "path(1, 3)", relation: "path", values: [.integer(1), .integer(3)],
      rule: 1, ruleText: "path(X, Z) :- edge(X, Y), path(Y, Z), X < Z, !cut(X).",
      source: SourceReference(file: "p.dl", line: 4), height: 2,
      bindings: [("X", .integer(1)), ("Y", .integer(2)), ("Z", .integer(3))],
      children: [1, 2, 4, 5]),
    ProofNode(
      kind: .fact, text: "edge(1, 2)", relation: "edge", values: [.integer(1), .integer(2)],
      source: SourceReference(file: "p.dl", line: 1)),
    ProofNode(
      kind: .rule, text: "path(2, 3)", relation: "path", values: [.integer(2), .integer(3)],
      rule: 0, ruleText: "path(X, Y) :- edge(X, Y).",
      source: SourceReference(file: "p.dl", line: 3),
      height: 1, children: [3]),
    ProofNode(
      kind: .fact, text: "edge(2, 3)", relation: "edge", values: [.integer(2), .integer(3)],
      source: SourceReference(file: "e.json", path: "/edges/1")),
    ProofNode(kind: .builtin, text: "1 < 3", detail: "holds"),
    ProofNode(kind: .negation, text: "no cut(1)", relation: "cut", values: [.integer(1)]),
  ])

  @Test func textTreeOfAHandBuiltProof() {
    let expected = """
      path(1, 3)  [rule p.dl:4]  h=2
      ├─ edge(1, 2)  [fact p.dl:1]
      ├─ path(2, 3)  [rule p.dl:3]  h=1
      │  └─ edge(2, 3)  [fact e.json:/edges/1]
      ├─ 1 < 3 ✓
      └─ no cut(1)  (absent)

      """
    #expect(ProofRenderer().text(handProof) == expected)
    let colored = ProofRenderer(useColor: true).text(handProof)
    #expect(colored.contains("\u{1B}[1mpath(1, 3)\u{1B}[0m"))
    #expect(colored.contains("\u{1B}[2m[fact p.dl:1]\u{1B}[0m"))
  }

  @Test func textTreeOfARealProof() throws {
    let workspace = try evaluated(
      "edge(1, 2).\nedge(2, 3).\npath(X, Y) :- edge(X, Y).\npath(X, Z) :- path(X, Y), edge(Y, Z).\n"
    )
    let proof = try #require(workspace.proof(of: "path", [.integer(1), .integer(3)]))
    let expected = """
      path(1, 3)  [rule t.dl:4]  h=2
      ├─ path(1, 2)  [rule t.dl:3]  h=1
      │  └─ edge(1, 2)  [fact t.dl:1]
      └─ edge(2, 3)  [fact t.dl:2]

      """
    #expect(ProofRenderer().text(proof) == expected)
  }

  @Test func proofJSONIsValidAndFollowsTheSchema() throws {
    let document = ProofRenderer().jsonDocument(goal: "path(1, 3)", proof: handProof)
    let object = try parse(document)
    #expect(object["goal"] as? String == "path(1, 3)")
    #expect(object["holds"] as? Bool == true)
    #expect((object["continued"] as? [Any])?.isEmpty == true)
    let root = try #require(object["proof"] as? [String: Any])
    let keys = [
      "atom", "kind", "relation", "values", "rule", "source", "height", "bindings", "detail",
      "children", "continued",
    ]
    #expect(Set(root.keys) == Set(keys))
    #expect(root["kind"] as? String == "rule")
    let rule = try #require(root["rule"] as? [String: Any])
    #expect(rule["id"] as? Int == 1)
    #expect((rule["source"] as? [String: Any])?["line"] as? Int == 4)
    #expect((root["bindings"] as? [String: Any])?["Y"] as? Int == 2)
    let children = try #require(root["children"] as? [[String: Any]])
    #expect(children.map { $0["kind"] as? String } == ["fact", "rule", "builtin", "negation"])
    #expect((children[0]["source"] as? [String: Any])?["file"] as? String == "p.dl")
    let grandchild = try #require((children[1]["children"] as? [[String: Any]])?.first)
    #expect((grandchild["source"] as? [String: Any])?["path"] as? String == "/edges/1")
  }

  @Test func whyNotTextJSONAndDOT() throws {
    let workspace = try evaluated(
      "e(a, b). cut(b).\nok(X) :- e(X, Y), !cut(Y).\nok(X) :- alt(X).\n.decl alt(x: symbol)\n")
    guard case .whyNot(let whyNot) = try workspace.explain("ok(a)") else {
      Issue.record("ok(a) should not hold")
      return
    }
    let text = ProofRenderer().text(whyNot)
    let lines = text.split(separator: "\n").map(String.init)
    #expect(lines.first == "ok(\"a\") does not hold; fix: add `e(\"a\", _)`")
    #expect(text.contains("1. add `e(\"a\", _)`"))
    #expect(text.contains("2. remove `cut(\"b\")`  [fact t.dl:1]"))
    #expect(text.contains("3. add `alt(\"a\")`"))
    #expect(text.contains("via ok(\"a\") :- e(X, Y), !cut(Y). [t.dl:2]"))
    #expect(text.contains("via ok(\"a\") :- alt(X). [t.dl:3]"))

    let object = try parse(ProofRenderer().json(whyNot))
    #expect(object["holds"] as? Bool == false)
    #expect(object["fix"] as? String == "add `e(\"a\", _)`")
    let repairs = try #require(object["repairs"] as? [[String: Any]])
    #expect(repairs.map { $0["action"] as? String } == ["add", "remove", "add"])
    #expect(repairs[0]["values"] as? [Any?] != nil)
    #expect((repairs[0]["values"] as? [Any])?.last is NSNull)
    #expect((repairs[1]["origin"] as? [String: Any])?["line"] as? Int == 1)
    let chain = try #require(repairs[2]["chain"] as? [[String: Any]])
    #expect(chain.first?["ruleText"] as? String == "ok(X) :- alt(X).")
    #expect(object["truncated"] as? Bool == false)
    #expect(object["depth"] as? Int == 12)

    let dot = ProofRenderer().dot(whyNot, notes: ["fix: run this\n$ some command"])
    #expect(dot.hasPrefix("digraph whynot {"))
    #expect(dot.contains("rankdir=TB"))
    // Each repair is listed under the last step of its chain; a shared step is drawn once.
    for (k, repair) in whyNot.repairs.enumerated() {
      #expect(
        dot.contains("\(k + 1). " + repair.summary.replacingOccurrences(of: "\"", with: "\\\"")))
    }
    let steps = Set(whyNot.repairs.flatMap { $0.chain.map { "\($0.rule) \($0.goal)" } })
    #expect(dot.components(separatedBy: "shape=box").count - 1 == steps.count)
    #expect(dot.contains("goal -> note0 [style=dotted];"))
    #expect(dot.contains("$ some command"))
  }

  @Test func noRepairHeadlineAndPartials() {
    let whyNot = WhyNot(
      goal: "p(1)", repairs: [],
      partials: [
        PartialMatch(
          rule: 0, ruleText: "p(X) :- q(X), X > 5.", source: SourceReference(file: "a.dl", line: 2),
          satisfied: ["q(1)"], failing: "1 > 5", reason: "the comparison fails")
      ], isTruncated: true, depth: 3)
    let text = ProofRenderer().text(whyNot)
    #expect(text.hasPrefix("p(1) does not hold; no single fact makes it hold\n"))
    #expect(
      text.contains("closest: rule at a.dl:2 — holds: q(1); fails: 1 > 5; the comparison fails"))
    #expect(text.contains("depth 3"))
  }

  @Test func dotHasABoxPerRuleStepAndANoteOfItsLeaves() {
    let dot = ProofRenderer().dot(handProof)
    #expect(dot.hasPrefix("digraph proof {"))
    #expect(dot.contains("rankdir=TB"))
    for (k, node) in handProof.nodes.enumerated() {
      // Every step's atom appears; rule steps have their own box and edges to their steps.
      #expect(dot.contains(node.text), "\(node.text)")
      guard node.kind == .rule else { continue }
      #expect(dot.contains("  n\(k) [label="))
      for child in node.children where handProof.nodes[child].kind == .rule {
        #expect(dot.contains("  n\(k) -> n\(child);"))
      }
      #expect(dot.contains("  n\(k) -> n\(k)L [style=dashed];"))
    }
    #expect(!dot.contains("  n1 [label="))
    #expect(dot.contains("edge(1, 2)  [p.dl:1]\\l"))
    #expect(ProofRenderer.quoted("a \"b\" \\ c\nd") == #""a \"b\" \\ c\nd""#)
  }

  @Test func dotLabelsAreWrappedWithoutLosingText() {
    let name = "projects/payments-backend/locations/us-central1/services/payments-api"
    let lines = ProofRenderer.wrapped("canInvoke(\"\(name)\", \"shop-gw\")")
    #expect(lines.allSatisfy { $0.count <= ProofRenderer.dotLabelWidth }, "\(lines)")
    let joined = lines.map { $0.hasPrefix("  ") ? String($0.dropFirst(2)) : $0 }.joined()
    #expect(joined.replacingOccurrences(of: " ", with: "") == "canInvoke(\"\(name)\",\"shop-gw\")")
  }

  @Test func aChainOfFiveThousandStepsRendersFlat() throws {
    // One source, so evaluation stays linear: reach(k) has height k + 1.
    var program = "reach(0).\nreach(Y) :- reach(X), edge(X, Y).\n"
    for k in 0..<5_000 { program += "edge(\(k), \(k + 1)).\n" }
    let workspace = try evaluated(program)
    let proof = try #require(workspace.proof(of: "reach", [.integer(5_000)]))
    #expect(proof.nodes.count == 10_001)
    let text = ProofRenderer().text(proof)
    let lines = text.split(separator: "\n")
    #expect(lines.count == proof.nodes.count)
    #expect(lines.allSatisfy { $0.count <= 300 })
    #expect(text.contains("[4999] "))
    // The JSON nests at most `jsonNestingLimit` levels, so Foundation's reader accepts it.
    let object = try parse(ProofRenderer().jsonDocument(goal: "path(0, 5000)", proof: proof))
    #expect((object["continued"] as? [Any])?.count == 49)
    let dot = ProofRenderer().dot(proof)
    let rules = proof.nodes.filter { $0.kind == .rule }.count
    #expect(dot.components(separatedBy: "shape=box").count - 1 == rules)
  }

  private func evaluated(_ text: String) throws -> Workspace {
    let workspace = Workspace()
    workspace.addSource(path: "t.dl", text: text)
    try workspace.evaluate()
    return workspace
  }

  private func parse(_ value: JSONValue) throws -> [String: Any] {
    let data = Data(value.pretty.utf8)
    return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
  }
}
