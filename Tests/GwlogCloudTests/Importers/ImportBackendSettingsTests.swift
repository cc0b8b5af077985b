import Foundation
import GwlogEngine
import Testing

@testable import GwlogCloud

/// Backend settings the importers read besides ingress and invoker IAM: a Cloud Run service's
/// disabled default URL, and App Engine services with their ingress.
@Suite struct ImportBackendSettingsTests {
  typealias S = ImportScenarioTests

  /// The facts of one coverage fixture, as lines.
  static func lines(_ name: String) -> (lines: Set<String>, diagnostics: [Diagnostic]) {
    let (facts, diagnostics) = ImportFixtures.facts([ImportFixtures.coveragePath(name)])
    return (Set(facts.map(ImportFixtures.line)), diagnostics)
  }

  // ---- Cloud Run default URL ----------------------------------------------------------------------

  @Test func defaultURLDisabledInV2AndV1() {
    let v2 = Self.lines("run-v2-service-ledger-api.json")
    #expect(v2.diagnostics.isEmpty)
    #expect(
      ImportFixtures.of("defaultUrlDisabled", v2.lines) == [
        #"defaultUrlDisabled("projects/backend-prod/locations/europe-west1/services/ledger-api")"#
      ])
    let v1 = Self.lines("run-services-describe-default-url-disabled.json")
    #expect(v1.diagnostics.isEmpty)
    #expect(
      ImportFixtures.of("defaultUrlDisabled", v1.lines) == [
        #"defaultUrlDisabled("projects/123456789012/locations/us-central1/services/reports-api")"#
      ])
    #expect(
      ImportFixtures.facts([
        ImportFixtures.coveragePath("run-services-describe-default-url-disabled.json")
      ]).facts.first { $0.relation == "defaultUrlDisabled" }?.origin.path
        == "/metadata/annotations/run.googleapis.com~1default-url-disabled")
  }

  @Test func defaultURLEnabledOrAbsentSaysNothing() throws {
    let (lines, diagnostics) = try ImportFixtures.load([
      "v2.json": """
      {"name": "projects/p/locations/r/services/a", "uri": "https://a-x-uc.a.run.app", "defaultUriDisabled": false}
      """,
      "v1.json": """
      {"apiVersion": "serving.knative.dev/v1", "kind": "Service",
       "metadata": {"name": "b", "namespace": "1", "labels": {"cloud.googleapis.com/location": "r"},
         "annotations": {"run.googleapis.com/default-url-disabled": "false"}}}
      """,
    ])
    #expect(diagnostics.isEmpty, "\(diagnostics.map(\.message))")
    #expect(ImportFixtures.of("defaultUrlDisabled", lines).isEmpty)
    // The fixtures of formats/ have none.
    for name in ["run-v2-service.json", "run-services-describe.json"] {
      #expect(ImportFixtures.of("defaultUrlDisabled", ImportFixtures.lines(name)).isEmpty)
    }
  }

  @Test func defaultURLDisabledOfTheWrongTypeIsAnError() throws {
    let (lines, diagnostics) = try ImportFixtures.load([
      "v2.json":
        #"{"name": "projects/p/locations/r/services/a", "uri": "https://a", "defaultUriDisabled": "yes"}"#
    ])
    #expect(ImportFixtures.of("defaultUrlDisabled", lines).isEmpty)
    #expect(
      diagnostics.map(\.message).contains {
        $0.contains("at /defaultUriDisabled (") && $0.contains("expected a boolean")
      })
  }

  // ---- App Engine services ------------------------------------------------------------------------

  @Test func defaultServiceIngressIsTheApps() {
    let (lines, diagnostics) = Self.lines("app-services-describe-default.json")
    #expect(diagnostics.isEmpty)
    #expect(
      lines == [
        #"appEngineService("apps/backend-prod/services/default", "apps/backend-prod")"#,
        #"ingress("apps/backend-prod", "internal")"#,
      ])
    // Not misread as an App Engine app.
    #expect(!lines.contains { $0.hasPrefix("appEngineApp(") || $0.hasPrefix("resource(") })
    #expect(
      ImportFixtures.facts([ImportFixtures.coveragePath("app-services-describe-default.json")])
        .facts.first { $0.relation == "ingress" }?.origin.path
        == "/networkSettings/ingressTrafficAllowed")
  }

  @Test func otherServicesHaveTheirOwnIngress() {
    #expect(
      Self.lines("app-services-describe-api.json").lines == [
        #"appEngineService("apps/backend-prod/services/api", "apps/backend-prod")"#,
        #"ingress("apps/backend-prod/services/api", "internal-and-cloud-load-balancing")"#,
      ])
  }

  @Test func listGivesTheServicesButNoIngress() {
    let (lines, diagnostics) = Self.lines("app-services-list.json")
    #expect(diagnostics.isEmpty)
    #expect(
      lines == [
        #"appEngineService("apps/backend-prod/services/api", "apps/backend-prod")"#,
        #"appEngineService("apps/backend-prod/services/default", "apps/backend-prod")"#,
      ])
  }

  @Test(arguments: [
    (#""networkSettings": {"ingressTrafficAllowed": "INGRESS_TRAFFIC_ALLOWED_ALL"}"#, "all"),
    (
      #""networkSettings": {"ingressTrafficAllowed": "INGRESS_TRAFFIC_ALLOWED_UNSPECIFIED"}"#, "all"
    ),
    (#""networkSettings": {}"#, "all"),
    (#""split": {"allocations": {"v1": 1}}"#, "all"),
    (
      #""networkSettings": {"ingressTrafficAllowed": "INGRESS_TRAFFIC_ALLOWED_INTERNAL_AND_LB"}"#,
      "internal-and-cloud-load-balancing"
    ),
  ])
  func ingressValues(_ member: String, _ setting: String) throws {
    let (lines, diagnostics) = try ImportFixtures.load([
      "svc.json": #"{"id": "default", "name": "apps/shop/services/default", \#(member)}"#
    ])
    #expect(diagnostics.isEmpty, "\(diagnostics.map(\.message))")
    #expect(ImportFixtures.of("ingress", lines) == [#"ingress("apps/shop", "\#(setting)")"#])
  }

  @Test func listElementWithNetworkSettingsGivesItsIngress() throws {
    let (lines, _) = try ImportFixtures.load([
      "services.json": """
      [{"id": "api", "project": "shop", "split": {},
        "networkSettings": {"ingressTrafficAllowed": "INGRESS_TRAFFIC_ALLOWED_INTERNAL_ONLY"}}]
      """
    ])
    #expect(
      ImportFixtures.of("ingress", lines) == [#"ingress("apps/shop/services/api", "internal")"#])
  }

  @Test(arguments: [
    (
      #"{"id": "x", "name": "apps/shop/services/x", "networkSettings": {"ingressTrafficAllowed": "OPEN"}}"#,
      "/networkSettings/ingressTrafficAllowed", "an INGRESS_TRAFFIC_ALLOWED_* value"
    ),
    (
      #"{"id": "x", "name": "apps/shop/services/x", "networkSettings": {"ingressTrafficAllowed": 1}}"#,
      "/networkSettings/ingressTrafficAllowed", "a string for `ingressTrafficAllowed`"
    ),
    (
      #"{"id": "x", "name": "apps/shop/services/x", "networkSettings": "internal"}"#,
      "/networkSettings", "an object for `networkSettings`"
    ),
    (
      #"{"id": "x", "name": "apps/shop/services/", "split": {}}"#, "/name",
      "an App Engine service name `apps/APP/services/SERVICE`"
    ),
    (#"[{"id": 3, "project": "shop", "split": {}}]"#, "/0/id", "a string for `id`"),
  ])
  func invalidServiceIsAnErrorWithItsPointer(_ text: String, _ pointer: String, _ expected: String)
    throws
  {
    let (lines, diagnostics) = try ImportFixtures.load(["svc.json": text])
    #expect(ImportFixtures.of("ingress", lines).isEmpty)
    let errors = ImportFixtures.messages(diagnostics, .error)
    #expect(
      errors.contains { $0.contains("at \(pointer) (") && $0.contains("expected \(expected)") },
      "\(errors)")
  }

  @Test func appDescribeIsStillAnApp() {
    let app = ImportFixtures.lines("app-describe.json")
    #expect(app.contains(#"appEngineApp("apps/backend-prod")"#))
    #expect(ImportFixtures.of("appEngineService", app).isEmpty)
  }

  @Test func defaultServiceIngressSitsBesideTheApp() throws {
    // The app read from `app describe` gets the ingress of its default service.
    let dir = try ImportGapTests.folder([
      "projects/gw.json": S.project("gw-prod", "210987654321"),
      "projects/legacy.json": S.project("legacy-backend", "777"),
      "app.json": ImportGapTests.legacyApp,
      "svc.json": """
      {"id": "default", "name": "apps/legacy-backend/services/default",
       "networkSettings": {"ingressTrafficAllowed": "INGRESS_TRAFFIC_ALLOWED_INTERNAL_ONLY"}}
      """,
    ])
    let lines = Set(ImportFixtures.facts([dir]).facts.map(ImportFixtures.line))
    #expect(lines.contains(#"ingress("apps/legacy-backend", "internal")"#))
    #expect(lines.contains(#"appEngineApp("apps/legacy-backend")"#))
  }
}
