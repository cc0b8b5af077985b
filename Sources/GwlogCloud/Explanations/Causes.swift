import GwlogEngine

/// The model's own diagnosis of a broken gateway/backend pair, shown next to a why-not:
/// every `invokeProblem(Gateway, Backend, Layer, Code, Detail)` row for the goal's pair.
public enum Causes {
  /// One failing layer.
  public struct Cause: Sendable {
    /// `L1` … `L7`.
    public var layer: String
    /// A stable code such as `denied` or `ingress`.
    public var code: String
    /// What is wrong and how to fix it.
    public var detail: String
  }

  /// Codes that point at a grant near the right one (another resource, another account)
  /// rather than say what is missing: listed after the other causes of their layer.
  static let hints: Set<String> = ["granted-elsewhere", "granted-to-another-account"]

  /// The causes of a broken gateway/backend pair (canonical names, as after alias
  /// rewriting): every `invokeProblem` row of the pair, or none; by layer, and within a
  /// layer the hints (`hints`) last.
  public static func of(gateway: Value, backend: Value, in workspace: Workspace) -> [Cause] {
    let span = SourceSpan(file: -1, start: 0, end: 0)
    func constant(_ value: Value) -> Term {
      switch value {
      case .symbol(let s): return .symbol(s, span)
      case .integer(let i): return .integer(i, span)
      }
    }
    let goal = Atom(
      name: "invokeProblem",
      arguments: [
        constant(gateway), constant(backend), .variable("Layer", span), .variable("Code", span),
        .variable("Detail", span),
      ], span: span, nameSpan: span)
    guard let result = try? workspace.answer(goal, text: Printer.atom(goal)) else { return [] }
    let causes = result.rows.compactMap { row -> Cause? in
      guard row.count == 3, case .symbol(let l) = row[0], case .symbol(let c) = row[1],
        case .symbol(let d) = row[2]
      else { return nil }
      return Cause(layer: l, code: c, detail: d)
    }
    return causes.enumerated().sorted { a, b in
      let ka = (a.element.layer, hints.contains(a.element.code) ? 1 : 0, a.offset)
      let kb = (b.element.layer, hints.contains(b.element.code) ? 1 : 0, b.offset)
      return ka < kb
    }.map(\.element)
  }
}
