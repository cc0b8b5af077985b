import GwlogEngine

/// Phrases why-not repairs of the model's input relations in a Google Cloud user's terms
/// ("grant roles/run.invoker to … on …") instead of as facts to add or remove.
public enum RepairPhrasing {
  /// The user-facing description of a repair, or nil to keep the plain fact form.
  @Sendable public static func describe(
    _ action: Repair.Action, _ relation: String, _ values: [Value?]
  ) -> String? {
    let v = values.map { $0.map(text) ?? "(any)" }
    switch (action, relation, v.count) {
    case (.add, "binding", 4):
      let condition = values[3].map(text) ?? ""
      return "grant \(v[1]) to \(v[2]) on \(v[0])"
        + (condition.isEmpty ? "" : " with condition \(condition)")
    case (.add, "exceptionPrincipal", 2):
      return "exempt \(v[1]) from \(denyRule(v[0]))"
    case (.add, "exceptionPermission", 2):
      return "exempt permission \(v[1]) from \(denyRule(v[0]))"
    case (.remove, "deniedPrincipal", 2):
      return "remove \(v[1]) from the denied principals of \(denyRule(v[0]))"
    case (.remove, "deniedPermission", 2):
      return "remove \(v[1]) from the denied permissions of \(denyRule(v[0]))"
    case (.add, "denialCondition", 3):
      return "give \(denyRule(v[0])) a condition that excludes this call"
    case (.remove, "ingress", 2):
      return "set the ingress of \(v[0]) to all (it is \(v[1]))"
    case (.add, "invokerIamDisabled", 1):
      return
        "disable the invoker IAM check of \(v[0]): this opens it to everyone on the internet"
    case (.add, "groupMember", 2):
      return "add \(v[0]) to \(v[1])"
    case (.remove, "groupMember", 2):
      return "remove \(v[0]) from \(v[1])"
    case (.add, "customAudience", 2):
      return "add \(v[1]) as a custom audience of \(v[0])"
    case (.add, "serviceAccount", 3):
      return "make \(v[0]) \(v[2]) (re-enable or undelete it)"
    case (.add, "customRole", 3):
      return "make custom role \(v[0]) \(v[2]) (undelete or enable it)"
    case (.add, "gateway", 2):
      return "point gateway \(v[0]) at API config \(v[1])"
    case (.add, "backendSpec", 5):
      return
        "deploy a new API config whose x-google-backend for \(v[1] == "" ? "the document" : "operation " + v[1]) has address \(v[2]), disable_auth \(v[3]), jwt_audience \(v[4] == "" ? "(default)" : v[4])"
    case (.add, "condition", 3):
      return "change condition `\(v[0])` so that it holds for this call (it is false now)"
    case (.add, "apiConfig", 3):
      return "create API config \(v[0]) with gateway service account \(v[2])"
    default:
      return nil
    }
  }

  /// `rule K of deny policy ID` for a rule `policies/POINT/denypolicies/ID#K` (the rule names
  /// of facts/gcp/inputs.dl); other names as `deny rule NAME`.
  static func denyRule(_ rule: String) -> String {
    guard let edit = DenyPolicyEdit(rule: rule) else { return "deny rule \(rule)" }
    return "rule \(edit.index) of deny policy \(edit.id)"
  }

  private static func text(_ value: Value) -> String {
    switch value {
    case .symbol(let s): return s
    case .integer(let i): return String(i)
    }
  }
}
