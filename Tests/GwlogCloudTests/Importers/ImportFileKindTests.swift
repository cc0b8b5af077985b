import GwlogEngine
import Testing

@testable import GwlogCloud

/// Each file kind of formats/ imports to exactly the expected facts, with origins.
@Suite struct ImportFileKindTests {
  static let orders = "projects/backend-prod/locations/us-central1/services/orders-api"
  static let deny =
    "policies/cloudresourcemanager.googleapis.com%2Fprojects%2F123456789012/denypolicies/no-direct-invoke"

  /// Loads one fixture together with the project describes (for the ID ↔ number table).
  static func lines(_ name: String, withProjects: Bool = true) -> Set<String> {
    let extra = withProjects ? ["projects-describe.json", "projects-describe-gw.json"] : []
    let facts = ImportFixtures.facts(([name] + extra).map(ImportFixtures.path)).facts
    return Set(facts.filter { $0.origin.file.hasSuffix("/" + name) }.map(ImportFixtures.line))
  }

  static func origin(_ name: String, _ relation: String, _ values: [String]) -> String? {
    ImportFixtures.facts([ImportFixtures.path(name)]).facts
      .first { $0.relation == relation && $0.values == values }?.origin.path
  }

  @Test func projectIAMPolicy() {
    let facts = Self.lines("projects-get-iam-policy-backend-prod.json")
    #expect(facts.count == 11)
    #expect(facts.contains(#"allowPolicyRead("projects/backend-prod")"#))
    #expect(
      facts.contains(
        #"binding("projects/backend-prod", "roles/run.servicesInvoker", "serviceAccount:api-gw@gw-prod.iam.gserviceaccount.com", "orders-api-only")"#
      ))
    #expect(
      facts.contains(
        #"binding("projects/backend-prod", "roles/run.invoker", "deleted:serviceAccount:old-gw@gw-prod.iam.gserviceaccount.com?uid=109876543210987654321", "")"#
      ))
    #expect(
      facts.contains(
        #"binding("projects/backend-prod", "projects/backend-prod/roles/gatewayInvoker", "serviceAccount:api-gw@gw-prod.iam.gserviceaccount.com", "")"#
      ))
    #expect(facts.contains { $0.hasPrefix(#"condition("orders-api-only", "orders-api-only", "#) })
    #expect(
      Self.origin(
        "projects-get-iam-policy-backend-prod.json", "binding",
        ["projects/backend-prod", "roles/run.invoker", "group:gateway-callers@example.com", ""])
        == "/bindings/2/members/0")
  }

  @Test func serviceFunctionAndIAPPolicies() {
    #expect(
      Self.lines("run-services-get-iam-policy-orders-api.json", withProjects: false).isEmpty)
    let withService = ImportFixtures.facts(
      [
        "run-services-get-iam-policy-orders-api.json", "run-services-describe.json",
        "projects-describe.json",
      ].map(ImportFixtures.path)
    ).facts
    #expect(
      Set(withService.filter { $0.relation == "binding" }.map(ImportFixtures.line)) == [
        #"binding("\#(Self.orders)", "roles/run.invoker", "allUsers", "")"#,
        #"binding("\#(Self.orders)", "roles/run.invoker", "serviceAccount:api-gw@gw-prod.iam.gserviceaccount.com", "")"#,
      ])
    let function = ImportFixtures.facts(
      ["functions-get-iam-policy-legacyReport.json", "functions-describe-gen1.json"].map(
        ImportFixtures.path)
    ).facts
    #expect(
      function.filter { $0.relation == "binding" }.map(ImportFixtures.line) == [
        #"binding("projects/backend-prod/locations/us-central1/functions/legacyReport", "roles/cloudfunctions.invoker", "serviceAccount:api-gw@gw-prod.iam.gserviceaccount.com", "")"#
      ])
    #expect(
      Self.lines("iap-web-get-iam-policy-app-engine-backend-prod.json") == [
        #"allowPolicyRead("projects/123456789012/iap_web/appengine-backend-prod")"#,
        #"binding("projects/123456789012/iap_web/appengine-backend-prod", "roles/iap.httpsResourceAccessor", "group:support-staff@example.com", "")"#,
        #"binding("projects/123456789012/iap_web/appengine-backend-prod", "roles/iap.httpsResourceAccessor", "serviceAccount:api-gw@gw-prod.iam.gserviceaccount.com", "")"#,
      ])
  }

  @Test func cloudRunV1AndV2() {
    let v1 = Self.lines("run-services-describe.json")
    let v2 = Self.lines("run-v2-service.json")
    #expect(v1.count == 12)
    #expect(
      v1.subtracting([#"alias("namespaces/123456789012/services/orders-api", "\#(Self.orders)")"#])
        == v2)
    #expect(v1.contains(#"ingress("\#(Self.orders)", "all")"#))
    #expect(v1.contains(#"customAudience("\#(Self.orders)", "https://orders.example.com")"#))
    #expect(
      v1.contains(
        #"backendUrl("\#(Self.orders)", "https://orders-api-123456789012.us-central1.run.app")"#))
    #expect(
      v1.contains(
        #"alias("projects/123456789012/locations/us-central1/services/orders-api", "\#(Self.orders)")"#
      ))
    let status = "projects/backend-prod/locations/us-central1/services/status"
    let internalOnly = Self.lines("run-services-describe-public-internal.json")
    #expect(internalOnly.contains(#"invokerIamDisabled("\#(status)")"#))
    #expect(internalOnly.contains(#"ingress("\#(status)", "internal")"#))
    #expect(
      Self.origin("run-v2-service.json", "ingress", [Self.orders, "all"]) == "/ingress")
  }

  @Test func functions() {
    let fn = "projects/backend-prod/locations/us-central1/functions/"
    let gen1 = Self.lines("functions-describe-gen1.json")
    #expect(Self.lines("functions-describe-gen1-via-v2-api.json") == gen1)
    #expect(gen1.contains(#"function("\#(fn)legacyReport", "1")"#))
    #expect(gen1.contains(#"functionTrigger("\#(fn)legacyReport", "http")"#))
    let event = Self.lines("functions-describe-gen1-event.json")
    #expect(event.contains(#"functionTrigger("\#(fn)onUpload", "event")"#))
    #expect(
      event.contains(
        #"backendUrl("\#(fn)onUpload", "https://us-central1-backend-prod.cloudfunctions.net/onUpload")"#
      ))
    let gen2 = Self.lines("functions-describe-gen2.json")
    #expect(gen2.count == 17)
    #expect(gen2.contains(#"function("\#(fn)inventory", "2")"#))
    #expect(
      gen2.contains(
        #"functionService("\#(fn)inventory", "projects/backend-prod/locations/us-central1/services/inventory")"#
      ))
    #expect(
      gen2.contains(#"backendUrl("\#(fn)inventory", "https://inventory-abcd1234ef-uc.a.run.app")"#))
    #expect(gen2.contains(#"alias("inventory", "\#(fn)inventory")"#))
    #expect(
      gen2.contains(
        #"ingress("projects/backend-prod/locations/us-central1/services/inventory", "all")"#))
    #expect(
      Self.lines("functions-describe-gen2-event.json").contains(
        #"functionTrigger("\#(fn)on-order", "event")"#))
  }

  @Test func appEngine() {
    let app = Self.lines("app-describe.json")
    #expect(app.count == 12)
    #expect(app.contains(#"iapEnabled("apps/backend-prod")"#))
    #expect(
      app.contains(
        #"iapClientId("apps/backend-prod", "123456789012-abc123def456ghi789.apps.googleusercontent.com")"#
      ))
    #expect(
      app.contains(
        #"iapResource("apps/backend-prod", "projects/123456789012/iap_web/appengine-backend-prod")"#
      ))
    #expect(
      app.contains(#"backendUrl("apps/backend-prod", "https://backend-prod.uc.r.appspot.com")"#))
    let noIAP = Self.lines("app-describe-no-iap.json")
    #expect(!noIAP.contains { $0.hasPrefix("iapEnabled") })
    #expect(noIAP.contains(#"appEngineApp("apps/legacy-web")"#))
  }

  @Test func apiGateway() {
    let gateway = Self.lines("api-gateway-gateways-describe.json")
    #expect(
      gateway.contains(
        #"gateway("projects/gw-prod/locations/us-central1/gateways/shop-gw", "projects/gw-prod/locations/global/apis/shop-api/configs/shop-config-v3")"#
      ))
    #expect(
      gateway.contains(
        #"alias("shop-gw", "projects/gw-prod/locations/us-central1/gateways/shop-gw")"#))
    #expect(Self.lines("api-gateway-apis-describe.json").isEmpty)
    let (facts, diagnostics) = ImportFixtures.facts([
      ImportFixtures.path("api-gateway-api-configs-describe-full.json")
    ])
    let config = "projects/gw-prod/locations/global/apis/shop-api/configs/shop-config-v3"
    #expect(
      facts.map(ImportFixtures.line).contains(
        #"apiConfig("\#(config)", "projects/gw-prod/locations/global/apis/shop-api", "serviceAccount:api-gw@gw-prod.iam.gserviceaccount.com")"#
      ))
    do {
      let lines = Set(facts.map(ImportFixtures.line))
      #expect(lines.contains(#"operation("\#(config)", "getInventory")"#))
      #expect(
        lines.contains(
          #"backendSpec("\#(config)", "", "https://orders-api-abcd1234ef-uc.a.run.app", "false", "")"#
        ))
      #expect(
        lines.contains(
          #"backendSpec("\#(config)", "publicStatus", "https://status-abcd1234ef-uc.a.run.app/status", "true", "")"#
        ))
      #expect(
        lines.contains(
          #"backendSpec("\#(config)", "adminPage", "https://backend-prod.uc.r.appspot.com/admin", "false", "123456789012-abc123def456ghi789.apps.googleusercontent.com")"#
        ))
      #expect(diagnostics.isEmpty)
    }
  }

  @Test func orgPolicies() {
    #expect(
      Self.lines("org-policies-describe-boolean.json") == [
        #"orgPolicyBoolean("organizations/111122223333", "run.managed.requireInvokerIam", "true")"#
      ])
    #expect(
      Self.lines("org-policies-describe-boolean-conditional.json") == [
        #"orgPolicyBoolean("folders/444455556666", "run.managed.requireInvokerIam", "true")"#
      ])
    #expect(
      Self.lines("org-policies-describe-list-inherit.json") == [
        #"orgPolicyInherit("folders/444455556666", "iam.allowedPolicyMemberDomains", "true")"#,
        #"orgPolicyList("folders/444455556666", "iam.allowedPolicyMemberDomains", "allow", "C07partner9")"#,
      ])
    #expect(
      Self.lines("org-policies-describe-reset.json") == [
        #"orgPolicyReset("projects/backend-prod", "iam.allowedPolicyMemberDomains")"#
      ])
    #expect(
      Self.lines("org-policies-describe-ingress.json") == [
        #"orgPolicyInherit("projects/backend-prod", "run.allowedIngress", "false")"#,
        #"orgPolicyList("projects/backend-prod", "run.allowedIngress", "allow", "internal")"#,
        #"orgPolicyList("projects/backend-prod", "run.allowedIngress", "allow", "internal-and-cloud-load-balancing")"#,
      ])
    // Without the project describe the number form stays.
    #expect(
      Self.lines("org-policies-describe-list.json", withProjects: false).contains(
        #"orgPolicyList("organizations/111122223333", "iam.allowedPolicyMemberDomains", "allow", "C01abcd23")"#
      ))
  }

  @Test func effectiveOrgPolicyBeatsTheNodesOwn() {
    let facts = ImportFixtures.facts(
      [
        "org-policies-describe-effective.json", "org-policies-describe-reset.json",
        "projects-describe.json",
      ].map(ImportFixtures.path)
    ).facts.map(ImportFixtures.line)
    #expect(!facts.contains { $0.hasPrefix("orgPolicyReset") })
    #expect(
      facts.contains(
        #"orgPolicyList("projects/backend-prod", "iam.allowedPolicyMemberDomains", "allow", "C07partner9")"#
      ))
    #expect(
      facts.contains(
        #"orgPolicyInherit("projects/backend-prod", "iam.allowedPolicyMemberDomains", "false")"#))
  }

  @Test func denyPolicies() {
    let facts = Self.lines("iam-policies-get-deny.json")
    #expect(facts.count == 11)
    #expect(
      facts.contains(
        #"denyPolicy("\#(Self.deny)", "projects/backend-prod", "Block invocation of prod backends except from the gateway")"#
      ))
    #expect(facts.contains(#"deniedPrincipal("\#(Self.deny)#0", "group:engineers@example.com")"#))
    #expect(
      facts.contains(
        #"exceptionPrincipal("\#(Self.deny)#0", "serviceAccount:api-gw@gw-prod.iam.gserviceaccount.com")"#
      ))
    #expect(
      facts.contains(#"deniedPermission("\#(Self.deny)#0", "cloudfunctions.functions.invoke")"#))
    #expect(
      facts.contains(#"deniedPrincipal("\#(Self.deny)#1", "principalSet://goog/public:all")"#))
    #expect(
      Self.origin(
        "iam-policies-get-deny.json", "deniedPrincipal",
        ["\(Self.deny)#0", "group:engineers@example.com"])
        == "/rules/0/denyRule/deniedPrincipals/0")
    // The list's entries name the attachment point whose policies were listed.
    #expect(
      Self.lines("iam-policies-list-deny.json") == [
        #"denyPolicyUnfetched("\#(Self.deny)", "projects/backend-prod")"#,
        #"denyPoliciesListed("projects/backend-prod")"#,
      ])
    let both = ImportFixtures.facts(
      ["iam-policies-list-deny.json", "iam-policies-get-deny.json"].map(ImportFixtures.path)
    ).facts
    #expect(!both.contains { $0.relation == "denyPolicyUnfetched" })
  }

  @Test func rolesAndServiceAccountsAndGroups() {
    #expect(
      Self.lines("iam-roles-describe-custom.json") == [
        #"customRole("projects/backend-prod/roles/gatewayInvoker", "projects/backend-prod", "active")"#,
        #"rolePermission("projects/backend-prod/roles/gatewayInvoker", "cloudfunctions.functions.invoke")"#,
        #"rolePermission("projects/backend-prod/roles/gatewayInvoker", "run.routes.invoke")"#,
      ])
    #expect(
      Self.lines("iam-roles-describe-custom-deleted.json").contains(
        #"customRole("organizations/111122223333/roles/legacyInvoker", "organizations/111122223333", "deleted")"#
      ))
    #expect(
      Self.lines("iam-roles-describe-predefined.json") == [
        #"rolePermission("roles/run.servicesInvoker", "run.routes.invoke")"#
      ])
    #expect(
      Self.lines("iam-service-accounts-describe-disabled.json") == [
        #"serviceAccount("serviceAccount:old-gw@gw-prod.iam.gserviceaccount.com", "projects/gw-prod", "disabled")"#
      ])
    #expect(
      Self.lines("iam-service-accounts-describe.json") == [
        #"serviceAccount("serviceAccount:api-gw@gw-prod.iam.gserviceaccount.com", "projects/gw-prod", "enabled")"#
      ])
    #expect(
      Self.lines("identity-groups-memberships-list-gateway-callers@example.com.json") == [
        #"groupMembersRead("group:gateway-callers@example.com")"#,
        #"groupMember("group:platform-gateways@example.com", "group:gateway-callers@example.com")"#,
        #"groupMember("serviceAccount:api-gw@gw-prod.iam.gserviceaccount.com", "group:gateway-callers@example.com")"#,
        #"groupMember("user:alice@example.com", "group:gateway-callers@example.com")"#,
      ])
  }

  @Test func resourceManager() {
    #expect(
      Self.lines("projects-describe.json", withProjects: false) == [
        #"alias("backend-prod", "projects/backend-prod")"#,
        #"parent("projects/backend-prod", "folders/444455556666")"#,
        #"projectNumber("projects/backend-prod", "123456789012")"#,
        #"resource("projects/backend-prod", "project")"#,
        #"resource("folders/444455556666", "folder")"#,
      ])
    #expect(
      Self.lines("projects-get-ancestors.json", withProjects: false) == [
        #"resource("projects/backend-prod", "project")"#,
        #"resource("folders/444455556666", "folder")"#,
        #"resource("organizations/111122223333", "organization")"#,
        #"parent("projects/backend-prod", "folders/444455556666")"#,
        #"parent("folders/444455556666", "organizations/111122223333")"#,
      ])
    #expect(
      Self.lines("folders-describe.json") == [
        #"resource("folders/444455556666", "folder")"#,
        #"resource("organizations/111122223333", "organization")"#,
        #"parent("folders/444455556666", "organizations/111122223333")"#,
      ])
    #expect(
      Self.lines("organizations-list.json") == [
        #"resource("organizations/111122223333", "organization")"#
      ])
  }

  @Test func cloudAsset() {
    let export = Self.lines("asset-export-iam-policy.ndjson")
    #expect(
      export.contains(
        #"binding("projects/backend-prod", "roles/run.invoker", "serviceAccount:api-gw@gw-prod.iam.gserviceaccount.com", "business-hours")"#
      ))
    #expect(
      export.contains(
        #"binding("\#(Self.orders)", "roles/run.invoker", "serviceAccount:api-gw@gw-prod.iam.gserviceaccount.com", "")"#
      ))
    #expect(export.contains(#"parent("folders/444455556666", "organizations/111122223333")"#))
    #expect(export.contains(#"parent("\#(Self.orders)", "projects/backend-prod")"#))
    #expect(
      Self.origin(
        "asset-export-iam-policy.ndjson", "binding",
        [
          "organizations/111122223333", "roles/run.invoker", "group:platform-gateways@example.com",
          "",
        ])
        == "/0/iam_policy/bindings/0/members/0")
    let search = Self.lines("asset-search-all-iam-policies.json")
    #expect(
      search.contains(
        #"binding("folders/444455556666", "roles/run.servicesInvoker", "serviceAccount:api-gw@gw-prod.iam.gserviceaccount.com", "")"#
      ))
    #expect(search.contains(#"parent("\#(Self.orders)", "projects/backend-prod")"#))
  }

  @Test func domainMapping() {
    #expect(
      Self.lines("run-domain-mappings-describe.json") == [
        #"backendUrl("\#(Self.orders)", "https://orders.example.com")"#,
        #"alias("https://orders.example.com", "\#(Self.orders)")"#,
        #"alias("orders.example.com", "\#(Self.orders)")"#,
      ])
  }
}
