import Foundation
import GwlogEngine
import Testing

@testable import GwlogCloud

/// Never a false yes: a snapshot with any one file missing never gives a definite `yes` for a
/// pair that the whole snapshot answers `no` or `unknown`; and what is missing is named with
/// the command that fetches it.
@Suite struct VerdictPropertyTests {
  static let example = ExampleOrgTests.example
  static let evaluationTime = ExampleOrgTests.evaluationTime

  /// Every `.json` file of the example organisation, sorted.
  static let exampleFiles: [String] =
    ((try? FileManager.default.contentsOfDirectory(atPath: example)) ?? [])
    .filter { $0.hasSuffix(".json") }.sorted()

  /// The verdict of every routed pair, keyed `gateway|backend`, for the given files.
  static func verdicts(of files: [String]) throws -> [String: String] {
    let workspace = Workspace()
    let problems = ModelSession.load(
      paths: files.map { example + "/" + $0 }, into: workspace, evaluationTime: evaluationTime)
    #expect(problems.filter { $0.severity == .error }.isEmpty, "\(problems.map(\.message))")
    try workspace.evaluate()
    var out: [String: String] = [:]
    for row in try workspace.query("verdict(G, B, V)").rows {
      guard row.count == 3, case .symbol(let g) = row[0], case .symbol(let b) = row[1],
        case .symbol(let v) = row[2]
      else { continue }
      out[g + "|" + b] = v
    }
    return out
  }

  @Test func theWholeExampleHasThreeDefiniteYesAndNoUnknown() throws {
    let verdicts = try Self.verdicts(of: Self.exampleFiles)
    let yes = verdicts.filter { $0.value == "yes" }.keys.sorted()
    #expect(
      yes
        == [
          ExampleOrgTests.partner + "|" + ExampleOrgTests.app,
          ExampleOrgTests.shop + "|" + ExampleOrgTests.status,
          ExampleOrgTests.shop + "|" + ExampleOrgTests.orders,
        ].sorted())
    #expect(verdicts.filter { $0.value == "unknown" }.isEmpty, "\(verdicts)")
    #expect(verdicts.count == 10)
  }

  @Test(arguments: exampleFiles)
  func removingOneFileNeverGivesAFalseYes(_ removed: String) throws {
    let whole = try Self.verdicts(of: Self.exampleFiles)
    let partial = try Self.verdicts(of: Self.exampleFiles.filter { $0 != removed })
    for (pair, verdict) in partial where verdict == "yes" {
      #expect(whole[pair] == "yes", "without \(removed), \(pair) is yes but \(whole[pair] ?? "-")")
    }
  }

  @Test func aMissingDenyListingMakesTheWorkingPairUnknownAndNamesTheCommand() throws {
    let files = Self.exampleFiles.filter {
      $0 != "iam-policies-list-denypolicies-folders-2002.json"
    }
    let workspace = Workspace()
    _ = ModelSession.load(
      paths: files.map { Self.example + "/" + $0 }, into: workspace,
      evaluationTime: Self.evaluationTime)
    try workspace.evaluate()
    let missing = try workspace.query(
      "canInvokeUnknown(\"\(ExampleOrgTests.shop)\", \"\(ExampleOrgTests.orders)\", M)"
    ).rows.compactMap { row -> String? in
      if case .symbol(let s)? = row.first { return s }
      return nil
    }
    #expect(
      missing == [
        "the deny policies attached at folders/2002: gcloud iam policies list "
          + "--attachment-point=cloudresourcemanager.googleapis.com/folders/2002 "
          + "--kind=denypolicies --format=json > iam-policies-list-denypolicies-folders-2002.json"
      ])
    #expect(try workspace.query("canInvoke(shop-gw, orders-api)").rows.isEmpty)
  }

  /// The scenario's one pair's verdict and what it is missing.
  static func verdict(_ scenario: Scenario) throws -> (String, [String]) {
    let o = try scenario.evaluate()
    let verdict = try o.rows("verdict(G, B, V)").first?.last ?? "-"
    let missing = try o.rows("canInvokeUnknown(G, B, M)").compactMap(\.last)
    return (verdict, missing)
  }

  @Test func anUnreadGroupHoldingTheRoleMakesAMissingGrantUnknown() throws {
    var s = Scenario()
    s.bind(Scenario.backendProject, "roles/run.invoker", "group:team@example.com")
    #expect(try Self.verdict(s).0 == "no")
    s.unreadGroups = ["group:team@example.com"]
    let (verdict, missing) = try Self.verdict(s)
    #expect(verdict == "unknown")
    #expect(
      missing == [
        "the members of group:team@example.com: gcloud identity groups memberships list "
          + "--group-email=team@example.com --format=json "
          + "> identity-groups-memberships-list-team@example.com.json"
      ])
  }

  @Test func anUnreadAllowPolicyOnThePathMakesAMissingGrantUnknown() throws {
    var s = Scenario()
    s.unreadAllowPolicies = ["folders/201"]
    let (verdict, missing) = try Self.verdict(s)
    #expect(verdict == "unknown")
    #expect(missing.contains { $0.contains("gcloud resource-manager folders get-iam-policy 201") })
  }

  @Test func aWorkingPairWithAnUnlistedDenyAttachmentIsUnknown() throws {
    var s = Scenario()
    s.bind(Scenario.service)
    #expect(try Self.verdict(s).0 == "yes")
    s.unlistedDenyPolicies = [Scenario.org]
    let (verdict, missing) = try Self.verdict(s)
    #expect(verdict == "unknown")
    #expect(missing.count == 1)
    #expect(missing.first?.hasPrefix("the deny policies attached at organizations/100") == true)
  }

  @Test func anUndescribedGatewayAccountMakesAWorkingPairUnknown() throws {
    var s = Scenario()
    s.bind(Scenario.service)
    s.lines.removeAll { $0.hasPrefix("serviceAccount(\"\(Scenario.gatewayAccount)\"") }
    let (verdict, missing) = try Self.verdict(s)
    #expect(verdict == "unknown")
    #expect(missing.first?.contains("gcloud iam service-accounts describe gw-sa@gw-proj") == true)
  }

  @Test func aDenyRuleWithAnUndecidableConditionIsNeitherDeniedNorAllowed() throws {
    var s = Scenario()
    s.bind(Scenario.service)
    let rule = s.deny(at: Scenario.backendProject, principals: [Scenario.gatewayAccount])
    s.fact("denialCondition", rule, "prod only", "resource.matchTag('100/env', 'prod')")
    let (verdict, missing) = try Self.verdict(s)
    #expect(verdict == "unknown")
    #expect(missing.first?.contains("prod only") == true)
    #expect(try s.evaluate().problems.contains("L7 denied") == false)
  }
}

