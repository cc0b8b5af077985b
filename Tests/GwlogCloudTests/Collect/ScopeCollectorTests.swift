import Foundation
import GwlogEngine
import Testing

@testable import GwlogCloud

/// `Collector` on the scope route (docs/collect.md#the-scope-route) against a scripted gcloud:
/// two Cloud Asset listings, then only what Cloud Asset does not hold; a listing of allow
/// policies refused makes every pair that rests on them unknown, naming the listing.
@Suite struct ScopeCollectorTests {
  static let scope = CollectScope(assetScopes: ["organizations/1"])

  static let resourceList =
    "asset list --organization=1 --content-type=resource --asset-types="
    + CollectStep.assetTypes("resource").joined(separator: ",")
  static let policyList =
    "asset list --organization=1 --content-type=iam-policy --asset-types="
    + CollectStep.assetTypes("iam-policy").joined(separator: ",")

  /// A Cloud Asset record in `asset list`'s camel case.
  static func record(
    _ name: String, _ type: String, ancestors: [String], data: String? = nil,
    policy: String? = nil
  ) -> String {
    let list = ancestors.map { "\"\($0)\"" }.joined(separator: ", ")
    let content =
      data.map { #""resource": {"version": "v1", "data": \#($0)}"# }
      ?? #""iamPolicy": \#(policy ?? ScriptedOrg.empty)"#
    return #"{"name": "\#(name)", "assetType": "\#(type)", "ancestors": [\#(list)], \#(content)}"#
  }

  /// ScriptedOrg's organisation as Cloud Asset lists it: the gateway's config with its
  /// documents, the service `svc` whose policy lets the gateway's account invoke it, and a
  /// project policy that names a group.
  static var answers: [String: ScriptedGcloud.Answer] {
    let crm = "//cloudresourcemanager.googleapis.com/"
    let org = ["organizations/1"]
    let bp = ["projects/200"] + org
    let gwp = ["projects/100"] + org
    let resources = [
      record(
        crm + "organizations/1", "cloudresourcemanager.googleapis.com/Organization",
        ancestors: org,
        data: #"{"name": "organizations/1", "displayName": "example.com", "owner": {}}"#),
      record(
        crm + "projects/100", "cloudresourcemanager.googleapis.com/Project", ancestors: gwp,
        data:
          #"{"projectId": "gwp", "projectNumber": "100", "parent": {"type": "organization", "id": "1"}}"#
      ),
      record(
        crm + "projects/200", "cloudresourcemanager.googleapis.com/Project", ancestors: bp,
        data:
          #"{"projectId": "bp", "projectNumber": "200", "parent": {"type": "organization", "id": "1"}}"#
      ),
      record(
        "//run.googleapis.com/" + ScriptedOrg.service, "run.googleapis.com/Service",
        ancestors: bp,
        data: ScriptedOrg.knative("svc", project: "bp", number: "200", url: ScriptedOrg.svcURL)),
      record(
        "//apigateway.googleapis.com/" + ScriptedOrg.gateway, "apigateway.googleapis.com/Gateway",
        ancestors: gwp,
        data:
          #"{"name": "\#(ScriptedOrg.gateway)", "apiConfig": "projects/100/locations/global/apis/a/configs/c1"}"#
      ),
      record(
        "//apigateway.googleapis.com/projects/gwp/locations/global/apis/a/configs/c1",
        "apigateway.googleapis.com/ApiConfig", ancestors: gwp,
        data: """
          {"name": "projects/gwp/locations/global/apis/a/configs/c1", "state": "ACTIVE",
           "gatewayServiceAccount": "projects/-/serviceAccounts/\(ScriptedOrg.account)",
           "openapiDocuments": [{"document": {"path": "o.json", "contents": "\(ScriptedOrg.openapi)"}}]}
          """),
      record(
        "//iam.googleapis.com/projects/gwp/serviceAccounts/\(ScriptedOrg.account)",
        "iam.googleapis.com/ServiceAccount", ancestors: gwp,
        data:
          #"{"email": "\#(ScriptedOrg.account)", "uniqueId": "1", "name": "projects/gwp/serviceAccounts/\#(ScriptedOrg.account)"}"#
      ),
    ]
    let invoker =
      #"{"bindings": [{"role": "roles/run.invoker", "members": ["serviceAccount:\#(ScriptedOrg.account)"]}], "etag": "BwE="}"#
    let viewers =
      #"{"bindings": [{"role": "roles/viewer", "members": ["group:team@example.com"]}], "etag": "BwE="}"#
    let policies = [
      record(
        crm + "organizations/1", "cloudresourcemanager.googleapis.com/Organization",
        ancestors: org),
      record(crm + "projects/100", "cloudresourcemanager.googleapis.com/Project", ancestors: gwp),
      record(
        crm + "projects/200", "cloudresourcemanager.googleapis.com/Project", ancestors: bp,
        policy: viewers),
      record(
        "//run.googleapis.com/" + ScriptedOrg.service, "run.googleapis.com/Service",
        ancestors: bp, policy: invoker),
    ]
    let point = "--attachment-point=cloudresourcemanager.googleapis.com/"
    var table: [String: ScriptedGcloud.Answer] = [
      resourceList: .prints("[" + resources.joined(separator: ",\n") + "]"),
      policyList: .prints("[" + policies.joined(separator: ",\n") + "]"),
      "identity groups memberships list --group-email=team@example.com": .prints("[]"),
    ]
    for node in ["organizations/1", "projects/gwp", "projects/bp"] {
      table["iam policies list \(point)\(node) --kind=denypolicies"] = .prints("{}")
    }
    return table
  }

  @Test func twoListingsThenOnlyWhatCloudAssetDoesNotHold() throws {
    let gcloud = ScriptedGcloud(Self.answers)
    let folder = try CollectorTests.folder()
    let summary = try Collector(runner: gcloud, folder: folder).collect(Self.scope)
    #expect(summary.failures.isEmpty, "\(summary.failures.map(\.commandLine))")
    // Every scripted command ran once, and nothing else: no describe, no get-iam-policy.
    #expect(gcloud.commands == Self.answers.keys.sorted())
    let files = try CollectorTests.files(folder)
    for name in [
      "asset-list-resource-organization-1.json", "asset-list-iam-policy-organization-1.json",
      "iam-policies-list-denypolicies-projects-bp.json",
      "identity-groups-memberships-list-team@example.com.json", CollectLog.fileName,
    ] {
      #expect(files.contains(name), "\(name) was not written")
    }
    #expect(try CollectorTests.verdict(folder)?.verdict == "yes")
  }

  @Test func aRefusedListingOfAllowPoliciesMakesThePairUnknownNamingIt() throws {
    var answers = Self.answers
    answers[Self.policyList] = .fails(
      "ERROR: (gcloud.asset.list) PERMISSION_DENIED: The caller does not have permission")
    let gcloud = ScriptedGcloud(answers)
    let folder = try CollectorTests.folder()
    let summary = try Collector(runner: gcloud, folder: folder).collect(Self.scope)
    #expect(summary.failures.map(\.reads?.kind) == ["allow-policies"])
    #expect(
      !(try CollectorTests.files(folder)).contains("asset-list-iam-policy-organization-1.json"))
    // No policy was listed, so no group is named.
    #expect(!gcloud.commands.contains { $0.hasPrefix("identity groups") })
    let verdict = try #require(try CollectorTests.verdict(folder))
    #expect(verdict.verdict == "unknown")
    let missing = verdict.missing.joined(separator: "\n")
    #expect(
      missing.contains("the allow policy of \(ScriptedOrg.service), which could not be read"),
      "\(missing)")
    #expect(missing.contains("roles/cloudasset.viewer"), "\(missing)")
    #expect(missing.contains("gcloud asset list --organization=1 --content-type=iam-policy"))
  }

