import GwlogEngine

/// Input facts of the model in a Google Cloud user's words (`gw-shop@… is a member of
/// group:gateway-callers@…`), for the facts a working pair rests on; a relation without a
/// phrasing keeps its source form.
enum FactPhrasing {
  /// The fact as a short sentence.
  static func describe(_ fact: ProofNode) -> String {
    let v = fact.values.map { value -> String in
      switch value {
      case .symbol(let s): return s
      case .integer(let i): return String(i)
      }
    }
    switch (fact.relation ?? "", v.count) {
    case ("binding", 4):
      return "\(v[2]) holds \(v[1]) on \(v[0])" + (v[3].isEmpty ? "" : " (condition \(v[3]))")
    case ("groupMember", 2): return "\(v[0]) is a member of \(v[1])"
    case ("serviceAccount", 3): return "\(v[0]) is \(v[2])"
    case ("gateway", 2): return "gateway \(v[0]) serves API config \(v[1])"
    case ("apiConfig", 3):
      return "API config \(v[0]) calls as " + (v[2].isEmpty ? "no service account" : v[2])
    case ("operation", 2): return "API config \(v[0]) has operation \(v[1])"
    case ("backendSpec", 5):
      let scope = v[1].isEmpty ? "its default backend" : "operation \(v[1])"
      var text = "in \(v[0]), \(scope) goes to \(v[2])"
      if v[3] == "true" { text += " without a token (disable_auth)" }
      if !v[4].isEmpty { text += " with audience \(v[4])" }
      return text
    case ("backendUrl", 2): return "\(v[0]) answers on \(v[1])"
    case ("parent", 2): return "\(v[0]) is in \(v[1])"
    case ("resource", 2): return "\(v[0]) is a \(v[1])"
    case ("runService", 1): return "\(v[0]) is a Cloud Run service"
    case ("rolePermission", 2): return "\(v[0]) includes \(v[1])"
    case ("invokePermission", 1): return "\(v[0]) is a permission that invokes a backend"
    case ("invokerRole", 2): return "\(v[1]) is the role that grants \(v[0])"
    case ("invokerIamDisabled", 1): return "\(v[0]) has its invoker IAM check disabled"
    case ("ingress", 2): return "the ingress of \(v[0]) is \(v[1])"
    case ("function", 2): return "\(v[0]) is a generation \(v[1]) function"
    case ("functionTrigger", 2): return "\(v[0]) is triggered by \(v[1])"
    case ("functionService", 2): return "\(v[0]) runs as Cloud Run service \(v[1])"
    case ("appEngineApp", 1): return "\(v[0]) is an App Engine app"
    case ("iapEnabled", 1): return "IAP is on for \(v[0])"
    case ("iapClientId", 2): return "IAP of \(v[0]) accepts the audience \(v[1])"
    case ("iapResource", 2): return "IAP checks \(v[0]) on \(v[1])"
    case ("customAudience", 2): return "\(v[0]) accepts the audience \(v[1])"
    default: return fact.text
    }
  }
}
