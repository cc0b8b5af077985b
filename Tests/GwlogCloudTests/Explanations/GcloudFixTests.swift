import Foundation
import GwlogEngine
import Testing

@testable import GwlogCloud

/// Each kind of repair becomes the gcloud command that makes it, every flag filled in from
/// the repair's values (the synopses of `gcloud … --help`); wrapped commands still split
/// into the same shell words; long names are shortened in the middle only.
@Suite struct GcloudFixTests {
  static let sa = "serviceAccount:gw-shop@gw-prod.iam.gserviceaccount.com"
  static let rule =
    "policies/cloudresourcemanager.googleapis.com%2Fprojects%2F200000000003/denypolicies/lockdown#1"

  /// No facts to look up, except those a test gives.
  static func lookup(_ rows: [String: [[String]]] = [:]) -> GcloudFix.Lookup {
    { relation, pattern in
      (rows[relation] ?? []).filter { row in
        zip(row, pattern).allSatisfy { $1 == nil || $0 == $1 }
      }
    }
  }

  static func commands(
    _ action: Repair.Action, _ relation: String, _ values: [String?],
    _ rows: [String: [[String]]] = [:]
  ) -> [String] {
    GcloudFix.commands(action, relation, values.map { $0.map(Value.symbol) }, lookup: lookup(rows))
  }

