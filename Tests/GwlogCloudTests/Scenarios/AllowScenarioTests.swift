import GwlogEngine
import Testing

@testable import GwlogCloud

/// L6 allow: where the grant is, whom it names, through which role (docs/google-cloud-model.md#l6-allow).
@Suite struct AllowScenarioTests {
  typealias S = Scenario

  @Test func directBindingOnTheService() throws {
    var s = Scenario()
    s.bind(S.service)
    let o = try s.evaluate()
    #expect(o.canInvoke)
    #expect(o.problems.isEmpty)
    #expect(o.warnings.isEmpty)
    guard case .proof = try o.explain() else {
      Issue.record("a working pair explains with a proof")
      return
    }
  }

  @Test(arguments: [S.backendProject, "folders/202", "folders/201", "folders/200", S.org])
  func bindingOnAnAncestorIsInherited(at ancestor: String) throws {
    var s = Scenario()
    s.bind(ancestor)
    let o = try s.evaluate()
    #expect(o.canInvoke)
    #expect(o.problems.isEmpty)
  }

  @Test func noBindingAtAllIsMissingPermission() throws {
    let o = try Scenario().evaluate()
    #expect(!o.canInvoke)
    #expect(o.problems == ["L6 missing-permission"])
    #expect(o.details("missing-permission").first?.contains("roles/run.invoker") == true)
    let repair = try o.firstRepair()
    #expect(repair?.relation == "binding")
    #expect(repair?.action == .add)
    #expect(repair?.value(2) == .symbol(S.gatewayAccount))
  }

  @Test func nestedGroupsGrantThroughTheChain() throws {
    var s = Scenario()
    s.member(S.gatewayAccount, of: "group:inner@example.com")
    s.member("group:inner@example.com", of: "group:middle@example.com")
    s.member("group:middle@example.com", of: "group:outer@example.com")
    s.bind(S.middleFolder, "roles/run.invoker", "group:outer@example.com")
    let o = try s.evaluate()
    #expect(o.canInvoke)
    #expect(o.problems.isEmpty)
  }

  @Test func groupCycleTerminatesAndStillGrants() throws {
    var s = Scenario()
    s.member(S.gatewayAccount, of: "group:a@example.com")
    s.member("group:a@example.com", of: "group:b@example.com")
    s.member("group:b@example.com", of: "group:a@example.com")
    s.bind(S.service, "roles/run.invoker", "group:b@example.com")
    let o = try s.evaluate()
    #expect(o.canInvoke)
  }

