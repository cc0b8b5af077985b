import GwlogCloud
import GwlogEngine

/// How `query` shows the model's verdicts on the pairs a `canInvoke` goal matches: a ground
/// goal answers `yes`, `no` or `unknown` (with what is missing), a goal with variables lists
/// the definite yes pairs and then the undecided ones.
enum VerdictReport {
  /// The answer text with the verdicts: for a ground goal the verdict replaces `true` /
  /// `false`; otherwise the unknown pairs follow the table.
  static func text(_ verdicts: [PairVerdict], table: String, ground: Bool, format: OutputFormat)
    -> String
  {
    if ground {
      guard let verdict = verdicts.first else { return "no\n" }
      var out = verdict.verdict + "\n"
      if format == .text {
        for missing in verdict.missing { out += "  needs " + missing + "\n" }
      }
      return out
    }
    let unknown = verdicts.filter { $0.verdict == "unknown" }
    guard !unknown.isEmpty, format == .text else { return table }
    var out = table + "\n"
    out +=
      unknown.count == 1
      ? "1 pair is unknown: it rests" : "\(unknown.count) pairs are unknown: they rest"
    out += " on inputs that were not loaded\n"
    for pair in unknown {
      out += "  \(pair.gateway)  \(pair.backend)\n"
      if let first = pair.missing.first { out += "    needs " + first + "\n" }
      if pair.missing.count > 1 {
        out += "    and \(pair.missing.count - 1) more (`gwlog explain` lists them)\n"
      }
    }
    return out
  }

  /// Every matched pair's verdict as JSON.
  static func json(_ verdicts: [PairVerdict]) -> JSONValue {
    .array(
      verdicts.map { pair in
        .object([
          ("backend", .string(pair.backend)), ("gateway", .string(pair.gateway)),
          ("missing", .array(pair.missing.map(JSONValue.string))),
          ("verdict", .string(pair.verdict)),
        ])
      })
  }
}
