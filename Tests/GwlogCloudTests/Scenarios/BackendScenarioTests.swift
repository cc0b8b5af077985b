import GwlogEngine
import Testing

/// Backend settings (docs/google-cloud-model.md#backend-kinds): the invoker check, ingress, function
/// generations, App Engine and IAP, audiences.
@Suite struct BackendScenarioTests {
  typealias S = Scenario

  @Test func invokerCheckDisabledWorksAndWarnsPublic() throws {
    var s = Scenario()
    s.fact("invokerIamDisabled", S.service)
    let o = try s.evaluate()
    #expect(o.canInvoke)
    #expect(o.problems.isEmpty)
    #expect(o.warnings == ["public-backend"])
    #expect(o.warningDetails("public-backend") == ["the invoker IAM check is disabled"])
  }

  @Test func invokerCheckDisabledUnderRequireInvokerIamIsNonCompliant() throws {
    var s = Scenario()
    s.fact("invokerIamDisabled", S.service)
    s.fact("orgPolicyBoolean", S.org, "run.managed.requireInvokerIam", "true")
    let o = try s.evaluate()
    // Org policies never block a request: the running service is still open.
    #expect(o.canInvoke)
    #expect(
      try o.rows("nonCompliant(R, C, D)").map { [$0[0], $0[1]] } == [
        [S.service, "run.managed.requireInvokerIam"]
      ])
    #expect(o.warnings == ["non-compliant", "public-backend"])
  }

  @Test func requireInvokerIamNeverSuggestsDisablingTheCheck() throws {
    var s = Scenario()
    s.fact("orgPolicyBoolean", S.outerFolder, "run.managed.requireInvokerIam", "true")
    let o = try s.evaluate()
    #expect(!o.canInvoke)
    #expect(o.problems == ["L6 missing-permission"])
    #expect(o.blockedFixes == ["disable the invoker IAM check | run.managed.requireInvokerIam"])
    let repairs = try o.repairs()
    #expect(!repairs.contains { $0.relation == "invokerIamDisabled" })
    #expect(try o.firstRepair()?.relation == "binding")
  }

  @Test func withoutRequireInvokerIamDisablingTheCheckIsAFix() throws {
    let o = try Scenario().evaluate()
    #expect(o.blockedFixes.isEmpty)
    #expect(try o.repairs().contains { $0.relation == "invokerIamDisabled" && $0.action == .add })
  }

  @Test(arguments: ["internal", "internal-and-cloud-load-balancing"])
  func ingressThatIsNotAllBlocksTheGateway(setting: String) throws {
    var s = Scenario()
    s.lines.removeAll { $0.hasPrefix("ingress(") }
    s.fact("ingress", S.service, setting)
    s.bind(S.service)
    let o = try s.evaluate()
    #expect(!o.canInvoke)
    #expect(o.problems == ["L5 ingress"])
    #expect(o.details("ingress").first?.contains("`\(setting)`") == true)
    let repair = try o.firstRepair()
    #expect(repair?.relation == "ingress")
    #expect(repair?.action == .remove)
  }

  @Test func ingressWhenRunAllowedIngressForbidsAll() throws {
    var s = Scenario()
    s.lines.removeAll { $0.hasPrefix("ingress(") }
    s.fact("ingress", S.service, "internal")
    s.bind(S.service)
    s.fact("orgPolicyList", S.innerFolder, "run.allowedIngress", "allow", "internal")
    let o = try s.evaluate()
    #expect(!o.canInvoke)
    #expect(o.problems == ["L5 ingress"])
    #expect(o.details("ingress").first?.contains("forbids `all`") == true)
    #expect(o.blockedFixes == ["set ingress to all | run.allowedIngress"])
    // No repair may drop the ingress restriction; whatever is proposed must be allowed.
    let repairs = try o.repairs()
    #expect(!repairs.contains { $0.relation == "ingress" })
    for repair in repairs.prefix(1) {
      #expect(try o.forbiddenReasons(repair).isEmpty)
    }
  }

  @Test func gen1GivenOnlyRunInvoker() throws {
    var s = Scenario(.gen1)
    s.bind(S.gen1, "roles/run.invoker")
    let o = try s.evaluate()
    #expect(!o.canInvoke)
    #expect(o.problems == ["L6 gen1-needs-functions-invoker", "L6 missing-permission"])
    let repair = try o.firstRepair()
    #expect(repair?.relation == "binding")
    #expect(repair?.value(1) == .symbol("roles/cloudfunctions.invoker"))
  }

  @Test func gen1WithFunctionsInvokerWorks() throws {
    var s = Scenario(.gen1)
    s.bind(S.gen1, "roles/cloudfunctions.invoker")
    #expect(try s.evaluate().canInvoke)
  }

  @Test func gen2GivenOnlyFunctionsInvoker() throws {
    var s = Scenario(.gen2)
    s.bind(S.gen2, "roles/cloudfunctions.invoker")
    let o = try s.evaluate()
    #expect(!o.canInvoke)
    #expect(o.problems == ["L6 gen2-needs-run-invoker", "L6 missing-permission"])
    #expect(o.details("gen2-needs-run-invoker").first?.contains(S.gen2Service) == true)
    let repair = try o.firstRepair()
    #expect(repair?.relation == "binding")
    #expect(repair?.value(0) == .symbol(S.gen2Service))
    #expect(repair?.value(1) == .symbol("roles/run.invoker"))
  }

  @Test(arguments: [S.gen2RunURL, S.gen2FunctionsURL])
  func gen2IsOneBackendThroughEitherURL(address: String) throws {
    var s = Scenario(.gen2, address: address)
    s.bind(S.gen2Service)
    let o = try s.evaluate()
    #expect(o.routedPairs == [[S.gateway, S.gen2]])
    #expect(o.canInvoke)
    #expect(o.problems.isEmpty)
  }

  @Test func eventTriggeredGen1IsNoBackend() throws {
    var s = Scenario(.gen1Event)
    s.bind(S.gen1, "roles/cloudfunctions.invoker")
    let o = try s.evaluate()
    #expect(!o.canInvoke)
    #expect(o.problems == ["L1 event-function"])
    // The trigger is a fact about the function, not a repair.
    #expect(!(try o.repairs().contains { $0.relation == "functionTrigger" }))
  }

  @Test func appEngineWithoutIAPIsOpen() throws {
    let o = try Scenario(.appEngine).evaluate()
    #expect(o.canInvoke)
    #expect(o.problems.isEmpty)
    #expect(o.warnings == ["no-iap", "public-backend"])
  }

  @Test func appEngineServiceHostsRouteToTheApp() throws {
    for address in [
      "https://api-dot-be-proj.uc.r.appspot.com/v1/orders",
      "https://v2-dot-api-dot-be-proj.uc.r.appspot.com",
    ] {
      let o = try Scenario(.appEngine, address: address).evaluate()
      #expect(o.routedPairs == [[S.gateway, S.app]], "\(address)")
      #expect(o.canInvoke, "\(address)")
    }
    // Another app's host, or the default host as a prefix of something else, is not this app.
    for address in [
      "https://api-dot-other.uc.r.appspot.com", "https://be-proj.uc.r.appspot.com.example.net",
    ] {
      let o = try Scenario(.appEngine, address: address).evaluate()
      #expect(o.routedPairs == [[S.gateway, address]], "\(address)")
    }
  }

  @Test func appEngineBehindIAPWithEverythingInPlace() throws {
    var s = Scenario(.appEngineIAP, audience: S.iapClientId)
    s.bind(S.backendProject, "roles/iap.httpsResourceAccessor")
    s.bind(S.backendProject, "roles/appengine.appAdmin")
    s.bind(S.backendProject, "roles/oauthconfig.editor")
    let o = try s.evaluate()
    #expect(o.canInvoke)
    #expect(o.problems.isEmpty)
  }

  @Test func appEngineBehindIAPWithTheDefaultAudience() throws {
    var s = Scenario(.appEngineIAP)
    s.bind(S.iapResource, "roles/iap.httpsResourceAccessor")
    s.bind(S.backendProject, "roles/appengine.appAdmin")
    s.bind(S.backendProject, "roles/oauthconfig.editor")
    let o = try s.evaluate()
    #expect(!o.canInvoke)
    #expect(o.problems == ["L4 audience"])
    #expect(o.details("audience").first?.contains(S.iapClientId) == true)
    let repair = try o.firstRepair()
    #expect(repair?.relation == "backendSpec")
    #expect(repair?.value(4) == .symbol(S.iapClientId))
  }

  /// IAP checks only the accessViaIAP permission per request; the App Engine and OAuth-client
  /// permissions of its set-up are not the caller's (docs/google-cloud-model.md, settled).
  @Test func appEngineBehindIAPNeedsOnlyTheIAPRole() throws {
    var s = Scenario(.appEngineIAP, audience: S.iapClientId)
    s.bind(S.backendProject, "roles/iap.httpsResourceAccessor")
    let o = try s.evaluate()
    #expect(o.canInvoke)
    #expect(o.problems.isEmpty)
  }

  @Test func customDomainAddressIsAnAudienceProblem() throws {
    var s = Scenario(address: "https://api.example.com/v1")
    s.fact("backendUrl", S.service, "https://api.example.com")
    s.bind(S.service)
    let o = try s.evaluate()
    #expect(!o.canInvoke)
    #expect(o.problems == ["L4 audience"])
    let repair = try o.firstRepair()
    #expect(repair?.relation == "customAudience" || repair?.relation == "backendSpec")
    #expect(try o.repairs().contains { $0.relation == "customAudience" })

    var fixed = s
    fixed.fact("customAudience", S.service, "https://api.example.com/v1")
    #expect(try fixed.evaluate().canInvoke)
  }

  @Test func gen1HostOnlyAudience() throws {
    var s = Scenario(.gen1, audience: "https://us-central1-be-proj.cloudfunctions.net")
    s.bind(S.gen1, "roles/cloudfunctions.invoker")
    let o = try s.evaluate()
    #expect(!o.canInvoke)
    #expect(o.problems == ["L4 audience"])
    #expect(o.details("audience").first?.contains(S.gen1URL) == true)
    let repair = try o.firstRepair()
    #expect(repair?.relation == "backendSpec")
  }
}
