import Foundation
import GwlogEngine
import Testing

@testable import GwlogCloud

/// The shipped example organisation (`facts/example/`, gcloud JSON only) gives exactly the
/// working and broken routes its README promises, at a fixed evaluation time, and the
/// `gwlog import` round trip gives the same answers.
@Suite struct ExampleOrgTests {
  /// The repository's `facts/example` directory.
  static let example = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("facts/example").path
  /// 2026-11-25T00:00:00Z: after the report function's grant expired (2026-06-30).
  static let evaluationTime: Int64 = 1_795_564_800

  static let gateways = "projects/gw-prod/locations/us-central1/gateways/"
  static let shop = gateways + "shop-gw"
  static let partner = gateways + "partner-gw"
  static let admin = gateways + "admin-gw"
  static let orders = "projects/shop-backend/locations/us-central1/services/orders-api"
  static let inventory = "projects/shop-backend/locations/us-central1/services/inventory-api"
  static let payments = "projects/payments-backend/locations/us-central1/services/payments-api"
  static let status = "projects/sandbox/locations/europe-west1/services/public-status"
  static let checkout = "projects/checkout/locations/us-central1/functions/checkout-fn"
  static let report = "projects/legacy-backend/locations/us-central1/functions/report-fn"
  static let audit = "projects/legacy-backend/locations/us-central1/functions/audit-fn"
  static let app = "apps/legacy-backend"
  static let geocode = "https://maps.googleapis.com/maps/api/geocode/json"

  static let working: Set<[String]> = [
    [shop, orders], [shop, status], [partner, app],
  ]

  /// (gateway, backend, layer, code) of every `invokeProblem`.
  static let problems: Set<[String]> = [
    [shop, inventory, "L5", "ingress"],
    [shop, payments, "L7", "denied"],
    [shop, checkout, "L6", "gen2-needs-run-invoker"],
    [shop, checkout, "L6", "granted-elsewhere"],
    [shop, checkout, "L6", "missing-permission"],
    [shop, geocode, "L2", "google-api"],
    [partner, report, "L6", "condition-false"],
    [partner, report, "L6", "missing-permission"],
    [partner, audit, "L1", "event-function"],
    [admin, orders, "L3", "service-account-disabled"],
  ]

  static func strings(_ rows: [[Value]]) -> Set<[String]> {
    Set(
      rows.map { row in
        row.map { value -> String in
          switch value {
          case .symbol(let s): return s
          case .integer(let n): return String(n)
          }
        }
      })
  }

  static func model() -> Workspace {
    let workspace = Workspace()
    GoogleCloudModel.load(into: workspace, evaluationTime: evaluationTime)
    return workspace
  }

  static func check(_ workspace: Workspace) throws {
    #expect(!workspace.hasErrors, "\(workspace.diagnostics.map(\.message))")
    #expect(strings(try workspace.query("canInvoke(X, Y)").rows) == working)
    #expect(strings(try workspace.query("invokeProblem(G, B, L, C, _)").rows) == problems)
    // Short names: gateway IDs, service, function and app names.
    #expect(strings(try workspace.query("canInvoke(X, \"orders-api\")").rows) == [[shop]])
    #expect(strings(try workspace.query("canInvoke(\"shop-gw\", payments-api)").rows).isEmpty)
    #expect(
      strings(try workspace.query("invokeProblem(admin-gw, orders-api, L, C, _)").rows)
        == [["L3", "service-account-disabled"]])
    #expect(
      strings(try workspace.query("invokeProblem(partner-gw, audit-fn, L, C, _)").rows)
        == [["L1", "event-function"]])
    #expect(strings(try workspace.query("canInvoke(partner-gw, legacy-backend)").rows) == [[]])
    #expect(
      strings(try workspace.query("invokeWarning(G, B, C, _)").rows) == [
        [shop, status, "public-backend"], [shop, status, "non-compliant"],
      ])
    #expect(
      strings(try workspace.query("nonCompliant(R, C, _)").rows) == [
        [status, "run.managed.requireInvokerIam"]
      ])
    #expect(strings(try workspace.query("publicBackend(B, _)").rows) == [[status]])
  }

  @Test func exampleFolderIsGcloudJSONOnly() throws {
    let files = try FileManager.default.contentsOfDirectory(atPath: Self.example)
    #expect(files.filter { $0.hasSuffix(".facts") || $0.hasSuffix(".dl") }.isEmpty)
    #expect(files.filter { $0.hasSuffix(".json") }.count >= 40)
  }

  @Test func exampleFolderGivesTheDocumentedOutcomes() throws {
    let workspace = Self.model()
    let diagnostics = GcloudImport.load(paths: [Self.example], into: workspace)
    #expect(diagnostics.isEmpty, "\(diagnostics.map(\.message))")
    try Self.check(workspace)
  }

  @Test func importRoundTripGivesTheSameAnswers() throws {
    let (text, diagnostics) = GcloudImport.factsText(paths: [Self.example])
    #expect(diagnostics.isEmpty)
    #expect(text.contains("% from \(Self.example)/iam-policies-get-payments-lockdown.json\n"))
    let workspace = Self.model()
    workspace.addSource(path: "example.facts", text: text)
    try Self.check(workspace)
  }

  @Test func factsCarryTheirFileAndPointer() throws {
    let (facts, _) = GcloudImport.read(paths: [Self.example])
    let binding = facts.first {
      $0.relation == "binding" && $0.values[0] == "folders/2002"
        && $0.values[1] == "roles/run.invoker"
    }
    #expect(binding?.origin.file == Self.example + "/folders-get-iam-policy-2002.json")
    #expect(binding?.origin.path == "/bindings/1/members/0")
    let disabled = facts.first {
      $0.relation == "serviceAccount" && $0.values[2] == "disabled"
    }
    #expect(disabled?.values[0] == "serviceAccount:admin-gw@gw-prod.iam.gserviceaccount.com")
    #expect(disabled?.origin.path == "/disabled")
  }
}
