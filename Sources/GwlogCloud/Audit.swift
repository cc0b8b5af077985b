import GwlogEngine

/// One finding of `gwlog audit`: a cause of a broken gateway/backend pair (`invokeProblem`),
/// a configuration an organization policy rejects (`nonCompliant`) or a backend anyone may
/// invoke (`publicBackend`), with the input facts it rests on.
public struct AuditFinding: Sendable {
  /// Which model relation the finding is a row of.
  public enum Kind: String, Sendable, CaseIterable {
    case invokeProblem, nonCompliant, publicBackend
  }

  /// The relation.
  public var kind: Kind
  /// A stable rule id: `invokeProblem/L6/missing-permission`, `nonCompliant/run.allowedIngress`,
  /// `publicBackend`.
  public var rule: String
  /// The gateway, for `invokeProblem`.
  public var gateway: String?
  /// The backend (`invokeProblem`, `publicBackend`) or the resource (`nonCompliant`).
  public var resource: String
  /// The model's detail: the cause and its fix, or how the backend is open.
  public var detail: String
  /// One sentence for people.
  public var message: String
  /// Where the finding rests in the loaded files, the most specific first: the origins of
  /// the input facts of its proof (never the model's own files).
  public var locations: [FactOrigin]
}

/// Collects the findings of an evaluated workspace with the Google Cloud model, each
/// located at the input facts of its proof.
public enum Audit {
  /// Every finding, in the order of the model's relations and then of their rows.
  public static func findings(in workspace: Workspace) throws -> [AuditFinding] {
    var out: [AuditFinding] = []
    for row in try workspace.query("invokeProblem(G, B, L, C, D)").rows {
      let text = row.map(Self.text)
      let (gateway, backend, layer, code, detail) = (text[0], text[1], text[2], text[3], text[4])
      var preferred = Self.preference(layer: layer)
      var extra: [FactOrigin] = []
      if layer == "L6" { extra = policyOrigins(of: backend, in: workspace) }
      if layer == "L6" { preferred.insert(contentsOf: ["binding", "condition"], at: 0) }
      out.append(
        AuditFinding(
          kind: .invokeProblem, rule: "invokeProblem/\(layer)/\(code)", gateway: gateway,
          resource: backend, detail: detail,
          message: "`\(gateway)` cannot invoke `\(backend)` (\(layer) \(code)): \(detail)",
          locations: locations(
            of: "invokeProblem", row, preferring: preferred, extra: extra, in: workspace)))
    }
    for row in try workspace.query("nonCompliant(R, C, D)").rows {
      let text = row.map(Self.text)
      out.append(
        AuditFinding(
          kind: .nonCompliant, rule: "nonCompliant/\(text[1])", gateway: nil, resource: text[0],
          detail: text[2], message: "`\(text[0])` violates \(text[1]): \(text[2])",
          locations: locations(
            of: "nonCompliant", row,
            preferring: [
              "invokerIamDisabled", "ingress", "binding", "orgPolicyBoolean", "orgPolicyList",
            ],
            in: workspace)))
    }
    for row in try workspace.query("publicBackend(B, How)").rows {
      let text = row.map(Self.text)
      out.append(
        AuditFinding(
          kind: .publicBackend, rule: "publicBackend", gateway: nil, resource: text[0],
          detail: text[1], message: "anyone may invoke `\(text[0])`: \(text[1])",
          locations: locations(
            of: "publicBackend", row,
            preferring: ["invokerIamDisabled", "binding", "iapEnabled", "appEngineApp"],
            in: workspace)))
    }
    return out
  }

  /// The input relations that locate a cause of each layer best, most specific first
  /// (docs/google-cloud-model.md#how-a-call-is-decided): the deny rule for L7, the ingress
  /// setting for L5, the account for L3, the API config's backend for routing and tokens.
  static func preference(layer: String) -> [String] {
    switch layer {
    case "L7":
      return [
        "deniedPrincipal", "denyRule", "denialCondition", "denyPolicy", "denyPolicyUnfetched",
      ]
    case "L6": return ["customRole", "groupMember", "groupMembersRead"]
    case "L5": return ["ingress", "orgPolicyList"]
    case "L3": return ["serviceAccount", "apiConfig", "backendSpec"]
    default:
      return ["defaultUrlDisabled", "functionTrigger", "backendSpec", "apiConfig", "gateway"]
    }
  }

  /// The origins of the allow policies read for the resource whose policy gates `backend`
  /// (where a missing grant belongs).
  private static func policyOrigins(of backend: String, in workspace: Workspace) -> [FactOrigin] {
    let gated = workspace.tuples(of: "gateResource").filter { $0.first == .symbol(backend) }
    return gated.compactMap { row in
      guard row.count == 2 else { return nil }
      return workspace.proof(of: "allowPolicyRead", [row[1]])?.root?.source
    }
  }

  /// The origins of the input facts in the proof of `relation(row)`: first those of the
  /// `preferring` relations in that order, then `extra`, then the rest in proof order;
  /// without duplicates and without the model's own files.
  private static func locations(
    of relation: String, _ row: [Value], preferring: [String], extra: [FactOrigin] = [],
    in workspace: Workspace
  ) -> [FactOrigin] {
    var leaves: [(relation: String, origin: FactOrigin)] = []
    for node in workspace.proof(of: relation, row)?.nodes ?? [] where node.kind == .fact {
      guard let origin = node.source, let name = node.relation,
        !origin.file.hasPrefix(GoogleCloudModel.pathPrefix)
      else { continue }
      leaves.append((name, origin))
    }
    var ordered: [FactOrigin] = []
    for name in preferring {
      ordered += leaves.filter { $0.relation == name }.map(\.origin)
    }
    ordered += extra
    ordered += leaves.map(\.origin)
    var seen = Set<FactOrigin>()
    return ordered.filter { seen.insert($0).inserted }
  }

  private static func text(_ value: Value) -> String {
    switch value {
    case .symbol(let s): return s
    case .integer(let i): return String(i)
    }
  }
}
