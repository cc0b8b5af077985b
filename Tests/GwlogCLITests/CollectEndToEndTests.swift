import Foundation
import GwlogCloud
import GwlogEngine
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// `gwlog collect` with the real gcloud against the fake Google APIs of `Tests/Fakes`
/// (docs/collect.md#testing-against-a-fake): the collected folder answers exactly as
/// `facts/example` does, each output is what the example holds, a read answered 403 makes the
/// pair that rests on it unknown and says so, and a missing gcloud is a usage error.
@Suite(.enabled(if: CollectTools.gcloud != nil, "needs gcloud and python3"))
struct CollectEndToEndTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
  static let example = root.appendingPathComponent("facts/example").path
  static let fake = root.appendingPathComponent("Tests/Fakes/fake_google_apis.py").path
  /// 2026-11-25T00:00:00Z, as the example's tests use.
  static let evaluationTime: Int64 = 1_795_564_800

  /// The hints the example's `*.a.run.app` addresses need.
  static let backendProjects = ["shop-backend", "payments-backend", "checkout", "sandbox"]

  @Test func theCollectedFolderAnswersAsTheExampleDoes() throws {
    let scratch = try TemporaryDirectory()
    let server = try FakeGoogleAPIs.start(folder: Self.example)
    defer { server.stop() }
    let out = scratch.url.appendingPathComponent("snapshot").path
    let run = try collect(
      ["--all-gateways", "--project", "gw-prod", "-o", out]
        + Self.backendProjects.flatMap { ["--backend-project", $0] },
      server: server, scratch: scratch)
    #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
    #expect(!run.stdout.contains("reads failed"), "\(run.stdout)")
    #expect(try Answers(of: out) == Self.exampleAnswers.get())
    try Self.checkOutputs(out)
  }

  @Test func theScopeRouteFromCloudAssetAnswersAsTheExampleDoes() throws {
    let scratch = try TemporaryDirectory()
    let server = try FakeGoogleAPIs.start(folder: Self.example)
    defer { server.stop() }
    let out = scratch.url.appendingPathComponent("scope").path
    let run = try collect(
      ["--organization", "1001", "-o", out], server: server, scratch: scratch)
    #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
    #expect(!run.stdout.contains("reads failed"), "\(run.stdout)")
    // Two listings, a deny listing at each of the nine nodes and a get of the one policy,
    // the three configs' full views, and the six groups the policies name.
    #expect(run.stdout.contains("(21 gcloud commands"), "\(run.stdout)")
    let files = try FileManager.default.contentsOfDirectory(atPath: out)
    #expect(files.contains("asset-list-resource-organization-1001.json"))
    #expect(files.contains("asset-list-iam-policy-organization-1001.json"))
    #expect(!files.contains { $0.hasPrefix("projects-get-iam-policy-") })
    #expect(try Answers(of: out) == Self.exampleAnswers.get())
  }

  @Test func aReadAnswered403MakesThePairUnknownAndNamesIt() throws {
    // The admin gateway's one backend is named by its project's number, whose describe is
    // refused: the chain stops there, after five gcloud calls.
    let scratch = try TemporaryDirectory()
    let server = try FakeGoogleAPIs.start(
      folder: Self.example, failing: ["^cloudresourcemanager/v1/projects/200000000001$=403"])
    defer { server.stop() }
    let out = scratch.url.appendingPathComponent("snapshot").path
    let run = try collect(
      ["--gateway", "admin-gw", "--project", "gw-prod", "--location", "us-central1", "-o", out],
      server: server, scratch: scratch)
    #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
    #expect(run.stdout.contains("(5 gcloud commands"), "\(run.stdout)")
    #expect(run.stdout.contains("1 reads failed"), "\(run.stdout)")
    let answers = try Answers(of: out)
    let address = "https://orders-api-200000000001.us-central1.run.app"
    let pair = "projects/gw-prod/locations/us-central1/gateways/admin-gw|" + address
    #expect(answers.verdicts == [pair: "unknown"])
    let missing = answers.missing[pair] ?? []
    #expect(
      missing.contains {
        $0.hasPrefix(
          "the backend at \(address), which could not be read: PERMISSION_DENIED; needs "
            + "permission to describe it and its project")
          && $0.contains("gcloud projects describe 200000000001")
      }, "\(missing)")
    // gcloud's error text is in the log, never in a snapshot file.
    let files = try FileManager.default.contentsOfDirectory(atPath: out)
    #expect(
      !files.contains {
        $0.hasPrefix("projects-describe-") && $0 != "projects-describe-gw-prod.json"
      })
    for file in files where file.hasSuffix(".json") {
      let text = try String(contentsOfFile: out + "/" + file, encoding: .utf8)
      #expect(!text.contains("ERROR:"), "\(file)")
    }
    let log = try String(contentsOfFile: out + "/gwlog-collect.jsonl", encoding: .utf8)
    #expect(log.contains(#""code":"PERMISSION_DENIED""#))
  }

  @Test func theExampleAsGcloudPrintsItInYAMLAnswersTheSame() throws {
    // gcloud's own printer (`--format=yaml`, its default) turns each example file into YAML.
    let scratch = try TemporaryDirectory()
    let out = scratch.url.appendingPathComponent("yaml").path
    let convert = Process()
    convert.executableURL = URL(fileURLWithPath: CollectTools.python ?? "python3")
    let sdk = URL(fileURLWithPath: CollectTools.gcloud ?? "/usr/bin/gcloud")
      .resolvingSymlinksInPath()
      .deletingLastPathComponent().deletingLastPathComponent().path
    convert.arguments = [
      Self.root.appendingPathComponent("Tests/Fakes/to_gcloud_yaml.py").path, Self.example, out,
      "--sdk", sdk,
    ]
    try convert.run()
    convert.waitUntilExit()
    #expect(convert.terminationStatus == 0)
    let files = try FileManager.default.contentsOfDirectory(atPath: out)
    #expect(files.count > 50 && files.allSatisfy { $0.hasSuffix(".yaml") })
    #expect(try Answers(of: out) == Self.exampleAnswers.get())
  }

  /// The example's answers, computed once for the tests that compare with them.
  static let exampleAnswers = Result { try Answers(of: example) }

  @Test func withoutGcloudOnThePathCollectIsAUsageError() throws {
    let scratch = try TemporaryDirectory()
    let run = try GwlogProcess.run(
      ["collect", "--gateway", "g", "--project", "p", "--location", "l", "-o", scratch.url.path],
      replacing: ["PATH": scratch.url.path, "HOME": scratch.url.path])
    #expect(run.status == 2)
    #expect(run.stderr.contains("gcloud is not on PATH"), "\(run.stderr)")
  }

  /// Runs `gwlog collect ARGS` with gcloud pointed at the fake and a fresh gcloud config.
  private func collect(_ arguments: [String], server: FakeGoogleAPIs, scratch: TemporaryDirectory)
    throws -> Execution
  {
    var environment = ProcessInfo.processInfo.environment.filter { key, _ in
      !key.hasPrefix("CLOUDSDK_")
        && !["http_proxy", "https_proxy", "no_proxy", "all_proxy"].contains(key.lowercased())
    }
    for (key, value) in server.environment { environment[key] = value }
    let config = scratch.url.appendingPathComponent("gcloud-config")
    try FileManager.default.createDirectory(at: config, withIntermediateDirectories: true)
    environment["CLOUDSDK_CONFIG"] = config.path
    environment["GWLOG_GCLOUD"] = CollectTools.gcloud
    return try GwlogProcess.run(["collect"] + arguments, replacing: environment)
  }

  /// Each collected output is the example's file of the same command (JSON equal up to the
  /// order of list elements, etags in canonical base64, deny listings as gcloud prints them),
  /// and the example files left out are the ones the chain does not need.
  static func checkOutputs(_ folder: String) throws {
    let collected = try FileManager.default.contentsOfDirectory(atPath: folder)
      .filter { $0.hasSuffix(".json") }
    var matched: Set<String> = []
    for name in collected {
      let base = String(name.dropLast(5)).components(separatedBy: "--")[0]
      var exampleName = base + ".json"
      var got = try canonical(json(folder + "/" + name))
      if name == "organizations-describe-1001.json" {
        exampleName = "organizations-list.json"
        got = [got]
      }
      if name.hasPrefix("run-services-describe-public-status") {
        // The example holds the Admin API v2 shape; gcloud prints the Knative view of it.
        matched.insert("run-v2-services-get-public-status.json")
        continue
      }
      guard FileManager.default.fileExists(atPath: example + "/" + exampleName) else {
        Issue.record("`\(name)` has no counterpart `\(exampleName)` in facts/example")
        continue
      }
      matched.insert(exampleName)
      let want = try canonical(json(example + "/" + exampleName))
      #expect(text(got) == text(want), "`\(name)` differs from `\(exampleName)`")
    }
    let left = try Set(FileManager.default.contentsOfDirectory(atPath: example))
      .filter { $0.hasSuffix(".json") }.subtracting(matched)
    #expect(
      left == [
        "api-gateway-apis-describe-admin.json", "api-gateway-apis-describe-partner.json",
        "api-gateway-apis-describe-shop.json",
        "iam-service-accounts-describe-orders-runtime@shop-backend.iam.gserviceaccount.com.json",
        "identity-groups-memberships-list-platform-admins@example.com.json",
        "iam-policies-list-denypolicies-projects-gw-prod.json",
        "projects-get-iam-policy-gw-prod.json",
      ])
  }

  private static func json(_ path: String) throws -> Any {
    try JSONSerialization.jsonObject(
      with: Data(contentsOf: URL(fileURLWithPath: path)), options: [.fragmentsAllowed])
  }

  /// Lists sorted, etags re-encoded, `{"policies": [...]}` and `{}` as the list they hold.
  private static func canonical(_ value: Any) -> Any {
    if let object = value as? [String: Any] {
      if Set(object.keys).isSubset(of: ["policies", "nextPageToken"]) {
        return canonical(object["policies"] ?? [Any]())
      }
      var out: [String: Any] = [:]
      for (key, member) in object {
        if key == "etag", let etag = member as? String,
          let bytes = Data(base64Encoded: etag)
        {
          out[key] = bytes.base64EncodedString()
        } else {
          out[key] = canonical(member)
        }
      }
      return out
    }
    if let array = value as? [Any] {
      return array.map(canonical).sorted { text($0) < text($1) }
    }
    return value
  }

  private static func text(_ value: Any) -> String {
    guard
      let data = try? JSONSerialization.data(
        withJSONObject: value, options: [.sortedKeys, .fragmentsAllowed])
    else { return "\(value)" }
    return String(decoding: data, as: UTF8.self)
  }
}

