import Foundation
import GwlogEngine
import Testing

@testable import GwlogCloud

/// What each file makes known (docs/file-naming.md): allow policies read (empty ones too),
/// deny policies listed, group members read, and the tags in effect on a resource.
@Suite struct ImportCoverageTests {
  typealias S = ImportScenarioTests

  static let orders = ImportFileKindTests.orders

  // ---- allow policies -------------------------------------------------------------------------

  @Test(arguments: [
    #"{"etag": "BwYx"}"#, #"{"etag": "BwYx", "version": 1}"#,
    #"{"etag": "BwYx", "auditConfigs": [{"service": "allServices"}]}"#,
    #"{"bindings": [], "etag": "BwYx"}"#,
  ])
  func allowPolicyWithoutBindingsIsAnAllowPolicy(_ text: String) throws {
    let node = try JSONReader.parse(Array(text.utf8)).get()
    #expect(Importer.shape(of: node) == .allowPolicy)
  }

  @Test(arguments: [#"{"etag": "BwYx", "name": "x"}"#, #"{"etag": "BwYx", "kind": "x"}"#, "{}"])
  func otherObjectsWithAnEtagAreNot(_ text: String) throws {
    let node = try JSONReader.parse(Array(text.utf8)).get()
    #expect(Importer.shape(of: node) != .allowPolicy)
  }

  @Test func everyOwnPolicyIsReadEvenWithoutBindings() throws {
    let empty = #"{"etag": "BwYx"}"#
    let (lines, diagnostics) = try ImportFixtures.load([
      "projects/backend.json": S.project("backend-prod", "123456789012"),
      "run/orders.json": S.v2Service("backend-prod", "orders-api", ingress: "INGRESS_TRAFFIC_ALL"),
      "fn/report.json":
        #"{"name": "projects/backend-prod/locations/us-central1/functions/report", "httpsTrigger": {}}"#,
      "organizations-get-iam-policy-111122223333.json": #"{"etag": "BwYx", "version": 1}"#,
      "folders-get-iam-policy-444455556666.json": empty,
      "projects-get-iam-policy-123456789012.json": empty,
      "run-services-get-iam-policy-orders-api.json": empty,
      "functions-get-iam-policy-report.json": empty,
      "iap-web-get-iam-policy-app-engine-backend-prod.json": S.policy("roles/owner", "user:a@b.c"),
    ])
    #expect(diagnostics.isEmpty, "\(diagnostics.map(\.message))")
    #expect(
      ImportFixtures.of("allowPolicyRead", lines) == [
        #"allowPolicyRead("organizations/111122223333")"#,
        #"allowPolicyRead("folders/444455556666")"#,
        #"allowPolicyRead("projects/backend-prod")"#,
        #"allowPolicyRead("\#(Self.orders)")"#,
        #"allowPolicyRead("projects/backend-prod/locations/us-central1/functions/report")"#,
        #"allowPolicyRead("projects/123456789012/iap_web/appengine-backend-prod")"#,
      ])
    #expect(ImportFixtures.of("binding", lines).count == 1)
  }

  @Test func emptyPolicyNamedDirectlyIsNotAnUnknownShape() throws {
    let dir = try ImportFixtures.temporaryDirectory()
    let path = dir + "/projects-get-iam-policy-p.json"
    try ImportFixtures.write(#"{"etag": "BwYx"}"#, to: path)
    let (facts, diagnostics) = ImportFixtures.facts([path])
    #expect(diagnostics.isEmpty, "\(diagnostics.map(\.message))")
    #expect(facts.map(ImportFixtures.line) == [#"allowPolicyRead("projects/p")"#])
    #expect(facts.first?.origin.path == "")
  }

  @Test func emptyOwnPolicyWinsOverAnAssetExportAndASearch() throws {
    let export = """
      {"name": "//cloudresourcemanager.googleapis.com/projects/123456789012", "asset_type": "cloudresourcemanager.googleapis.com/Project", "iam_policy": {"bindings": [{"role": "roles/run.invoker", "members": ["allUsers"]}]}, "ancestors": ["projects/123456789012"]}
      {"name": "//run.googleapis.com/projects/backend-prod/locations/us-central1/services/orders-api", "asset_type": "run.googleapis.com/Service", "iam_policy": {"bindings": [{"role": "roles/run.invoker", "members": ["allUsers"]}]}, "ancestors": ["projects/123456789012"]}

      """
    let search = """
      [{"resource": "//cloudresourcemanager.googleapis.com/projects/backend-prod", "policy": {"bindings": [{"role": "roles/owner", "members": ["user:old@example.com"]}]}}]
      """
    let (lines, diagnostics) = try ImportFixtures.load([
      "projects/backend.json": S.project("backend-prod", "123456789012"),
      "run/orders.json": S.v2Service("backend-prod", "orders-api", ingress: "INGRESS_TRAFFIC_ALL"),
      "projects-get-iam-policy-backend-prod.json": #"{"etag": "BwYx"}"#,
      "asset/export.ndjson": export,
      "asset/search.json": search,
    ])
    // The project's own empty policy wins; the service's asset record stands alone.
    #expect(
      ImportFixtures.of("binding", lines) == [
        #"binding("\#(Self.orders)", "roles/run.invoker", "allUsers", "")"#
      ])
    #expect(
      ImportFixtures.of("allowPolicyRead", lines) == [
        #"allowPolicyRead("projects/backend-prod")"#, #"allowPolicyRead("\#(Self.orders)")"#,
      ])
    let warnings = ImportFixtures.messages(diagnostics, .warning).filter { $0.contains("disagree") }
    #expect(warnings.count == 2, "\(warnings)")
    for other in ["export.ndjson", "search.json"] {
      #expect(
        warnings.contains {
          $0.contains("projects-get-iam-policy-backend-prod.json") && $0.contains(other)
            && $0.contains("`projects/backend-prod`")
        }, "\(warnings)")
    }
  }

  @Test func assetRecordsAreReadSearchResultsAreNot() {
    let export = ImportFileKindTests.lines("asset-export-iam-policy.ndjson")
    #expect(
      ImportFixtures.of("allowPolicyRead", export) == [
        #"allowPolicyRead("organizations/111122223333")"#,
        #"allowPolicyRead("folders/444455556666")"#,
        #"allowPolicyRead("projects/backend-prod")"#,
        #"allowPolicyRead("\#(Self.orders)")"#,
        #"allowPolicyRead("projects/backend-prod/locations/us-central1/functions/legacyReport")"#,
        #"allowPolicyRead("projects/123456789012/iap_web/appengine-backend-prod/services/default")"#,
      ])
    #expect(
      ImportFileKindTests.origin(
        "asset-export-iam-policy.ndjson", "allowPolicyRead", ["organizations/111122223333"])
        == "/0/iam_policy")
    #expect(
      ImportFixtures.of(
        "allowPolicyRead", ImportFileKindTests.lines("asset-search-all-iam-policies.json")
      )
      .isEmpty)
  }

  @Test func assetListRecordInCamelCaseIsRead() throws {
    let (lines, diagnostics) = try ImportFixtures.load([
      "asset-list.json": """
      [{"name": "//cloudresourcemanager.googleapis.com/folders/444455556666", "assetType": "cloudresourcemanager.googleapis.com/Folder", "iamPolicy": {"etag": "BwYx"}, "ancestors": ["folders/444455556666", "organizations/111122223333"]}]
      """
    ])
    #expect(diagnostics.isEmpty, "\(diagnostics.map(\.message))")
    #expect(
      ImportFixtures.of("allowPolicyRead", lines) == [#"allowPolicyRead("folders/444455556666")"#])
    #expect(lines.contains(#"parent("folders/444455556666", "organizations/111122223333")"#))
    #expect(lines.contains(#"resource("folders/444455556666", "folder")"#))
  }

  // ---- Cloud Asset ancestors -------------------------------------------------------------------

  @Test func assetAncestorsGiveParentsAndLinkTheProjectNumber() throws {
    let export = """
      {"name": "//cloudresourcemanager.googleapis.com/projects/backend-prod", "asset_type": "cloudresourcemanager.googleapis.com/Project", "iam_policy": {"etag": "BwYx"}, "ancestors": ["projects/123456789012", "folders/444455556666", "organizations/111122223333"]}
      {"name": "//cloudresourcemanager.googleapis.com/projects/210987654321", "asset_type": "cloudresourcemanager.googleapis.com/Project", "iam_policy": {"etag": "BwYx"}, "ancestors": ["projects/210987654321", "organizations/111122223333"]}

      """
    // The service is named by the project number elsewhere: the record links the two.
    let (lines, diagnostics) = try ImportFixtures.load([
      "export.ndjson": export,
      "run/orders.json": S.v2Service("123456789012", "orders-api", ingress: "INGRESS_TRAFFIC_ALL"),
    ])
    #expect(diagnostics.isEmpty, "\(diagnostics.map(\.message))")
    #expect(
      ImportFixtures.of("parent", lines) == [
        #"parent("projects/backend-prod", "folders/444455556666")"#,
        #"parent("folders/444455556666", "organizations/111122223333")"#,
        #"parent("projects/210987654321", "organizations/111122223333")"#,
        #"parent("\#(Self.orders)", "projects/backend-prod")"#,
      ])
    #expect(
      ImportFixtures.of("projectNumber", lines) == [
        #"projectNumber("projects/backend-prod", "123456789012")"#
      ])
    #expect(lines.contains(#"resource("projects/backend-prod", "project")"#))
    #expect(lines.contains(#"runService("\#(Self.orders)")"#))
    #expect(!lines.contains { $0.contains("projects/123456789012") && !$0.hasPrefix("alias(") })
  }

  @Test func aResourceInsideAProjectLinksItsProjectNumber() {
    // The fixture's Cloud Run record is named by project ID, its ancestors by number.
    let facts = ImportFixtures.facts([ImportFixtures.path("asset-export-iam-policy.ndjson")]).facts
    let lines = Set(facts.map(ImportFixtures.line))
    #expect(lines.contains(#"projectNumber("projects/backend-prod", "123456789012")"#))
    #expect(lines.contains(#"parent("projects/backend-prod", "folders/444455556666")"#))
    #expect(lines.contains(#"parent("\#(Self.orders)", "projects/backend-prod")"#))
    // IAP web resources alone are named by project number.
    #expect(
      !lines.contains {
        $0.hasPrefix("parent(") && $0.contains("123456789012") && !$0.contains("/iap_web/")
      })
  }

  // ---- deny policy listings ---------------------------------------------------------------------

  @Test func emptyDenyListingSaysTheNodeHasNone() throws {
    let (lines, diagnostics) = try ImportFixtures.load([
      "projects/backend.json": S.project("backend-prod", "123456789012"),
      "iam-policies-list-denypolicies-organizations-111122223333.json": "[]",
      "iam-policies-list-denypolicies-folders-444455556666.json": "[]",
      "iam-policies-list-denypolicies-projects-123456789012.json": "[]\n",
      "iam-policies-list-denypolicies-projects-gw-prod.json": "[]",
      // Not the convention: an empty list says nothing.
      "deny-list.json": "[]",
    ])
    #expect(diagnostics.isEmpty, "\(diagnostics.map(\.message))")
    #expect(
      ImportFixtures.of("denyPoliciesListed", lines) == [
        #"denyPoliciesListed("organizations/111122223333")"#,
        #"denyPoliciesListed("folders/444455556666")"#,
        #"denyPoliciesListed("projects/backend-prod")"#,
        #"denyPoliciesListed("projects/gw-prod")"#,
      ])
    #expect(
      lines.subtracting(ImportFixtures.of("denyPoliciesListed", lines)).allSatisfy {
        !$0.contains("deny")
      })
  }

  @Test func listedPolicyIsUnfetchedUntilItsGetIsLoaded() throws {
    let list = try String(
      contentsOfFile: ImportFixtures.path("iam-policies-list-deny.json"), encoding: .utf8)
    let get = try String(
      contentsOfFile: ImportFixtures.path("iam-policies-get-deny.json"), encoding: .utf8)
    let name = "iam-policies-list-denypolicies-projects-backend-prod.json"
    let projects = S.project("backend-prod", "123456789012")
    let listed = try ImportFixtures.load(["p.json": projects, name: list])
    #expect(listed.diagnostics.isEmpty, "\(listed.diagnostics.map(\.message))")
    #expect(
      listed.lines.filter { $0.hasPrefix("deny") }
        == Set([
          #"denyPoliciesListed("projects/backend-prod")"#,
          #"denyPolicyUnfetched("\#(ImportFileKindTests.deny)", "projects/backend-prod")"#,
        ]))
    let fetched = try ImportFixtures.load(["p.json": projects, name: list, "get.json": get])
    #expect(
      ImportFixtures.of("denyPoliciesListed", fetched.lines) == [
        #"denyPoliciesListed("projects/backend-prod")"#
      ])
    #expect(ImportFixtures.of("denyPolicyUnfetched", fetched.lines).isEmpty)
    #expect(ImportFixtures.of("denyPolicy", fetched.lines).count == 1)
  }

  @Test func misnamedDenyListingIsAWarning() throws {
    let list = try String(
      contentsOfFile: ImportFixtures.path("iam-policies-list-deny.json"), encoding: .utf8)
    let (lines, diagnostics) = try ImportFixtures.load([
      "p.json": S.project("backend-prod", "123456789012"),
      "iam-policies-list-denypolicies-projects-gw-prod.json": list,
    ])
    // The entries say where they were listed; the name's node is not claimed.
    #expect(
      ImportFixtures.of("denyPoliciesListed", lines) == [
        #"denyPoliciesListed("projects/backend-prod")"#
      ])
    let warnings = ImportFixtures.messages(diagnostics, .warning)
    #expect(warnings.count == 1)
    #expect(
      warnings.first?.contains(
        "is named after `projects/gw-prod` but lists deny policies attached to `projects/backend-prod`"
      ) == true)
  }

  @Test func listingWithAnInvalidEntryIsNotKnownWhole() throws {
    let deny =
      #"{"kind": "DenyPolicy", "name": "policies/cloudresourcemanager.googleapis.com%2Fprojects%2F1/denypolicies/a"}"#
    let (lines, diagnostics) = try ImportFixtures.load([
      "iam-policies-list-denypolicies-projects-1.json":
        "[\(deny), {\"kind\": \"DenyPolicy\", \"name\": \"not-a-policy-name\"}]"
    ])
    #expect(ImportFixtures.messages(diagnostics, .error).count == 1)
    #expect(ImportFixtures.of("denyPoliciesListed", lines).isEmpty)
    #expect(ImportFixtures.of("denyPolicyUnfetched", lines).count == 1)
  }

  @Test func singleGetOutputNamedAsAListingListsNothing() throws {
    let get = try String(
      contentsOfFile: ImportFixtures.path("iam-policies-get-deny.json"), encoding: .utf8)
    let (lines, _) = try ImportFixtures.load(["iam-policies-list-denypolicies-projects-1.json": get]
    )
    #expect(ImportFixtures.of("denyPoliciesListed", lines).isEmpty)
    #expect(ImportFixtures.of("denyPolicy", lines).count == 1)
  }

  // ---- group memberships ------------------------------------------------------------------------

  @Test func everyMembershipsFileSaysTheGroupWasRead() throws {
    let (lines, diagnostics) = try ImportFixtures.load([
      "identity-groups-memberships-list-Callers@Example.com.json": "[]",
      "identity-groups-memberships-list-wrapped@example.com.json": #"{"memberships": []}"#,
      "identity-groups-memberships-list-admins@example.com.json":
        #"[{"preferredMemberKey": {"id": "Bob@Example.com"}, "type": "USER"}]"#,
    ])
    #expect(diagnostics.isEmpty, "\(diagnostics.map(\.message))")
    #expect(
      ImportFixtures.of("groupMembersRead", lines) == [
        #"groupMembersRead("group:callers@example.com")"#,
        #"groupMembersRead("group:wrapped@example.com")"#,
        #"groupMembersRead("group:admins@example.com")"#,
      ])
    #expect(
      ImportFixtures.of("groupMember", lines).subtracting(
        ImportFixtures.of("groupMembersRead", lines)) == [
          #"groupMember("user:bob@example.com", "group:admins@example.com")"#
        ])
  }

  @Test func membershipsWithAStrayElementAreNotKnownWhole() throws {
    let (lines, diagnostics) = try ImportFixtures.load([
      "identity-groups-memberships-list-g@example.com.json":
        #"[{"preferredMemberKey": {"id": "a@example.com"}}, {"name": "groups/x/memberships/y"}]"#
    ])
    #expect(ImportFixtures.of("groupMembersRead", lines).isEmpty)
    #expect(ImportFixtures.of("groupMember", lines).count == 1)
    #expect(
      ImportFixtures.messages(diagnostics, .warning).first?.contains("not known whole") == true)
  }

  // ---- effective tags ---------------------------------------------------------------------------

  static let ledger = "projects/backend-prod/locations/europe-west1/services/ledger-api"
  static let ledgerTags = [
    "111122223333/env=111122223333/env/prod", "backend-prod/team=backend-prod/team/payments",
    "tagKeys/281480193856307=tagValues/281482811473891",
    "tagKeys/281484271805526=tagValues/281476993468530",
  ].joined(separator: "\n")

  @Test func effectiveTagsOfAService() {
    let facts = ImportFixtures.facts(
      [
        "resource-manager-tags-bindings-list-effective-ledger-api.json",
        "run-v2-service-ledger-api.json",
      ].map(ImportFixtures.coveragePath)
    )
    #expect(facts.diagnostics.isEmpty, "\(facts.diagnostics.map(\.message))")
    let tags = facts.facts.filter { $0.origin.file.contains("tags-bindings") }
    #expect(
      Set(tags.map(ImportFixtures.line)) == [
        #"tagsRead("\#(Self.ledger)")"#,
        #"effectiveTag("\#(Self.ledger)", "111122223333/env", "111122223333/env/prod")"#,
        #"effectiveTag("\#(Self.ledger)", "backend-prod/team", "backend-prod/team/payments")"#,
        "effectiveTagSet("
          + [Self.ledger, Self.ledgerTags].map { Value.symbol($0).description }
          .joined(separator: ", ") + ")",
      ])
    #expect(tags.first { $0.relation == "effectiveTag" }?.origin.path == "/0")
    #expect(tags.first { $0.relation == "tagsRead" }?.origin.path == "")
  }

  @Test func noTagsIsAnEmptySet() throws {
    let (lines, diagnostics) = try ImportFixtures.load([
      "p.json": S.project("backend-prod", "123456789012"),
      "resource-manager-tags-bindings-list-effective-123456789012.json": "[]",
    ])
    #expect(diagnostics.isEmpty, "\(diagnostics.map(\.message))")
    #expect(
      lines.filter { $0.hasPrefix("tagsRead(") || $0.hasPrefix("effectiveTag") }
        == Set([
          #"tagsRead("projects/backend-prod")"#, #"effectiveTagSet("projects/backend-prod", "")"#,
        ]))
  }

  @Test func tagsOfAProjectByIDAndOfAFunction() throws {
    let tag = """
      [{"namespacedTagKey": "111122223333/env", "namespacedTagValue": "111122223333/env/dev", "tagKey": "tagKeys/1", "tagValue": "tagValues/2", "inherited": true}]
      """
    let (lines, diagnostics) = try ImportFixtures.load([
      "p.json": S.project("backend-prod", "123456789012"),
      "fn/report.json":
        #"{"name": "projects/backend-prod/locations/us-central1/functions/report", "httpsTrigger": {}}"#,
      "resource-manager-tags-bindings-list-effective-backend-prod.json": tag,
      "resource-manager-tags-bindings-list-effective-report.json": tag,
    ])
    #expect(diagnostics.isEmpty, "\(diagnostics.map(\.message))")
    #expect(
      ImportFixtures.of("tagsRead", lines) == [
        #"tagsRead("projects/backend-prod")"#,
        #"tagsRead("projects/backend-prod/locations/us-central1/functions/report")"#,
      ])
    let set = [
      "projects/backend-prod", "111122223333/env=111122223333/env/dev\ntagKeys/1=tagValues/2",
    ]
    #expect(
      lines.contains(
        "effectiveTagSet(" + set.map { Value.symbol($0).description }.joined(separator: ", ") + ")")
    )
  }

  @Test func gen2FunctionTagsAreTheServicesTags() throws {
    let (lines, diagnostics) = try ImportFixtures.load([
      "fn/inventory.json": """
      {"name": "projects/backend-prod/locations/us-central1/functions/inventory", "environment": "GEN_2",
       "serviceConfig": {"service": "projects/backend-prod/locations/us-central1/services/inventory"}}
      """,
      "resource-manager-tags-bindings-list-effective-inventory.json": "[]",
    ])
    #expect(diagnostics.isEmpty, "\(diagnostics.map(\.message))")
    #expect(
      ImportFixtures.of("tagsRead", lines) == [
        #"tagsRead("projects/backend-prod/locations/us-central1/services/inventory")"#
      ])
  }

  @Test func unknownOrAmbiguousTagsNameIsAWarningInAFolderAnErrorNamed() throws {
    let files = [
      "run/a.json": S.v2Service("backend-prod", "orders-api", ingress: "INGRESS_TRAFFIC_ALL"),
      "run/b.json": S.v2Service("gw-prod", "orders-api", ingress: "INGRESS_TRAFFIC_ALL"),
      "resource-manager-tags-bindings-list-effective-orders-api.json": "[]",
      "resource-manager-tags-bindings-list-effective-nothing.json": "[]",
    ]
    let (lines, diagnostics) = try ImportFixtures.load(files)
    #expect(ImportFixtures.of("tagsRead", lines).isEmpty)
    let warnings = ImportFixtures.messages(diagnostics, .warning)
    #expect(diagnostics.allSatisfy { $0.severity == .warning })
    #expect(
      warnings.contains {
        $0.contains("effective-orders-api.json") && $0.contains("is ambiguous")
          && $0.contains("projects/backend-prod/") && $0.contains("projects/gw-prod/")
      }, "\(warnings)")
    #expect(
      warnings.contains {
        $0.contains("effective-nothing.json") && $0.contains("no loaded project")
      }, "\(warnings)")
    let ambiguous = diagnostics.first { $0.message.contains("is ambiguous") }
    #expect(
      ambiguous?.help?.contains(
        "resource-manager-tags-bindings-list-effective-orders-api--region=us-central1--project=backend-prod.json"
      ) == true)
    // Named on the command line, both are errors.
    let dir = try ImportGapTests.folder(files)
    let named = ImportFixtures.facts([
      dir + "/run/a.json", dir + "/run/b.json",
      dir + "/resource-manager-tags-bindings-list-effective-orders-api.json",
      dir + "/resource-manager-tags-bindings-list-effective-nothing.json",
    ]).diagnostics
    #expect(named.map(\.severity) == [.error, .error], "\(named.map(\.message))")
    // A qualifier says which.
    var qualified = files
    qualified["resource-manager-tags-bindings-list-effective-orders-api--project=gw-prod.json"] =
      "[]"
    qualified["resource-manager-tags-bindings-list-effective-orders-api.json"] = nil
    let resolved = try ImportFixtures.load(qualified)
    #expect(
      ImportFixtures.of("tagsRead", resolved.lines) == [
        #"tagsRead("projects/gw-prod/locations/us-central1/services/orders-api")"#
      ])
  }

  @Test func invalidTagIsAnErrorAndTheSetIsNotClaimed() throws {
    let dir = try ImportFixtures.temporaryDirectory()
    let name = "resource-manager-tags-bindings-list-effective-p.json"
    try ImportFixtures.write(S.project("p", "1"), to: dir + "/p.json")
    try ImportFixtures.write(
      """
      [{"namespacedTagKey": "1/env", "namespacedTagValue": "1/env/prod", "tagKey": "tagKeys/1", "tagValue": "tagValues/2"},
       {"namespacedTagKey": "1/a=b", "namespacedTagValue": "1/a=b/c", "tagKey": "tagKeys/3", "tagValue": 4}]
      """, to: dir + "/" + name)
    let (facts, diagnostics) = ImportFixtures.facts([dir])
    let errors = ImportFixtures.messages(diagnostics, .error)
    #expect(errors.count == 2, "\(errors)")
    #expect(errors.contains { $0.contains("at /1/namespacedTagKey (") && $0.contains("`=`") })
    #expect(errors.contains { $0.contains("at /1/tagValue (") && $0.contains("expected a string") })
    let lines = Set(facts.map(ImportFixtures.line))
    #expect(ImportFixtures.of("tagsRead", lines).isEmpty)
    #expect(ImportFixtures.of("effectiveTagSet", lines).isEmpty)
    #expect(
      ImportFixtures.of("effectiveTag", lines) == [
        #"effectiveTag("projects/p", "1/env", "1/env/prod")"#
      ])
  }

  @Test func tagsFileNotFollowingTheConventionIsSkipped() throws {
    let tag =
      #"[{"namespacedTagKey": "1/env", "namespacedTagValue": "1/env/prod", "tagKey": "tagKeys/1", "tagValue": "tagValues/2"}]"#
    let (lines, diagnostics) = try ImportFixtures.load(["tags.json": tag])
    #expect(lines.isEmpty)
    #expect(
      ImportFixtures.messages(diagnostics, .warning).first?.contains(
        "effective tags (resource-manager tags bindings list --effective) names no resource")
        == true)
  }

  // ---- same name in two regions or projects -----------------------------------------------------

  static let twoOrders: [String: String] = [
    "p1.json": S.project("backend-prod", "123456789012"),
    "run/us.json": S.v2Service("backend-prod", "orders-api", ingress: "INGRESS_TRAFFIC_ALL"),
    "run/eu.json": """
    {"name": "projects/backend-prod/locations/europe-west1/services/orders-api", "ingress": "INGRESS_TRAFFIC_ALL",
     "uri": "https://orders-api-abcd1234ef-ew.a.run.app"}
    """,
    "run/other.json": S.v2Service("pay-prod", "orders-api", ingress: "INGRESS_TRAFFIC_ALL"),
  ]

  @Test func ambiguousShortNameIsAnErrorNamingTheCandidates() throws {
    var files = Self.twoOrders
    files["run-services-get-iam-policy-orders-api.json"] = S.policy("roles/run.invoker", "allUsers")
    let (lines, diagnostics) = try ImportFixtures.load(files)
    #expect(ImportFixtures.of("binding", lines).isEmpty)
    let errors = diagnostics.filter { $0.severity == .error }
    #expect(errors.count == 1)
    #expect(
      errors.first?.message.contains("the Cloud Run service name `orders-api` is ambiguous") == true
    )
    #expect(
      errors.first?.help?.contains(
        "run-services-get-iam-policy-orders-api--region=europe-west1--project=backend-prod.json")
        == true, "\(errors.first?.help ?? "")")
  }

  @Test(arguments: [
    ("--region=europe-west1", "projects/backend-prod/locations/europe-west1/services/orders-api"),
    ("--region=us-central1--project=backend-prod", ImportCoverageTests.orders),
    ("--project=123456789012--region=us-central1", ImportCoverageTests.orders),
    ("--project=pay-prod", "projects/pay-prod/locations/us-central1/services/orders-api"),
  ])
  func qualifiersSayWhichService(_ qualifiers: String, _ service: String) throws {
    var files = Self.twoOrders
    files["run-services-get-iam-policy-orders-api\(qualifiers).json"] = S.policy(
      "roles/run.invoker", "allUsers")
    let (lines, diagnostics) = try ImportFixtures.load(files)
    #expect(diagnostics.isEmpty, "\(diagnostics.map(\.message))")
    #expect(
      ImportFixtures.of("binding", lines) == [
        #"binding("\#(service)", "roles/run.invoker", "allUsers", "")"#
      ]
    )
    #expect(ImportFixtures.of("allowPolicyRead", lines) == [#"allowPolicyRead("\#(service)")"#])
  }

  @Test func qualifiersThatStillMatchSeveralOrNoneAreReported() throws {
    var files = Self.twoOrders
    files["run-services-get-iam-policy-orders-api--project=backend-prod.json"] = S.policy(
      "roles/run.invoker", "allUsers")
    files["run-services-get-iam-policy-orders-api--region=asia-east1.json"] = S.policy(
      "roles/run.invoker", "allUsers")
    let (lines, diagnostics) = try ImportFixtures.load(files)
    #expect(ImportFixtures.of("binding", lines).isEmpty)
    let errors = ImportFixtures.messages(diagnostics, .error)
    #expect(errors.count == 1)
    #expect(
      errors.first?.hasSuffix(
        "--project=backend-prod.json`: "
          + "the Cloud Run service name `orders-api` of project `backend-prod` is ambiguous: "
          + "`projects/backend-prod/locations/europe-west1/services/orders-api` and "
          + "`projects/backend-prod/locations/us-central1/services/orders-api`") == true,
      "\(errors)")
    let warning = diagnostics.first { $0.severity == .warning }
    #expect(
      warning?.message.contains(
        "no loaded Cloud Run service is named `orders-api` in region `asia-east1`") == true)
    #expect(
      warning?.help
        == "also load `gcloud run services describe orders-api --region=asia-east1 --format=json`")
  }

  @Test func functionQualifiers() throws {
    let fn = { (region: String) in
      #"{"name": "projects/backend-prod/locations/\#(region)/functions/report", "httpsTrigger": {}}"#
    }
    let (lines, diagnostics) = try ImportFixtures.load([
      "fn/us.json": fn("us-central1"), "fn/eu.json": fn("europe-west1"),
      "functions-get-iam-policy-report--region=europe-west1--project=backend-prod.json": S.policy(
        "roles/cloudfunctions.invoker", "allUsers"),
    ])
    #expect(diagnostics.isEmpty, "\(diagnostics.map(\.message))")
    #expect(
      ImportFixtures.of("binding", lines) == [
        #"binding("projects/backend-prod/locations/europe-west1/functions/report", "roles/cloudfunctions.invoker", "allUsers", "")"#
      ])
  }

  @Test(
    arguments: [
      ("orders-api", "orders-api", nil, nil),
      ("orders-api--region=us-central1", "orders-api", "us-central1", nil),
      ("orders-api--project=p--region=r", "orders-api", "r", "p"),
      ("a--b", "a--b", nil, nil),
      ("a--b--region=r", "a--b", "r", nil),
    ] as [(String, String, String?, String?)])
  func shortNamesWithQualifiers(
    _ argument: String, _ name: String, _ region: String?, _ project: String?
  ) {
    #expect(
      FileNameConvention.shortName(argument)
        == ShortName(name: name, region: region, project: project))
  }

  @Test(arguments: [
    "--region=r", "s--region=", "s--region=a--region=b", "s--project=p--zone=z", "s--region=r--x",
  ])
  func malformedQualifiersDoNotFollowTheConvention(_ argument: String) {
    #expect(FileNameConvention.shortName(argument) == nil)
  }

  @Test func malformedQualifierIsABadlyNamedFile() throws {
    let (lines, diagnostics) = try ImportFixtures.load([
      "run-services-get-iam-policy-orders-api--zone=a--region=b.json": S.policy(
        "roles/run.invoker", "allUsers"),
      "run-services-get-iam-policy-orders-api--region=b--zone=a.json": S.policy(
        "roles/run.invoker", "allUsers"),
    ])
    #expect(lines.isEmpty)
    // `--zone=a` before a qualifier is part of the name (no such service); after one, the
    // name does not follow the convention.
    #expect(diagnostics.map(\.severity) == [.warning, .warning])
    #expect(diagnostics.contains { $0.message.contains("the file name does not say which") })
  }
}
