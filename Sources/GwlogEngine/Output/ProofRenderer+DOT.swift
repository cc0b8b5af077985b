/// The Graphviz DOT form, laid out top-down (`rankdir=TB`) so that it stays readable when
/// rendered: labels wrapped at `dotLabelWidth` columns (the rule text in the tooltip), the
/// leaves under one rule step (facts, negations, built-ins) listed in one note instead of
/// standing side by side, and many steps under one node staggered over ranks.
///
/// A proof has a box per rule step with its leaves in a note below it; a why-not has the
/// goal, the host's findings (the causes) and notes, the steps of the repairs' rule chains
/// (shared steps drawn once), and the repairs that end at the same step in one note (green
/// when they all add, red otherwise).
extension ProofRenderer {
  /// The longest line of a DOT label.
  public static let dotLabelWidth = 40

  /// The header every graph starts with, after `digraph NAME {`.
  static let dotHeader = """
      graph [rankdir=TB, nodesep=0.2, ranksep=0.3];
      node [fontname="monospace", fontsize=10, margin="0.1,0.05"];
      edge [arrowsize=0.6];

    """

  /// The proof as `digraph proof { … }`.
  public func dot(_ proof: Proof) -> String {
    var out = "digraph proof {\n" + Self.dotHeader
    var edges = ""
    let nodes = proof.nodes
    func isLeaf(_ k: Int) -> Bool { nodes[k].children.isEmpty }
    for (k, node) in nodes.enumerated() where k == 0 || !isLeaf(k) {
      out += "  n\(k) " + Self.attributes(label(forDOT: node), tooltip: node.text, style(node))
      let children = node.children.filter { $0 > 0 && $0 < nodes.count }
      let leaves = children.filter(isLeaf)
      let steps = children.filter { !isLeaf($0) }
      // Many steps under one node are staggered over ranks (as `unflatten -l` does), so
      // that the graph grows down rather than sideways.
      let levels = steps.count > 6 ? 3 : steps.count > 3 ? 2 : 1
      for (i, child) in steps.enumerated() {
        let length = 1 + (i + (leaves.isEmpty ? 0 : 1)) % levels
        edges += "  n\(k) -> n\(child)" + (length > 1 ? " [minlen=\(length)]" : "") + ";\n"
      }
      guard !leaves.isEmpty else { continue }
      let lines = leaves.flatMap { Self.wrapped(leafLine(nodes[$0])) }
      let tooltip = leaves.map { nodes[$0].text }.joined(separator: "\n")
      out += "  n\(k)L " + Self.attributes(lines, tooltip: tooltip, "shape=note, color=gray40")
      edges += "  n\(k) -> n\(k)L [style=dashed];\n"
    }
    return out + edges + "}\n"
  }

  /// A rule step's or a lone leaf's label lines.
  private func label(forDOT node: ProofNode) -> [String] {
    var lines = Self.wrapped(node.text)
    switch node.kind {
    case .rule:
      lines.append("rule " + (node.source?.description ?? "?") + "  h=\(node.height)")
    case .fact:
      if let source = node.source { lines += Self.wrapped(source.description) }
    case .aggregate:
      if let detail = node.detail { lines += Self.wrapped(detail) }
    default: break
    }
    return lines
  }

  /// One leaf as a line of its parent's note.
  private func leafLine(_ node: ProofNode) -> String {
    switch node.kind {
    case .fact: return node.text + (node.source.map { "  [" + $0.description + "]" } ?? "")
    case .negation: return (node.text.hasPrefix("no ") ? "" : "no ") + node.text
    case .builtin: return node.text + " ✓"
    case .aggregate: return node.text + (node.detail.map { "  " + $0 } ?? "")
    case .reference: return node.text + "  (" + (node.detail ?? ProofNode.provedElsewhere) + ")"
    case .missing: return node.text + "  (missing)"
    case .blocked: return node.text + "  (blocks the negation)"
    case .rule: return node.text
    }
  }

  private func style(_ node: ProofNode) -> String {
    switch node.kind {
    case .rule: return "shape=box"
    case .fact, .aggregate: return "shape=ellipse"
    case .negation, .builtin: return "shape=ellipse, style=dashed"
    case .reference: return "shape=box, style=dotted"
    case .missing, .blocked: return "shape=ellipse, color=red"
    }
  }