  @Test func aFolderScopeReadsTheNodesAboveItAsTheChainDoes() throws {
    let step = CollectStep.assetList(scope: "folders/7", content: "resource")
    var state = CollectState()
    state.scopeRoute = true
    let record = Self.record(
      "//cloudresourcemanager.googleapis.com/projects/300",
      "cloudresourcemanager.googleapis.com/Project",
      ancestors: ["projects/300", "folders/7", "folders/6", "organizations/1"],
      data: #"{"projectId": "p3", "projectNumber": "300", "parent": {"type": "folder", "id": "7"}}"#
    )
    guard case .success(let json) = JSONReader.parse(Array("[\(record)]".utf8)) else {
      Issue.record("the record is not JSON")
      return
    }
    let next = state.followUps(step, json).next
    #expect(next.contains(.denyListing(node: "projects/p3")))
    // The nodes above the scope, and the scope itself when no record of it was listed, are
    // read as the chain reads them; the project, listed, only for its deny policies.
    for above in ["folders/7", "folders/6", "organizations/1"] {
      #expect(next.contains(.denyListing(node: above)))
      #expect(next.contains(.orgPolicyList(node: above)))
    }
    #expect(next.contains(.folder(id: "6")) && next.contains(.folderPolicy(id: "6")))
    #expect(next.contains(.folderPolicy(id: "7")))
    #expect(next.contains(.organization(id: "1")) && next.contains(.organizationPolicy(id: "1")))
    #expect(!next.contains(.project(id: "p3")) && !next.contains(.projectPolicy(id: "p3")))
    #expect(!next.contains(.orgPolicyList(node: "projects/p3")))
    #expect(step.output == "asset-list-resource-folder-7.json")
  }
}
