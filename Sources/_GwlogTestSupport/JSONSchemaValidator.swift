import Foundation

/// Validates JSON documents against a JSON Schema, for the keywords that gwlog's schema and
/// the SARIF 2.1.0 schema use.
///
/// gwlog's schema is docs/json-schema/gwlog-1.schema.json (draft 2020-12), SARIF's is draft 04;
/// the keywords below mean the same in both drafts:
/// `type`, `properties`, `required`, `additionalProperties` (boolean or schema), `items` (one
/// schema), `enum`, `const`, `$ref` (a JSON pointer into the same schema: `#/$defs/...`,
/// `#/definitions/...`), `oneOf`, `anyOf`, `allOf`, `not`, `minimum`, `maximum`, `minItems`,
/// `maxItems`, `uniqueItems`, `minLength`, `pattern`, and `format` for `uri`,
/// `uri-reference` and `date-time`. Annotations (`title`, `description`, `default`,
/// `$schema`, `$id`, `id`) are ignored. Any other keyword is reported, so a schema that
/// needs more than this validator knows fails loudly instead of passing unchecked.
public struct JSONSchemaValidator: Sendable {
  /// The whole schema, the root of `$ref` pointers.
  public let schema: JSONDocument

  /// Keywords that only annotate.
  static let annotations: Set<String> = [
    "title", "description", "default", "$schema", "$id", "id", "$comment", "examples",
  ]
  /// Keywords that hold subschemas by name rather than being validated themselves.
  static let containers: Set<String> = ["$defs", "definitions"]

  /// Creates a validator for `schema`.
  public init(schema: JSONDocument) {
    self.schema = schema
  }

  /// Every violation of the schema in `document`, each as `POINTER: what is wrong`; empty
  /// when the document is valid.
  public func errors(in document: JSONDocument) -> [String] {
    var found: [String] = []
    validate(document, against: schema, at: "", into: &found, depth: 0)
    return found
  }

  private func validate(
    _ value: JSONDocument, against schema: JSONDocument, at pointer: String,
    into found: inout [String], depth: Int
  ) {
    guard depth < 200 else {
      found.append("\(pointer): schema nesting too deep (a `$ref` cycle?)")
      return
    }
    if case .bool(let accepts) = schema {
      if !accepts { found.append("\(pointer): no value is allowed here") }
      return
    }
    guard case .object(let keywords) = schema else {
      found.append("\(pointer): the schema is not an object")
      return
    }
    for (keyword, argument) in keywords {
      check(keyword, argument, value, schema, pointer, &found, depth)
    }
  }

