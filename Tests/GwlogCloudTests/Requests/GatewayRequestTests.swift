import Foundation
import GwlogEngine
import Testing

@testable import GwlogCloud

/// `gwlog why URL` and `--gateway` / `--backend`: every route of the example organisation
/// (facts/example/README.md, its OpenAPI documents) is found from the gateway's default
/// hostname and the operation's path, and the flags' spellings name the same pair.
@Suite struct GatewayRequestTests {
  static let shopHost = "https://shop-gw-1a2b3c4d.uc.gateway.dev"
  static let partnerHost = "https://partner-gw-5e6f7a8b.uc.gateway.dev"
  static let adminHost = "https://admin-gw-9c0d1e2f.uc.gateway.dev"

  /// Each route: the URL a caller uses, the operation and the backend it reaches.
  static let routes: [(url: String, operation: String, method: String, backend: String)] = [
    (shopHost + "/orders", "listOrders", "GET", ExampleOrgTests.orders),
    (shopHost + "/inventory?sku=42", "getInventory", "GET", ExampleOrgTests.inventory),
    (shopHost + "/pay", "pay", "POST", ExampleOrgTests.payments),
    (shopHost + "/checkout/", "checkout", "POST", ExampleOrgTests.checkout),
    (shopHost + "/status", "status", "GET", ExampleOrgTests.status),
    (shopHost + "/geocode", "geocode", "GET", ExampleOrgTests.geocode),
    (partnerHost + "/report", "report", "GET", ExampleOrgTests.report),
    (partnerHost + "/legacy", "legacyUi", "GET", ExampleOrgTests.app),
    (partnerHost + "/audit", "audit", "POST", ExampleOrgTests.audit),
    (
      adminHost.uppercased().replacingOccurrences(of: "HTTPS", with: "https") + "/admin/orders",
      "adminOrders", "GET", ExampleOrgTests.orders
    ),
  ]

  static func example() throws -> Workspace {
    let workspace = Workspace()
    _ = ModelSession.load(
      paths: [ExampleOrgTests.example], into: workspace,
      evaluationTime: ExampleOrgTests.evaluationTime)
    try workspace.evaluate()
    return workspace
  }

  /// The report of `canInvoke(gateway, backend)`, names as the goal would carry them.
  static func report(_ gateway: String, _ backend: String, in workspace: Workspace) throws
    -> PairReport?
  {
    let goal =
      "canInvoke(\(Value.symbol(gateway).description), \(Value.symbol(backend).description))"
    let explanation = try ModelSession.explain(
      try workspace.parseGoal(goal), in: workspace, depth: 12)
    return PairReport.make(explanation, in: workspace)
  }

  @Test func everyRouteOfTheExampleIsFoundFromItsURL() throws {
    let workspace = try Self.example()
    var gateways: Set<String> = []
    for route in Self.routes {
      let request = try #require(GatewayRequest(url: route.url))
      let matches = try request.matches(in: workspace)
      #expect(matches.count == 1, "\(route.url): \(matches.map(\.operation))")
      #expect(matches.first?.operation == route.operation, "\(route.url)")
      #expect(matches.first?.method == route.method, "\(route.url)")
      #expect(matches.first?.backend == route.backend, "\(route.url)")
      gateways.insert(matches.first?.gateway ?? "")
    }
    #expect(gateways == [ExampleOrgTests.shop, ExampleOrgTests.partner, ExampleOrgTests.admin])

    // What matches nothing is an error that lists what would.
    let unknownPath = try #require(GatewayRequest(url: Self.shopHost + "/nothing"))
    #expect {
      try unknownPath.matches(in: workspace)
    } throws: { error in
      let text = (error as? DiagnosticError)?.diagnostics.first.map { $0.help ?? "" } ?? ""
      return text.contains("`POST /pay`")
    }
    let unknownHost = try #require(GatewayRequest(url: "https://nope.uc.gateway.dev/pay"))
    #expect {
      try unknownHost.matches(in: workspace)
    } throws: { error in
      let help = (error as? DiagnosticError)?.diagnostics.first?.help ?? ""
      return help.contains("`shop-gw-1a2b3c4d.uc.gateway.dev`")
    }
  }

  @Test func theFlagsTakeNamesURLsAndEmails() throws {
    let workspace = try Self.example()
    for spelling in [
      "shop-gw", ExampleOrgTests.shop, Self.shopHost, Self.shopHost + "/pay",
      "gw-shop@gw-prod.iam.gserviceaccount.com",
      "serviceAccount:gw-shop@gw-prod.iam.gserviceaccount.com",
    ] {
      let name = try PairNames.gateway(spelling, in: workspace)
      let report = try Self.report(name, "orders-api", in: workspace)
      #expect(report?.gateway == ExampleOrgTests.shop, "\(spelling) → \(name)")
      #expect(report?.verdict == "yes", "\(spelling) → \(name)")
    }
    #expect(throws: DiagnosticError.self) {
      try PairNames.gateway("nobody@example.com", in: workspace)
    }
    // A backend URL with or without a path or final slash names the service.
    for spelling in [
      "https://payments-api-x7k2m9pq-uc.a.run.app", "https://payments-api-x7k2m9pq-uc.a.run.app/",
      "https://payments-api-x7k2m9pq-uc.a.run.app/pay",
    ] {
      let name = PairNames.backend(spelling, in: workspace)
      let report = try Self.report("shop-gw", name, in: workspace)
      #expect(report?.backend == ExampleOrgTests.payments, "\(spelling) → \(name)")
    }
    #expect(PairNames.backend(ExampleOrgTests.geocode, in: workspace) == ExampleOrgTests.geocode)
  }

  @Test func pathTemplatesMatchSegmentBySegment() {
    #expect(GatewayRequest.path("/orders/42", matches: "/orders/{id}"))
    #expect(GatewayRequest.path("/orders/", matches: "/orders"))
    #expect(!GatewayRequest.path("/orders/42/items", matches: "/orders/{id}"))
    #expect(!GatewayRequest.path("/orders", matches: "/orders/{id}"))
    #expect(GatewayRequest.path("/files/a/b/c", matches: "/files/{path=**}"))
    #expect(!GatewayRequest.path("/order", matches: "/orders"))
    #expect(GatewayRequest(url: "ftp://x/y") == nil)
    #expect(GatewayRequest(url: "not a url") == nil)
    #expect(GatewayRequest(url: "https://h.example/p?q=1#f")?.path == "/p")
  }
}
