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

  /// A resource with two tags, as an `effectiveTagSet` value spells them.
  static let tagged = CEL.Attributes(
    requestTime: january31,
    tags: [
      "111/env=111/env/prod", "shop/team=shop/team/payments", "tagKeys/1=tagValues/2",
      "tagKeys/3=tagValues/4",
    ].joined(separator: "\n"))

  static let tagCases: [(String, CEL.Truth)] = [
    // Each function, matching and not.
    ("resource.matchTag('111/env', 'prod')", .true),
    ("resource.matchTag('111/env', 'dev')", .false),
    ("resource.matchTag('222/env', 'prod')", .false),
    (#"resource.matchTag("shop/team", "payments")"#, .true),
    ("resource.matchTagId('tagKeys/1', 'tagValues/2')", .true),
    ("resource.matchTagId('tagKeys/1', 'tagValues/4')", .false),
    ("resource.matchTagId('tagKeys/9', 'tagValues/2')", .false),
    ("resource.hasTagKey('111/env')", .true),
    ("resource.hasTagKey('111/owner')", .false),
    ("resource.hasTagKeyId('tagKeys/3')", .true),
    ("resource.hasTagKeyId('tagKeys/5')", .false),
    // Negation and the connectives.
    ("!resource.matchTag('111/env', 'prod')", .false),
    ("!resource.hasTagKey('111/owner')", .true),
    ("resource.matchTag('111/env', 'prod') && resource.hasTagKeyId('tagKeys/3')", .true),
    ("resource.matchTag('111/env', 'prod') && resource.hasTagKey('111/owner')", .false),
    ("resource.matchTag('111/env', 'dev') || resource.matchTag('shop/team', 'payments')", .true),
    ("resource.matchTag('111/env', 'dev') || resource.hasTagKeyId('tagKeys/5')", .false),
    ("!(resource.matchTag('111/env', 'dev') || !resource.hasTagKey('shop/team'))", .true),
    // With request.time, as `cel` reads it.
    (
      "resource.matchTag('111/env', 'prod') && request.time < timestamp('2026-02-01T00:00:00Z')",
      .true
    ),
    // Undecidable: other attributes, other functions, wrong arguments.
    ("resource.matchTag('111/env', 'prod') && resource.name == 'x'", .unknown),
    ("resource.matchTag('111/env', 'dev') && resource.name == 'x'", .false),
    ("resource.matchTag('111/env', 'prod') || resource.name == 'x'", .true),
    ("resource.matchTagIds('tagKeys/1', 'tagValues/2')", .unknown),
    ("resource.matchTag('111/env')", .unknown),
    ("resource.matchTag('111/env', 1)", .unknown),
    ("resource.matchTag('env', 'prod')", .unknown),
    ("resource.matchTag('111/env', '111/env/prod')", .unknown),
    ("resource.matchTag('tagKeys/1', 'tagValues/2')", .unknown),
    ("resource.matchTagId('111/env', 'prod')", .unknown),
    ("resource.hasTagKey('tagKeys/1')", .unknown),
    ("resource.hasTagKeyId('111/env')", .unknown),
  ]

  @Test(arguments: tagCases)
  func evaluatesTags(expression: String, expected: CEL.Truth) {
    #expect(CEL.evaluate(expression, attributes: Self.tagged) == expected)
  }

  @Test func tagsNotReadOrMalformedAreUnknown() {
    for tags in [nil, "111/env", "=x"] as [String?] {
      let attributes = CEL.Attributes(requestTime: Self.january31, tags: tags)
      #expect(CEL.evaluate("resource.hasTagKey('111/env')", attributes: attributes) == .unknown)
      #expect(CEL.evaluate("!resource.hasTagKey('111/env')", attributes: attributes) == .unknown)
    }
    // No tags at all: every tag test is decided false.
    let none = CEL.Attributes(requestTime: Self.january31, tags: "")
    #expect(CEL.evaluate("resource.hasTagKey('111/env')", attributes: none) == .false)
    #expect(
      CEL.evaluate("!resource.matchTagId('tagKeys/1', 'tagValues/2')", attributes: none) == .true)
  }

  @Test func deepButBoundedNestingStillParses() {
    let nested = String(repeating: "(", count: 30) + "true" + String(repeating: ")", count: 30)
    #expect(CEL.evaluate(nested, attributes: Self.service) == .true)
  }
}
