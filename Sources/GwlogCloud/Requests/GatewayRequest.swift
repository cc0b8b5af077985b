import Foundation
import GwlogEngine

/// The pair a request to a gateway URL exercises (`gwlog why URL`): the gateway whose
/// default hostname is the URL's host, the operation of its API config whose OpenAPI path
/// template matches the URL's path, and the backend that operation's `x-google-backend`
/// routes to (facts/gcp/gateway.dl, `route`).
public struct GatewayRequest: Sendable {
  /// One operation the URL matches and where it goes.
  public struct Match: Sendable {
    /// The gateway's canonical name.
    public var gateway: String
    /// The operation's `operationId`.
    public var operation: String
    /// Its HTTP method, upper case.
    public var method: String
    /// Its OpenAPI path template (`/orders/{id}`).
    public var path: String
    /// The backend it routes to (canonical name, or the address when no backend is loaded).
    public var backend: String
  }

  /// The URL's host, lower case.
  public var host: String
  /// The URL's path, without query or fragment (`/` when empty).
  public var path: String

  /// The parts of `url` (`https://HOST/PATH?QUERY`); nil when it is not an http(s) URL.
  public init?(url: String) {
    guard let components = URLComponents(string: url),
      let scheme = components.scheme?.lowercased(), scheme == "https" || scheme == "http",
      let host = components.host, !host.isEmpty
    else { return nil }
    self.host = host.lowercased()
    self.path = components.path.isEmpty ? "/" : components.path
  }

  /// Every operation of the gateway's current config that the path matches, with its
  /// backend; throws an `unknown-name` error naming what does not match.
  public func matches(in workspace: Workspace) throws -> [Match] {
    let gateways = ModelSession.rows(of: "alias", [.symbol(host), nil], in: workspace)
      .map { $0[1] }.filter { isGateway($0, workspace) }
    guard let gateway = gateways.first else {
      throw DiagnosticError([noGateway(workspace)])
    }
    var matches: [Match] = []
    var templates: [String] = []
    for config in ModelSession.rows(of: "gateway", [.symbol(gateway), nil], in: workspace) {
      let operations = ModelSession.rows(
        of: "operationPath", [.symbol(config[1]), nil, nil, nil], in: workspace)
      for operation in operations {
        templates.append(operation[2] + " " + operation[3])
        guard Self.path(path, matches: operation[3]) else { continue }
        let routes = ModelSession.rows(
          of: "route", [.symbol(gateway), nil, .symbol(operation[1]), nil, nil, nil],
          in: workspace)
        for route in routes {
          matches.append(
            Match(
              gateway: gateway, operation: operation[1], method: operation[2],
              path: operation[3], backend: route[1]))
        }
      }
    }
    guard !matches.isEmpty else {
      throw DiagnosticError([noOperation(gateway: gateway, templates: templates.sorted())])
    }
    return matches.sorted { ($0.path, $0.method, $0.backend) < ($1.path, $1.method, $1.backend) }
  }

  /// Whether a request path matches an OpenAPI path template: segment by segment, `{name}`
  /// standing for one non-empty segment and `{name=**}` for the rest of the path.
  public static func path(_ path: String, matches template: String) -> Bool {
    func segments(_ text: String) -> [Substring] {
      text.split(separator: "/", omittingEmptySubsequences: true)
    }
    let given = segments(path)
    let wanted = segments(template)
    for (k, segment) in wanted.enumerated() {
      if segment.hasPrefix("{") && segment.hasSuffix("=**}") { return given.count > k }
      guard k < given.count else { return false }
      if segment.hasPrefix("{") && segment.hasSuffix("}") { continue }
      if segment != given[k] { return false }
    }
    return given.count == wanted.count
  }

  private func isGateway(_ name: String, _ workspace: Workspace) -> Bool {
    !ModelSession.rows(of: "resource", [.symbol(name), .symbol("gateway")], in: workspace)
      .isEmpty
  }

  /// The hostnames of the loaded gateways, for the error's help.
  private func noGateway(_ workspace: Workspace) -> Diagnostic {
    let hosts = ModelSession.rows(of: "alias", [nil, nil], in: workspace)
      .filter { $0[0].hasSuffix(".gateway.dev") && isGateway($0[1], workspace) }
      .map { "`\($0[0])`" }.sorted()
    return .error(
      .unknownName, "no loaded gateway has the hostname `\(host)`",
      help: hosts.isEmpty
        ? "load the gateway's description (gcloud api-gateway gateways describe G "
          + "--location=L --format=json)"
        : "the loaded gateways answer on " + hosts.joined(separator: ", "))
  }

  private func noOperation(gateway: String, templates: [String]) -> Diagnostic {
    .error(
      .unknownName,
      "no operation of the API config of `\(ResourceNames.shortName(gateway))` matches the "
        + "path `\(path)`",
      help: templates.isEmpty
        ? "load the config's OpenAPI document (gcloud api-gateway api-configs describe C "
          + "--api=A --view=FULL --format=json)"
        : "its operations are " + templates.map { "`\($0)`" }.joined(separator: ", "))
  }
}
