import Foundation
import Testing

@testable import gwlog_bench

/// The model workloads' pure logic: issue 15's targets, `--stats` parsing and `--check`.
@Suite struct ModelLogicTests {
  @Test func targetsApplyToTheirSizesOnly() {
    #expect(
      ModelTargets.limit(projects: 10_000, question: .explainBroken)
        == ModelTargets.Limit(seconds: 0.5, megabytes: 300))
    #expect(
      ModelTargets.limit(projects: 10_000, question: .audit)
        == ModelTargets.Limit(seconds: 10, megabytes: 2000))
    #expect(
      ModelTargets.limit(projects: 100_000, question: .explainWorking)
        == ModelTargets.Limit(seconds: 3, megabytes: nil))
    #expect(
      ModelTargets.limit(projects: 100_000, question: .audit)
        == ModelTargets.Limit(seconds: 60, megabytes: 8000))
    #expect(ModelTargets.limit(projects: 1000, question: .audit) == nil)
    #expect(ModelTargets.limit(projects: 10_000, question: .callers) == nil)
  }

  @Test func judgingSaysByHowMuch() {
    #expect(ModelTargets.judgeAtMost(0.5, 0.5, unit: "s") == "met (0.500 <= 0.500 s)")
    #expect(ModelTargets.judgeAtMost(273, 0.5, unit: "s") == "missed 546x (273 > 0.500 s)")
    #expect(ModelTargets.judgeAtMost(2.4, 2, unit: "s") == "missed 1.2x (2.40 > 2.00 s)")
    #expect(ModelTargets.judgeAtLeast(8, 200, unit: "MB/s") == "missed 25x (8.00 < 200 MB/s)")
    #expect(ModelTargets.judgeAtLeast(250, 200, unit: "MB/s") == "met (250 >= 200 MB/s)")
    #expect(ModelTargets.factor(12_000) == "1.2e+04x")
    let failed = ModelTargets.verdicts(
      projects: 10_000, question: .audit, seconds: 600, megabytes: 9000, failed: true)
    #expect(failed == ["missed (did not finish)", "missed 4.5x (9000 > 2000 MB)"])
  }

  @Test func statsOfTheCLIParse() {
    let stderr = """
      stratum 5 [conditionValue]: 1 iterations, 61522 tuples, 2.207s
      stratum 6 [ancestor] recursive: 7 iterations, 6737 tuples, 0.013s
      rule <model>/facts/gcp/roles.dl:13 roleGrants: 2877780 tuples, 2.127s
      loaded in 0.205s; 3532435 tuples, 3345766 derived, storage 139 MiB
      inputs: 4447 files read and interned once in 0.205s, 186669 facts, shared by 1 evaluation
        input a.json: 3 facts
      goal-directed: not used, the goal has no constants
      phases: read 17.250s, answer 0.031s
      evaluated in 8.132s
      """
    let stats = CLIStatistics(parsing: stderr)
    #expect(stats.evaluationSeconds == 8.132)
    #expect(stats.storeSeconds == 0.205)
    #expect(stats.totalTuples == 3_532_435)
    #expect(stats.readSeconds == 17.25)
    #expect(stats.answerSeconds == 0.031)
    #expect(stats.goalDirected == "not used, the goal has no constants")
    #expect(stats.strata.count == 2)
    #expect(
      stats.costliest(2) == [
        .init(label: "stratum 5 [conditionValue]", tuples: 61522, seconds: 2.207),
        .init(
          label: "rule <model>/facts/gcp/roles.dl:13 roleGrants", tuples: 2_877_780, seconds: 2.127),
      ])
    #expect(CLIStatistics(parsing: "evaluated in ?s").evaluationSeconds == nil)
  }

  @Test func sizesNameProjectCounts() {
    #expect(ModelOrg.projects(forSize: "1k") == 1000)
    #expect(ModelOrg.projects(forSize: "100k") == 100_000)
    #expect(ModelOrg.projects(forSize: "2500") == 2500)
    #expect(ModelOrg.projects(forSize: "big") == nil)
    #expect(ModelOrg.projects(forSize: "0k") == nil)
  }

  private static let meta = ModelOrgMeta(
    projects: 50, seed: 1, evaluationTime: "2026-11-25T00:00:00Z", gcloudDir: "gcloud",
    sizes: [:],
    benchmark: .init(
      working: .init(gateway: "projects/gw/locations/r/gateways/a", backend: "svc-ok"),
      broken: .init(gateway: "projects/gw/locations/r/gateways/a", backend: "svc-bad"),
      backend: "svc-ok"),
    routes: [
      .init(
        gateway: "projects/gw/locations/r/gateways/a", backend: "svc-ok", verdict: "yes",
        cause: "", scenario: "works-direct"),
      .init(
        gateway: "projects/gw/locations/r/gateways/b", backend: "svc-ok", verdict: "yes",
        cause: "", scenario: "works-shared"),
      .init(
        gateway: "projects/gw/locations/r/gateways/a", backend: "svc-bad", verdict: "no",
        cause: "denied", scenario: "denied"),
    ])

  @Test func checkReadsExplainVerdictsAndCauses() {
    let broken: [Substring] = [
      "canInvoke(\"a\", \"svc-bad\") does not hold; fix: add ...", "",
      "causes found by the Google Cloud model:",
      "  L7 denied: deny policy `x` denies run.routes.invoke", "  L6 missing-permission: grant",
    ]
    #expect(ModelCheck.explainVerdict(broken) == "no")
    #expect(ModelCheck.explainCauses(broken) == ["denied", "missing-permission"])
    #expect(ModelCheck.problems(.explainBroken, output: broken, meta: Self.meta).isEmpty)
    // A pair's report: the verdict word first, then `cause:` and `also:` lines.
    let report: [Substring] = [
      "No: b cannot invoke svc-bad",
      "cause: L7 denied: deny policy `x` denies run.routes.invoke to",
      "  serviceAccount:b@gw.iam.gserviceaccount.com",
      "also: L6 missing-permission: grant roles/run.invoker to …", "",
      "fix: remove the deny rule", "  1. L5 ingress: not a cause, an alternative's text",
    ]
    #expect(ModelCheck.explainVerdict(report) == "no")
    #expect(ModelCheck.explainCauses(report) == ["denied", "missing-permission"])
    #expect(ModelCheck.explainVerdict(["yes: a can invoke svc-ok"]) == "yes")
    let unknown: [Substring] = ["unknown: whether a can invoke svc rests on …"]
    #expect(ModelCheck.explainVerdict(unknown) == "unknown")
    #expect(ModelCheck.explainVerdict(["Noted: x"]) == "yes")
    let wrongCause: [Substring] = [
      "x does not hold; fix: y", "  L5 ingress: ingress is `internal`",
    ]
    #expect(
      ModelCheck.problems(.explainBroken, output: wrongCause, meta: Self.meta)
        == ["explain of the broken pair does not name the cause denied"])
    #expect(
      ModelCheck.problems(.explainWorking, output: ["x is unknown: load y"], meta: Self.meta)
        == ["explain of the working pair says unknown"])
    #expect(
      ModelCheck.problems(.explainWorking, output: ["canInvoke(a, b)", "  via"], meta: Self.meta)
        .isEmpty)
  }

  @Test func checkComparesCallersAndTheAudit() {
    let callers: [Substring] = ["projects/gw/locations/r/gateways/a"]
    #expect(
      ModelCheck.problems(.callers, output: callers, meta: Self.meta)
        == ["callers miss projects/gw/locations/r/gateways/b"])
    let audit: [Substring] = [
      "projects/gw/locations/r/gateways/a\tsvc-bad\tL7\tdenied",
      "projects/gw/locations/r/gateways/b\tsvc-ok\tL5\tingress",
      "projects/gw/locations/r/gateways/c\tsvc-x\tL1\tevent-function",
    ]
    #expect(
      ModelCheck.auditProblems(audit, meta: Self.meta) == [
        "audit lists causes [\"ingress\"] for the working pair b -> svc-ok",
        "audit lists a pair the generator did not route: projects/gw/locations/r/gateways/c\tsvc-x",
      ])
    #expect(ModelCheck.auditProblems(Array(audit.prefix(1)), meta: Self.meta).isEmpty)
  }
}