  @Test func groupCycleWithoutTheAccountGrantsNothing() throws {
    var s = Scenario()
    s.member("group:a@example.com", of: "group:b@example.com")
    s.member("group:b@example.com", of: "group:a@example.com")
    s.bind(S.service, "roles/run.invoker", "group:b@example.com")
    let o = try s.evaluate()
    #expect(!o.canInvoke)
    // The near miss is named: the group holds the role, the account is not in it.
    #expect(o.problems == ["L6 group-without-account", "L6 missing-permission"])
    try o.firstRepair()
    // Joining either group of the cycle would also do.
    let repairs = try o.repairs()
    #expect(
      repairs.contains {
        $0.relation == "groupMember" && $0.action == .add
          && $0.values.first == .symbol(S.gatewayAccount)
      })
  }

  @Test func roleGrantedToTheRuntimeAccount() throws {
    var s = Scenario()
    s.bind(S.service, "roles/run.invoker", S.runtimeAccount)
    let o = try s.evaluate()
    #expect(!o.canInvoke)
    #expect(o.problems == ["L6 granted-to-another-account", "L6 missing-permission"])
    #expect(o.details("granted-to-another-account").first?.contains(S.runtimeAccount) == true)
    let repair = try o.firstRepair()
    #expect(repair?.relation == "binding")
    #expect(repair?.value(2) == .symbol(S.gatewayAccount))
  }

  @Test func roleGrantedInTheGatewaysProject() throws {
    var s = Scenario()
    s.bind(S.gatewayProject)
    let o = try s.evaluate()
    #expect(!o.canInvoke)
    #expect(o.problems == ["L6 granted-elsewhere", "L6 missing-permission"])
    #expect(o.details("granted-elsewhere").first?.contains(S.gatewayProject) == true)
    let repair = try o.firstRepair()
    #expect(repair?.relation == "binding")
    #expect(repair?.value(0) != .symbol(S.gatewayProject))
  }

  @Test func aGrantOnAnotherRouteOfTheGatewayIsNotACause() throws {
    var s = Scenario()
    let other = "projects/be-proj/locations/us-central1/services/other"
    s.addRunService(other, url: "https://other-abc123-uc.a.run.app")
    s.fact("operation", S.config, "op2")
    s.route(address: "https://other-abc123-uc.a.run.app", operation: "op2")
    s.bind(other)
    let o = try s.evaluate()
    #expect(o.canInvokePairs.contains([S.gateway, other]))
    #expect(!o.canInvoke)
    // The account holds the permission on `other` for the gateway's own route there.
    #expect(o.problems == ["L6 missing-permission"])
  }

  @Test func aGrantOnTheProjectOfAnotherRouteStaysAHint() throws {
    var s = Scenario()
    let other = "projects/gw-proj/locations/us-central1/services/other"
    s.fact("resource", other, "run-service")
    s.fact("parent", other, S.gatewayProject)
    s.fact("runService", other)
    s.fact("backendUrl", other, "https://other-abc123-uc.a.run.app")
    s.fact("ingress", other, "all")
    s.fact("operation", S.config, "op2")
    s.route(address: "https://other-abc123-uc.a.run.app", operation: "op2")
    s.bind(S.gatewayProject)
    let o = try s.evaluate()
    #expect(o.canInvokePairs.contains([S.gateway, other]))
    // It may be meant to cover this backend as well: said, after the missing permission.
    #expect(o.problems == ["L6 granted-elsewhere", "L6 missing-permission"])
  }

  @Test func aServiceAgentsRoleIsNotGrantedToAnotherAccount() throws {
    var s = Scenario()
    s.bind(
      S.backendProject, "roles/run.serviceAgent",
      "serviceAccount:service-222@serverless-robot-prod.iam.gserviceaccount.com")
    let o = try s.evaluate()
    #expect(o.problems == ["L6 missing-permission"])
  }

  @Test func aGrantOnAnUnroutedServiceIsAHintAfterTheMissingPermission() throws {
    var s = Scenario()
    let stray = "projects/be-proj/locations/us-central1/services/stray"
    s.addRunService(stray, url: "https://stray-abc123-uc.a.run.app")
    s.bind(stray)
    let o = try s.evaluate()
    #expect(o.problems == ["L6 granted-elsewhere", "L6 missing-permission"])
    let causes = Causes.of(
      gateway: .symbol(S.gateway), backend: .symbol(o.backend), in: o.workspace)
    #expect(causes.map(\.code) == ["missing-permission", "granted-elsewhere"])
  }

  @Test func allUsersWorksWithATokenAndWarnsPublic() throws {
    var s = Scenario()
    s.bind(S.service, "roles/run.invoker", "allUsers")
    let o = try s.evaluate()
    #expect(o.canInvoke)
    #expect(o.problems.isEmpty)
    #expect(o.warnings == ["public-backend"])
  }

  @Test func allUsersWorksWithDisableAuth() throws {
    var s = Scenario(disableAuth: true)
    s.bind(S.service, "roles/run.invoker", "allUsers")
    let o = try s.evaluate()
    #expect(o.canInvoke)
    #expect(o.problems.isEmpty)
    #expect(o.warnings == ["public-backend"])
  }

  @Test func allAuthenticatedUsersWorksWithAToken() throws {
    var s = Scenario()
    s.bind(S.backendProject, "roles/run.invoker", "allAuthenticatedUsers")
    let o = try s.evaluate()
    #expect(o.canInvoke)
    #expect(o.warnings == ["public-backend"])
  }

  @Test func allAuthenticatedUsersNeedsAToken() throws {
    var s = Scenario(disableAuth: true)
    s.bind(S.backendProject, "roles/run.invoker", "allAuthenticatedUsers")
    let o = try s.evaluate()
    #expect(!o.canInvoke)
    #expect(o.problems == ["L3 disable-auth"])
    let repair = try o.firstRepair()
    #expect(repair?.relation == "backendSpec")
    #expect(repair?.value(3) == .symbol("false"))
  }

  @Test(arguments: [
    "principalSet://cloudresourcemanager.googleapis.com/projects/111/type/ServiceAccount",
    "principalSet://cloudresourcemanager.googleapis.com/folders/200/type/ServiceAccount",
    "principalSet://cloudresourcemanager.googleapis.com/organizations/100/type/ServiceAccount",
  ])
  func principalSetOfTheAccountsProjectSubtree(member: String) throws {
    var s = Scenario()
    s.bind(S.service, "roles/run.invoker", member)
    let o = try s.evaluate()
    #expect(o.canInvoke)
  }

  @Test func principalSetOfAnotherProjectGrantsNothing() throws {
    var s = Scenario()
    s.bind(
      S.service, "roles/run.invoker",
      "principalSet://cloudresourcemanager.googleapis.com/projects/222/type/ServiceAccount")
    let o = try s.evaluate()
    #expect(!o.canInvoke)
    #expect(o.problems == ["L6 missing-permission"])
  }

  @Test func deletedPrincipalNeverMatches() throws {
    var s = Scenario()
    s.bind(S.service, "roles/run.invoker", "deleted:\(S.gatewayAccount)?uid=123456789")
    let o = try s.evaluate()
    #expect(!o.canInvoke)
    #expect(o.problems == ["L6 deleted-principal", "L6 missing-permission"])
    #expect(o.details("deleted-principal").first?.contains("grant the role again") == true)
    let repair = try o.firstRepair()
    #expect(repair?.relation == "binding")
    #expect(repair?.value(2) == .symbol(S.gatewayAccount))
  }

  @Test func domainMemberNeverMatchesAServiceAccount() throws {
    var s = Scenario()
    s.bind(S.backendProject, "roles/run.invoker", "domain:gw-proj.iam.gserviceaccount.com")
    s.bind(S.backendProject, "roles/run.invoker", "domain:example.com")
    let o = try s.evaluate()
    #expect(!o.canInvoke)
    #expect(o.problems == ["L6 missing-permission"])
    #expect(try o.firstRepair()?.relation == "binding")
  }

  @Test func customRoleActiveOnItsProject() throws {
    var s = Scenario()
    s.customRole("projects/be-proj/roles/caller", scope: S.backendProject)
    s.bind(S.service, "projects/be-proj/roles/caller")
    let o = try s.evaluate()
    #expect(o.canInvoke)
  }

  @Test func organizationCustomRoleWorksAnywhereUnderIt() throws {
    var s = Scenario()
    s.customRole("organizations/100/roles/caller", scope: S.org)
    s.bind(S.innerFolder, "organizations/100/roles/caller")
    let o = try s.evaluate()
    #expect(o.canInvoke)
  }

  @Test func customRoleOutsideItsScopeGrantsNothing() throws {
    var s = Scenario()
    s.customRole("projects/gw-proj/roles/caller", scope: S.gatewayProject)
    s.bind(S.service, "projects/gw-proj/roles/caller")
    let o = try s.evaluate()
    #expect(!o.canInvoke)
    #expect(o.problems == ["L6 missing-permission"])
    #expect(try o.firstRepair()?.relation == "binding")
  }

  @Test(arguments: ["deleted", "disabled"])
  func inactiveCustomRole(state: String) throws {
    var s = Scenario()
    s.customRole("projects/be-proj/roles/caller", scope: S.backendProject, state: state)
    s.bind(S.service, "projects/be-proj/roles/caller")
    let o = try s.evaluate()
    #expect(!o.canInvoke)
    #expect(o.problems == ["L6 inactive-role", "L6 missing-permission"])
    #expect(o.details("inactive-role").first?.contains("is \(state)") == true)
    let repair = try o.firstRepair()
    #expect(repair?.relation == "binding" || repair?.relation == "customRole")
  }

  @Test func editorIncludesInvokeViewerDoesNot() throws {
    var editor = Scenario()
    editor.bind(S.backendProject, "roles/editor")
    #expect(try editor.evaluate().canInvoke)

    var viewer = Scenario()
    viewer.bind(S.backendProject, "roles/viewer")
    let o = try viewer.evaluate()
    #expect(!o.canInvoke)
    #expect(o.problems == ["L6 missing-permission"])
    #expect(try o.firstRepair()?.relation == "binding")
  }

  @Test func basicRolesGiveNoIAPAccess() throws {
    var s = Scenario(.appEngineIAP, audience: S.iapClientId)
    s.bind(S.backendProject, "roles/owner")
    let o = try s.evaluate()
    #expect(!o.canInvoke)
    #expect(o.problems == ["L6 missing-permission"])
    #expect(
      o.details("missing-permission").first?.contains("roles/iap.httpsResourceAccessor") == true)
    let repair = try o.firstRepair()
    #expect(repair?.relation == "binding")
    #expect(repair?.value(1) == .symbol("roles/iap.httpsResourceAccessor"))
  }

  /// Depth 12: principal → nested group → binding on a folder → role → gateway → route.
  @Test func deepWhyNotFindsTheGroupRepair() throws {
    var s = Scenario()
    s.member("group:inner@example.com", of: "group:outer@example.com")
    s.bind(S.middleFolder, "roles/run.invoker", "group:outer@example.com")
    let o = try s.evaluate()
    #expect(!o.canInvoke)
    #expect(o.problems == ["L6 group-without-account", "L6 missing-permission"])
    try o.firstRepair()
    let repairs = try o.repairs()
    let joins = repairs.filter { $0.relation == "groupMember" && $0.action == .add }
    #expect(
      joins.contains {
        $0.values == [.symbol(S.gatewayAccount), .symbol("group:inner@example.com")]
      })
    #expect(
      joins.contains {
        $0.values == [.symbol(S.gatewayAccount), .symbol("group:outer@example.com")]
      })
  }
}