  /// The why-not as `digraph whynot { … }`; each of `notes` (the host's, such as the fix's
  /// commands) becomes a note under the goal.
  public func dot(_ whyNot: WhyNot, notes: [String] = []) -> String {
    var out = "digraph whynot {\n" + Self.dotHeader
    var edges = ""
    let verb = whyNot.undetermined.isEmpty ? whyNot.verb : "is unknown"
    out +=
      "  goal "
      + Self.attributes(Self.wrapped(whyNot.goal) + [verb], tooltip: whyNot.goal, "shape=octagon")
    if let findings = whyNot.findings, !findings.items.isEmpty {
      let lines = [findings.title + ":"] + findings.items.flatMap { Self.wrapped($0.text) }
      out += "  findings " + Self.attributes(lines, tooltip: nil, "shape=note, color=blue")
      edges += "  goal -> findings [style=dotted];\n"
    }
    if !whyNot.undetermined.isEmpty {
      let lines = ["unknown: not loaded"] + whyNot.undetermined.flatMap { Self.wrapped($0) }
      out += "  missing " + Self.attributes(lines, tooltip: nil, "shape=note, color=orange")
      edges += "  goal -> missing [style=dotted];\n"
    }
    for (k, note) in notes.enumerated() {
      let lines = note.split(separator: "\n").flatMap { Self.wrapped(String($0)) }
      out += "  note\(k) " + Self.attributes(lines, tooltip: note, "shape=note, color=darkgreen")
      edges += "  goal -> note\(k) [style=dotted];\n"
    }
    // The chains' steps as a tree: a step shared by several repairs is drawn once.
    var stepIDs: [String: String] = [:]
    var endings: [(node: String, repairs: [Int])] = []
    for (r, repair) in whyNot.repairs.enumerated() {
      var previous = "goal"
      var path = ""
      for step in repair.chain {
        path += "\u{1F}\(step.rule)\u{1F}" + step.goal
        if let id = stepIDs[path] {
          previous = id
          continue
        }
        let id = "s\(stepIDs.count)"
        stepIDs[path] = id
        let lines = Self.wrapped(step.goal) + ["via rule " + (step.source?.description ?? "?")]
        out += "  \(id) " + Self.attributes(lines, tooltip: step.ruleText, "shape=box")
        edges += "  \(previous) -> \(id);\n"
        previous = id
      }
      if let k = endings.firstIndex(where: { $0.node == previous }) {
        endings[k].repairs.append(r)
      } else {
        endings.append((previous, [r]))
      }
    }
    for (e, ending) in endings.enumerated() {
      var lines: [String] = []
      for r in ending.repairs {
        let repair = whyNot.repairs[r]
        lines += Self.wrapped("\(r + 1). " + repair.summary)
        for condition in repair.conditions { lines += Self.wrapped("   if " + condition) }
        if let origin = repair.origin { lines += Self.wrapped("   from " + origin.description) }
      }
      let adds = ending.repairs.allSatisfy { whyNot.repairs[$0].action == .add }
      let tooltip = ending.repairs.map { whyNot.repairs[$0].rawSummary }.joined(separator: "\n")
      out +=
        "  r\(e) "
        + Self.attributes(
          lines, tooltip: tooltip, "shape=note, color=\(adds ? "darkgreen" : "red")")
      edges += "  \(ending.node) -> r\(e);\n"
    }
    for (p, partial) in whyNot.partials.enumerated() {
      let lines =
        ["closest: rule " + (partial.source?.description ?? "?")]
        + Self.wrapped("fails: " + partial.failing) + Self.wrapped(partial.reason)
      out +=
        "  p\(p) " + Self.attributes(lines, tooltip: partial.ruleText, "shape=box, style=dashed")
      edges += "  goal -> p\(p);\n"
    }
    return out + edges + "}\n"
  }

  /// `[label="…", tooltip="…", style];` with the lines left-justified.
  private static func attributes(_ lines: [String], tooltip: String?, _ style: String) -> String {
    var out = "[label=" + quoted(lines.joined(separator: "\n") + "\n", lineEnd: "\\l")
    if let tooltip { out += ", tooltip=" + quoted(tooltip) }
    return out + ", " + style + "];\n"
  }

  /// `text` in lines of at most `dotLabelWidth` columns, broken after `, ` or a space where
  /// possible; a longer word breaks after a `/`, `@`, `.` or `:` (or anywhere), and the
  /// lines after the first are indented by two spaces.
  static func wrapped(_ text: String, width: Int = dotLabelWidth) -> [String] {
    var pieces: [String] = []
    var word = ""
    for character in text {
      word.append(character)
      if character == " " {
        pieces += split(word, width: width - 2)
        word = ""
      }
    }
    if !word.isEmpty { pieces += split(word, width: width - 2) }
    var lines: [String] = []
    var line = ""
    for piece in pieces {
      if !line.isEmpty && line.count + piece.count > width + 1 {
        lines.append(line.trimmingTrailingSpaces)
        line = "  "
      }
      line += piece
    }
    if !line.isEmpty { lines.append(line.trimmingTrailingSpaces) }
    return lines
  }

  /// A word in pieces of at most `width` characters, each ending after a break character
  /// where there is one.
  private static func split(_ word: String, width: Int) -> [String] {
    var pieces: [String] = []
    var rest = Substring(word)
    while rest.count > width {
      let window = rest.prefix(width)
      let cut = window.lastIndex { "/@.:".contains($0) }.map { rest.index(after: $0) }
      let end =
        cut.flatMap { rest.distance(from: rest.startIndex, to: $0) > width / 3 ? $0 : nil }
        ?? window.endIndex
      pieces.append(String(rest[..<end]))
      rest = rest[end...]
    }
    pieces.append(String(rest))
    return pieces
  }

  /// `text` as a DOT double-quoted string: quotes and backslashes escaped, line breaks as
  /// `\n`, other control characters dropped.
  public static func quoted(_ text: String) -> String {
    quoted(text, lineEnd: "\\n")
  }

  /// `text` as a DOT double-quoted string whose line breaks are written `lineEnd` (`\l`
  /// ends a left-justified line).
  static func quoted(_ text: String, lineEnd: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += lineEnd
      default:
        if scalar.value >= 0x20 && scalar.value != 0x7F { out.unicodeScalars.append(scalar) }
      }
    }
    return out + "\""
  }
}

extension String {
  fileprivate var trimmingTrailingSpaces: String {
    var text = self
    while text.hasSuffix(" ") { text.removeLast() }
    return text
  }
}
