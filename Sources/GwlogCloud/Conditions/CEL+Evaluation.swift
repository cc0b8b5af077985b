/// The three-valued evaluation of IAM conditions: `true`, `false`, or `unknown` when the
/// expression uses something gwlog cannot decide from the facts (tags that were not read,
/// unknown attributes, unsupported functions, syntax outside the subset, type errors).
public enum CEL {
  /// The request and resource attributes a condition may read; "" / nil = not supplied.
  public struct Attributes: Sendable {
    /// `resource.name` (`projects/P/locations/R/services/S`).
    public var resourceName: String
    /// `resource.type` (`run.googleapis.com/Service`).
    public var resourceType: String
    /// `resource.service` (`run.googleapis.com`).
    public var resourceService: String
    /// `request.time`, in seconds since 1970 UTC.
    public var requestTime: Int64?
    /// The tags in effect on the resource, as an `effectiveTagSet` value spells them: one
    /// `NAMESPACED_KEY=NAMESPACED_VALUE` and one `tagKeys/ID=tagValues/ID` line per tag; nil
    /// when they were not read (every tag function is then unknown).
    public var tags: String?

    /// Creates a set of attributes.
    public init(
      resourceName: String = "", resourceType: String = "", resourceService: String = "",
      requestTime: Int64? = nil, tags: String? = nil
    ) {
      self.resourceName = resourceName
      self.resourceType = resourceType
      self.resourceService = resourceService
      self.requestTime = requestTime
      self.tags = tags
    }
  }

  /// The tags of an `effectiveTagSet` value: its `KEY=VALUE` lines and their keys.
  struct TagSet {
    /// Every line (`ORG/env=ORG/env/prod`, `tagKeys/1=tagValues/2`).
    let pairs: Set<String>
    /// The part before `=` of every line.
    let keys: Set<String>

