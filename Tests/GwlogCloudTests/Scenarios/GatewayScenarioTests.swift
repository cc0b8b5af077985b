import GwlogEngine
import Testing

/// API Gateway routing and identity (docs/google-cloud-model.md, L1-L3).
@Suite struct GatewayScenarioTests {
  typealias S = Scenario

  @Test func disableAuthWithAPrivateBackend() throws {
    var s = Scenario(disableAuth: true)
    s.bind(S.service)
    let o = try s.evaluate()
    #expect(!o.canInvoke)
    #expect(o.problems == ["L3 disable-auth"])
    #expect(o.details("disable-auth").first?.contains("disable_auth") == true)
    let repair = try o.firstRepair()
    #expect(repair?.relation == "backendSpec")
    #expect(repair?.value(3) == .symbol("false"))
  }

  @Test func googleAPIAddress() throws {
    let address = "https://translation.googleapis.com/v3/projects/be-proj:translateText"
    var s = Scenario(address: address)
    s.backend = address
    let o = try s.evaluate()
    #expect(!o.canInvoke)
    #expect(o.problems == ["L2 google-api"])
    #expect(o.details("google-api").first?.contains("Cloud Run proxy") == true)
  }

  @Test func addressMatchingNothingLoaded() throws {
    let address = "https://status-zz99-uc.a.run.app"
    var s = Scenario(address: address)
    s.backend = address
    let o = try s.evaluate()
    #expect(!o.canInvoke)
    #expect(o.problems == ["L1 backend-not-loaded"])
    #expect(o.details("backend-not-loaded").first?.contains(address) == true)
  }

  @Test func operationBackendOverridesTopLevel() throws {
    var s = Scenario(address: "https://other-abc123-uc.a.run.app")
    s.addRunService(
      "projects/be-proj/locations/us-central1/services/other",
      url: "https://other-abc123-uc.a.run.app")
    s.route(address: S.serviceURL, operation: S.operation)
    s.bind(S.service)
    let o = try s.evaluate()
    #expect(o.routedPairs == [[S.gateway, S.service]])
    #expect(o.canInvoke)
  }

  @Test func configWithoutServiceAccount() throws {
    var s = Scenario(account: nil)
    s.bind(S.service)
    let o = try s.evaluate()
    #expect(!o.canInvoke)
    #expect(o.problems == ["L3 no-service-account"])
    #expect(
      o.details("no-service-account").first?.contains("--backend-auth-service-account") == true)
    // Known limit of one-fact repairs: a config naming the account would leave the account a
    // free value, so the only single change found is opening the service (allowed here).
    let repair = try o.firstRepair()
    #expect(repair?.relation == "invokerIamDisabled")
  }

  @Test(arguments: ["disabled", "deleted"])
  func unusableGatewayAccount(state: String) throws {
    var s = Scenario()
    s.lines.removeAll { $0.hasPrefix("serviceAccount(\"\(S.gatewayAccount)") }
    s.fact("serviceAccount", S.gatewayAccount, S.gatewayProject, state)
    s.bind(S.service)
    let o = try s.evaluate()
    #expect(!o.canInvoke)
    #expect(o.problems == ["L3 service-account-\(state)"])
    let repair = try o.firstRepair()
    #expect(repair?.relation == "serviceAccount" || repair?.relation == "apiConfig")
  }

  @Test func gatewayServesAnOlderConfig() throws {
    var s = Scenario()
    let fixedConfig = "projects/gw-proj/locations/global/apis/api/configs/v2"
    let fixedAccount = "serviceAccount:gw-sa2@gw-proj.iam.gserviceaccount.com"
    s.fact("serviceAccount", fixedAccount, S.gatewayProject, "enabled")
    s.fact("apiConfig", fixedConfig, S.api, fixedAccount)
    s.fact("operation", fixedConfig, S.operation)
    s.route(address: S.serviceURL, config: fixedConfig)
    s.bind(S.service, "roles/run.invoker", fixedAccount)
    let o = try s.evaluate()
    #expect(!o.canInvoke)
    #expect(o.problems.contains("L1 older-config"))
    #expect(o.details("older-config").first?.contains(fixedConfig) == true)
    try o.firstRepair()
  }
}
