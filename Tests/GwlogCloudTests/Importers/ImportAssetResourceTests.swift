import Foundation
import Testing

@testable import GwlogCloud

/// Cloud Asset resource records: an export (snake case NDJSON) and an `asset list` (camel
/// case JSON) of the same resources give the same facts, those of each resource's describe.
@Suite struct ImportAssetResourceTests {
  static func lines(_ name: String) -> (Set<String>, [String]) {
    let (facts, problems) = ImportFixtures.facts([ImportFixtures.coveragePath(name)])
    return (Set(facts.map(ImportFixtures.line)), problems.map(\.message))
  }

  @Test func bothSpellingsGiveTheFactsOfEachResourcesDescribe() {
    let (export, exportProblems) = Self.lines("asset-export-resource.ndjson")
    let (list, listProblems) = Self.lines("asset-list-resource.json")
    #expect(exportProblems.isEmpty, "\(exportProblems)")
    #expect(listProblems.isEmpty, "\(listProblems)")
    #expect(export == list)
    let service = "projects/backend-prod/locations/europe-west1/services/ledger-api"
    let function = "projects/backend-prod/locations/europe-west1/functions/ledger-hook"
    let config = "projects/backend-prod/locations/global/apis/ledger/configs/ledger-v1"
    for fact in [
      #"runService("\#(service)")"#,
      #"ingress("\#(service)", "internal-and-cloud-load-balancing")"#,
      #"backendUrl("\#(service)", "https://ledger-api-123456789012.europe-west1.run.app")"#,
      #"function("\#(function)", "2")"#,
      #"appEngineApp("apps/backend-prod")"#,
      #"gateway("projects/backend-prod/locations/europe-west1/gateways/ledger-gw", "\#(config)")"#,
      #"operation("\#(config)", "listEntries")"#,
      #"projectNumber("projects/backend-prod", "123456789012")"#,
      #"parent("projects/backend-prod", "folders/444455556666")"#,
      #"parent("folders/444455556666", "organizations/111122223333")"#,
      #"resource("organizations/111122223333", "organization")"#,
    ] {
      #expect(export.contains(fact), "missing \(fact)")
    }
  }

  @Test func aRecordOfATypeGwlogDoesNotReadIsSkippedQuietly() throws {
    let folder = try ImportFixtures.temporaryDirectory()
    let path = folder + "/asset-export-resource.ndjson"
    try ImportFixtures.write(
      #"{"name": "//storage.googleapis.com/b", "asset_type": "storage.googleapis.com/Bucket", "resource": {"data": {"name": "b"}}, "ancestors": ["projects/1", "organizations/2"]}"#
        + "\n", to: path)
    let (facts, problems) = ImportFixtures.facts([path])
    #expect(problems.isEmpty, "\(problems.map(\.message))")
    #expect(!facts.contains { $0.relation == "runService" })
  }
}
