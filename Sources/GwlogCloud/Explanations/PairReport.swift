import GwlogEngine

/// What `explain` says first about one gateway/backend pair: the verdict, the failing layer
/// and its cause, the one recommended fix as gcloud commands, a few alternatives, and for a
/// pair that works the input facts it rests on (docs/language.md#explain).
///
/// It is built from the explanation of `canInvoke(G, B)` (proof or why-not, with the model's
/// causes as findings) and never changes it; the full explanation stays available.
public struct PairReport: Sendable {
  /// A way to make the pair work: the repair, its phrasing and the commands that apply it.
  public struct Fix: Sendable {
    /// The repair as the why-not found it; nil for a plan of several changes.
    public var repair: Repair?
    /// The change in the user's terms.
    public var summary: String
    /// The gcloud commands that make the change; empty when none is known.
    public var commands: [String]
  }

  /// An input the verdict needs but the snapshot lacks, and the command that fetches it.
  public struct MissingInput: Sendable {
    /// What is missing (`the members of group:…`).
    public var what: String
    /// The gcloud command with its output file, when the model knows it.
    public var command: String?
  }

  /// A model warning on a pair that works (`public-backend`, `non-compliant`, …).
  public struct Warning: Sendable {
    /// The warning's stable code.
    public var code: String
    /// What deserves attention.
    public var detail: String
  }

  /// `yes`, `no` or `unknown`.
  public var verdict: String
  /// The gateway's canonical name.
  public var gateway: String
  /// The backend's canonical name (or its address).
  public var backend: String
  /// The model's causes, most relevant first (empty for `yes`).
  public var causes: [Causes.Cause]
  /// Every repair, best first; the first is the recommended fix unless there is a `plan`.
  public var fixes: [Fix]
  /// A fix of several changes that the first cause asks for, recommended before the repairs.
  public var plan: Fix?
  /// For `unknown`: each input that would decide the verdict.
  public var missing: [MissingInput]
  /// For `yes`: the input facts of the proof, in proof order.
  public var restsOn: [ProofNode]
  /// For `yes`: the model's warnings on the pair.
  public var warnings: [Warning]

  /// The report of a `canInvoke(G, B)` explanation; nil for any other goal, or a why-not of
  /// a goal with variables (which names no pair).
  public static func make(_ explanation: Explanation, in workspace: Workspace) -> PairReport? {
    switch explanation {
    case .proof(let proof):
      guard let root = proof.root, root.relation == "canInvoke", root.values.count == 2 else {
        return nil
      }
      var seen = Set<String>()
      let facts = proof.nodes.filter { $0.kind == .fact && seen.insert($0.text).inserted }
      let (gateway, backend) = (text(root.values[0]), text(root.values[1]))
      return PairReport(
        verdict: "yes", gateway: gateway, backend: backend,
        causes: [], fixes: [], plan: nil, missing: [], restsOn: facts,
        warnings: warnings(gateway: root.values[0], backend: root.values[1], in: workspace))
    case .whyNot(let whyNot):
      guard whyNot.goal.hasPrefix("canInvoke("), whyNot.goalValues.count == 2,
        let gateway = whyNot.goalValues[0], let backend = whyNot.goalValues[1]
      else { return nil }
      let causes = (whyNot.findings?.items ?? []).compactMap(cause)
      let lookup = ModelSession.lookup(in: workspace)
      let fixes = whyNot.repairs.map { repair in
        Fix(
          repair: repair, summary: repair.summary,
          commands: GcloudFix.commands(for: repair, lookup: lookup))
      }
      return PairReport(
        verdict: whyNot.verdict, gateway: text(gateway), backend: text(backend),
        causes: causes, fixes: fixes,
        plan: plan(for: causes, gateway: gateway, backend: backend, in: workspace),
        missing: whyNot.undetermined.map(missingInput), restsOn: [], warnings: [])
    }
  }

  /// A finding of `ModelSession.explain` back as a cause.
  private static func cause(_ item: Findings.Item) -> Causes.Cause? {
    func field(_ name: String) -> String? { item.fields.first { $0.name == name }?.value }
    guard let layer = field("layer"), let code = field("code"), let detail = field("detail")
    else { return nil }
    return Causes.Cause(layer: layer, code: code, detail: detail)
  }

  /// `WHAT: gcloud … > FILE` (`FetchCommands`) split into its parts.
  static func missingInput(_ text: String) -> MissingInput {
    guard let split = text.range(of: ": gcloud ") else {
      return MissingInput(what: text, command: nil)
    }
    return MissingInput(
      what: String(text[..<split.lowerBound]),
      command: "gcloud " + text[split.upperBound...])
  }

  /// Every `invokeWarning` of the pair.
  private static func warnings(gateway: Value, backend: Value, in workspace: Workspace)
    -> [Warning]
  {
    let rows = ModelSession.rows(
      of: "invokeWarning", [gateway, backend, nil, nil], in: workspace)
    return rows.compactMap { row in
      guard row.count == 4 else { return nil }
      return Warning(code: row[2], detail: row[3])
    }
  }

  private static func text(_ value: Value) -> String {
    switch value {
    case .symbol(let s): return s
    case .integer(let i): return String(i)
    }
  }
}

extension ModelSession {
  /// Every row of `relation` that agrees with `pattern` where it is not nil, as text; empty
  /// when the relation is unknown or the question fails.
  static func rows(of relation: String, _ pattern: [Value?], in workspace: Workspace)
    -> [[String]]
  {
    let span = SourceSpan(file: -1, start: 0, end: 0)
    let arguments: [Term] = pattern.enumerated().map { k, value in
      switch value {
      case .symbol(let s)?: return .symbol(s, span)
      case .integer(let i)?: return .integer(i, span)
      case nil: return .variable("V\(k)_", span)
      }
    }
    let goal = Atom(name: relation, arguments: arguments, span: span, nameSpan: span)
    guard let result = try? workspace.answer(goal, text: Printer.atom(goal)) else { return [] }
    return result.rows.map { row in
      var values = pattern.map { value -> String? in
        switch value {
        case .symbol(let s)?: return s
        case .integer(let i)?: return String(i)
        case nil: return nil
        }
      }
      var next = row.makeIterator()
      for k in values.indices where values[k] == nil {
        switch next.next() {
        case .symbol(let s)?: values[k] = s
        case .integer(let i)?: values[k] = String(i)
        case nil: values[k] = ""
        }
      }
      return values.map { $0 ?? "" }
    }
  }

  /// The lookup `GcloudFix` uses, answered by `workspace`.
  static func lookup(in workspace: Workspace) -> GcloudFix.Lookup {
    { relation, pattern in
      rows(of: relation, pattern.map { $0.map(Value.symbol) }, in: workspace)
    }
  }
}