/// The programs the end-to-end test runs.
enum CollectTools {
  /// The gcloud to run: `$GWLOG_TEST_GCLOUD`, else `/usr/bin/gcloud`; nil without python3.
  static var gcloud: String? {
    let environment = ProcessInfo.processInfo.environment
    let path = environment["GWLOG_TEST_GCLOUD"] ?? "/usr/bin/gcloud"
    guard FileManager.default.isExecutableFile(atPath: path), python != nil else { return nil }
    return path
  }

  /// python3, for the fake.
  static var python: String? {
    ["/usr/bin/python3", "/usr/local/bin/python3"].first {
      FileManager.default.isExecutableFile(atPath: $0)
    }
  }
}

/// What a folder answers: every pair's verdict and missing inputs, every cause and warning
/// of the model, and the fixes of every pair that does not work.
struct Answers: Equatable {
  var verdicts: [String: String] = [:]
  var missing: [String: [String]] = [:]
  var problems: Set<[String]> = []
  var warnings: Set<[String]> = []
  var fixes: [String: [String]] = [:]

  init(of folder: String) throws {
    let workspace = Workspace()
    let problems = ModelSession.load(
      paths: [folder], into: workspace, evaluationTime: CollectEndToEndTests.evaluationTime)
    #expect(problems.filter { $0.severity == .error }.isEmpty, "\(problems.map(\.message))")
    try workspace.evaluate()
    let goal = try workspace.parseGoal("canInvoke(X, Y)", path: "<test>")
    for pair in try ModelSession.verdicts(for: goal, in: workspace) ?? [] {
      let key = pair.gateway + "|" + pair.backend
      verdicts[key] = pair.verdict
      missing[key] = pair.missing
      guard pair.verdict != "yes" else { continue }
      let ground = try workspace.parseGoal(
        "canInvoke(\(Value.symbol(pair.gateway)), \(Value.symbol(pair.backend)))", path: "<test>")
      if case .whyNot(let whyNot) = try ModelSession.explain(ground, in: workspace, depth: 12) {
        fixes[key] = whyNot.repairs.map(\.summary)
      }
    }
    self.problems = Self.rows(try workspace.query("invokeProblem(G, B, L, C, D)").rows)
    warnings = Self.rows(try workspace.query("invokeWarning(G, B, C, D)").rows)
  }

