import GwlogEngine

/// The `--gateway` and `--backend` values of the command line as names the model knows: a
/// full or short name stays as written (the `alias` relation resolves it), a URL becomes the
/// spelling its backend or gateway is known by, and an email names the gateway whose API
/// config uses that service account.
public enum PairNames {
  /// The gateway `written` names; throws an `unknown-name` or `ambiguous-name` error when a
  /// URL or an email names no loaded gateway, or several.
  public static func gateway(_ written: String, in workspace: Workspace) throws -> String {
    if written.contains("://") {
      guard let request = GatewayRequest(url: written) else { return written }
      let rows = ModelSession.rows(of: "alias", [.symbol(request.host), nil], in: workspace)
      for row in rows where isGateway(row[1], workspace) { return row[1] }
      throw DiagnosticError([
        .error(
          .unknownName, "no loaded gateway has the hostname `\(request.host)`",
          help: "a gateway answers on its `defaultHostname` (gcloud api-gateway gateways "
            + "describe G --location=L --format=json)")
      ])
    }
    let email = written.hasPrefix("serviceAccount:") ? String(written.dropFirst(15)) : written
    guard email.contains("@"), !email.contains(":") else { return written }
    let account = "serviceAccount:" + email.lowercased()
    let gateways = Set(
      ModelSession.rows(of: "gatewaySA", [nil, .symbol(account)], in: workspace).map { $0[0] }
    ).sorted()
    guard gateways.count == 1, let gateway = gateways.first else {
      let names = gateways.map { "`\(ResourceNames.shortName($0))`" }.joined(separator: ", ")
      throw DiagnosticError([
        gateways.isEmpty
          ? .error(
            .unknownName, "no loaded gateway uses the service account `\(email)`",
            help: "name the gateway itself, e.g. `--gateway shop-gw`")
          : .error(
            .ambiguousName, "gateways \(names) all use the service account `\(email)`",
            help: "name one of them with `--gateway`")
      ])
    }
    return gateway
  }

  /// The backend `written` names: a URL by the spelling the snapshot knows it by (with or
  /// without its path, the final slash dropped); anything else as written.
  public static func backend(_ written: String, in workspace: Workspace) -> String {
    guard written.contains("://") else { return written }
    var candidates = [written, ResourceNames.url(written)]
    if let request = GatewayRequest(url: written),
      let scheme = written.components(separatedBy: "://").first
    {
      candidates.append(scheme.lowercased() + "://" + request.host)
    }
    for candidate in candidates {
      if !ModelSession.rows(of: "alias", [.symbol(candidate), nil], in: workspace).isEmpty {
        return candidate
      }
    }
    // An address that matches no loaded backend is the backend's name (facts/gcp/gateway.dl).
    return ResourceNames.url(written)
  }

  private static func isGateway(_ name: String, _ workspace: Workspace) -> Bool {
    !ModelSession.rows(of: "resource", [.symbol(name), .symbol("gateway")], in: workspace)
      .isEmpty
  }
}
