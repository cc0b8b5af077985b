/// The Graphviz DOT form: one graph node per proof node (boxes for rules, ellipses for facts,
/// dashed for negations and built-ins) with parent → child edges, and for a why-not a small
/// graph goal → chain → repair.
extension ProofRenderer {
  /// The proof as `digraph proof { … }`.
  public func dot(_ proof: Proof) -> String {
    var out = "digraph proof {\n  node [fontname=\"monospace\"];\n"
    var edges = ""
    for (k, node) in proof.nodes.enumerated() {
      var label = node.text
      var attributes: [String] = []
      switch node.kind {
      case .rule:
        label += "\nrule " + (node.source?.description ?? "?") + "  h=\(node.height)"
        attributes.append("shape=box")
      case .fact:
        if let source = node.source { label += "\n" + source.description }
        attributes.append("shape=ellipse")
      case .negation, .builtin:
        if node.kind == .builtin { label += " ✓" }
        attributes += ["shape=ellipse", "style=dashed"]
      case .aggregate:
        if let detail = node.detail { label += "\n" + detail }
        attributes.append("shape=ellipse")
      case .reference:
        label += "\n(" + (node.detail ?? "proved above") + ")"
        attributes += ["shape=box", "style=dotted"]
      case .missing, .blocked:
        attributes += ["shape=ellipse", "color=red"]
      }
      out += "  n\(k) [label=\(Self.quoted(label)), \(attributes.joined(separator: ", "))];\n"
      for child in node.children where child >= 0 && child < proof.nodes.count {
        edges += "  n\(k) -> n\(child);\n"
      }
    }
    return out + edges + "}\n"
  }

  /// The why-not as `digraph whynot { … }`: the goal, each repair's chain of rules, and the
  /// repair itself (green to add, red to remove).
  public func dot(_ whyNot: WhyNot) -> String {
    var out = "digraph whynot {\n  node [fontname=\"monospace\"];\n"
    let verb = whyNot.undetermined.isEmpty ? whyNot.verb : "is unknown"
    out += "  goal [label=\(Self.quoted(whyNot.goal + "\n" + verb)), shape=octagon];\n"
    for (r, repair) in whyNot.repairs.enumerated() {
      var previous = "goal"
      for (s, step) in repair.chain.enumerated() {
        let id = "r\(r)s\(s)"
        let label = step.goal + "\nvia rule " + (step.source?.description ?? "?")
        out += "  \(id) [label=\(Self.quoted(label)), shape=box];\n"
        out += "  \(previous) -> \(id);\n"
        previous = id
      }
      var label = repair.summary
      for condition in repair.conditions { label += "\nif " + condition }
      if let origin = repair.origin { label += "\n" + origin.description }
      let color = repair.action == .add ? "darkgreen" : "red"
      out += "  r\(r) [label=\(Self.quoted(label)), shape=note, color=\(color)];\n"
      out += "  \(previous) -> r\(r);\n"
    }
    if !whyNot.undetermined.isEmpty {
      let label = (["unknown: not loaded"] + whyNot.undetermined).joined(separator: "\n")
      out += "  missing [label=\(Self.quoted(label)), shape=note, color=orange];\n"
      out += "  goal -> missing [style=dotted];\n"
    }
    if let findings = whyNot.findings, !findings.items.isEmpty {
      let label = ([findings.title + ":"] + findings.items.map(\.text)).joined(separator: "\n")
      out += "  findings [label=\(Self.quoted(label)), shape=note, color=blue];\n"
      out += "  goal -> findings [style=dotted];\n"
    }
    for (p, partial) in whyNot.partials.enumerated() {
      let label =
        "closest: rule " + (partial.source?.description ?? "?") + "\nfails: " + partial.failing
        + "\n" + partial.reason
      out += "  p\(p) [label=\(Self.quoted(label)), shape=box, style=dashed];\n"
      out += "  goal -> p\(p);\n"
    }
    return out + "}\n"
  }

  /// `text` as a DOT double-quoted string: quotes and backslashes escaped, line breaks as
  /// `\n`, other control characters dropped.
  public static func quoted(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      default:
        if scalar.value >= 0x20 && scalar.value != 0x7F { out.unicodeScalars.append(scalar) }
      }
    }
    return out + "\""
  }
}
