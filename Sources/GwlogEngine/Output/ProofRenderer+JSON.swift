/// The JSON form of proofs and why-nots; the schema is documented on `ProofRenderer`.
extension ProofRenderer {
  /// A proof document: `{"goal", "holds": true, "proof", "continued"}`.
  public func jsonDocument(goal: String, proof: Proof) -> JSONValue {
    let (root, continued) = jsonSegments(proof)
    return .object([
      ("goal", .string(goal)), ("holds", .bool(true)), ("verdict", .string("yes")),
      ("proof", root),
      ("continued", .array(continued)),
    ])
  }

  /// The proof's root node (nested up to `jsonNestingLimit` levels) and the continuation
  /// segments of deeper subtrees, in the order their `continued` indexes refer to.
  public func jsonSegments(_ proof: Proof) -> (root: JSONValue, continued: [JSONValue]) {
    guard !proof.nodes.isEmpty else { return (.null, []) }
    var segments: [JSONValue] = []
    var roots = [0]  // the node starting each segment; segment k + 1 is `continued[k]`
    var visited = [Bool](repeating: false, count: proof.nodes.count)
    var next = 0
    while next < roots.count {
      segments.append(segment(proof, from: roots[next], roots: &roots, visited: &visited))
      next += 1
    }
    return (segments[0], Array(segments.dropFirst()))
  }

  /// Builds one segment by an iterative post-order walk: a node is emitted once all its
  /// children have been; nodes at the nesting limit start new segments.
  private func segment(
    _ proof: Proof, from start: Int, roots: inout [Int], visited: inout [Bool]
  ) -> JSONValue {
    var built: [Int: JSONValue] = [:]
    var stack: [(node: Int, depth: Int, expanded: Bool)] = [(start, 0, false)]
    visited[start] = true
    while let item = stack.popLast() {
      let node = proof.nodes[item.node]
      if item.depth >= Self.jsonNestingLimit, item.node != start, !node.children.isEmpty {
        roots.append(item.node)
        built[item.node] = json(node, children: [], continued: roots.count - 2)
        continue
      }
      let children = node.children.filter { $0 >= 0 && $0 < proof.nodes.count }
      if item.expanded {
        let nested = children.compactMap { built.removeValue(forKey: $0) }
        built[item.node] = json(node, children: nested, continued: nil)
        continue
      }
      stack.append((item.node, item.depth, true))
      // A malformed proof could share or cycle children; each node is emitted once.
      for child in children.reversed() where !visited[child] {
        visited[child] = true
        stack.append((child, item.depth + 1, false))
      }
    }
    return built[start] ?? .null
  }

  /// One node with its already-built children.
  private func json(_ node: ProofNode, children: [JSONValue], continued: Int?) -> JSONValue {
    var rule: JSONValue = .null
    if let id = node.rule {
      rule = .object([
        ("id", .integer(Int64(id))), ("text", node.ruleText.map(JSONValue.string) ?? .null),
        ("source", json(node.source)),
      ])
    }
    let bindings = node.bindings.map { ($0.variable, RelationWriter.json($0.value)) }
    return .object([
      ("atom", .string(node.text)), ("kind", .string(node.kind.rawValue)),
      ("relation", node.relation.map(JSONValue.string) ?? .null),
      ("values", .array(node.values.map(RelationWriter.json))),
      ("rule", rule),
      ("source", node.kind == .rule ? .null : json(node.source)),
      ("height", .integer(Int64(node.height))),
      ("bindings", .object(bindings)),
      ("detail", node.detail.map(JSONValue.string) ?? .null),
      ("children", .array(children)),
      ("continued", continued.map { .integer(Int64($0)) } ?? .null),
    ])
  }

  /// A why-not document: goal, `"holds": false`, the best fix, repairs, partial matches.
  public func json(_ whyNot: WhyNot) -> JSONValue {
    let repairs = whyNot.repairs.map { repair -> JSONValue in
      .object([
        ("action", .string(repair.action.rawValue)), ("fact", .string(repair.fact)),
        ("description", repair.description.map(JSONValue.string) ?? .null),
        ("relation", .string(repair.relation)),
        ("values", .array(repair.values.map { $0.map(RelationWriter.json) ?? .null })),
        ("conditions", .array(repair.conditions.map(JSONValue.string))),
        ("origin", json(repair.origin)),
        (
          "chain",
          .array(
            repair.chain.map { step in
              .object([
                ("goal", .string(step.goal)), ("rule", .integer(Int64(step.rule))),
                ("ruleText", .string(step.ruleText)), ("source", json(step.source)),
              ])
            })
        ),
      ])
    }
    let partials = whyNot.partials.map { partial -> JSONValue in
      .object([
        ("rule", .integer(Int64(partial.rule))), ("ruleText", .string(partial.ruleText)),
        ("source", json(partial.source)),
        ("holds", .array(partial.satisfied.map(JSONValue.string))),
        ("fails", .string(partial.failing)), ("reason", .string(partial.reason)),
      ])
    }
    var members: [(String, JSONValue)] = [
      ("goal", .string(whyNot.goal)), ("holds", .bool(false)),
      ("fix", whyNot.repairs.first.map { .string($0.summary) } ?? .null),
      ("repairs", .array(repairs)), ("partials", .array(partials)),
      ("truncated", .bool(whyNot.isTruncated)), ("depth", .integer(Int64(whyNot.depth))),
    ]
    members.append(("verdict", .string(whyNot.verdict)))
    if let limit = whyNot.stoppedBy {
      let bound = Self.budgetText(limit, whyNot.budget)
      members.append(
        ("partial", .object([("budget", .string(limit.rawValue)), ("limit", .string(bound))])))
    }
    if !whyNot.undetermined.isEmpty {
      members.append(("missing", .array(whyNot.undetermined.map(JSONValue.string))))
    }
    if let findings = whyNot.findings, !findings.items.isEmpty {
      let items = findings.items.map { item -> JSONValue in
        .object(item.fields.map { ($0.name, .string($0.value)) })
      }
      members.append((findings.key, .array(items)))
    }
    return .object(members)
  }

  /// `{"file", "line", "path"}`, or null.
  private func json(_ source: SourceReference?) -> JSONValue {
    guard let source else { return .null }
    return .object([
      ("file", .string(source.file)),
      ("line", source.line.map { .integer(Int64($0)) } ?? .null),
      ("path", source.path.map(JSONValue.string) ?? .null),
    ])
  }
}