  // swift-format-ignore: FunctionParameterCount
  private func check(
    _ keyword: String, _ argument: JSONDocument, _ value: JSONDocument, _ schema: JSONDocument,
    _ pointer: String, _ found: inout [String], _ depth: Int
  ) {
    switch keyword {
    case _ where Self.annotations.contains(keyword) || Self.containers.contains(keyword): return
    case "type":
      let names: [String]
      switch argument {
      case .string(let name): names = [name]
      case .array(let items):
        names = items.compactMap { if case .string(let s) = $0 { return s } else { return nil } }
      default: names = []
      }
      if !names.contains(where: { Self.hasType(value, $0) }) {
        found.append(
          "\(pointer): expected \(names.joined(separator: " or ")), found \(Self.kind(value))")
      }
    case "properties":
      guard case .object(let members) = value, case .object(let properties) = argument else {
        return
      }
      for (name, member) in members {
        if let subschema = properties.first(where: { $0.0 == name })?.1 {
          validate(
            member, against: subschema, at: pointer + "/" + Self.escaped(name),
            into: &found, depth: depth + 1)
        }
      }
    case "additionalProperties":
      guard case .object(let members) = value else { return }
      var declared: [String] = []
      if case .object(let properties)? = schema["properties"] { declared = properties.map(\.0) }
      for (name, member) in members where !declared.contains(name) {
        if case .bool(false) = argument {
          found.append("\(pointer): member `\(name)` is not allowed")
        } else {
          validate(
            member, against: argument, at: pointer + "/" + Self.escaped(name),
            into: &found, depth: depth + 1)
        }
      }
    case "required":
      guard case .object(let members) = value, case .array(let names) = argument else { return }
      for case .string(let name) in names where !members.contains(where: { $0.0 == name }) {
        found.append("\(pointer): member `\(name)` is required")
      }
    case "items":
      guard case .array(let items) = value else { return }
      for (k, item) in items.enumerated() {
        validate(item, against: argument, at: pointer + "/\(k)", into: &found, depth: depth + 1)
      }
    case "enum":
      guard case .array(let allowed) = argument, !allowed.contains(value) else { return }
      found.append("\(pointer): \(Self.kind(value)) is not one of the allowed values")
    case "const":
      if value != argument { found.append("\(pointer): the value is not the constant required") }
    case "$ref":
      guard case .string(let reference) = argument, let target = resolve(reference) else {
        found.append("\(pointer): cannot resolve `$ref` \(argument)")
        return
      }
      validate(value, against: target, at: pointer, into: &found, depth: depth + 1)
    case "oneOf", "anyOf", "allOf":
      guard case .array(let branches) = argument else { return }
      var matching = 0
      var branchErrors: [String] = []
      for branch in branches {
        var errors: [String] = []
        validate(value, against: branch, at: pointer, into: &errors, depth: depth + 1)
        if errors.isEmpty { matching += 1 } else { branchErrors += errors }
      }
      if keyword == "allOf" {
        found += branchErrors
      } else if keyword == "anyOf" && matching == 0 || keyword == "oneOf" && matching != 1 {
        found.append(
          "\(pointer): \(matching) of \(branches.count) `\(keyword)` branches match"
            + (branchErrors.isEmpty
              ? "" : " (" + branchErrors.prefix(3).joined(separator: "; ") + ")"))
      }
    case "not":
      var errors: [String] = []
      validate(value, against: argument, at: pointer, into: &errors, depth: depth + 1)
      if errors.isEmpty { found.append("\(pointer): the value matches a schema it must not") }
    case "minimum", "maximum":
      guard case .number(let x, _) = value, case .number(let bound, _) = argument else { return }
      if keyword == "minimum" ? x < bound : x > bound {
        found.append("\(pointer): \(x) is out of range (\(keyword) \(bound))")
      }
    case "minItems", "maxItems":
      guard case .array(let items) = value, case .number(let bound, _) = argument else { return }
      if keyword == "minItems" ? Double(items.count) < bound : Double(items.count) > bound {
        found.append("\(pointer): \(items.count) items (\(keyword) \(Int(bound)))")
      }
    case "uniqueItems":
      guard case .array(let items) = value, case .bool(true) = argument else { return }
      for (k, item) in items.enumerated() where items[..<k].contains(item) {
        found.append("\(pointer)/\(k): a repeated item")
      }
    case "minLength":
      guard case .string(let s) = value, case .number(let bound, _) = argument else { return }
      if Double(s.unicodeScalars.count) < bound { found.append("\(pointer): string too short") }
    case "pattern":
      guard case .string(let s) = value, case .string(let pattern) = argument else { return }
      guard let regex = try? NSRegularExpression(pattern: pattern) else {
        found.append("\(pointer): the schema's pattern `\(pattern)` does not compile")
        return
      }
      let range = NSRange(s.startIndex..<s.endIndex, in: s)
      if regex.firstMatch(in: s, range: range) == nil {
        found.append("\(pointer): `\(s)` does not match `\(pattern)`")
      }
    case "format":
      guard case .string(let s) = value, case .string(let format) = argument else { return }
      if let problem = Self.formatProblem(s, format) { found.append("\(pointer): \(problem)") }
    default:
      found.append("\(pointer): the validator does not know the keyword `\(keyword)`")
    }
  }

  /// The subschema a `$ref` JSON pointer (`#/$defs/name`) names in the root schema.
  private func resolve(_ reference: String) -> JSONDocument? {
    guard reference.hasPrefix("#") else { return nil }
    var node = schema
    for token in reference.dropFirst().split(separator: "/", omittingEmptySubsequences: true) {
      let name = token.replacingOccurrences(of: "~1", with: "/")
        .replacingOccurrences(of: "~0", with: "~")
      guard let next = node[name] else { return nil }
      node = next
    }
    return node
  }

  /// Whether `value` is of the JSON Schema type `name` (`integer`: a number without a
  /// fractional part).
  static func hasType(_ value: JSONDocument, _ name: String) -> Bool {
    switch (name, value) {
    case ("null", .null), ("boolean", .bool), ("string", .string), ("array", .array),
      ("object", .object), ("number", .number):
      return true
    case ("integer", .number(let x, let isInteger)): return isInteger || x == x.rounded()
    default: return false
    }
  }

  static func kind(_ value: JSONDocument) -> String {
    switch value {
    case .null: return "null"
    case .bool: return "boolean"
    case .number(_, let isInteger): return isInteger ? "integer" : "number"
    case .string: return "string"
    case .array: return "array"
    case .object: return "object"
    }
  }

  /// A member name as a JSON pointer token.
  static func escaped(_ name: String) -> String {
    name.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
  }

  /// What is wrong with `s` as a `format` string, nil when it fits (unknown formats pass,
  /// as they only annotate).
  static func formatProblem(_ s: String, _ format: String) -> String? {
    switch format {
    case "uri":
      guard let colon = s.firstIndex(of: ":"), colon != s.startIndex,
        s[..<colon].allSatisfy({ $0.isLetter || $0.isNumber || "+-.".contains($0) }),
        !s.contains(" ")
      else { return "`\(s)` is not an absolute URI" }
      return nil
    case "uri-reference":
      return s.contains(" ") || s.contains("\\") ? "`\(s)` is not a URI reference" : nil
    case "date-time":
      let pattern = #"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$"#
      return s.range(of: pattern, options: .regularExpression) == nil
        ? "`\(s)` is not an RFC 3339 date-time" : nil
    default: return nil
    }
  }
}
