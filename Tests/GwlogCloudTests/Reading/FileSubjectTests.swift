import Testing

@testable import GwlogCloud

/// What a file's name says it is about, under the names `gwlog collect` writes
/// (docs/collect.md#the-folder) and the convention of docs/file-naming.md: a focused read
/// skips a file only when its name names a project, folder or resource off the chain.
@Suite struct FileSubjectTests {
  @Test func projectFilesNameTheirProject() {
    for name in [
      "projects-describe-shop-backend.json", "projects-get-iam-policy-shop-backend.json",
      "projects-get-ancestors-shop-backend.json",
      "iam-policies-list-denypolicies-projects-shop-backend.json",
      "app-describe-shop-backend.json", "iap-web-get-iam-policy-app-engine-shop-backend.json",
      "org-policies-describe-run.allowedIngress-project-shop-backend.json",
      "resource-manager-org-policies-describe-iam.allowedPolicyMemberDomains-project-shop-backend.json",
      "iam-roles-describe-legacyInvoker--project=shop-backend.json",
      "iam-policies-get-lockdown--projects-shop-backend.json",
      "app-services-describe-api--project=shop-backend.json",
    ] {
      #expect(FileSubject.of(path: "dir/sub/" + name) == .project("shop-backend"), "\(name)")
    }
    #expect(FileSubject.of(path: "projects-get-iam-policy-123456.json") == .project("123456"))
  }

  @Test func folderListingsAndPoliciesNameTheirFolder() {
    #expect(
      FileSubject.of(path: "iam-policies-list-denypolicies-folders-2002.json") == .folder("2002"))
    #expect(
      FileSubject.of(path: "org-policies-describe-run.allowedIngress-folder-2002.json")
        == .folder("2002"))
    #expect(FileSubject.of(path: "iam-policies-get-lockdown--folders-2002.json") == .folder("2002"))
  }

  @Test func resourceFilesNameTheResourceAndItsProject() {
    #expect(
      FileSubject.of(
        path: "run-services-describe-orders-api--region=us-central1--project=shop.json")
        == .resource(name: "orders-api", project: "shop"))
    #expect(
      FileSubject.of(path: "run-v2-services-get-admin--region=europe-west1--project=shop.json")
        == .resource(name: "admin", project: "shop"))
    #expect(
      FileSubject.of(path: "functions-get-iam-policy-report-fn.json")
        == .resource(name: "report-fn", project: nil))
    #expect(
      FileSubject.of(path: "resource-manager-tags-bindings-list-effective-a--b--project=p.yaml")
        == .resource(name: "a--b", project: "p"))
  }

  /// Everything the chain needs from elsewhere, and every name that follows no form, is
  /// always read.
  @Test func filesTheChainAlwaysNeedsNameNoSubject() {
    for name in [
      "api-gateway-gateways-describe-shop-gw--location=us-central1--project=gw.json",
      "api-gateway-api-configs-describe-shop-v2--api=shop.json",
      "identity-groups-memberships-list-callers@example.com.json",
      "iam-service-accounts-describe-gw@gw.iam.gserviceaccount.com.json",
      "organizations-get-iam-policy-1001.json", "organizations-list.json",
      "iam-policies-list-denypolicies-organizations-1001.json",
      "org-policies-describe-iam.allowedPolicyMemberDomains-organization-1001.json",
      "iam-roles-describe-apiGatewayInvoker--organization=1001.json",
      // Folders' describes and allow policies: for hints about grants on other folders.
      "folders-describe-2002.json", "folders-get-iam-policy-2002.json",
      "resource-manager-folders-get-iam-policy-2002.json",
      // The generator's deny policy names carry no `--`: read always.
      "iam-policies-get-projects-shop-lockdown.json",
      "run-v2-service.json", "asset-list-resource-organization-1001.json",
      "projects-describe-shop.ndjson", "gwlog-collect.jsonl", "projects-describe-.json",
      "run-services-describe-a--region=r--zone=z.json",
    ] {
      #expect(FileSubject.of(path: name) == nil, "\(name)")
    }
  }
}
