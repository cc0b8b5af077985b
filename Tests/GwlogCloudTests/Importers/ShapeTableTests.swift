import Foundation
import Testing

@testable import GwlogCloud

/// The shape table: one entry per shape, and every known gcloud output (the fixtures, which
/// are a copy of the documented formats, and `facts/example`) recognised by exactly one entry,
/// the one its file name says, so that the table's order is only a tie-break.
@Suite struct ShapeTableTests {
  /// The shape of the objects of a file, by the gcloud command its name starts with
  /// (docs/file-naming.md); the longest matching prefix wins.
  static let shapeByFileName: [(prefix: String, shape: Importer.Shape)] = [
    ("api-gateway-api-configs-describe-", .apiConfig),
    ("api-gateway-apis-describe", .api),
    ("api-gateway-gateways-describe", .gateway),
    ("app-describe", .app),
    ("app-services-describe", .appService),
    ("app-services-list", .appService),
    ("asset-export-iam-policy", .asset),
    ("asset-export-resource", .assetResource),
    ("asset-list-resource", .assetResource),
    ("asset-search-all-iam-policies", .searchResult),
    ("folders-describe", .folder),
    ("folders-get-iam-policy-", .allowPolicy),
    ("functions-describe", .function),
    ("functions-get-iam-policy-", .allowPolicy),
    ("iam-policies-get-", .denyPolicy),
    ("iam-policies-list-", .denyPolicy),
    ("iam-roles-describe", .role),
    ("iam-service-accounts-describe", .serviceAccount),
    ("iap-web-get-iam-policy-app-engine-", .allowPolicy),
    ("identity-groups-memberships-list-", .membership),
    ("org-policies-describe-", .orgPolicyV2),
    ("organizations-get-iam-policy-", .allowPolicy),
    ("organizations-list", .organization),
    ("projects-describe", .project),
    ("projects-get-ancestors", .ancestors),
    ("projects-get-iam-policy-", .allowPolicy),
    ("resource-manager-org-policies-describe-", .orgPolicyV1),
    ("resource-manager-tags-bindings-list-effective-", .effectiveTags),
    ("run-domain-mappings-describe", .domainMapping),
    ("run-services-describe", .knativeService),
    ("run-services-get-iam-policy-", .allowPolicy),
    ("run-v2-", .v2Service),
  ]

  /// Pairs of entries that both recognise some known objects (`file at pointer`).
  ///
  /// The table's order must put `winner` first; no other known object relies on the order.
  static let expectedOverlaps: [(winner: Importer.Shape, loser: Importer.Shape, at: Set<String>)] =
    [
      // A Cloud Asset record of a function is named by the function's full resource name.
      (.asset, .function, ["asset-export-iam-policy.ndjson at /4"]),
      // So is a resource record of a function, and of an API config.
      (
        .assetResource, .function,
        ["asset-export-resource.ndjson at /4", "asset-list-resource.json at /4"]
      ),
      (
        .assetResource, .apiConfig,
        ["asset-export-resource.ndjson at /7", "asset-list-resource.json at /7"]
      ),
      // An App Engine service's `name` starts with `apps/` and it has an `id`, as an app.
      (
        .appService, .app,
        ["app-services-describe-default.json at /", "app-services-describe-api.json at /"]
      ),
      // A legacy org policy has no `name` but an `etag` and a `version`, as an allow policy.
      (
        .orgPolicyV1, .allowPolicy,
        [
          "resource-manager-org-policies-describe-v1.json at /",
          "resource-manager-org-policies-describe-v1-boolean.json at /",
        ]
      ),
    ]

  /// The expected shape of the objects of the file at `path`, by its name.
  static func expectedShape(_ path: String) -> Importer.Shape? {
    let base = String(path.split(separator: "/").last ?? Substring(path))
    return shapeByFileName.filter { base.hasPrefix($0.prefix) }
      .max { $0.prefix.count < $1.prefix.count }?.shape
  }

  /// The objects a document holds: a list's elements, a wrapper's list (`memberships`), or
  /// the document itself.
  static func objects(_ document: JSONNode) -> [JSONNode] {
    if let items = document.array { return items }
    if let (_, items) = ShapeTable.wrapped(document) { return items }
    return [document]
  }

  @Test func everyShapeHasExactlyOneEntry() {
    let shapes = ShapeTable.entries.map(\.shape)
    #expect(shapes.count == Importer.Shape.allCases.count)
    #expect(Set(shapes) == Set(Importer.Shape.allCases))
  }

  @Test func everyKnownObjectIsRecognisedByExactlyOneEntry() throws {
    let files = ImportFixtures.gcloudFiles()
    #expect(files.count > 80)
    var seen = Set<Importer.Shape>()
    var overlapsSeen = Set<String>()
    for path in files {
      let name = String(path.split(separator: "/").last ?? "")
      let expected = Self.expectedShape(path)
      #expect(expected != nil, "\(name): add its command to `shapeByFileName`")
      let objects = try ImportFixtures.documents(path).flatMap(Self.objects)
      // An empty listing (`[]`: no deny policy attached, no members) says so by its name.
      let isEmptyListing =
        (try? String(contentsOfFile: path, encoding: .utf8))?
        .trimmingCharacters(in: .whitespacesAndNewlines) == "[]"
      #expect(!objects.isEmpty || isEmptyListing, "\(name) holds no object")
      for object in objects {
        let matching = Set(ShapeTable.entries.filter { $0.recognises(object) }.map(\.shape))
        let at = "\(name) at \(object.pointer.isEmpty ? "/" : object.pointer)"
        if matching.count > 1 {
          let overlap = Self.expectedOverlaps.first {
            $0.at.contains(at) && matching == [$0.winner, $0.loser]
          }
          #expect(overlap != nil, "\(at): recognised as \(matching)")
          overlapsSeen.insert(at)
        }
        #expect(!matching.isEmpty, "\(at): not recognised")
        #expect(Importer.shape(of: object) == expected, "\(at): recognised as \(matching)")
        if let shape = Importer.shape(of: object) { seen.insert(shape) }
      }
    }
    let missing = Set(Importer.Shape.allCases).subtracting(seen)
    #expect(missing.isEmpty, "no known output of \(missing)")
    #expect(overlapsSeen == Set(Self.expectedOverlaps.flatMap(\.at)))
  }

  @Test func expectedOverlapsAreWonByTheEarlierEntry() {
    let order = ShapeTable.entries.map(\.shape)
    for overlap in Self.expectedOverlaps {
      guard let winner = order.firstIndex(of: overlap.winner),
        let loser = order.firstIndex(of: overlap.loser)
      else {
        Issue.record("\(overlap.winner) or \(overlap.loser) has no entry")
        continue
      }
      #expect(winner < loser, "\(overlap.loser) comes before \(overlap.winner)")
    }
  }

  @Test func recognisersRejectWhatIsNotAnObject() throws {
    for text in ["[]", "\"projects/p/locations/r/functions/f\"", "1", "null", "{}"] {
      let node = try JSONReader.parse(Array(text.utf8)).get()
      #expect(ShapeTable.entries.filter { $0.recognises(node) }.isEmpty, "\(text)")
      #expect(ShapeTable.entry(for: node) == nil, "\(text)")
    }
  }
}
