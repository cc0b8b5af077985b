import Foundation
import GwlogEngine

/// The calls that compose a session with the Google Cloud model: one load of the model, the
/// user's programs and fact files and their gcloud JSON (every folder walked once), and an
/// explanation that carries the model's own diagnosis.
public enum ModelSession {
  /// Loads the model (unless `withModel` is false), then every path: `.dl`, `.facts` and
  /// `.tsv` files through the engine, gcloud `.json` / `.ndjson` output through the
  /// importers; returns the importers' problems (the engine's are in
  /// `workspace.diagnostics`).
  ///
  /// Folders are searched recursively, once, in byte order of the paths; model rule files
  /// found on disk (`facts/gcp/...`) are skipped while the model is built in. Without the
  /// model, every path goes to the engine. Gcloud output is imported on `threads` threads
  /// (default: the active cores), with the same facts as on one.
  public static func load(
    paths: [String], into workspace: Workspace, evaluationTime: Int64, withModel: Bool = true,
    assumptions: [ModelAssumption] = [], threads: Int? = nil
  ) -> [Diagnostic] {
    load(
      paths: paths, into: workspace, evaluationTime: evaluationTime, withModel: withModel,
      assumptions: assumptions, threads: threads, settings: LoadSettings()
    ).problems
  }

  /// File name endings read from folders: the engine's sources and gcloud output.
  static let sourceSuffixes = [
    ".dl", ".facts", ".tsv", ".json", ".ndjson", ".yaml", CollectLog.fileName,
  ]

  /// Explains `goal` like `Workspace.explain`, and for a `canInvoke(G, B)` that does not
  /// hold adds the model's causes (every `invokeProblem` of the pair) as the why-not's
  /// findings.
  public static func explain(_ goal: Atom, in workspace: Workspace, depth: Int) throws
    -> Explanation
  {
    let explanation = try workspace.explain(goal, depth: depth)
    guard case .whyNot(var whyNot) = explanation, goal.name == "canInvoke",
      whyNot.goalValues.count == 2, let gateway = whyNot.goalValues[0],
      let backend = whyNot.goalValues[1]
    else { return explanation }
    whyNot.undetermined = missingInputs(gateway: gateway, backend: backend, in: workspace)
    let causes = Causes.of(gateway: gateway, backend: backend, in: workspace)
    if !whyNot.undetermined.isEmpty && causes.isEmpty {
      // It works on what was loaded: what decides it is loading the inputs, not a change.
      whyNot.repairs = []
      whyNot.partials = []
    }
    if !causes.isEmpty {
      whyNot.findings = Findings(
        title: "causes found by the Google Cloud model", key: "causes",
        items: causes.map { cause in
          Findings.Item(
            fields: [("layer", cause.layer), ("code", cause.code), ("detail", cause.detail)],
            text: "\(cause.layer) \(cause.code): \(cause.detail)")
        })
    }
    return .whyNot(whyNot)
  }
}

/// A gap in the snapshot that the user closes explicitly, at their own word.
public enum ModelAssumption: String, Sendable, CaseIterable {
  /// No deny policy is attached where none was listed (`--assume-no-deny`).
  case noDenyPolicies = "no-deny-policies"

  /// What the output says was assumed.
  public var statement: String {
    switch self {
    case .noDenyPolicies:
      return "no deny policy is attached where none was listed (--assume-no-deny)"
    }
  }
}

/// The verdict on one gateway/backend pair, with what it rests on when it is unknown.
public struct PairVerdict: Sendable {
  /// The gateway's canonical name.
  public var gateway: String
  /// The backend's canonical name (or its address when it matches no loaded backend).
  public var backend: String
  /// `yes`, `no` or `unknown`.
  public var verdict: String
  /// For `unknown`: each input that would decide it, with the gcloud command that fetches it.
  public var missing: [String]
}

extension ModelSession {
  /// The verdict of every routed pair matching a `canInvoke(G, B)` goal (constants or
  /// variables), sorted; nil when the goal is not about `canInvoke`.
  public static func verdicts(for goal: Atom, in workspace: Workspace) throws -> [PairVerdict]? {
    guard goal.name == "canInvoke", goal.arguments.count == 2 else { return nil }
    let span = goal.span
    let verdictGoal = Atom(
      name: "verdict", arguments: goal.arguments.map(renamed) + [.variable("Verdict_", span)],
      span: span, nameSpan: goal.nameSpan)
    let result = try workspace.answer(verdictGoal, text: Printer.atom(verdictGoal))
    var verdicts: [PairVerdict] = []
    for row in result.rows {
      var values: [String: Value] = [:]
      for (name, value) in zip(result.variables, row) { values[name] = value }
      func column(_ k: Int) -> Value? {
        switch verdictGoal.arguments[k] {
        case .symbol(let s, _): return .symbol(s)
        case .integer(let i, _): return .integer(i)
        case .variable(let name, _): return values[name]
        default: return nil
        }
      }
      guard let gateway = column(0), let backend = column(1),
        case .symbol(let verdict)? = values["Verdict_"]
      else { continue }
      let missing =
        verdict == "unknown"
        ? missingInputs(gateway: gateway, backend: backend, in: workspace) : []
      verdicts.append(
        PairVerdict(
          gateway: text(gateway), backend: text(backend), verdict: verdict, missing: missing))
    }
    return verdicts
  }

  /// Each input a pair's verdict needs but was not loaded, sorted (empty when decided).
  static func missingInputs(gateway: Value, backend: Value, in workspace: Workspace) -> [String] {
    let span = SourceSpan(file: -1, start: 0, end: 0)
    let goal = Atom(
      name: "canInvokeUnknown",
      arguments: [term(gateway, span), term(backend, span), .variable("Missing", span)],
      span: span, nameSpan: span)
    guard let result = try? workspace.answer(goal, text: Printer.atom(goal)) else { return [] }
    return result.rows.compactMap { row in
      guard case .symbol(let text)? = row.first else { return nil }
      return text
    }
  }

  /// A wildcard becomes a variable, so that every matching pair is listed.
  private static func renamed(_ term: Term) -> Term {
    if case .wildcard(let span) = term { return .variable("Any_\(span.start)", span) }
    return term
  }

  private static func term(_ value: Value, _ span: SourceSpan) -> Term {
    switch value {
    case .symbol(let s): return .symbol(s, span)
    case .integer(let i): return .integer(i, span)
    }
  }

  private static func text(_ value: Value) -> String {
    switch value {
    case .symbol(let s): return s
    case .integer(let i): return String(i)
    }
  }
}
