import Foundation
import GwlogEngine
import Testing

@testable import GwlogCloud

/// The file-name convention for policies without a resource name, unknown shapes and
/// malformed JSON.
@Suite struct ImportFileNameTests {
  static let policy =
    #"{"bindings": [{"role": "roles/run.invoker", "members": ["allUsers"]}], "etag": "BwY="}"#

  @Test func wellNamedPoliciesNameTheirResource() throws {
    let dir = try ImportFixtures.temporaryDirectory()
    try ImportFixtures.write(Self.policy, to: dir + "/folders-get-iam-policy-444455556666.json")
    try ImportFixtures.write(
      Self.policy, to: dir + "/resource-manager-folders-get-iam-policy-777.json")
    try ImportFixtures.write(Self.policy, to: dir + "/organizations-get-iam-policy-111.json")
    try ImportFixtures.write(
      #"{"constraint": "constraints/run.allowedIngress", "listPolicy": {"allowedValues": ["all"]}}"#,
      to: dir + "/resource-manager-org-policies-describe-run.allowedIngress-project-p1.json")
    let (facts, diagnostics) = ImportFixtures.facts([dir])
    #expect(diagnostics.isEmpty)
    #expect(
      Set(facts.map(ImportFixtures.line)) == [
        #"binding("folders/444455556666", "roles/run.invoker", "allUsers", "")"#,
        #"binding("folders/777", "roles/run.invoker", "allUsers", "")"#,
        #"binding("organizations/111", "roles/run.invoker", "allUsers", "")"#,
        #"allowPolicyRead("folders/444455556666")"#,
        #"allowPolicyRead("folders/777")"#,
        #"allowPolicyRead("organizations/111")"#,
        #"orgPolicyList("projects/p1", "run.allowedIngress", "allow", "all")"#,
        #"orgPolicyInherit("projects/p1", "run.allowedIngress", "false")"#,
      ])
    #expect(facts.first?.origin.path == "/bindings/0/members/0")
  }

  @Test func badlyNamedPolicyInAFolderIsAWarningNamedDirectlyAnError() throws {
    let dir = try ImportFixtures.temporaryDirectory()
    let path = dir + "/iam-policy.json"
    try ImportFixtures.write(Self.policy, to: path)
    let inFolder = ImportFixtures.facts([dir])
    #expect(inFolder.facts.isEmpty)
    #expect(inFolder.diagnostics.count == 1)
    #expect(inFolder.diagnostics.first?.severity == .warning)
    #expect(
      inFolder.diagnostics.first?.help?.contains("projects-get-iam-policy-PROJECT.json") == true)
    let direct = ImportFixtures.facts([path])
    #expect(direct.facts.isEmpty)
    #expect(direct.diagnostics.map(\.severity) == [.error])
    // The fixture's legacy org policies name no resource either.
    let v1 = ImportFixtures.facts([
      ImportFixtures.path("resource-manager-org-policies-describe-v1.json")
    ])
    #expect(v1.diagnostics.map(\.severity) == [.error])
  }

  @Test func unknownShapes() throws {
    let dir = try ImportFixtures.temporaryDirectory()
    try ImportFixtures.write(#"{"hello": 1}"#, to: dir + "/hello.json")
    #expect(ImportFixtures.facts([dir]).diagnostics.map(\.severity) == [.warning])
    let direct = ImportFixtures.facts([dir + "/hello.json"]).diagnostics
    #expect(direct.map(\.severity) == [.error])
    #expect(direct.first?.help?.contains("an IAM allow policy (get-iam-policy)") == true)
  }

  @Test func malformedJSONIsBadJSONWithPosition() throws {
    let dir = try ImportFixtures.temporaryDirectory()
    try ImportFixtures.write("{\"bindings\": [,]}", to: dir + "/projects-get-iam-policy-p.json")
    let diagnostics = ImportFixtures.facts([dir]).diagnostics
    #expect(diagnostics.map(\.code) == [.badJSON])
    #expect(
      diagnostics.first?.message.hasPrefix(dir + "/projects-get-iam-policy-p.json:1:") == true)
    try ImportFixtures.write(
      #"{"bindings": [{"role": 3, "members": ["allUsers"]}]}"#,
      to: dir + "/projects-get-iam-policy-p.json")
    let wrongType = ImportFixtures.facts([dir]).diagnostics
    #expect(wrongType.first?.message.contains("/bindings/0/role") == true)
    #expect(wrongType.first?.message.contains("expected a string") == true)
  }

  @Test func missingPathIsAnIOError() {
    #expect(ImportFixtures.facts(["/nonexistent/gwlog"]).diagnostics.map(\.code) == [.io])
  }

  @Test func principalsAndPermissions() {
    #expect(
      Principals.canonical("principal://goog/subject/Alice@Example.com") == "user:alice@example.com"
    )
    #expect(
      Principals.canonical("principalSet://goog/group/Eng@Example.com") == "group:eng@example.com")
    #expect(
      Principals.canonical("deleted:principal://goog/subject/Bob@example.com?uid=12")
        == "deleted:user:bob@example.com?uid=12")
    #expect(
      Principals.canonical("serviceAccount:GW@P.iam.gserviceaccount.com")
        == "serviceAccount:gw@p.iam.gserviceaccount.com")
    #expect(
      Principals.canonical("principalSet://goog/public:all") == "principalSet://goog/public:all")
    #expect(Principals.permission("run.googleapis.com/routes.invoke") == "run.routes.invoke")
    #expect(Principals.permission("*") == "*")
  }
}
