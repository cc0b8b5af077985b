import GwlogEngine

/// Fixes of more than one change, for causes whose own remedy no single-fact repair makes:
/// a disabled gateway account is re-enabled and, where it holds no invoker role on the
/// backend, granted one (the why-not finds only single changes, such as pointing the gateway
/// at another API's config, which is no fix for the gateway's own API).
extension PairReport {
  /// The plan the first cause asks for, or nil when single-fact repairs are the answer.
  static func plan(
    for causes: [Causes.Cause], gateway: Value, backend: Value, in workspace: Workspace
  ) -> Fix? {
    guard causes.first?.code == "service-account-disabled" else { return nil }
    guard
      let account = ModelSession.rows(of: "gatewaySA", [gateway, nil], in: workspace).first?[1],
      let email = GcloudFix.email(of: account)
    else { return nil }
    let project = ModelSession.rows(
      of: "serviceAccount", [.symbol(account), nil, nil], in: workspace
    )
    .first?[1]
    var commands = [
      "gcloud iam service-accounts enable \(email)"
        + (project.map { " --project=" + $0.replacingOccurrences(of: "projects/", with: "") } ?? "")
    ]
    var grants: [String] = []
    for gate in ModelSession.rows(of: "gate", [backend, nil, nil], in: workspace) {
      let (permission, resource) = (gate[1], gate[2])
      let held = ModelSession.rows(
        of: "allows", [.symbol(account), .symbol(permission), .symbol(resource)], in: workspace)
      guard held.isEmpty,
        let role = ModelSession.rows(of: "invokerRole", [.symbol(permission), nil], in: workspace)
          .first?[1]
      else { continue }
      let values: [Value?] = [.symbol(resource), .symbol(role), .symbol(account), .symbol("")]
      commands += GcloudFix.commands(
        .add, "binding", values, lookup: ModelSession.lookup(in: workspace))
      grants.append("grant it \(role) on \(resource)")
    }
    let summary = (["re-enable \(account)"] + grants).joined(separator: " and ")
    return Fix(repair: nil, summary: summary, commands: commands)
  }
}
