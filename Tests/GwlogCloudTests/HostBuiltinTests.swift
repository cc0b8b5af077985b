import GwlogEngine
import Testing

@testable import GwlogCloud

/// `urlHost`, `urlPath`, `globMatch` and `--at` times.
@Suite struct HostBuiltinTests {
  @Test(arguments: [
    ("https://Orders-ABC-uc.a.run.app/v1/orders?x=1", "orders-abc-uc.a.run.app", "/v1/orders"),
    ("http://user@host.example.com:8080", "host.example.com", ""),
    ("grpcs://api.example.com:443/", "api.example.com", ""),
    ("HTTPS://shop.appspot.com/a/b#frag", "shop.appspot.com", "/a/b"),
    ("https://[::1]:8080/x", "[::1]", "/x"),
    ("ftp://example.com/x", "", ""),
    ("example.com/x", "", ""),
    ("https:///x", "", ""),
    ("", "", ""),
  ])
  func urlParts(url: String, host: String, path: String) {
    #expect(URLParts.host(url) == host)
    #expect(URLParts.path(url) == path)
  }

  @Test(arguments: [
    ("run.routes.invoke", "*", true),
    ("run.routes.invoke", "run.*", true),
    ("run.routes.invoke", "run.routes.*", true),
    ("run.routes.invoke", "run.routes.invoke", true),
    ("run.routes.invoke", "run.jobs.*", false),
    ("runx.routes.invoke", "run.*", false),
    ("run.routes.invoke", "run.routes.get", false),
  ])
  func permissionGlobs(permission: String, pattern: String, matches: Bool) {
    #expect(PermissionGlob.matches(permission, pattern) == matches)
  }

  @Test func builtinsWorkInRules() throws {
    let workspace = Workspace()
    ModelBuiltins.register(in: &workspace.builtins)
    workspace.addSource(
      path: "t.dl",
      text: """
        url("https://A.run.app/x").
        perm("run.routes.invoke"). pattern("run.*"). pattern("iam.*").
        host(H, P) :- url(U), H = urlHost(U), P = urlPath(U).
        match(P, G) :- perm(P), pattern(G), globMatch(P, G).
        decided(R) :- R = cel("request.time < timestamp('2026-02-01T00:00:00Z')", "", "", "", 1769817600).
        """)
    #expect(try workspace.query("host(H, P)").rows == [[.symbol("a.run.app"), .symbol("/x")]])
    #expect(try workspace.query("match(P, G)").rows.count == 1)
    #expect(try workspace.query("decided(R)").rows == [[.symbol("true")]])
  }

  @Test func celTagsEvaluatesATagSetInRules() throws {
    let workspace = Workspace()
    ModelBuiltins.register(in: &workspace.builtins)
    workspace.addSource(
      path: "t.dl",
      text: #"""
        tags("svc", "111/env=111/env/prod\ntagKeys/1=tagValues/2").
        tags("bare", "").
        condition("prod", "resource.matchTag('111/env', 'prod')").
        condition("id", "resource.matchTagId('tagKeys/1', 'tagValues/2') && request.time < timestamp('2026-02-01T00:00:00Z')").
        condition("name", "resource.name == 'svc'").
        verdict(R, C, V) :- tags(R, T), condition(C, E), V = celTags(E, T, 1769817600).
        """#)
    let rows = try workspace.query("verdict(R, C, V)").rows.map { $0.map(\.description) }
    #expect(
      Set(rows) == [
        [#""svc""#, #""prod""#, #""true""#], [#""svc""#, #""id""#, #""true""#],
        [#""svc""#, #""name""#, #""unknown""#], [#""bare""#, #""prod""#, #""false""#],
        [#""bare""#, #""id""#, #""false""#], [#""bare""#, #""name""#, #""unknown""#],
      ])
  }

  @Test(arguments: [
    ("2026-01-31T00:00:00Z", Int64(1_769_817_600)),
    ("1970-01-01T00:00:00Z", 0),
    ("1969-12-31T23:59:59Z", -1),
    ("2024-02-29T12:00:00.999+02:00", 1_709_200_800),
    ("2026-01-31t00:00:00z", 1_769_817_600),
  ])
  func parsesRFC3339(text: String, seconds: Int64) {
    #expect(RFC3339.seconds(from: text) == seconds)
  }

  @Test(arguments: [
    "", "2026-01-31", "2026-01-31T00:00:00", "2026-02-30T00:00:00Z", "2026-13-01T00:00:00Z",
    "2026-01-31T24:00:00Z", "2026-01-31 00:00:00Z", "0000-01-01T00:00:00Z", "2026-01-31T00:00:00Zx",
    "2026-01-31T00:00:00.Z", "now",
  ])
  func rejectsBadTimes(text: String) {
    #expect(RFC3339.seconds(from: text) == nil)
  }

  @Test(arguments: [Int64(0), 1_769_817_600, 951_782_400, -86_400, 253_402_300_799])
  func formatsAndParsesBack(seconds: Int64) {
    #expect(RFC3339.seconds(from: RFC3339.string(fromSeconds: seconds)) == seconds)
  }
}
