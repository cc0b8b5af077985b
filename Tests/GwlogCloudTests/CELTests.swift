import Testing

@testable import GwlogCloud

/// The CEL subset of IAM conditions, with its three-valued logic.
@Suite struct CELTests {
  /// `2026-01-31T00:00:00Z`.
  static let january31: Int64 = 1_769_817_600
  static let service = CEL.Attributes(
    resourceName: "projects/shop/locations/us-central1/services/orders-api",
    resourceType: "run.googleapis.com/Service", resourceService: "run.googleapis.com",
    requestTime: january31)

  static let cases: [(String, CEL.Truth)] = [
    // Equality and order on the resource attributes.
    (#"resource.type == "run.googleapis.com/Service""#, .true),
    (#"resource.type != "run.googleapis.com/Service""#, .false),
    ("resource.service == 'run.googleapis.com'", .true),
    (#"resource.name == "projects/shop/locations/us-central1/services/other""#, .false),
    (#"resource.name.startsWith("projects/shop/")"#, .true),
    (#"resource.name.startsWith("projects/bank/")"#, .false),
    (#"resource.name.endsWith("/services/orders-api")"#, .true),
    (#"resource.name.endsWith("/services/orders")"#, .false),
    (#""b" > "a""#, .true),
    ("1 < 2", .true),
    ("2 <= 1", .false),
    // Time against timestamps.
    (#"request.time < timestamp("2026-02-01T00:00:00Z")"#, .true),
    (#"request.time > timestamp("2026-02-01T00:00:00Z")"#, .false),
    (#"request.time >= timestamp("2026-01-31T00:00:00Z")"#, .true),
    (#"request.time <= timestamp("2026-01-31T01:00:00+01:00")"#, .true),
    (#"request.time.getHours("UTC") == 0"#, .true),
    ("request.time.getHours() >= 9", .false),
    (#"request.time.getHours("Europe/Berlin") == 1"#, .unknown),
    (#"request.time < timestamp("not a time")"#, .unknown),
    // Connectives and parentheses.
    (
      #"resource.type == "run.googleapis.com/Service" && resource.name.startsWith("projects/shop/")"#,
      .true
    ),
    (#"!(resource.service == "run.googleapis.com")"#, .false),
    (#"(resource.service == "x" || resource.service == "run.googleapis.com") && true"#, .true),
    ("true && !false", .true),
    // Three-valued logic: tags and unknown attributes are unknown.
    (#"resource.matchTag("123/env", "prod")"#, .unknown),
    (#"!resource.matchTag("123/env", "prod")"#, .unknown),
    (#"resource.matchTag("123/env", "prod") && resource.service == "x""#, .false),
    (#"resource.service == "x" && resource.matchTag("123/env", "prod")"#, .false),
    (
      #"resource.matchTag("123/env", "prod") && resource.service == "run.googleapis.com""#, .unknown
    ),
    (#"resource.matchTag("123/env", "prod") || resource.service == "run.googleapis.com""#, .true),
    (#"resource.matchTag("123/env", "prod") || resource.service == "x""#, .unknown),
    (#"request.auth.claims.email == "a@b.c""#, .unknown),
    (#"resource.labels.env == "prod""#, .unknown),
    // Type errors are unknown, not false.
    (#"resource.name == 1"#, .unknown),
    (#"resource.name.startsWith(1)"#, .unknown),
    ("1 == 1 && resource.name", .unknown),
  ]

  @Test(arguments: cases)
  func evaluates(expression: String, expected: CEL.Truth) {
    #expect(CEL.evaluate(expression, attributes: Self.service) == expected)
  }

  @Test func missingAttributeIsUnknown() {
    let bare = CEL.Attributes(requestTime: Self.january31)
    #expect(CEL.evaluate(#"resource.name.startsWith("projects/")"#, attributes: bare) == .unknown)
    #expect(CEL.evaluate(#"resource.type == "x" || true"#, attributes: bare) == .true)
  }

  @Test(arguments: [
    "", "(", ")", "resource.name ==", "== 1", #"resource.name == "unterminated"#, "a && && b",
    "resource.", "f(1,", "1 2", "@", "'\\q'", "99999999999999999999 == 1",
    String(repeating: "(", count: 100_000), String(repeating: "!", count: 100_000) + "true",
    String(repeating: "a.", count: 10_000) + "b", "\u{0}", "timestamp(",
  ])
  func malformedInputIsUnknownAndNeverCrashes(expression: String) {
    #expect(CEL.evaluate(expression, attributes: Self.service) == .unknown)
  }

  @Test func deepButBoundedNestingStillParses() {
    let nested = String(repeating: "(", count: 30) + "true" + String(repeating: ")", count: 30)
    #expect(CEL.evaluate(nested, attributes: Self.service) == .true)
  }
}
