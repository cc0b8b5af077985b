import Foundation
import Testing

/// The verdict of a ground question is the exit code (docs/language.md#exit-codes): 0 yes, 4
/// no, 5 unknown, for `explain`, `why` and `query`; `why` takes the URL that was refused, the
/// pair flags take URLs and emails, and a goal typed without its quotes says how to quote it.
@Suite struct VerdictEndToEndTests {
  static let example = GoalDirectedEndToEndTests.example
  static let at = ["--at", "2026-11-25T00:00:00Z"]

  @Test func explainExitsWithTheVerdict() throws {
    let yes = try GwlogProcess.run(
      ["explain", "canInvoke(shop-gw, orders-api)", Self.example] + Self.at)
    #expect(yes.status == 0)
    #expect(yes.stdout.hasPrefix("yes: shop-gw can invoke orders-api\n"))

    let no = try GwlogProcess.run(
      ["explain", "canInvoke(shop-gw, payments-api)", Self.example] + Self.at)
    #expect(no.status == 4)
    #expect(no.stdout.hasPrefix("no: shop-gw cannot invoke payments-api\ncause: L7 denied: "))
    let lines = no.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
    #expect(lines.count <= 25)
    #expect(lines.allSatisfy { $0.count <= 100 })
    #expect(no.stdout.contains("  gcloud iam policies update payments-lockdown \\\n"))

    // A goal with variables is not a ground question: 0 either way.
    let open = try GwlogProcess.run(
      ["explain", "canInvoke(X, payments-api)", Self.example] + Self.at)
    #expect(open.status == 0)
  }

  @Test func anUnknownVerdictExitsWithFiveAndFetchesWhatIsMissing() throws {
    let snapshot = try ExampleSnapshot.copy(
      omitting: ["iam-policies-list-denypolicies-folders-2002.json"])
    let explain = try GwlogProcess.run(
      ["explain", "canInvoke(shop-gw, orders-api)", snapshot.url.path] + Self.at)
    #expect(explain.status == 5)
    #expect(explain.stdout.hasPrefix("unknown: whether shop-gw can invoke orders-api rests on "))
    #expect(explain.stdout.contains("  gcloud iam policies list "))
    #expect(explain.stdout.contains("> iam-policies-list-denypolicies-folders-2002.json"))

    let query = try GwlogProcess.run(
      ["query", "canInvoke(shop-gw, orders-api)", snapshot.url.path] + Self.at)
    #expect(query.status == 5)
    #expect(query.stdout.hasPrefix("unknown\n"))
  }

  @Test func aGroundQueryExitsWithTheVerdict() throws {
    let no = try GwlogProcess.run(
      ["query", "canInvoke(shop-gw, payments-api)", Self.example] + Self.at)
    #expect(no.status == 4)
    #expect(no.stdout.hasPrefix("no\n"))
    let yes = try GwlogProcess.run(
      [
        "query", "--gateway", "https://shop-gw-1a2b3c4d.uc.gateway.dev", "--backend",
        "https://orders-api-x7k2m9pq-uc.a.run.app/", Self.example,
      ] + Self.at)
    #expect(yes.status == 0)
    #expect(yes.stdout.hasPrefix("yes\n"))

    // Without the model: `false` and 4, `true` and 0, a table of answers 0.
    let directory = try TemporaryDirectory()
    try directory.write("p.dl", "e(1, 2).\n")
    let plain = ["--no-model"]
    let falseGoal = try GwlogProcess.run(["query", "e(2, 1)", "p.dl"] + plain, in: directory.url)
    #expect(falseGoal.status == 4)
    #expect(falseGoal.stdout == "false\n")
    let trueGoal = try GwlogProcess.run(["query", "e(1, 2)", "p.dl"] + plain, in: directory.url)
    #expect(trueGoal.status == 0)
    let none = try GwlogProcess.run(["query", "e(3, X)", "p.dl"] + plain, in: directory.url)
    #expect(none.status == 0)
  }

  @Test func whyTakesTheRefusedURL() throws {
    let why = try GwlogProcess.run(
      ["why", "https://shop-gw-1a2b3c4d.uc.gateway.dev/pay", Self.example] + Self.at)
    #expect(why.status == 4)
    let lines = why.stdout.split(separator: "\n").map(String.init)
    #expect(lines.first == "no: shop-gw cannot invoke payments-api")
    #expect(lines.dropFirst().first == "route: POST /pay → operation pay of shop-gw → payments-api")

    let json = try GwlogProcess.run(
      [
        "why", "https://partner-gw-5e6f7a8b.uc.gateway.dev/legacy", Self.example, "--format",
        "json",
      ]
        + Self.at)
    #expect(json.status == 0)
    #expect(json.json?["verdict"] as? String == "yes")
    #expect((json.json?["goal"] as? String)?.contains("apps/legacy-backend") == true)

    let nowhere = try GwlogProcess.run(
      ["why", "https://shop-gw-1a2b3c4d.uc.gateway.dev/nothing", Self.example] + Self.at)
    #expect(nowhere.status == 1)
    #expect(nowhere.stderr.contains("error[unknown-name]: no operation"))
    #expect(nowhere.stderr.contains("`POST /pay`"))
  }

  @Test func aGoalTypedWithoutQuotesSaysHowToQuoteIt() throws {
    let path = try GwlogProcess.run(
      ["explain", "canInvoke(projects/gw-prod/locations/us-central1/gateways/shop-gw, B)"])
    #expect(path.status == 1)
    #expect(path.stderr.contains("error[syntax]: the name `projects/gw-prod/"))
    #expect(
      path.stderr.contains(
        #"`'canInvoke("projects/gw-prod/locations/us-central1/gateways/shop-gw", B)'`"#))
    #expect(!path.stderr.contains("arithmetic"))

    let member = try GwlogProcess.run(
      ["query", "whoCanInvoke(serviceAccount:gw-shop@gw-prod.iam.gserviceaccount.com, B)"])
    #expect(member.status == 1)
    #expect(
      member.stderr.contains(
        #"`'whoCanInvoke("serviceAccount:gw-shop@gw-prod.iam.gserviceaccount.com", B)'`"#))

    let single = try GwlogProcess.run(["query", "canInvoke('shop-gw', B)"])
    #expect(single.status == 1)
    #expect(single.stderr.contains(#"`'canInvoke("shop-gw", B)'`"#))
    #expect(!single.stderr.contains("0x27"))
  }
}
