import Foundation
import GwlogEngine
import Testing

@testable import GwlogCloud

/// `Collector` against a scripted gcloud: the chain from a gateway reaches every input its
/// routes rest on, each output lands under the naming convention, a failed read is logged and
/// never written, and the importer turns it into an unknown verdict that says why.
@Suite struct CollectorTests {
  static let scope = CollectScope(
    gateways: [GatewayReference(project: "gwp", location: "us-central1", name: "gw")],
    backendProjects: ["bp"])

  /// A fresh folder under the temporary directory.
  static func folder() throws -> String {
    let path = NSTemporaryDirectory() + "gwlog-collect-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }

  static func files(_ folder: String) throws -> Set<String> {
    Set(try FileManager.default.contentsOfDirectory(atPath: folder))
  }

  /// The verdict of the gateway and `svc`, with what it is missing.
  static func verdict(_ folder: String) throws -> PairVerdict? {
    let workspace = Workspace()
    let problems = ModelSession.load(
      paths: [folder], into: workspace, evaluationTime: 1_795_564_800)
    #expect(problems.filter { $0.severity == .error }.isEmpty, "\(problems.map(\.message))")
    let goal = try workspace.parseGoal("canInvoke(X, Y)", path: "<test>")
    return try ModelSession.verdicts(for: goal, in: workspace)?.first {
      $0.gateway == ScriptedOrg.gateway && $0.backend == ScriptedOrg.service
    }
  }

  @Test func theChainReachesEveryInputAndNamesEachFileByTheConvention() throws {
    let gcloud = ScriptedGcloud(ScriptedOrg.answers)
    let folder = try Self.folder()
    let summary = try Collector(runner: gcloud, folder: folder, jobs: 3).collect(Self.scope)
    #expect(summary.failures.isEmpty, "\(summary.failures.map(\.commandLine))")
    // Every scripted command ran (the org's describe included), and nothing else.
    #expect(Set(gcloud.commands) == Set(ScriptedOrg.answers.keys))
    #expect(gcloud.commands.count == ScriptedOrg.answers.count, "a command ran twice")
    let files = try Self.files(folder)
    for name in [
      "run-services-describe-svc--region=us-central1--project=bp.json",
      "run-services-get-iam-policy-svc--region=us-central1--project=bp.json",
      "run-services-describe-hashed--region=us-central1--project=bp.json",
      "functions-describe-fn--region=us-central1--project=fnp.json",
      "functions-get-iam-policy-fn--region=us-central1--project=fnp.json",
      "projects-describe-bp.json", "projects-get-iam-policy-bp.json",
      "iam-policies-list-denypolicies-organizations-1.json",
      "iam-service-accounts-describe-\(ScriptedOrg.account).json", CollectLog.fileName,
    ] {
      #expect(files.contains(name), "\(name) was not written")
    }
    // Lookups choose commands but are not snapshot files.
    #expect(
      !files.contains { $0.hasPrefix("run-services-list") || $0.hasPrefix("org-policies-list") })
    let log = try String(contentsOfFile: folder + "/" + CollectLog.fileName, encoding: .utf8)
    #expect(log.split(separator: "\n").count == summary.commands)
    #expect(try Self.verdict(folder)?.verdict == "yes")
  }

  @Test func aFailedReadIsLoggedNeverWrittenAndMakesTheVerdictUnknownSayingWhy() throws {
    var answers = ScriptedOrg.answers
    let listing =
      "iam policies list --attachment-point=cloudresourcemanager.googleapis.com/organizations/1 "
      + "--kind=denypolicies"
    answers[listing] = .fails(
      "ERROR: (gcloud.iam.policies.list) [me@example.com] does not have permission to access "
        + "policies instance [x] (or it may not exist): The caller does not have permission")
    let folder = try Self.folder()
    let summary = try Collector(runner: ScriptedGcloud(answers), folder: folder).collect(Self.scope)
    #expect(summary.failures.map(\.failure?.code) == ["PERMISSION_DENIED"])
    // gcloud printed `[]` on standard output before failing: nothing of it is written.
    #expect(
      !(try Self.files(folder)).contains("iam-policies-list-denypolicies-organizations-1.json"))
    let verdict = try #require(try Self.verdict(folder))
    #expect(verdict.verdict == "unknown")
    let missing = verdict.missing.joined(separator: "\n")
    #expect(
      missing.contains("the deny policies attached at organizations/1, which could not be read"))
    #expect(missing.contains("PERMISSION_DENIED; needs iam.denypolicies.list"))
    #expect(missing.contains("roles/iam.denyReviewer"))
  }

  @Test func runningAgainRefreshesTheFolderAndDropsWhatNoLongerReads() throws {
    let gcloud = ScriptedGcloud(ScriptedOrg.answers)
    let folder = try Self.folder()
    _ = try Collector(runner: gcloud, folder: folder).collect(Self.scope)
    let policy = "run-services-get-iam-policy-svc--region=us-central1--project=bp.json"
    #expect(try Self.files(folder).contains(policy))
    try Data("keep me".utf8).write(to: URL(fileURLWithPath: folder + "/notes.txt"))
    gcloud.set(
      "run services get-iam-policy svc --region=us-central1 --project=bp",
      .fails("ERROR: (gcloud.run.services.get-iam-policy) PERMISSION_DENIED: no"))
    let again = try Collector(runner: gcloud, folder: folder).collect(Self.scope)
    #expect(again.removed == [policy])
    let files = try Self.files(folder)
    #expect(!files.contains(policy))
    #expect(files.contains("notes.txt"), "a file collect did not write was removed")
    let verdict = try #require(try Self.verdict(folder))
    #expect(verdict.verdict == "unknown")
    #expect(
      verdict.missing.contains { $0.hasPrefix("the allow policy of \(ScriptedOrg.service), which") }
    )
  }

  @Test func anAddressThatNamesNoProjectNeedsABackendProjectAndSaysSo() throws {
    let folder = try Self.folder()
    let gcloud = ScriptedGcloud(ScriptedOrg.answers)
    let scope = CollectScope(gateways: Self.scope.gateways)
    let summary = try Collector(runner: gcloud, folder: folder).collect(scope)
    #expect(!gcloud.commands.contains("run services list --project=bp"))
    let unresolved = summary.failures.filter { $0.failure?.code == "UNRESOLVED" }
    #expect(unresolved.map(\.reads?.target) == [ScriptedOrg.hashedURL])
    #expect(unresolved.first?.failure?.message.contains("--backend-project P") == true)
    // The pair is unknown, not broken.
    let workspace = Workspace()
    _ = ModelSession.load(paths: [folder], into: workspace, evaluationTime: 1_795_564_800)
    let goal = try workspace.parseGoal("canInvoke(X, Y)", path: "<test>")
    let pair = try ModelSession.verdicts(for: goal, in: workspace)?.first {
      $0.backend == ScriptedOrg.hashedURL
    }
    #expect(pair?.verdict == "unknown")
    #expect(pair?.missing.first?.contains("--backend-project") == true)
  }

  @Test func aDryRunListsTheFirstCommandsOnly() {
    let lines = Collector.firstCommands(
      CollectScope(
        gateways: Self.scope.gateways, allGatewaysProjects: ["p2"], backendProjects: ["bp"]))
    #expect(
      lines == [
        "gcloud api-gateway gateways describe gw --location=us-central1 --project=gwp --format=json",
        "gcloud api-gateway gateways list --project=p2 --format=json",
      ])
  }
}