/// Settled semantics, one scenario each (docs/google-cloud-model.md#what-was-settled-and-where).
@Suite struct SettledSemanticsTests {
  @Test func aDisabledDefaultURLBreaksARunAppRoute() throws {
    var s = Scenario()
    s.bind(Scenario.service)
    s.fact("defaultUrlDisabled", Scenario.service)
    let o = try s.evaluate()
    #expect(!o.canInvoke)
    #expect(o.problems == ["L1 default-url-disabled"])
    #expect(
      o.details("default-url-disabled").first?.contains(
        "gcloud run services update svc --region=us-central1 --project=be-proj --default-url")
        == true)
  }

  @Test func denyPoliciesApplyToWhoCanInvoke() throws {
    var s = Scenario()
    s.bind(Scenario.service)
    #expect(try s.evaluate().rows("whoCanInvoke(M, B)").map(\.first) == [Scenario.gatewayAccount])
    _ = s.deny(at: Scenario.org, principals: [Scenario.gatewayAccount])
    #expect(try s.evaluate().rows("whoCanInvoke(M, B)").isEmpty)
  }

  @Test func noFixGrantsABasicRole() throws {
    let o = try Scenario().evaluate()
    let roles = try o.repairs().filter { $0.relation == "binding" }.compactMap { repair in
      if case .symbol(let role)? = repair.value(1) { return role }
      return nil
    }
    #expect(!roles.isEmpty)
    #expect(!roles.contains { ["roles/owner", "roles/editor", "roles/viewer"].contains($0) })
    #expect(!roles.contains { $0.lowercased().hasSuffix("serviceagent") })
  }
}

