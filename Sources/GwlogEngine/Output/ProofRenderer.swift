/// Renders proofs and why-not explanations as a text tree, JSON and Graphviz DOT.
///
/// Everything here is iterative (explicit stacks): a proof can be a chain thousands of steps
/// deep, and neither rendering nor the resulting JSON may recurse that deep.
///
/// # JSON schema (stable; this comment is the contract)
///
/// A proof document (`jsonDocument(goal:proof:)`):
///
///     {"goal": "path(1, 3)", "holds": true, "proof": NODE, "continued": [NODE, ...]}
///
/// NODE, one step of the proof:
///
///     {"atom": "path(1, 3)",            // the atom or condition as source text
///      "kind": "rule",                  // fact|rule|negation|builtin|aggregate|missing|
///                                       // blocked|reference
///      "relation": "path" | null,       // atom nodes
///      "values": [1, 3],                // atom nodes; numbers as numbers, symbols as strings
///      "rule": {"id": 2, "text": "path(X, Z) :- ...", "source": SOURCE | null} | null,
///      "source": SOURCE | null,         // fact nodes: where the input fact came from
///      "height": 2,                     // 0 for input facts and conditions
///      "bindings": {"X": 1, "Z": 3},    // rule nodes: the instance's variable values
///      "detail": "..." | null,          // aggregate value, reference note, ...
///      "children": [NODE, ...],         // rule nodes: the body, in body order
///      "continued": 0 | null}           // see below
///
/// SOURCE is `{"file": "a.dl", "line": 4 | null, "path": "/json/pointer" | null}`.
///
/// To keep documents within what JSON readers accept (many stop at 512 or 1,000 levels),
/// nesting stops after `jsonNestingLimit` proof levels: a non-leaf node at that depth has
/// `"children": []` and `"continued": k`, and the same node with its subtree is
/// `continued[k]` of the document (which may continue again). Otherwise `"continued"` is null
/// and the document's `continued` is empty.
///
/// A why-not document (`json(_ whyNot:)`):
///
///     {"goal": "ok(\"a\")", "holds": false,
///      "fix": "add `alt(\"a\")`" | null,  // the best repair's summary
///      "repairs": [{"action": "add" | "remove", "fact": "alt(\"a\")",
///                   "description": "grant ..." | null,  // the host's phrasing, if any
///                   "relation": "alt",
///                   "values": ["a"],       // null where any value fits
///                   "conditions": ["!cut(_)"],
///                   "origin": SOURCE | null,   // removals: where the blocking fact came from
///                   "chain": [{"goal": "ok(\"a\")", "rule": 1, "ruleText": "...",
///                              "source": SOURCE | null}]}],
///      "partials": [{"rule": 0, "ruleText": "...", "source": SOURCE | null,
///                    "holds": ["e(\"a\", \"b\")"], "fails": "...", "reason": "..."}],
///      "truncated": false, "depth": 12}
///
/// Object members appear in the order shown.
public struct ProofRenderer: Sendable {
  /// Whether text output carries ANSI colour (bold atoms, dim locations, green/red repairs).
  public var useColor: Bool

  /// Proof levels shown with indentation; deeper levels are prefixed with their depth
  /// instead, so a chain of thousands of steps does not produce megabytes of indentation.
  public static let indentationLimit = 40

  /// Proof levels nested in one JSON object before the rest moves to `continued` (two JSON
  /// levels per proof level stay well below the 512 that Foundation's reader accepts).
  public static let jsonNestingLimit = 100

  /// Creates a renderer.
  public init(useColor: Bool = false) {
    self.useColor = useColor
  }

  /// The proof as a Unicode box-drawing tree, one node per line, ending in a newline.
  public func text(_ proof: Proof) -> String {
    var out = ""
    guard !proof.nodes.isEmpty else { return out }
    var visited = [Bool](repeating: false, count: proof.nodes.count)
    // `isLast[k]`: whether the ancestor at depth k + 1 of the current node is a last child.
    var isLast: [Bool] = []
    var stack: [(node: Int, depth: Int, last: Bool)] = [(0, 0, true)]
    // The tuples whose proof is printed so far: a shared sub-proof is printed once, where the
    // builder met it first, which may be above or below another mention of it.
    var printed = Set<String>()
    while let item = stack.popLast() {
      guard item.node >= 0, item.node < proof.nodes.count, !visited[item.node] else { continue }
      visited[item.node] = true
      var node = proof.nodes[item.node]
      if node.kind == .rule { printed.insert(node.text) }
      if node.kind == .reference, node.detail == ProofNode.provedElsewhere {
        node.detail = printed.contains(node.text) ? "proved above" : "proved below"
      }
      if item.depth > 0 {
        isLast.removeLast(max(0, isLast.count - (item.depth - 1)))
        out += guides(isLast, depth: item.depth)
        out += item.last ? "└─ " : "├─ "
        isLast.append(item.last)
      }
      out += label(node) + "\n"
      for (k, child) in node.children.enumerated().reversed() {
        stack.append((child, item.depth + 1, k == node.children.count - 1))
      }
    }
    return out
  }

  /// The vertical guides in front of a node at `depth` (≥ 1), capped at the indentation
  /// limit, after which the depth number takes their place.
  private func guides(_ isLast: [Bool], depth: Int) -> String {
    var out = ""
    for k in 0..<min(depth - 1, Self.indentationLimit, isLast.count) {
      out += isLast[k] ? "   " : "│  "
    }
    if depth > Self.indentationLimit + 1 { out += dim("[\(depth)]") + " " }
    return out
  }

  /// One node's line, without the tree guides.
  func label(_ node: ProofNode) -> String {
    switch node.kind {
    case .rule:
      var out = bold(node.text) + "  " + dim("[rule \(node.source?.description ?? "?")]")
      out += "  " + dim("h=\(node.height)")
      if let detail = node.detail { out += "  (\(detail))" }
      return out
    case .fact:
      let location = node.source.map { "[fact \($0.description)]" } ?? "[fact]"
      return bold(node.text) + "  " + dim(location)
    case .negation:
      let text = node.text.hasPrefix("no ") ? node.text : "no " + node.text
      return bold(text) + "  " + dim("(absent)")
    case .builtin:
      let extra = node.detail.flatMap { $0 == "holds" ? nil : "  (\($0))" } ?? ""
      return node.text + " ✓" + extra
    case .aggregate:
      return bold(node.text) + (node.detail.map { "  " + $0 } ?? "")
    case .reference:
      return bold(node.text) + "  " + dim("(\(node.detail ?? ProofNode.provedElsewhere))")
    case .missing:
      return paint(node.text, red) + "  " + dim("(missing)")
    case .blocked:
      return paint(node.text, red) + "  " + dim("(blocks the negation)")
    }
  }

  private var red: String { "\u{1B}[31m" }
  private var green: String { "\u{1B}[32m" }

  func bold(_ text: String) -> String { paint(text, "\u{1B}[1m") }
  func dim(_ text: String) -> String { paint(text, "\u{1B}[2m") }

  /// `text` in red (`remove`) or green (`add`).
  func repairColor(_ text: String, _ action: Repair.Action) -> String {
    paint(text, action == .add ? green : red)
  }

  private func paint(_ text: String, _ code: String) -> String {
    useColor ? code + text + "\u{1B}[0m" : text
  }
}
