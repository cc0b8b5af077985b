import Foundation
import Testing

/// The scope route's options of `gwlog collect` (docs/collect.md#the-scope-route): a scope
/// alone starts with the two Cloud Asset listings, and a scope mixed with a gateway route is
/// a usage error.
@Suite struct CollectScopeOptionsTests {
  @Test func aScopeAloneStartsWithTheTwoListings() throws {
    for (arguments, flag) in [
      (["--organization", "1001"], "--organization=1001"), (["--folder", "2002"], "--folder=2002"),
      (["--project", "shop-backend"], "--project=shop-backend"),
    ] {
      let run = try GwlogProcess.run(["collect"] + arguments + ["--dry-run"])
      #expect(run.status == 0, "\(run.stderr)")
      let lines = run.stdout.split(separator: "\n").filter { $0.hasPrefix("gcloud ") }
      #expect(lines.count == 2, "\(run.stdout)")
      #expect(lines.first?.hasPrefix("gcloud asset list \(flag) --content-type=resource ") == true)
      #expect(lines.last?.hasPrefix("gcloud asset list \(flag) --content-type=iam-policy ") == true)
      #expect(lines.first?.contains("apigateway.googleapis.com/Gateway") == true)
    }
  }

  @Test func aScopeWithAGatewayRouteOrALocationIsAUsageError() throws {
    let mixed = try GwlogProcess.run(
      ["collect", "--organization", "1", "--all-gateways", "--project", "p", "--dry-run"])
    #expect(mixed.status == 2)
    #expect(mixed.stderr.contains("read a whole scope"), "\(mixed.stderr)")
    let located = try GwlogProcess.run(
      ["collect", "--project", "p", "--location", "us-central1", "--dry-run"])
    #expect(located.status == 2)
    #expect(located.stderr.contains("needs `--gateway G`"), "\(located.stderr)")
  }
}
