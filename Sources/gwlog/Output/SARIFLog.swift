import Foundation
import GwlogCloud
import GwlogEngine

/// The SARIF 2.1.0 log of `gwlog audit --format sarif`: one run of the tool `gwlog`, one
/// rule per kind of finding, one result per finding, located at the gcloud file (a physical
/// location with the line of the JSON value) and at the JSON pointer (a logical location,
/// as SARIF 2.1.0 §3.33.7 suggests for JSON documents).
enum SARIFLog {
  /// The schema the log names (the OASIS 2.1.0 schema, errata 01).
  static let schemaURI =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"

  /// The log of `findings`; `notifications` are the command's errors and warnings, and
  /// `succeeded` whether the analysis ran to the end.
  static func log(
    _ findings: [AuditFinding], notifications: [Diagnostic], sources: SourceRegistry,
    succeeded: Bool
  ) -> JSONValue {
    let rules = ruleIDs(findings)
    let driver: [(String, JSONValue)] = [
      ("name", .string("gwlog")),
      ("version", .string(GwlogVersion.number)),
      ("semanticVersion", .string(GwlogVersion.number)),
      ("rules", .array(rules.map(rule))),
    ]
    let renderer = DiagnosticRenderer(sources: sources)
    let invocation: [(String, JSONValue)] = [
      ("executionSuccessful", .bool(succeeded)),
      ("toolExecutionNotifications", .array(notifications.map { notification($0, renderer) })),
    ]
    let run: [(String, JSONValue)] = [
      ("tool", .object([("driver", .object(driver))])),
      ("invocations", .array([.object(invocation)])),
      ("columnKind", .string("unicodeCodePoints")),
      (
        "results",
        .array(findings.map { result($0, ruleIndex: rules.firstIndex(of: $0.rule) ?? 0) })
      ),
    ]
    return .object([
      ("$schema", .string(schemaURI)), ("version", .string("2.1.0")),
      ("runs", .array([.object(run)])),
    ])
  }

  /// The distinct rule ids, in order of first finding.
  private static func ruleIDs(_ findings: [AuditFinding]) -> [String] {
    var seen = Set<String>()
    return findings.map(\.rule).filter { seen.insert($0).inserted }
  }

  private static func level(_ rule: String) -> String {
    rule.hasPrefix("invokeProblem/") ? "error" : "warning"
  }

  /// One `reportingDescriptor`.
  private static func rule(_ id: String) -> JSONValue {
    let description: String
    if id.hasPrefix("invokeProblem/") {
      let parts = id.split(separator: "/")
      description =
        "a gateway cannot invoke its backend: layer \(parts.count > 1 ? parts[1] : "?"), "
        + "cause \(parts.last ?? "?")"
    } else if id.hasPrefix("nonCompliant/") {
      description = "a configuration the organization policy \(id.dropFirst(13)) rejects"
    } else {
      description = "a backend anyone on the internet may invoke"
    }
    return .object([
      ("id", .string(id)),
      ("shortDescription", .object([("text", .string(description))])),
      ("defaultConfiguration", .object([("level", .string(level(id)))])),
    ])
  }

  /// One `result`: the primary location first, the other facts it rests on as related
  /// locations.
  private static func result(_ finding: AuditFinding, ruleIndex: Int) -> JSONValue {
    var members: [(String, JSONValue)] = [
      ("ruleId", .string(finding.rule)),
      ("ruleIndex", .integer(Int64(ruleIndex))),
      ("level", .string(level(finding.rule))),
      ("message", .object([("text", .string(finding.message))])),
    ]
    if let primary = finding.locations.first {
      members.append(("locations", .array([location(primary, id: nil)])))
    }
    let related = finding.locations.dropFirst().prefix(maximumRelatedLocations)
    if !related.isEmpty {
      members.append(
        (
          "relatedLocations",
          .array(related.enumerated().map { location($0.element, id: $0.offset + 1) })
        ))
    }
    let key = [finding.rule, finding.gateway ?? "", finding.resource].joined(separator: "|")
    members.append(("partialFingerprints", .object([("gwlogFinding/v1", .string(key))])))
    var properties: [(String, JSONValue)] = [("resource", .string(finding.resource))]
    if let gateway = finding.gateway { properties.insert(("gateway", .string(gateway)), at: 0) }
    properties.append(("detail", .string(finding.detail)))
    members.append(("properties", .object(properties)))
    return .object(members)
  }

  /// At most this many related locations per result: the rest of a proof's inputs add
  /// little once the primary location and the nearest facts are shown.
  static let maximumRelatedLocations = 20

  /// A `location`: the file and line, and the JSON pointer as a logical location.
  private static func location(_ origin: FactOrigin, id: Int?) -> JSONValue {
    var physical: [(String, JSONValue)] = [
      ("artifactLocation", .object([("uri", .string(uri(origin.file)))]))
    ]
    if let line = origin.line, line >= 1 {
      physical.append(("region", .object([("startLine", .integer(Int64(line)))])))
    }
    var members: [(String, JSONValue)] = []
    if let id { members.append(("id", .integer(Int64(id)))) }
    members.append(("physicalLocation", .object(physical)))
    if let pointer = origin.path {
      members.append(
        (
          "logicalLocations",
          .array([
            .object([
              ("fullyQualifiedName", .string(pointer.isEmpty ? "/" : pointer)),
              ("kind", .string("value")),
            ])
          ])
        ))
    }
    return .object(members)
  }

  /// A path as a URI reference: relative paths stay relative (resolved against the
  /// directory gwlog ran in), absolute ones become `file://` URIs; characters a URI path
  /// cannot hold are percent-encoded.
  static func uri(_ path: String) -> String {
    var allowed = CharacterSet.urlPathAllowed
    allowed.remove(charactersIn: "#?%")
    let encoded = path.addingPercentEncoding(withAllowedCharacters: allowed) ?? path
    if path.hasPrefix("/") { return "file://" + encoded }
    // A colon in the first segment would read as a scheme.
    let first = encoded.split(separator: "/").first ?? ""
    return first.contains(":") ? "./" + encoded : encoded
  }

  /// A `notification` for one diagnostic.
  private static func notification(_ d: Diagnostic, _ renderer: DiagnosticRenderer) -> JSONValue {
    var members: [(String, JSONValue)] = [
      ("level", .string(d.severity == .error ? "error" : "warning")),
      ("message", .object([("text", .string(d.message))])),
      ("descriptor", .object([("id", .string(d.code.rawValue))])),
    ]
    if let file = renderer.file(of: d) {
      members.append(
        (
          "locations",
          .array([
            .object([
              (
                "physicalLocation",
                .object([("artifactLocation", .object([("uri", .string(uri(file)))]))])
              )
            ])
          ])
        ))
    }
    return .object(members)
  }
}
