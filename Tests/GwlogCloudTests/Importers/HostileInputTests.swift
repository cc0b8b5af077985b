import Foundation
import GwlogEngine
import Testing

@testable import GwlogCloud

/// Hostile and malformed gcloud JSON gives diagnostics, never a crash.
///
/// Deep nesting, huge strings, wrong types, invalid UTF-8, empty files, lists of mixed
/// shapes and mutated copies of every file of formats/.
@Suite struct HostileInputTests {
  /// Imports `bytes` saved as `name` in a fresh folder, named directly.
  static func load(_ name: String, _ bytes: [UInt8]) throws -> (
    facts: [ImportedFact], diagnostics: [Diagnostic]
  ) {
    let dir = try ImportFixtures.temporaryDirectory()
    let path = dir + "/" + name
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    return ImportFixtures.facts([path])
  }

  static func load(_ name: String, _ text: String) throws -> (
    facts: [ImportedFact], diagnostics: [Diagnostic]
  ) {
    try load(name, Array(text.utf8))
  }

  static func errors(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
    diagnostics.filter { $0.severity == .error }
  }

  // ---- deep nesting ----------------------------------------------------------------------

  @Test(arguments: ["[", #"{"a":"#])
  func deepNestingIsALimitError(open: String) throws {
    let depth = 100_000
    let close = open == "[" ? "]" : "}"
    let text = String(repeating: open, count: depth) + "1" + String(repeating: close, count: depth)
    let (facts, diagnostics) = try Self.load("deep.json", text)
    #expect(facts.isEmpty)
    let errors = Self.errors(diagnostics)
    #expect(errors.count == 1)
    #expect(errors.first?.code == .limit)
    #expect(errors.first?.message.contains("deep.json:1:") == true)
    #expect(errors.first?.message.contains("\(Limits.maximumJSONDepth)") == true)
  }

  @Test func deepNestingInAnNDJSONLineIsALimitError() throws {
    let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
    let first =
      #"{"name": "//cloudresourcemanager.googleapis.com/projects/p", "asset_type": "x", "iam_policy": {"bindings": []}}"#
    let (_, diagnostics) = try Self.load("export.ndjson", first + "\n" + deep + "\n")
    #expect(Self.errors(diagnostics).map(\.code) == [.limit])
    #expect(diagnostics.first?.message.contains("export.ndjson:2:") == true)
  }

  @Test func deepNestingInsideABase64OpenAPIDocumentIsALimitError() throws {
    for document in [
      String(repeating: "[", count: 100_000),  // YAML flow sequences
      "{" + String(repeating: #""a":{"#, count: 100_000),  // JSON
    ] {
      let contents = Data(document.utf8).base64EncodedString()
      let config = """
        {"name": "projects/p/locations/global/apis/a/configs/c",
         "openapiDocuments": [{"document": {"path": "o.yaml", "contents": "\(contents)"}}]}
        """
      let (_, diagnostics) = try Self.load("config.json", config)
      let errors = Self.errors(diagnostics)
      #expect(errors.map(\.code) == [.limit])
      #expect(errors.first?.message.contains("at /openapiDocuments/0/document/contents") == true)
    }
  }

  // ---- huge values --------------------------------------------------------------------------

  @Test func twentyMegabyteStringValueImports() throws {
    let huge = String(repeating: "x", count: 20 << 20)
    let policy =
      #"{"bindings": [{"role": "roles/run.invoker", "members": ["user:\#(huge)@example.com"]}], "etag": "BwY=", "version": 1}"#
    let (facts, diagnostics) = try Self.load("projects-get-iam-policy-p.json", policy)
    #expect(diagnostics.isEmpty)
    #expect(facts.map(\.relation) == ["binding", "allowPolicyRead"])
    #expect(facts.first?.values[2].utf8.count == (20 << 20) + "user:@example.com".utf8.count)
  }

  @Test func twentyMegabyteUnterminatedStringIsAnError() throws {
    let text = #"{"name": ""# + String(repeating: "y", count: 20 << 20)
    let (facts, diagnostics) = try Self.load("big.json", text)
    #expect(facts.isEmpty)
    #expect(Self.errors(diagnostics).map(\.code) == [.badJSON])
    #expect(diagnostics.first?.message.contains("big.json:1:") == true)
  }

  // ---- wrong types ----------------------------------------------------------------------------

  /// One file of a known shape with one field of the wrong type.
  struct WrongType: CustomTestStringConvertible, Sendable {
    var file: String
    var json: String
    /// The JSON pointer the error must name.
    var pointer: String
    /// What the error must say was expected.
    var expected: String
    var testDescription: String { "\(file) \(pointer)" }
  }

  static let run = #""apiVersion": "serving.knative.dev/v1", "kind": "Service""#
  static let runMetadata =
    #""name": "s", "namespace": "1", "labels": {"cloud.googleapis.com/location": "r"}"#
  static let deny =
    #""kind": "DenyPolicy", "name": "policies/cloudresourcemanager.googleapis.com%2Fprojects%2F1/denypolicies/d""#
  static let v2 = #""name": "projects/p/locations/r/services/s""#
  static let fn = #""name": "projects/p/locations/r/functions/f""#
  static let cfg = #""name": "projects/p/locations/global/apis/a/configs/c""#
  static let policyFile = "projects-get-iam-policy-p.json"

  static let wrongTypes: [WrongType] = [
    // allow policies
    .init(
      file: policyFile, json: #"{"bindings": "roles/run.invoker"}"#, pointer: "/bindings",
      expected: "an array for `bindings`"),
    .init(
      file: policyFile, json: #"{"bindings": ["roles/run.invoker"]}"#, pointer: "/bindings/0",
      expected: "an object (a binding)"),
    .init(
      file: policyFile,
      json: #"{"bindings": [{"role": "roles/run.invoker", "members": {"m": "user:a@b.c"}}]}"#,
      pointer: "/bindings/0/members", expected: "an array for `members`"),
    .init(
      file: policyFile, json: #"{"bindings": [{"role": "r", "members": [42]}]}"#,
      pointer: "/bindings/0/members/0", expected: "a string"),
    .init(
      file: policyFile, json: #"{"bindings": [{"role": 7, "members": []}]}"#,
      pointer: "/bindings/0/role", expected: "a string for `role`"),
    .init(
      file: policyFile,
      json: #"{"bindings": [{"role": "r", "members": [], "condition": "true"}]}"#,
      pointer: "/bindings/0/condition", expected: "an object for `condition`"),
    .init(
      file: "functions-get-iam-policy-f.json",
      json: #"{"bindings": [{"role": "r", "members": [], "condition": {"expression": 1}}]}"#,
      pointer: "/bindings/0/condition/expression", expected: "a string for `expression`"),
    // Cloud Run
    .init(
      file: "run.json", json: "{\(run), \"metadata\": \"s\"}", pointer: "/metadata",
      expected: "an object for `metadata`"),
    .init(
      file: "run.json",
      json:
        "{\(run), \"metadata\": {\(runMetadata), \"annotations\": {\"run.googleapis.com/ingress\": 1}}}",
      pointer: "/metadata/annotations/run.googleapis.com~1ingress",
      expected: "a string for `run.googleapis.com/ingress`"),
    .init(
      file: "run.json",
      json: "{\(run), \"metadata\": {\(runMetadata)}, \"status\": {\"url\": [\"https://s\"]}}",
      pointer: "/status/url", expected: "a string for `url`"),
    .init(
      file: "run.json", json: "{\(v2), \"ingress\": [\"INGRESS_TRAFFIC_ALL\"]}",
      pointer: "/ingress", expected: "a string for `ingress`"),
    .init(
      file: "run.json", json: "{\(v2), \"uri\": \"https://s\", \"invokerIamDisabled\": \"yes\"}",
      pointer: "/invokerIamDisabled", expected: "a boolean for `invokerIamDisabled`"),
    .init(
      file: "run.json", json: "{\(v2), \"uri\": \"https://s\", \"urls\": {\"a\": \"https://s\"}}",
      pointer: "/urls", expected: "an array for `urls`"),
    // functions
    .init(
      file: "fn.json", json: "{\(fn), \"environment\": 2}", pointer: "/environment",
      expected: "a string for `environment`"),
    .init(
      file: "fn.json", json: "{\(fn), \"environment\": \"GEN_2\", \"serviceConfig\": []}",
      pointer: "/serviceConfig", expected: "an object for `serviceConfig`"),
    .init(
      file: "fn.json", json: "{\(fn), \"httpsTrigger\": \"https://f\"}", pointer: "/httpsTrigger",
      expected: "an object for `httpsTrigger`"),
    .init(
      file: "fn.json", json: "{\(fn), \"ingressSettings\": true}", pointer: "/ingressSettings",
      expected: "a string for `ingressSettings`"),
    // App Engine
    .init(
      file: "app.json", json: #"{"name": "apps/a", "id": "a", "iap": "on"}"#, pointer: "/iap",
      expected: "an object for `iap`"),
    .init(
      file: "app.json", json: #"{"name": "apps/a", "id": "a", "iap": {"enabled": "yes"}}"#,
      pointer: "/iap/enabled", expected: "a boolean for `enabled`"),
    // API Gateway
    .init(
      file: "gw.json", json: #"{"name": "projects/p/locations/r/gateways/g", "apiConfig": 3}"#,
      pointer: "/apiConfig", expected: "a string for `apiConfig`"),
    .init(
      file: "cfg.json", json: "{\(cfg), \"gatewayServiceAccount\": 12}",
      pointer: "/gatewayServiceAccount", expected: "a string for `gatewayServiceAccount`"),
    .init(
      file: "cfg.json", json: "{\(cfg), \"openapiDocuments\": {\"document\": {}}}",
      pointer: "/openapiDocuments", expected: "an array for `openapiDocuments`"),
    .init(
      file: "cfg.json",
      json: "{\(cfg), \"openapiDocuments\": [{\"document\": {\"contents\": 5}}]}",
      pointer: "/openapiDocuments/0/document/contents", expected: "a string for `contents`"),
    .init(
      file: "cfg.json",
      json: "{\(cfg), \"openapiDocuments\": [{\"document\": {\"contents\": \"%%%not base64\"}}]}",
      pointer: "/openapiDocuments/0/document/contents", expected: "base64 `contents`"),
    // resource manager
    .init(
      file: "project.json", json: #"{"projectId": "p", "projectNumber": "abc"}"#,
      pointer: "/projectNumber", expected: "a project number (digits)"),
    .init(
      file: "project.json",
      json: #"{"projectId": "p", "projectNumber": "1", "parent": "folders/1"}"#,
      pointer: "/parent", expected: "an object for `parent`"),
    .init(
      file: "folder.json", json: #"{"name": "folders/1", "parent": 5}"#, pointer: "/parent",
      expected: "a string for `parent`"),
    // identity
    .init(
      file: "sa.json",
      json: #"{"email": "a@p.iam.gserviceaccount.com", "uniqueId": "1", "disabled": "maybe"}"#,
      pointer: "/disabled", expected: "a boolean for `disabled`"),
    .init(
      file: "identity-groups-memberships-list-g@example.com.json",
      json: #"[{"preferredMemberKey": "x@example.com", "type": "USER"}]"#,
      pointer: "/0/preferredMemberKey", expected: "an object for `preferredMemberKey`"),
    .init(
      file: "identity-groups-memberships-list-g@example.com.json",
      json: #"[{"preferredMemberKey": {"id": ["x@example.com"]}}]"#,
      pointer: "/0/preferredMemberKey/id", expected: "a string for `id`"),
    // deny policies
    .init(
      file: "deny.json", json: "{\(deny), \"rules\": {\"denyRule\": {}}}", pointer: "/rules",
      expected: "an array for `rules`"),
    .init(
      file: "deny.json",
      json:
        "{\(deny), \"rules\": [{\"denyRule\": {\"deniedPrincipals\": \"group:g@example.com\"}}]}",
      pointer: "/rules/0/denyRule/deniedPrincipals", expected: "an array for `deniedPrincipals`"),
    .init(
      file: "deny.json", json: "{\(deny), \"rules\": [{\"denyRule\": [\"run.routes.invoke\"]}]}",
      pointer: "/rules/0/denyRule", expected: "an object for `denyRule`"),
    // org policies
    .init(
      file: "op.json", json: #"{"name": "organizations/1/policies/c", "spec": []}"#,
      pointer: "/spec", expected: "an object for `spec`"),
    .init(
      file: "op.json", json: #"{"name": "organizations/1/policies/c", "spec": {"rules": "x"}}"#,
      pointer: "/spec/rules", expected: "an array for `rules`"),
    .init(
      file: "op.json",
      json:
        #"{"name": "organizations/1/policies/c", "spec": {"rules": [{"enforce": "sometimes"}]}}"#,
      pointer: "/spec/rules/0/enforce", expected: "a boolean for `enforce`"),
    .init(
      file: "op.json",
      json:
        #"{"name": "folders/1/policies/c", "spec": {"rules": [{"values": {"allowedValues": "all"}}]}}"#,
      pointer: "/spec/rules/0/values/allowedValues", expected: "an array for `allowedValues`"),
    // Cloud Asset
    .init(
      file: "asset.json",
      json: #"{"name": "//x/projects/p", "asset_type": "t", "iam_policy": "p"}"#,
      pointer: "/iam_policy", expected: "an object for `iam_policy`"),
  ]

  @Test(arguments: wrongTypes)
  func wrongTypeNamesFilePointerAndExpectedType(_ c: WrongType) throws {
    let (_, diagnostics) = try Self.load(c.file, c.json)
    let errors = Self.errors(diagnostics)
    #expect(errors.count >= 1, "no error for \(c.json)")
    let match = errors.first {
      $0.code == .badJSON && $0.message.contains(c.file) && $0.message.contains("at \(c.pointer) (")
        && $0.message.contains("expected \(c.expected)")
    }
    #expect(match != nil, "\(errors.map(\.message))")
  }

  // ---- encodings, empty files, odd roots ----------------------------------------------------

  @Test func invalidUTF8IsAnErrorWithPosition() throws {
    let bytes =
      Array(#"{"projectId": "p"#.utf8) + [0xFF, 0xFE] + Array(#"", "projectNumber": "1"}"#.utf8)
    let (facts, diagnostics) = try Self.load("project.json", bytes)
    #expect(facts.isEmpty)
    let errors = Self.errors(diagnostics)
    #expect(errors.map(\.code) == [.badJSON])
    #expect(errors.first?.message.contains("project.json:1:") == true)
    #expect(errors.first?.message.contains("invalid UTF-8") == true)
  }

  @Test func invalidUTF8InsideABase64DocumentIsAnError() throws {
    let document = Array("swagger: '2.0'\ninfo:\n  title: ".utf8) + [0xC3, 0x28] + [10]
    let contents = Data(document).base64EncodedString()
    let config = """
      {"name": "projects/p/locations/global/apis/a/configs/c",
       "openapiDocuments": [{"document": {"path": "o.yaml", "contents": "\(contents)"}}]}
      """
    let (_, diagnostics) = try Self.load("config.json", config)
    let errors = Self.errors(diagnostics)
    #expect(errors.count == 1)
    #expect(errors.first?.message.contains("does not parse") == true)
  }

  @Test(arguments: ["", " \n\t\n", "\u{FEFF}"])
  func emptyFileIsAnError(_ text: String) throws {
    let (facts, diagnostics) = try Self.load("projects-get-iam-policy-p.json", text)
    #expect(facts.isEmpty)
    let errors = Self.errors(diagnostics)
    #expect(errors.map(\.code) == [.badJSON])
    #expect(errors.first?.message.contains("projects-get-iam-policy-p.json:") == true)
  }

  @Test(arguments: ["42", #""text""#, "null", "true", "[1, 2]", "[[]]", "{}"])
  func scalarOrEmptyRootsAreUnknownShapes(_ text: String) throws {
    let (facts, diagnostics) = try Self.load("x.json", text)
    #expect(facts.isEmpty)
    let errors = Self.errors(diagnostics)
    #expect(errors.count == 1)
    #expect(errors.first?.message.contains("is not a gcloud output gwlog understands") == true)
  }

  @Test func listOfMixedShapesImportsTheKnownAndWarnsAboutTheRest() throws {
    let text = """
      [
        {"projectId": "p", "projectNumber": "7", "parent": {"id": "9", "type": "folder"}},
        {"name": "folders/9", "parent": "organizations/1"},
        {"hello": "world"},
        42,
        "projects/p",
        null,
        [{"projectId": "q", "projectNumber": "8"}],
        {"bindings": [{"role": "roles/run.invoker", "members": ["allUsers"]}]},
        {"name": "projects/p/locations/r/services/s", "uri": "https://s-abc-uc.a.run.app"}
      ]
      """
    let (facts, diagnostics) = try Self.load("mixed.json", text)
    #expect(Self.errors(diagnostics).isEmpty, "\(diagnostics.map(\.message))")
    let warnings = diagnostics.filter { $0.severity == .warning }.map(\.message)
    for index in [2, 3, 4, 5, 6] {
      #expect(
        warnings.contains { $0.contains("at /\(index) (") && $0.contains("unknown shape") },
        "\(warnings)")
    }
    let lines = Set(facts.map(ImportFixtures.line))
    #expect(lines.contains(#"projectNumber("projects/p", "7")"#))
    #expect(lines.contains(#"parent("folders/9", "organizations/1")"#))
    #expect(lines.contains(#"runService("projects/p/locations/r/services/s")"#))
    #expect(!lines.contains { $0.hasPrefix("binding(") })
  }

  @Test func listStartingWithAnUnknownShapeIsAnError() throws {
    let text = #"[{"hello": "world"}, {"projectId": "p", "projectNumber": "7"}]"#
    let (facts, diagnostics) = try Self.load("mixed.json", text)
    #expect(facts.isEmpty)
    #expect(Self.errors(diagnostics).count == 1)
  }

  // ---- mutations of every fixture -----------------------------------------------------------

  /// Truncated and byte-flipped versions of every file of formats/ and coverage/:
  /// diagnostics, no crash.
  @Test func mutatedFixturesNeverCrash() throws {
    var paths: [String] = []
    for folder in [ImportFixtures.formats, ImportFixtures.coverage] {
      paths += try FileManager.default.contentsOfDirectory(atPath: folder)
        .filter { $0.hasSuffix(".json") || $0.hasSuffix(".ndjson") }.sorted()
        .map { folder + "/" + $0 }
    }
    let names = paths.map { String($0.split(separator: "/").last ?? "") }
    #expect(names.count > 30)
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    func next(_ bound: Int) -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int((state >> 33) % UInt64(max(bound, 1)))
    }
    let dir = try ImportFixtures.temporaryDirectory()
    var outcomes = 0
    for (name, source) in zip(names, paths) {
      let original = [UInt8](try Data(contentsOf: URL(fileURLWithPath: source)))
      var variants: [[UInt8]] = [Array(original.prefix(original.count / 2))]
      for _ in 0..<4 {
        var bytes = original
        for _ in 0..<3 {
          let bytePool: [UInt8] = [
            0x22, 0x5B, 0x5D, 0x7B, 0x7D, 0x2C, 0x3A, 0x30, 0x00, 0xFF, 0x74,
          ]
          bytes[next(bytes.count)] = bytePool[next(bytePool.count)]
        }
        variants.append(bytes)
      }
      for (i, bytes) in variants.enumerated() {
        let sub = dir + "/\(i)"
        try FileManager.default.createDirectory(atPath: sub, withIntermediateDirectories: true)
        let path = sub + "/" + name
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let (_, diagnostics) = ImportFixtures.facts([path])
        // Whatever the result, every diagnostic names the file.
        for d in diagnostics {
          #expect(d.message.contains(name), "\(d.message)")
        }
        outcomes += 1
      }
    }
    #expect(outcomes == names.count * 5)
  }
}
