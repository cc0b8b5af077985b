import Foundation
import GwlogEngine
import Testing

@testable import GwlogCloud

/// A folder of gcloud JSON with one gateway route per cause of docs/google-cloud-model.md (ten causes
/// and a working route) gives the
/// right `canInvoke` and `invokeProblem` answers, and `gwlog import` round-trips.
@Suite struct ImportScenarioTests {
  static let january31: Int64 = 1_769_817_600

  static let openapi = """
    {"swagger": "2.0",
     "x-google-backend": {"address": "https://orders-api-abcd1234ef-uc.a.run.app"},
     "paths": {
      "/orders": {"get": {"operationId": "listOrders"}},
      "/inventory": {"get": {"operationId": "getInventory", "x-google-backend":
        {"address": "https://us-central1-backend-prod.cloudfunctions.net/inventory"}}},
      "/status": {"get": {"operationId": "status", "x-google-backend":
        {"address": "https://status-abcd1234ef-uc.a.run.app"}}},
      "/upload": {"post": {"operationId": "upload", "x-google-backend":
        {"address": "https://us-central1-backend-prod.cloudfunctions.net/onUpload"}}},
      "/pay": {"post": {"operationId": "pay", "x-google-backend":
        {"address": "https://payments-abcd1234ef-uc.a.run.app"}}},
      "/reports": {"get": {"operationId": "reports", "x-google-backend":
        {"address": "https://reports-abcd1234ef-uc.a.run.app", "disable_auth": true}}},
      "/ghost": {"get": {"operationId": "ghost", "x-google-backend":
        {"address": "https://ghost-abcd1234ef-uc.a.run.app"}}},
      "/geo": {"get": {"operationId": "geocode", "x-google-backend":
        {"address": "https://maps.googleapis.com/maps/api/geocode/json"}}},
      "/legacy": {"get": {"operationId": "legacy", "x-google-backend":
        {"address": "https://us-central1-backend-prod.cloudfunctions.net/legacy"}}},
      "/ledger": {"get": {"operationId": "ledger", "x-google-backend":
        {"address": "https://ledger-abcd1234ef-uc.a.run.app"}}}
     }}
    """

  static func v2Service(_ project: String, _ name: String, ingress: String) -> String {
    """
    {"name": "projects/\(project)/locations/us-central1/services/\(name)",
     "ingress": "\(ingress)", "invokerIamDisabled": false,
     "uri": "https://\(name)-abcd1234ef-uc.a.run.app"}
    """
  }

  static func policy(_ role: String, _ member: String) -> String {
    #"{"bindings": [{"role": "\#(role)", "members": ["\#(member)"]}], "etag": "BwY=", "version": 1}"#
  }

  static let api = "serviceAccount:api-gw@gw-prod.iam.gserviceaccount.com"

  static func config(_ name: String, sa: String, openapi: String) -> String {
    let contents = Data(openapi.utf8).base64EncodedString()
    return """
      {"name": "projects/210987654321/locations/global/apis/shop/configs/\(name)",
       "gatewayServiceAccount": "projects/-/serviceAccounts/\(sa)",
       "openapiDocuments": [{"document": {"path": "openapi.json", "contents": "\(contents)"}}]}
      """
  }

  static func gateway(_ name: String, config: String) -> String {
    """
    {"name": "projects/gw-prod/locations/us-central1/gateways/\(name)",
     "apiConfig": "projects/210987654321/locations/global/apis/shop/configs/\(config)"}
    """
  }

  static func project(_ id: String, _ number: String) -> String {
    #"{"projectId": "\#(id)", "projectNumber": "\#(number)", "name": "\#(id)", "parent": {"id": "1", "type": "organization"}}"#
  }

