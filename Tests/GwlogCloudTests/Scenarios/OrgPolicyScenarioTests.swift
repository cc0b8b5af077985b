import GwlogEngine
import Testing

/// Org policies (docs/google-cloud-model.md#organization-policies): never block a request, forbid fixes,
/// and they are inherited with `reset` and `inheritFromParent`.
@Suite struct OrgPolicyScenarioTests {
  typealias S = Scenario

  @Test func domainRestrictedSharingForbidsGrantingAllUsers() throws {
    var s = Scenario()
    s.fact("orgPolicyList", S.org, "iam.allowedPolicyMemberDomains", "allow", "C0example")
    let o = try s.evaluate()
    #expect(!o.canInvoke)
    #expect(o.problems == ["L6 missing-permission"])
    #expect(o.blockedFixes == ["grant allUsers the invoker role | iam.allowedPolicyMemberDomains"])
    let repair = try o.firstRepair()
    #expect(repair?.relation == "binding")
    #expect(repair?.value(2) == .symbol(S.gatewayAccount))
    #expect(
      !(try o.repairs().contains {
        $0.relation == "binding"
          && [Value.symbol("allUsers"), .symbol("allAuthenticatedUsers")].contains($0.values[2])
      }))
  }

  @Test func existingAllUsersBindingStillWorksButIsNonCompliant() throws {
    var s = Scenario()
    s.fact("orgPolicyList", S.org, "iam.allowedPolicyMemberDomains", "allow", "C0example")
    s.bind(S.service, "roles/run.invoker", "allUsers")
    let o = try s.evaluate()
    #expect(o.canInvoke)
    #expect(o.warnings == ["non-compliant", "public-backend"])
  }

  @Test func resetBelowTheOrganizationLiftsRequireInvokerIam() throws {
    var s = Scenario()
    s.fact("orgPolicyBoolean", S.org, "run.managed.requireInvokerIam", "true")
    s.fact("orgPolicyReset", S.backendProject, "run.managed.requireInvokerIam")
    let o = try s.evaluate()
    #expect(o.blockedFixes.isEmpty)
    #expect(try o.repairs().contains { $0.relation == "invokerIamDisabled" })
  }

  @Test func folderOverrideNotEnforcedLiftsRequireInvokerIam() throws {
    var s = Scenario()
    s.fact("orgPolicyBoolean", S.org, "run.managed.requireInvokerIam", "true")
    s.fact("orgPolicyBoolean", S.middleFolder, "run.managed.requireInvokerIam", "false")
    #expect(try s.evaluate().blockedFixes.isEmpty)
  }

  @Test func inheritFromParentFalseDropsTheOrganizationsAllowList() throws {
    var s = Scenario()
    s.fact("orgPolicyList", S.org, "iam.allowedPolicyMemberDomains", "allow", "C0example")
    s.fact("orgPolicyInherit", S.backendProject, "iam.allowedPolicyMemberDomains", "false")
    s.fact("orgPolicyList", S.backendProject, "iam.allowedPolicyMemberDomains", "allowAll", "")
    let o = try s.evaluate()
    #expect(o.blockedFixes.isEmpty)
  }

  @Test func allowedIngressMergesWithTheParent() throws {
    var merged = Scenario()
    merged.lines.removeAll { $0.hasPrefix("ingress(") }
    merged.fact("ingress", S.service, "internal")
    merged.bind(S.service)
    merged.fact("orgPolicyList", S.org, "run.allowedIngress", "allow", "internal")
    merged.fact("orgPolicyList", S.backendProject, "run.allowedIngress", "allow", "all")
    let o = try merged.evaluate()
    #expect(o.problems == ["L5 ingress"])
    #expect(o.blockedFixes.isEmpty)
    #expect(try o.firstRepair()?.relation == "ingress")

    var reset = merged
    reset.lines.removeAll { $0.contains(#""allow", "all""#) }
    reset.fact("orgPolicyReset", S.backendProject, "run.allowedIngress")
    #expect(try reset.evaluate().blockedFixes.isEmpty)

    var restricted = merged
    restricted.lines.removeAll { $0.contains(#""allow", "all""#) }
    #expect(try restricted.evaluate().blockedFixes == ["set ingress to all | run.allowedIngress"])
  }
}
