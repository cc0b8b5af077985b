import Foundation
import Testing
import _GwlogTestSupport

/// `gwlog diff OLD NEW` on copies of the example organisation with one edit: emptying the
/// group that lets shop-gw call orders-api loses that pair (exit 4, the membership named by
/// file and pointer); setting inventory-api's ingress to `all` gains one (exit 0, the old
/// and new ingress facts named).
@Suite struct DiffEndToEndTests {
  static let at = ["--at", "2026-11-25T00:00:00Z"]
  static let example = Schemas.root.appendingPathComponent("facts/example")

  /// A folder with `old/` (the example) and `new/` (the example with `edit` applied to the
  /// file `name`).
  static func snapshots(editing name: String, _ edit: (String) -> String) throws
    -> TemporaryDirectory
  {
    let directory = try TemporaryDirectory()
    for side in ["old", "new"] {
      try FileManager.default.copyItem(at: example, to: directory.url.appendingPathComponent(side))
    }
    let file = directory.url.appendingPathComponent("new/" + name)
    let text = try String(contentsOf: file, encoding: .utf8)
    let edited = edit(text)
    #expect(edited != text, "the edit of \(name) changed nothing")
    try Data(edited.utf8).write(to: file)
    return directory
  }

  @Test func aBrokenPairIsLostWithTheFactThatBrokeIt() throws {
    let directory = try Self.snapshots(
      editing: "identity-groups-memberships-list-gateway-callers@example.com.json"
    ) { _ in "[]\n" }
    let result = try GwlogProcess.run(
      ["diff", "old", "new", "--format", "json"] + Self.at, in: directory.url)
    #expect(result.status == 4)
    let document = try #require(Schemas.expectValid(result, against: Schemas.gwlog, "diff"))
    guard case .array(let changes)? = document["changes"] else {
      Issue.record("no changes")
      return
    }
    let lost = changes.filter { $0["change"] == .string("lost") }
    #expect(
      lost.contains {
        $0["backend"] == .string("projects/shop-backend/locations/us-central1/services/orders-api")
          && $0["new"] == .string("no") && $0["causesFrom"] == .string("new")
      })
    let facts = lost.flatMap { change -> [JSONDocument] in
      if case .array(let facts)? = change["facts"] { return facts }
      return []
    }
    #expect(
      facts.contains {
        $0["change"] == .string("removed")
          && $0["source"]?["file"]
            == .string("old/identity-groups-memberships-list-gateway-callers@example.com.json")
          && $0["source"]?["path"] == .string("/0/preferredMemberKey/id")
      }, "\(facts)")
    // Nothing unrelated changed: every changed pair lost shop-gw's group.
    #expect(
      changes.allSatisfy {
        $0["gateway"] == .string("projects/gw-prod/locations/us-central1/gateways/shop-gw")
      })
  }

  @Test func aFixedPairIsGainedWithTheSettingThatChanged() throws {
    let directory = try Self.snapshots(editing: "run-services-describe-inventory-api.json") {
      $0.replacingOccurrences(of: #""internal""#, with: #""all""#)
    }
    let result = try GwlogProcess.run(["diff", "old", "new"] + Self.at, in: directory.url)
    #expect(result.status == 0)
    let lines = result.stdout.split(separator: "\n").map(String.init)
    #expect(
      lines.first == "gained: projects/gw-prod/locations/us-central1/gateways/shop-gw -> "
        + "projects/shop-backend/locations/us-central1/services/inventory-api: no -> yes")
    #expect(lines.contains { $0.hasPrefix("  cause (old): L5 ingress") })
    #expect(
      lines.contains { $0.contains(#"removed: ingress("#) && $0.hasSuffix(#", "internal")"#) })
    #expect(lines.contains { $0.contains(#"added: ingress("#) && $0.hasSuffix(#", "all")"#) })
    #expect(lines.contains { $0.hasPrefix("    in new:run-services-describe-inventory-api.json:") })
    #expect(lines.contains("1 pair changed: 0 lost, 1 gained, 0 other"))
    #expect(lines.last == "evaluated at 2026-11-25T00:00:00Z")
  }
}