    /// The set `text` spells, or nil when a line has no `=` (not a tag set).
    init?(_ text: String) {
      var pairs = Set<String>()
      var keys = Set<String>()
      for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
        guard let equals = line.firstIndex(of: "="), equals != line.startIndex else { return nil }
        pairs.insert(String(line))
        keys.insert(String(line[..<equals]))
      }
      self.pairs = pairs
      self.keys = keys
    }
  }

  /// The outcome of a condition; the raw values are what the `cel` built-in returns.
  public enum Truth: String, Sendable {
    case `true`, `false`, unknown
  }

  /// Evaluates `expression` against `attributes`; never traps, whatever the input.
  public static func evaluate(_ expression: String, attributes: Attributes) -> Truth {
    guard let parsed = CELParser.parse(expression) else { return .unknown }
    let tags = attributes.tags.flatMap(TagSet.init)
    switch Evaluator(attributes: attributes, tags: tags).value(parsed) {
    case .bool(let b): return b ? .true : .false
    default: return .unknown
    }
  }

  /// A CEL value of the subset; `unknown` absorbs errors and undecidable parts.
  enum Value: Equatable {
    case bool(Bool)
    case string(String)
    case integer(Int64)
    case timestamp(Int64)
    case unknown
  }

  /// Walks a parsed expression.
  struct Evaluator {
    let attributes: Attributes
    /// The resource's tags, parsed; nil when unknown (not read, or not a tag set).
    let tags: TagSet?

    func value(_ e: CELExpression) -> Value {
      switch e {
      case .string(let s): return .string(s)
      case .integer(let i): return .integer(i)
      case .identifier("true"): return .bool(true)
      case .identifier("false"): return .bool(false)
      case .identifier: return .unknown
      case .member(.identifier("resource"), let name): return resource(name)
      case .member(.identifier("request"), "time"):
        return attributes.requestTime.map { .timestamp($0) } ?? .unknown
      case .member: return .unknown
      case .not(let inner):
        if case .bool(let b) = value(inner) { return .bool(!b) }
        return .unknown
      case .and(let l, let r): return conjunction(value(l), value(r))
      case .or(let l, let r):
        // De Morgan over the three-valued `&&`.
        return negate(conjunction(negate(value(l)), negate(value(r))))
      case .compare(let op, let l, let r): return compare(op, value(l), value(r))
      case .call(.identifier("resource")?, let name, let arguments):
        return tagFunction(name, arguments.map(value))
      case .call(let target, let name, let arguments):
        return call(target.map(value), name, arguments.map(value))
      }
    }

    private func resource(_ name: String) -> Value {
      let text: String
      switch name {
      case "name": text = attributes.resourceName
      case "type": text = attributes.resourceType
      case "service": text = attributes.resourceService
      default: return .unknown
      }
      return text.isEmpty ? .unknown : .string(text)
    }

    private func negate(_ v: Value) -> Value {
      if case .bool(let b) = v { return .bool(!b) }
      return .unknown
    }

    /// `false` wins over anything, then unknown, then `true` (CEL's commutative `&&`).
    private func conjunction(_ l: Value, _ r: Value) -> Value {
      if l == .bool(false) || r == .bool(false) { return .bool(false) }
      if l == .bool(true) && r == .bool(true) { return .bool(true) }
      return .unknown
    }

    private func compare(_ op: String, _ l: Value, _ r: Value) -> Value {
      let order: Int
      switch (l, r) {
      case (.string(let a), .string(let b)):
        order = a == b ? 0 : (Array(a.utf8).lexicographicallyPrecedes(Array(b.utf8)) ? -1 : 1)
      case (.integer(let a), .integer(let b)), (.timestamp(let a), .timestamp(let b)):
        order = a == b ? 0 : (a < b ? -1 : 1)
      case (.bool(let a), .bool(let b)):
        guard op == "==" || op == "!=" else { return .unknown }
        order = a == b ? 0 : 1
      default: return .unknown
      }
      switch op {
      case "==": return .bool(order == 0)
      case "!=": return .bool(order != 0)
      case "<": return .bool(order < 0)
      case "<=": return .bool(order <= 0)
      case ">": return .bool(order > 0)
      case ">=": return .bool(order >= 0)
      default: return .unknown
      }
    }

    private func call(_ target: Value?, _ name: String, _ arguments: [Value]) -> Value {
      let text: String?
      if arguments.count == 1, case .string(let argument) = arguments[0] {
        text = argument
      } else {
        text = nil
      }
      switch (target, name) {
      case (nil, "timestamp"):
        return text.flatMap(RFC3339.seconds(from:)).map { .timestamp($0) } ?? .unknown
      case (.string(let s)?, "startsWith"):
        return text.map { .bool(s.utf8.starts(with: $0.utf8)) } ?? .unknown
      case (.string(let s)?, "endsWith"):
        return text.map { .bool(s.utf8.reversed().starts(with: $0.utf8.reversed())) } ?? .unknown
      case (.timestamp(let t)?, _):
        return timeField(t, name, zone: arguments.isEmpty ? "UTC" : text)
      default: return .unknown
      }
    }

    /// A tag function of `resource` against the resource's tags.
    ///
    /// `matchTag(KEY, VALUE)`, `matchTagId(KEY_ID, VALUE_ID)`, `hasTagKey(KEY)` and
    /// `hasTagKeyId(KEY_ID)` (docs/google-cloud-model.md#conditions): keys by namespaced name
    /// (`ORG/env`) with the value's short name (`prod`), or by ID (`tagKeys/1`,
    /// `tagValues/2`). Unknown without tags, for another function, and for arguments of the
    /// wrong type or form (IAM would reject them).
    private func tagFunction(_ name: String, _ arguments: [Value]) -> Value {
      guard let tags else { return .unknown }
      let texts = arguments.compactMap { argument -> String? in
        if case .string(let s) = argument { return s }
        return nil
      }
      guard texts.count == arguments.count else { return .unknown }
      func isName(_ key: String) -> Bool { key.contains("/") && !key.hasPrefix("tagKeys/") }
      switch (name, texts.count) {
      case ("matchTag", 2):
        let (key, value) = (texts[0], texts[1])
        guard isName(key), !value.isEmpty, !value.contains("/") else { return .unknown }
        return .bool(tags.pairs.contains(key + "=" + key + "/" + value))
      case ("matchTagId", 2):
        guard texts[0].hasPrefix("tagKeys/"), texts[1].hasPrefix("tagValues/") else {
          return .unknown
        }
        return .bool(tags.pairs.contains(texts[0] + "=" + texts[1]))
      case ("hasTagKey", 1):
        guard isName(texts[0]) else { return .unknown }
        return .bool(tags.keys.contains(texts[0]))
      case ("hasTagKeyId", 1):
        guard texts[0].hasPrefix("tagKeys/") else { return .unknown }
        return .bool(tags.keys.contains(texts[0]))
      default: return .unknown
      }
    }

    /// `getHours`, `getMinutes`, `getDayOfWeek`, … of a timestamp, in UTC only.
    private func timeField(_ t: Int64, _ name: String, zone: String?) -> Value {
      // Other time zones would need a zone database.
      guard let zone, ["UTC", "Etc/UTC", "GMT"].contains(zone) else { return .unknown }
      let c = RFC3339.components(of: t)
      switch name {
      case "getHours": return .integer(c.hour)
      case "getMinutes": return .integer(c.minute)
      case "getSeconds": return .integer(c.second)
      case "getDayOfWeek": return .integer(c.weekday)
      case "getDayOfMonth": return .integer(c.day - 1)
      case "getDate": return .integer(c.day)
      case "getMonth": return .integer(c.month - 1)
      case "getFullYear": return .integer(c.year)
      default: return .unknown
      }
    }
  }
}