  private static func rows(_ rows: [[Value]]) -> Set<[String]> {
    Set(
      rows.map { row in
        row.map { value -> String in
          switch value {
          case .symbol(let s): return s
          case .integer(let n): return String(n)
          }
        }
      })
  }
}

/// `Tests/Fakes/fake_google_apis.py` serving a folder on a free loopback port.
final class FakeGoogleAPIs {
  let process: Process
  /// The environment that points gcloud at it.
  let environment: [String: String]

  private init(process: Process, environment: [String: String]) {
    self.process = process
    self.environment = environment
  }

  /// Starts the fake and waits for the file in which it says where it listens.
  static func start(folder: String, failing: [String] = []) throws -> FakeGoogleAPIs {
    let ready = FileManager.default.temporaryDirectory
      .appendingPathComponent("gwlog-fake-\(UUID().uuidString)").path
    let process = Process()
    process.executableURL = URL(fileURLWithPath: CollectTools.python ?? "python3")
    process.arguments =
      [CollectEndToEndTests.fake, folder, "--print-env", "--ready-file", ready]
      + failing.flatMap { ["--fail", $0] }
    process.standardOutput = FileHandle.nullDevice
    process.standardInput = FileHandle.nullDevice
    try process.run()
    var text = ""
    for _ in 0..<600 where process.isRunning {
      if let data = FileManager.default.contents(atPath: ready) {
        text = String(decoding: data, as: UTF8.self)
        break
      }
      Thread.sleep(forTimeInterval: 0.05)
    }
    try? FileManager.default.removeItem(atPath: ready)
    var environment: [String: String] = [:]
    for line in text.split(separator: "\n").dropFirst() {
      guard let equals = line.firstIndex(of: "=") else { continue }
      environment[String(line[..<equals])] = String(line[line.index(after: equals)...])
    }
    guard text.hasPrefix("listening 127.0.0.1 "), environment["CLOUDSDK_PROXY_PORT"] != nil else {
      if process.isRunning { process.terminate() }
      throw FakeError(message: "the fake did not start (\(text.isEmpty ? "no ready file" : text))")
    }
    return FakeGoogleAPIs(process: process, environment: environment)
  }

  /// Stops the fake: SIGTERM, then SIGKILL when it has not ended within five seconds.
  func stop() {
    if process.isRunning { process.terminate() }
    for _ in 0..<100 where process.isRunning { Thread.sleep(forTimeInterval: 0.05) }
    if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    process.waitUntilExit()
  }
}

/// The fake could not be started.
struct FakeError: Error, CustomStringConvertible {
  var message: String
  var description: String { message }
}
