import GwlogCloud
import GwlogEngine

/// `gwlog audit [PATH ...]`: every finding of the Google Cloud model over a snapshot, as
/// text lines located like diagnostics, one JSON document, or a SARIF 2.1.0 log.
enum AuditCommand {
  /// Runs the command; the exit code comes from the reporter (0 whatever was found).
  static func run(_ session: CommandSession) {
    let reporter = session.reporter
    var findings: [AuditFinding] = []
    var succeeded = false
    if session.loadAndCheck(), session.evaluate() {
      do {
        findings = try Audit.findings(in: session.workspace)
        succeeded = true
      } catch {
        reporter.report(error: error)
      }
    }
    let timeLine = session.evaluationTimeLine() ?? ""
    switch session.options.format {
    case .sarif:
      reporter.print(
        SARIFLog.log(
          findings, notifications: reporter.diagnostics, sources: session.workspace.sources,
          succeeded: succeeded && !reporter.hasErrors
        ).pretty + "\n")
    case .json:
      reporter.setMember("findings", .array(findings.map(json)))
    default:
      guard succeeded else { return }
      reporter.print(findings.map(text).joined() + summary(findings) + "\n" + timeLine)
    }
  }

  /// One finding as text: `FILE:LINE: error[RULE]: MESSAGE`, then the JSON pointer.
  static func text(_ finding: AuditFinding) -> String {
    let label = finding.kind == .invokeProblem ? "error" : "warning"
    guard let origin = finding.locations.first else {
      return "gwlog: \(label)[\(finding.rule)]: \(finding.message)\n"
    }
    var out = origin.file + (origin.line.map { ":\($0)" } ?? "")
    out += ": \(label)[\(finding.rule)]: \(finding.message)\n"
    if let pointer = origin.path { out += "  at \(pointer.isEmpty ? "/" : pointer)\n" }
    return out
  }

  /// The closing line: how many findings of each kind.
  static func summary(_ findings: [AuditFinding]) -> String {
    let counts = AuditFinding.Kind.allCases.map { kind in
      findings.filter { $0.kind == kind }.count
    }
    guard !findings.isEmpty else { return "no findings\n" }
    func counted(_ n: Int, _ one: String, _ many: String) -> String {
      "\(n) " + (n == 1 ? one : many)
    }
    return "\n" + counted(findings.count, "finding", "findings") + ": "
      + counted(counts[0], "cause of a broken route", "causes of broken routes") + ", "
      + counted(counts[1], "non-compliant resource", "non-compliant resources") + ", "
      + counted(counts[2], "public backend", "public backends") + "\n"
  }

  /// One finding as JSON.
  static func json(_ finding: AuditFinding) -> JSONValue {
    .object([
      ("kind", .string(finding.kind.rawValue)),
      ("rule", .string(finding.rule)),
      ("gateway", finding.gateway.map(JSONValue.string) ?? .null),
      ("resource", .string(finding.resource)),
      ("detail", .string(finding.detail)),
      ("message", .string(finding.message)),
      ("locations", .array(finding.locations.map(origin))),
    ])
  }

  /// A fact origin as the JSON SOURCE object (docs/json-output.md#proof-documents).
  static func origin(_ origin: FactOrigin) -> JSONValue {
    .object([
      ("file", .string(origin.file)),
      ("line", origin.line.map { .integer(Int64($0)) } ?? .null),
      ("path", origin.path.map(JSONValue.string) ?? .null),
    ])
  }
}