/// Deny conditions on tags are decided where the tags in effect were read.
@Suite struct TagConditionTests {
  static func scenario(tags: String?) -> Scenario {
    var s = Scenario()
    s.bind(Scenario.service)
    let rule = s.deny(at: Scenario.backendProject, principals: [Scenario.gatewayAccount])
    s.fact("denialCondition", rule, "prod only", "resource.matchTag('100/env', 'prod')")
    if let tags {
      s.fact("tagsRead", Scenario.service)
      s.fact("effectiveTagSet", Scenario.service, tags)
    }
    return s
  }

  @Test func aMatchingTagDenies() throws {
    let o = try Self.scenario(tags: "100/env=100/env/prod").evaluate()
    #expect(!o.canInvoke)
    #expect(o.problems.contains("L7 denied"))
  }

  @Test func anotherTagValueDoesNotDeny() throws {
    let o = try Self.scenario(tags: "100/env=100/env/dev").evaluate()
    #expect(o.canInvoke)
  }

  @Test func unreadTagsLeaveItUnknown() throws {
    let o = try Self.scenario(tags: nil).evaluate()
    #expect(!o.canInvoke)
    #expect(try o.rows("verdict(G, B, V)").first?.last == "unknown")
  }
}

/// More settled semantics (docs/google-cloud-model.md#what-was-settled-and-where).
@Suite struct MoreSettledSemanticsTests {
  @Test func appEngineIngressInternalBlocksTheGateway() throws {
    var s = Scenario(.appEngineIAP)
    s.bind(Scenario.iapResource, "roles/iap.httpsResourceAccessor")
    s.fact("ingress", Scenario.app, "internal")
    let o = try s.evaluate()
    #expect(!o.canInvoke)
    #expect(o.problems.contains("L5 ingress"))
  }

  @Test func aGroupHoldingTheRoleWithoutTheAccountIsNamed() throws {
    var s = Scenario()
    s.bind(Scenario.backendProject, "roles/run.invoker", "group:team@example.com")
    s.member("user:alice@example.com", of: "group:team@example.com")
    let o = try s.evaluate()
    #expect(o.problems.contains("L6 group-without-account"))
    #expect(
      o.details("group-without-account").first?.contains(
        "gcloud identity groups memberships add --group-email=team@example.com "
          + "--member-email=gw-sa@gw-proj.iam.gserviceaccount.com") == true)
  }

  @Test func aDenyForEveryoneMakesAPublicGrantNotPublic() throws {
    var s = Scenario()
    s.bind(Scenario.service, "roles/run.invoker", "allUsers")
    #expect(try !s.evaluate().rows("publicBackend(B, How)").isEmpty)
    _ = s.deny(at: Scenario.org, principals: ["principalSet://goog/public:all"])
    #expect(try s.evaluate().rows("publicBackend(B, How)").isEmpty)
  }

  @Test func domainRestrictedSharingForbidsGrantingAnotherCustomersPrincipal() throws {
    var s = Scenario()
    s.fact("orgPolicyList", Scenario.org, "iam.allowedPolicyMemberDomains", "allow", "C0mine")
    s.fact("memberDomain", Scenario.gatewayAccount, "C0other")
    let o = try s.evaluate()
    let grants = try o.repairs().filter { $0.relation == "binding" && $0.action == .add }
    #expect(!grants.contains { $0.value(2) == .symbol(Scenario.gatewayAccount) })
  }
}

/// A deny that an unread exception group could lift is not a definite no.
@Suite struct DenyExceptionGapTests {
  @Test func anUnreadExceptionGroupMakesADenialUnknown() throws {
    var s = Scenario()
    s.bind(Scenario.service)
    _ = s.deny(
      at: Scenario.backendProject, principals: [Scenario.gatewayAccount],
      exceptPrincipals: ["group:breakglass@example.com"])
    #expect(try VerdictPropertyTests.verdict(s).0 == "no")
    s.unreadGroups = ["group:breakglass@example.com"]
    let (verdict, missing) = try VerdictPropertyTests.verdict(s)
    #expect(verdict == "unknown")
    #expect(missing.first?.contains("--group-email=breakglass@example.com") == true)
  }
}
