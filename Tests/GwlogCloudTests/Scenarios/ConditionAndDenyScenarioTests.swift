import GwlogEngine
import Testing

/// Conditions (docs/google-cloud-model.md#conditions) and deny policies (#l7-deny): decided conditions are
/// true or false, undecidable ones are reported, never guessed; a deny beats every allow.
@Suite struct ConditionAndDenyScenarioTests {
  typealias S = Scenario

  @Test func trueConditionGrants() throws {
    var s = Scenario()
    s.bindIf(
      S.backendProject, title: "be-proj services",
      expression:
        #"resource.name.startsWith("projects/be-proj/") && resource.type == "run.googleapis.com/Service""#
    )
    let o = try s.evaluate()
    #expect(o.canInvoke)
    #expect(o.problems.isEmpty)
    #expect(o.canInvokeIf.isEmpty)
  }

  @Test func falseConditionNamesItsTitle() throws {
    var s = Scenario()
    s.bindIf(
      S.backendProject, title: "only the billing service",
      expression: #"resource.name == "projects/be-proj/locations/europe-west1/services/billing""#)
    let o = try s.evaluate()
    #expect(!o.canInvoke)
    #expect(o.problems == ["L6 condition-false", "L6 missing-permission"])
    #expect(o.details("condition-false").first?.contains("only the billing service") == true)
    #expect(o.canInvokeIf.isEmpty)
    let repair = try o.firstRepair()
    #expect(repair?.relation == "binding")
  }

  @Test func expiredConditionIsFalseAtTheEvaluationTime() throws {
    var s = Scenario()
    s.bindIf(
      S.service, title: "trial until 2025",
      expression: #"request.time < timestamp("2026-01-01T00:00:00Z")"#)
    let o = try s.evaluate()
    #expect(!o.canInvoke)
    #expect(o.problems == ["L6 condition-false", "L6 missing-permission"])
    #expect(o.details("condition-false").first?.contains("trial until 2025") == true)
    try o.firstRepair()
    // The same facts a month earlier: the grant was still in force (and about to expire).
    let earlier = try s.evaluate(at: 1_765_000_000)
    #expect(earlier.canInvoke)
    #expect(earlier.warnings == ["expires-soon"])
  }

  @Test func undecidableConditionIsReportedNeverGuessed() throws {
    var s = Scenario()
    s.bindIf(
      S.backendProject, title: "prod-tagged only",
      expression: #"resource.matchTag("100/env", "prod")"#)
    let o = try s.evaluate()
    #expect(!o.canInvoke)
    #expect(o.canInvokeIf == ["prod-tagged only"])
    #expect(o.problems == ["L6 condition-unknown"])
    #expect(o.details("condition-unknown").first?.contains("prod-tagged only") == true)
    try o.firstRepair()
  }

  @Test func bindingExpiringWithin30DaysWarns() throws {
    var s = Scenario()
    s.bindIf(
      S.service, title: "until mid-February",
      expression: #"request.time < timestamp("2026-02-15T00:00:00Z")"#)
    let o = try s.evaluate()
    #expect(o.canInvoke)
    #expect(o.warnings == ["expires-soon"])
    #expect(o.warningDetails("expires-soon").first?.contains("until mid-February") == true)
  }

  @Test func bindingExpiringLaterDoesNotWarn() throws {
    var s = Scenario()
    s.bindIf(
      S.service, title: "until 2027",
      expression: #"request.time < timestamp("2027-01-01T00:00:00Z")"#)
    let o = try s.evaluate()
    #expect(o.canInvoke)
    #expect(o.warnings.isEmpty)
  }

  @Test func denyOnTheAccount() throws {
    var s = Scenario()
    s.bind(S.service)
    let rule = s.deny(at: S.backendProject, principals: [S.gatewayAccount], name: "be lockdown")
    let o = try s.evaluate()
    #expect(!o.canInvoke)
    #expect(o.problems == ["L7 denied"])
    let detail = o.details("denied").first ?? ""
    #expect(detail.contains("be lockdown") && detail.contains(rule))
    let repair = try o.firstRepair()
    #expect(repair?.relation == "exceptionPrincipal")
    #expect(repair?.values == [.symbol(rule), .symbol(S.gatewayAccount)])
  }

  @Test func denyOnAGroupOfTheAccountAtTheOrganization() throws {
    var s = Scenario()
    s.member(S.gatewayAccount, of: "group:gateways@example.com")
    s.bind(S.service)
    s.deny(at: S.org, principals: ["group:gateways@example.com"])
    let o = try s.evaluate()
    #expect(!o.canInvoke)
    #expect(o.problems == ["L7 denied"])
    let repair = try o.firstRepair()
    #expect(repair?.relation == "exceptionPrincipal")
  }

  @Test func denyToEveryoneBlocksAllUsers() throws {
    var s = Scenario()
    s.bind(S.service, "roles/run.invoker", "allUsers")
    s.deny(at: S.backendProject, principals: ["principalSet://goog/public:all"])
    let o = try s.evaluate()
    #expect(!o.canInvoke)
    #expect(o.problems == ["L7 denied"])
    let repair = try o.firstRepair()
    // "everyone" can never be an exception principal.
    #expect(repair?.values.last != .symbol("principalSet://goog/public:all"))
  }

  @Test func denyToEveryoneBlocksATokenlessCall() throws {
    var s = Scenario(disableAuth: true)
    s.bind(S.service, "roles/run.invoker", "allUsers")
    s.deny(at: S.backendProject, principals: ["principalSet://goog/public:all"])
    let o = try s.evaluate()
    #expect(!o.canInvoke)
    // Both layers fail: no token, and "everyone" is denied anyway.
    #expect(o.problems == ["L3 disable-auth", "L7 denied-to-everyone"])
    try o.firstRepair()
  }

  @Test func exceptionPrincipalLetsTheAccountThrough() throws {
    var s = Scenario()
    s.bind(S.service)
    s.deny(
      at: S.backendProject, principals: ["principalSet://goog/public:all"],
      exceptPrincipals: [S.gatewayAccount])
    let o = try s.evaluate()
    #expect(o.canInvoke)
    #expect(o.problems.isEmpty)
  }

  @Test func exceptionGroupLetsItsMembersThrough() throws {
    var s = Scenario()
    s.member(S.gatewayAccount, of: "group:gateways@example.com")
    s.bind(S.service)
    s.deny(
      at: S.org, principals: ["principalSet://goog/public:all"],
      exceptPrincipals: ["group:gateways@example.com"])
    #expect(try s.evaluate().canInvoke)
  }

  @Test func exceptionPermissionExcludesInvoke() throws {
    var s = Scenario()
    s.bind(S.service)
    s.deny(
      at: S.backendProject, principals: [S.gatewayAccount], permissions: ["run.*"],
      exceptPermissions: ["run.routes.invoke"])
    let o = try s.evaluate()
    #expect(o.canInvoke)
  }

  @Test func wildcardDenyCoversInvoke() throws {
    var s = Scenario()
    s.bind(S.service)
    s.deny(at: S.innerFolder, principals: [S.gatewayAccount], permissions: ["run.*"])
    let o = try s.evaluate()
    #expect(!o.canInvoke)
    #expect(o.problems == ["L7 denied"])
  }

  @Test func denyOverridesOwner() throws {
    var s = Scenario()
    s.bind(S.backendProject, "roles/owner")
    s.deny(at: S.backendProject, principals: [S.gatewayAccount])
    let o = try s.evaluate()
    #expect(!o.canInvoke)
    #expect(o.problems == ["L7 denied"])
    #expect(try o.firstRepair()?.relation == "exceptionPrincipal")
  }
}