  @Test func bindingsGoToTheResourcesOwnCommand() {
    let flags = "--member=\(Self.sa) --role=roles/run.invoker"
    #expect(
      Self.commands(
        .add, "binding", ["projects/p/locations/r/services/s", "roles/run.invoker", Self.sa, ""])
        == ["gcloud run services add-iam-policy-binding s --region=r --project=p \(flags)"])
    #expect(
      Self.commands(
        .add, "binding", ["projects/p/locations/r/functions/f", "roles/run.invoker", Self.sa, ""])
        == ["gcloud functions add-iam-policy-binding f --region=r --project=p \(flags)"])
    #expect(
      Self.commands(.add, "binding", ["projects/p", "roles/run.invoker", Self.sa, ""])
        == ["gcloud projects add-iam-policy-binding p \(flags)"])
    #expect(
      Self.commands(.add, "binding", ["folders/2002", "roles/run.invoker", Self.sa, ""])
        == ["gcloud resource-manager folders add-iam-policy-binding 2002 \(flags)"])
    #expect(
      Self.commands(.add, "binding", ["organizations/1", "roles/run.invoker", Self.sa, ""])
        == ["gcloud organizations add-iam-policy-binding 1 \(flags)"])
    #expect(
      Self.commands(
        .add, "binding",
        [
          "projects/12/iap_web/appengine-app/services/default", "roles/iap.httpsResourceAccessor",
          Self.sa, "",
        ])
        == [
          "gcloud iap web add-iam-policy-binding --resource-type=app-engine --project=app "
            + "--service=default --member=\(Self.sa) --role=roles/iap.httpsResourceAccessor"
        ])
    // A conditional grant carries its condition, quoted for the shell.
    let conditional = Self.commands(
      .add, "binding", ["projects/p", "roles/run.invoker", Self.sa, "c1"],
      ["condition": [["c1", "it's open", "request.time < timestamp(\"2030-01-01T00:00:00Z\")"]]])
    #expect(
      conditional == [
        "gcloud projects add-iam-policy-binding p \(flags) --condition="
          + #"'expression=request.time < timestamp("2030-01-01T00:00:00Z"),title=it'\''s open'"#
      ])
    // An open role or an unknown resource kind has no command.
    #expect(Self.commands(.add, "binding", ["projects/p", nil, Self.sa, ""]).isEmpty)
    #expect(Self.commands(.add, "binding", ["buckets/b", "roles/x", Self.sa, ""]).isEmpty)
  }

  @Test func denyRuleEditsFetchEditAndWriteThePolicy() {
    let point =
      "--attachment-point=cloudresourcemanager.googleapis.com/projects/200000000003 --kind=denypolicies"
    let get = "gcloud iam policies get lockdown \(point) --format=json > lockdown.json"
    let update = "gcloud iam policies update lockdown \(point) --policy-file=lockdown-fixed.json"
    #expect(
      Self.commands(.add, "exceptionPrincipal", [Self.rule, Self.sa]) == [
        get,
        "jq --arg v gw-shop@gw-prod.iam.gserviceaccount.com "
          + #"'.rules[1].denyRule.exceptionPrincipals += ["principal://iam.googleapis.com/projects/-/serviceAccounts/" + $v]'"#
          + " lockdown.json > lockdown-fixed.json",
        update,
      ])
    #expect(
      Self.commands(.remove, "deniedPrincipal", [Self.rule, "group:g@example.com"])[1]
        == "jq --arg v g@example.com "
        + #"'.rules[1].denyRule.deniedPrincipals -= ["principalSet://goog/group/" + $v]'"#
        + " lockdown.json > lockdown-fixed.json")
    #expect(
      Self.commands(.add, "exceptionPermission", [Self.rule, "run.routes.invoke"])[1]
        == "jq --arg v run.googleapis.com/routes.invoke "
        + "'.rules[1].denyRule.exceptionPermissions += [$v]' lockdown.json > lockdown-fixed.json")
    #expect(Self.commands(.add, "exceptionPrincipal", ["not-a-rule", Self.sa]).isEmpty)
    #expect(Self.commands(.add, "exceptionPermission", [Self.rule, nil]).isEmpty)
  }

  @Test func settingsAccountsGroupsAndGateways() {
    let service = "projects/p/locations/r/services/s"
    #expect(
      Self.commands(.remove, "ingress", [service, "internal"])
        == ["gcloud run services update s --region=r --project=p --ingress=all"])
    #expect(
      Self.commands(
        .remove, "ingress", ["projects/p/locations/r/functions/f", "internal"],
        ["functionService": [["projects/p/locations/r/functions/f", service]]])
        == ["gcloud run services update s --region=r --project=p --ingress=all"])
    #expect(
      Self.commands(.remove, "ingress", ["apps/a", "internal"])
        == ["gcloud app services update default --ingress=all --project=a"])
    #expect(
      Self.commands(.add, "invokerIamDisabled", [service])
        == ["gcloud run services update s --region=r --project=p --no-invoker-iam-check"])
    #expect(
      Self.commands(.add, "customAudience", [service, "https://x.example"])
        == [
          "gcloud run services update s --region=r --project=p --add-custom-audiences=https://x.example"
        ])
    #expect(
      Self.commands(.add, "groupMember", [Self.sa, "group:g@example.com"])
        == [
          "gcloud identity groups memberships add --group-email=g@example.com "
            + "--member-email=gw-shop@gw-prod.iam.gserviceaccount.com"
        ])
    #expect(
      Self.commands(.remove, "groupMember", ["user:u@example.com", "group:g@example.com"])
        == [
          "gcloud identity groups memberships delete --group-email=g@example.com --member-email=u@example.com"
        ])
    #expect(
      Self.commands(.add, "serviceAccount", [Self.sa, "projects/gw-prod", "enabled"])
        == [
          "gcloud iam service-accounts enable gw-shop@gw-prod.iam.gserviceaccount.com --project=gw-prod"
        ])
    #expect(
      Self.commands(
        .add, "customRole", ["projects/p/roles/r", nil, "active"],
        ["customRole": [["projects/p/roles/r", "projects/p", "deleted"]]])
        == ["gcloud iam roles undelete r --project=p"])
    #expect(
      Self.commands(.add, "customRole", ["organizations/1/roles/r", nil, "active"])
        == ["gcloud iam roles update r --organization=1 --stage=GA"])
    let gateway = "projects/gw/locations/us-central1/gateways/g"
    let config = "projects/gw/locations/global/apis/shop/configs/v2"
    #expect(
      Self.commands(.add, "gateway", [gateway, config])
        == [
          "gcloud api-gateway gateways update g --api=shop --api-config=v2 --location=us-central1 --project=gw"
        ])
    let newConfig = Self.commands(
      .add, "apiConfig", [config, nil, Self.sa], ["gateway": [[gateway, config]]])
    #expect(newConfig.count == 3)
    #expect(
      newConfig[1].hasSuffix(
        "--backend-auth-service-account=gw-shop@gw-prod.iam.gserviceaccount.com"))
    #expect(
      newConfig[2].hasPrefix(
        "gcloud api-gateway gateways update g --api=shop --api-config=v2-fixed "))
    #expect(Self.commands(.add, "denialCondition", [Self.rule, nil, nil]).isEmpty)
  }

  @Test func wrappedCommandsKeepTheirWordsAndFitTheWidth() throws {
    let jq =
      "jq --arg v gw-shop@gw-prod.iam.gserviceaccount.com "
      + #"'.rules[0].denyRule.exceptionPrincipals += ["principal://iam.googleapis.com/projects/-/serviceAccounts/" + $v]'"#
      + " payments-lockdown.json > payments-lockdown-fixed.json"
    let grant =
      "gcloud run services add-iam-policy-binding orders-api --region=us-central1 "
      + "--project=shop-backend --member=\(Self.sa) --role=roles/run.invoker"
    for command in [jq, grant] {
      let lines = TextLayout.command(command)
      #expect(lines.count > 1)
      #expect(lines.allSatisfy { $0.count <= TextLayout.width }, "\(lines)")
      let original = try GcloudSimulator.words(command)
      let wrapped = try GcloudSimulator.words(lines.joined(separator: "\n"))
      // The shell sees the same words; in the jq program a line break stands for a space.
      #expect(
        wrapped.map {
          $0.replacingOccurrences(of: "\n", with: " ").split(separator: " ").joined(separator: " ")
        }
          == original)
    }
  }

  @Test func longNamesAreShortenedInTheMiddle() {
    #expect(
      TextLayout.shortened("projects/payments-backend/locations/us-central1/services/payments-api")
        == "projects/payments-backend/…/services/payments-api")
    #expect(
      TextLayout.shortened(
        "policies/cloudresourcemanager.googleapis.com%2Fprojects%2F200000000003/denypolicies/payments-lockdown#0"
      )
        == "policies/…/denypolicies/payments-lockdown#0")
    #expect(TextLayout.shortened("folders/2002") == "folders/2002")
    #expect(
      TextLayout.shortened(
        "https://maps.googleapis.com/maps/api/geocode/json/and/more/segments/here"
      )
      .hasPrefix("https://"))
    #expect(
      TextLayout.shorteningNames(
        "on (projects/a/locations/us-central1/services/very-long-service-name-x);")
        == "on (projects/a/…/services/very-long-service-name-x);")
    let wrapped = TextLayout.wrap(String(repeating: "word ", count: 60), first: "fix: ", rest: "  ")
    #expect(wrapped.allSatisfy { $0.count <= TextLayout.width })
    #expect(wrapped.dropFirst().allSatisfy { $0.hasPrefix("  word") })
  }
}
