import Foundation
import GwlogEngine
import Testing

@testable import GwlogCloud

/// Customer of the organization's principals, App Engine `-dot-` hosts, custom domains as
/// names, and recreated service accounts (issue 7, items 3 and 6).
@Suite struct ImportGapTests {
  typealias S = ImportScenarioTests

  /// Writes `files` (relative path → text) into a fresh folder.
  static func folder(_ files: [String: String]) throws -> String {
    let dir = try ImportFixtures.temporaryDirectory()
    for (name, text) in files {
      let path = dir + "/" + name
      try FileManager.default.createDirectory(
        atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
      try ImportFixtures.write(text, to: path)
    }
    return dir
  }

  static func model(_ dir: String) -> (Workspace, [Diagnostic]) {
    let workspace = Workspace()
    GoogleCloudModel.load(into: workspace, evaluationTime: S.january31)
    let diagnostics = GcloudImport.load(paths: [dir], into: workspace)
    return (workspace, diagnostics)
  }

  @Test func memberDomainFromTheOrganizationsList() {
    let facts = ImportFixtures.facts(
      [
        "organizations-list.json", "folders-describe.json", "projects-describe-gw.json",
        "projects-get-iam-policy-backend-prod.json",
      ].map(ImportFixtures.path)
    ).facts
    let domains = facts.filter { $0.relation == "memberDomain" }
    #expect(
      Set(domains.map(ImportFixtures.line)) == [
        #"memberDomain("serviceAccount:api-gw@gw-prod.iam.gserviceaccount.com", "C01abcd23")"#,
        #"memberDomain("user:alice@example.com", "C01abcd23")"#,
        #"memberDomain("group:backend-admins@example.com", "C01abcd23")"#,
        #"memberDomain("group:gateway-callers@example.com", "C01abcd23")"#,
      ])
    // The customer ID is where the fact comes from.
    #expect(
      domains.allSatisfy {
        $0.origin.file.hasSuffix("organizations-list.json")
          && $0.origin.path == "/0/owner/directoryCustomerId"
      })
  }

  @Test func memberDomainIsConservative() throws {
    let dir = try Self.folder([
      "org.json":
        #"[{"name": "organizations/1", "displayName": "Example.com", "owner": {"directoryCustomerId": "C0x"}}]"#,
      "projects/in.json": S.project("in-org", "11"),
      "sa/elsewhere.json":
        #"{"email": "b@in-org.iam.gserviceaccount.com", "uniqueId": "9", "projectId": "stray"}"#,
      "projects-get-iam-policy-in-org.json": """
      {"bindings": [{"role": "roles/run.invoker", "members": [
        "domain:example.com", "domain:other.com", "user:bob@sub.example.com",
        "user:eve@gmail.com", "serviceAccount:a@in-org.iam.gserviceaccount.com",
        "serviceAccount:a@outside.iam.gserviceaccount.com",
        "serviceAccount:in-org@appspot.gserviceaccount.com",
        "deleted:user:old@example.com?uid=5", "allUsers"]}]}
      """,
    ])
    let lines = Set(
      GcloudImport.read(paths: [dir]).0.filter { $0.relation == "memberDomain" }.map(
        ImportFixtures.line))
    #expect(
      lines == [
        #"memberDomain("domain:example.com", "C0x")"#,
        #"memberDomain("serviceAccount:a@in-org.iam.gserviceaccount.com", "C0x")"#,
      ])
  }

  static let legacyApp = """
    {"name": "apps/legacy-backend", "id": "legacy-backend",
     "defaultHostname": "legacy-backend.uc.r.appspot.com", "servingStatus": "SERVING"}
    """

  @Test func appEngineServiceHostsResolveToTheApp() throws {
    let openapi = """
      {"swagger": "2.0", "paths": {
        "/orders": {"get": {"operationId": "orders", "x-google-backend":
          {"address": "https://api-dot-legacy-backend.uc.r.appspot.com/v1/orders"}}},
        "/old": {"get": {"operationId": "old", "x-google-backend":
          {"address": "https://v2-dot-admin-dot-legacy-backend.uc.r.appspot.com"}}},
        "/other": {"get": {"operationId": "other", "x-google-backend":
          {"address": "https://api-dot-another.uc.r.appspot.com"}}}}}
      """
    let dir = try Self.folder([
      "projects/gw.json": S.project("gw-prod", "210987654321"),
      "projects/legacy.json": S.project("legacy-backend", "777"),
      "app.json": Self.legacyApp,
      "gw/shop-gw.json": S.gateway("shop-gw", config: "shop-v1"),
      "gw/shop-v1.json": S.config(
        "shop-v1", sa: "api-gw@gw-prod.iam.gserviceaccount.com", openapi: openapi),
    ])
    let lines = Set(GcloudImport.read(paths: [dir]).0.map(ImportFixtures.line))
    #expect(
      lines.isSuperset(of: [
        #"backendUrl("apps/legacy-backend", "https://api-dot-legacy-backend.uc.r.appspot.com")"#,
        #"backendUrl("apps/legacy-backend", "https://v2-dot-admin-dot-legacy-backend.uc.r.appspot.com")"#,
        #"alias("api-dot-legacy-backend.uc.r.appspot.com", "apps/legacy-backend")"#,
      ]))
    #expect(!lines.contains { $0.contains("api-dot-another") && $0.hasPrefix("backendUrl") })
    let (workspace, diagnostics) = Self.model(dir)
    #expect(!diagnostics.contains { $0.severity == .error }, "\(diagnostics.map(\.message))")
    let routed = try workspace.query(#"route("shop-gw", B, Op, _, _, _)"#).rows
      .map { "\($0[1].description) -> \($0[0].description)" }
    #expect(
      Set(routed) == [
        #""orders" -> "apps/legacy-backend""#, #""old" -> "apps/legacy-backend""#,
        #""other" -> "https://api-dot-another.uc.r.appspot.com""#,
      ])
  }

  @Test func customDomainNamesTheService() throws {
    let facts = ImportFixtures.facts(
      ["run-domain-mappings-describe.json", "projects-describe.json"].map(ImportFixtures.path)
    ).facts
    let lines = Set(facts.map(ImportFixtures.line))
    let orders = ImportFileKindTests.orders
    #expect(lines.contains(#"alias("orders.example.com", "\#(orders)")"#))
    #expect(lines.contains(#"alias("https://orders.example.com", "\#(orders)")"#))
    // A mapping that is not Ready names nothing.
    let dir = try Self.folder([
      "dm.json": """
      {"apiVersion": "domains.cloudrun.com/v1", "kind": "DomainMapping",
       "metadata": {"name": "shop.example.com", "namespace": "123456789012",
         "labels": {"cloud.googleapis.com/location": "us-central1"}},
       "spec": {"routeName": "orders-api"},
       "status": {"conditions": [{"type": "Ready", "status": "False"}]}}
      """
    ])
    #expect(!GcloudImport.read(paths: [dir]).0.contains { $0.relation == "alias" })
  }

  @Test func recreatedGatewayAccountIsADeletedPrincipalProblem() throws {
    let email = "api-gw@gw-prod.iam.gserviceaccount.com"
    let dir = try Self.folder([
      "projects/gw.json": S.project("gw-prod", "210987654321"),
      "projects/backend.json": S.project("backend-prod", "123456789012"),
      // The live account has a new uniqueId; the binding names the deleted one.
      "sa/api.json": #"{"email": "\#(email)", "uniqueId": "2", "projectId": "gw-prod"}"#,
      "gw/shop-gw.json": S.gateway("shop-gw", config: "shop-v1"),
      "gw/shop-v1.json": S.config(
        "shop-v1", sa: email,
        openapi:
          #"{"swagger": "2.0", "x-google-backend": {"address": "https://orders-api-abcd1234ef-uc.a.run.app"}}"#
      ),
      "run/orders.json": S.v2Service(
        "backend-prod", "orders-api", ingress: "INGRESS_TRAFFIC_ALL"),
      "run/run-services-get-iam-policy-orders-api.json": S.policy(
        "roles/run.invoker", "deleted:serviceAccount:\(email)?uid=1"),
    ])
    let facts = GcloudImport.read(paths: [dir]).0
    // Nothing new: the deleted member stays distinct, no binding for the live account.
    #expect(
      facts.filter { $0.relation == "binding" }.map { $0.values[2] } == [
        "deleted:serviceAccount:\(email)?uid=1"
      ])
    let (workspace, diagnostics) = Self.model(dir)
    #expect(!diagnostics.contains { $0.severity == .error }, "\(diagnostics.map(\.message))")
    #expect(try workspace.query(#"canInvoke("shop-gw", B)"#).rows.isEmpty)
    #expect(try S.problems(workspace, "shop-gw", "orders-api").contains("deleted-principal"))
  }
}