  /// Writes the scenario folder.
  static func scenario() throws -> String {
    let dir = try ImportFixtures.temporaryDirectory()
    let files: [String: String] = [
      "projects/gw.json": project("gw-prod", "210987654321"),
      "projects/backend.json": project("backend-prod", "123456789012"),
      "projects/pay.json": project("pay-prod", "555555555555"),
      "sa/api.json":
        #"{"email": "api-gw@gw-prod.iam.gserviceaccount.com", "uniqueId": "1", "projectId": "gw-prod"}"#,
      "sa/admin.json":
        #"{"email": "admin-gw@gw-prod.iam.gserviceaccount.com", "uniqueId": "2", "projectId": "gw-prod", "disabled": true}"#,
      "gw/shop-gw.json": gateway("shop-gw", config: "shop-v1"),
      "gw/admin-gw.json": gateway("admin-gw", config: "admin-v1"),
      "gw/shop-v1.json": config(
        "shop-v1", sa: "api-gw@gw-prod.iam.gserviceaccount.com", openapi: openapi),
      "gw/admin-v1.json": config(
        "admin-v1", sa: "admin-gw@gw-prod.iam.gserviceaccount.com",
        openapi:
          #"{"swagger": "2.0", "x-google-backend": {"address": "https://orders-api-abcd1234ef-uc.a.run.app"}}"#
      ),
      "run/orders.json": v2Service("backend-prod", "orders-api", ingress: "INGRESS_TRAFFIC_ALL"),
      "run/status.json": v2Service(
        "backend-prod", "status", ingress: "INGRESS_TRAFFIC_INTERNAL_ONLY"),
      "run/reports.json": v2Service("backend-prod", "reports", ingress: "INGRESS_TRAFFIC_ALL"),
      "run/payments.json": v2Service("555555555555", "payments", ingress: "INGRESS_TRAFFIC_ALL"),
      "run/run-services-get-iam-policy-orders-api.json": """
      {"bindings": [{"role": "roles/run.invoker", "members": ["\(api)",
        "serviceAccount:ADMIN-GW@gw-prod.iam.gserviceaccount.com"]}]}
      """,
      "run/run-services-get-iam-policy-status.json": policy("roles/run.invoker", api),
      "run/run-services-get-iam-policy-payments.json": policy("roles/run.invoker", api),
      "fn/inventory.json": """
      {"name": "projects/backend-prod/locations/us-central1/functions/inventory",
       "environment": "GEN_2", "url": "https://us-central1-backend-prod.cloudfunctions.net/inventory",
       "serviceConfig": {"service": "projects/backend-prod/locations/us-central1/services/inventory",
         "uri": "https://inventory-abcd1234ef-uc.a.run.app", "ingressSettings": "ALLOW_ALL"}}
      """,
      "fn/functions-get-iam-policy-inventory.json": policy("roles/cloudfunctions.invoker", api),
      "fn/upload.json": """
      {"name": "projects/backend-prod/locations/us-central1/functions/onUpload",
       "eventTrigger": {"eventType": "google.storage.object.finalize"}, "ingressSettings": "ALLOW_ALL"}
      """,
      "fn/functions-get-iam-policy-onUpload.json": policy("roles/cloudfunctions.invoker", api),
      "deny/pay.json": """
      {"kind": "DenyPolicy", "displayName": "payments lockdown",
       "name": "policies/cloudresourcemanager.googleapis.com%2Fprojects%2F555555555555/denypolicies/lock",
       "rules": [{"denyRule": {"deniedPermissions": ["run.googleapis.com/routes.invoke"],
         "deniedPrincipals": ["principal://iam.googleapis.com/projects/-/serviceAccounts/API-GW@gw-prod.iam.gserviceaccount.com"]}}]}
      """,
      "fn/legacy.json": """
      {"name": "projects/backend-prod/locations/us-central1/functions/legacy",
       "httpsTrigger": {"url": "https://us-central1-backend-prod.cloudfunctions.net/legacy"},
       "status": "ACTIVE", "ingressSettings": "ALLOW_ALL"}
      """,
      // A 1st gen function granted only the Cloud Run role.
      "fn/functions-get-iam-policy-legacy.json": policy("roles/run.invoker", api),
      "run/ledger.json": v2Service("backend-prod", "ledger", ingress: "INGRESS_TRAFFIC_ALL"),
      // The invoker role went to the service's runtime account, not the gateway's.
      "run/run-services-get-iam-policy-ledger.json": policy(
        "roles/run.invoker", "serviceAccount:ledger-runtime@backend-prod.iam.gserviceaccount.com"),
      "notes.json": #"{"hello": "world"}"#,
      // A complete snapshot: the organization, and the deny policies listed above orders-api.
      "org/organization.json":
        #"{"name": "organizations/1", "displayName": "example.com", "owner": {"directoryCustomerId": "C0"}}"#,
      "deny/iam-policies-list-denypolicies-organizations-1.json": "[]",
      "deny/iam-policies-list-denypolicies-projects-backend-prod.json": "[]",
    ]
    for (name, text) in files {
      let path = dir + "/" + name
      try FileManager.default.createDirectory(
        atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
      try ImportFixtures.write(text, to: path)
    }
    return dir
  }

  static func problems(_ workspace: Workspace, _ gateway: String, _ backend: String) throws -> Set<
    String
  > {
    let rows = try workspace.query(#"invokeProblem("\#(gateway)", "\#(backend)", L, C, D)"#).rows
    return Set(rows.map { $0[1].description.replacingOccurrences(of: "\"", with: "") })
  }

  static func check(_ workspace: Workspace) throws {
    #expect(!workspace.hasErrors, "\(workspace.diagnostics.map(\.message))")
    let can = try workspace.query(#"canInvoke("shop-gw", B)"#).rows
    #expect(can == [[.symbol("projects/backend-prod/locations/us-central1/services/orders-api")]])
    #expect(try problems(workspace, "shop-gw", "inventory").contains("gen2-needs-run-invoker"))
    #expect(try problems(workspace, "shop-gw", "status").contains("ingress"))
    #expect(try problems(workspace, "shop-gw", "onUpload").contains("event-function"))
    #expect(try problems(workspace, "shop-gw", "payments").contains("denied"))
    #expect(try problems(workspace, "shop-gw", "reports").contains("disable-auth"))
    #expect(
      try problems(workspace, "shop-gw", "https://ghost-abcd1234ef-uc.a.run.app")
        .contains("backend-not-loaded"))
    #expect(try problems(workspace, "admin-gw", "orders-api").contains("service-account-disabled"))
    #expect(
      try problems(workspace, "shop-gw", "https://maps.googleapis.com/maps/api/geocode/json")
        .contains("google-api"))
    #expect(try problems(workspace, "shop-gw", "legacy").contains("gen1-needs-functions-invoker"))
    #expect(try problems(workspace, "shop-gw", "ledger").contains("granted-to-another-account"))
    #expect(try workspace.query(#"canInvoke("admin-gw", B)"#).rows.isEmpty)
  }

  @Test func scenarioFolderAnswersCanInvoke() throws {
    let dir = try Self.scenario()
    let workspace = Workspace()
    GoogleCloudModel.load(into: workspace, evaluationTime: Self.january31)
    let diagnostics = GcloudImport.load(paths: [dir], into: workspace)
    #expect(!diagnostics.contains { $0.severity == .error }, "\(diagnostics.map(\.message))")
    // The unknown file in the folder is skipped with a warning.
    #expect(diagnostics.contains { $0.severity == .warning && $0.message.contains("notes.json") })
    try Self.check(workspace)
  }

  @Test func importRoundTrips() throws {
    let dir = try Self.scenario()
    let (text, _) = GcloudImport.factsText(paths: [dir])
    #expect(text.contains("% from \(dir)/run/orders.json\n"))
    let workspace = Workspace()
    GoogleCloudModel.load(into: workspace, evaluationTime: Self.january31)
    workspace.addSource(path: dir + "/out.facts", text: text)
    try Self.check(workspace)
  }
}
