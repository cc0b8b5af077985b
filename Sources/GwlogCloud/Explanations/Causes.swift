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

  /// The causes for a `canInvoke(G, B)` goal (as written after alias rewriting), or none.
  public static func of(goal: String, in workspace: Workspace) -> [Cause] {
    let file = SourceFile(path: "<goal>", text: goal)
    guard case .success(let atom) = Parser.parseGoal(file, fileID: -1),
      atom.name == "canInvoke", atom.arguments.count == 2
    else { return [] }
    let gateway = Printer.term(atom.arguments[0])
    let backend = Printer.term(atom.arguments[1])
    guard
      let result = try? workspace.query(
        "invokeProblem(\(gateway), \(backend), Layer, Code, Detail)")
    else { return [] }
    return result.rows.compactMap { row in
      guard row.count == 3, case .symbol(let l) = row[0], case .symbol(let c) = row[1],
        case .symbol(let d) = row[2]
      else { return nil }
      return Cause(layer: l, code: c, detail: d)
    }
  }
}
