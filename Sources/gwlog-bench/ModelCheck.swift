import Foundation

/// `--check`: the model workloads' answers against the generator's intended verdicts.
///
/// The intent is the organisation's `meta.json` (verdicts and cause codes). Each function
/// returns the disagreements, one line each; empty when the answer is the intended one.
enum ModelCheck {
  /// What the first line of an `explain` says: `yes`, `no` or `unknown`, from the verdict
  /// word that begins a pair's report (`no: gw cannot invoke svc`), or for a goal that is not
  /// a pair, `does not hold` / `is unknown:` (anything else is a proof: `yes`).
  static func explainVerdict(_ lines: [Substring]) -> String {
    guard let first = lines.first else { return "none" }
    let lowered = first.lowercased()
    for word in ["yes", "no", "unknown"] where lowered.hasPrefix(word + ": ") { return word }
    if first.contains(" is unknown: ") { return "unknown" }
    if first.contains(" does not hold") { return "no" }
    return "yes"
  }

  /// The model's cause codes an `explain` of a broken pair lists: `cause: L6
  /// missing-permission: …` and `also: L6 granted-elsewhere: …` in a pair's report, indented
  /// `  L6 missing-permission:` lines otherwise.
  static func explainCauses(_ lines: [Substring]) -> Set<String> {
    var codes = Set<String>()
    for line in lines {
      var trimmed = line.drop { $0 == " " }
      var indented = trimmed.count < line.count
      for label in ["cause: ", "also: "] where trimmed.hasPrefix(label) {
        trimmed = trimmed.dropFirst(label.count)
        indented = true
      }
      guard indented, trimmed.first == "L",
        let space = trimmed.firstIndex(of: " ")
      else { continue }
      let layer = trimmed[..<space]
      guard layer.count == 2, layer.last?.isNumber == true else { continue }
      let rest = trimmed[trimmed.index(after: space)...]
      guard let colon = rest.firstIndex(of: ":") else { continue }
      let code = rest[..<colon]
      if !code.isEmpty, !code.contains(" ") { codes.insert(String(code)) }
    }
    return codes
  }

  /// The disagreements of one command's output with `meta`.
  static func problems(_ question: ModelQuestion, output lines: [Substring], meta: ModelOrgMeta)
    -> [String]
  {
    switch question {
    case .explainWorking:
      guard meta.benchmark.working != nil else { return [] }
      let verdict = explainVerdict(lines)
      return verdict == "yes" ? [] : ["explain of the working pair says \(verdict)"]
    case .explainBroken:
      guard let pair = meta.benchmark.broken else { return [] }
      var found: [String] = []
      let verdict = explainVerdict(lines)
      if verdict != "no" { found.append("explain of the broken pair says \(verdict)") }
      if let cause = meta.route(pair)?.cause, !cause.isEmpty,
        !explainCauses(lines).contains(cause)
      {
        found.append("explain of the broken pair does not name the cause \(cause)")
      }
      return found
    case .callers:
      guard let backend = meta.benchmark.backend else { return [] }
      let expected = Set(
        meta.routes.filter { $0.backend == backend && $0.verdict == "yes" }.map(\.gateway))
      let printed = Set(
        lines.map { $0.split(separator: "\t").first.map(String.init) ?? "" }.filter {
          $0.hasPrefix("projects/")
        })
      var found: [String] = []
      for g in expected.subtracting(printed).sorted() { found.append("callers miss \(g)") }
      for g in printed.subtracting(expected).sorted() { found.append("callers add \(g)") }
      return found
    case .audit:
      return auditProblems(lines, meta: meta)
    }
  }

  /// The audit's rows (`G B L C`, tab-separated) against every intended route.
  static func auditProblems(_ lines: [Substring], meta: ModelOrgMeta) -> [String] {
    var codes: [String: Set<String>] = [:]
    for line in lines {
      let cells = line.split(separator: "\t", omittingEmptySubsequences: false)
      guard cells.count == 4 else { continue }
      codes["\(cells[0])\t\(cells[1])", default: []].insert(String(cells[3]))
    }
    var found: [String] = []
    var known = Set<String>()
    for route in meta.routes {
      let key = "\(route.gateway)\t\(route.backend)"
      known.insert(key)
      let got = codes[key] ?? []
      let name = "\(route.gateway.split(separator: "/").last ?? "") -> \(route.backend)"
      if route.verdict == "yes", !got.isEmpty {
        found.append("audit lists causes \(got.sorted()) for the working pair \(name)")
      }
      if route.verdict == "no", !route.cause.isEmpty, !got.contains(route.cause) {
        found.append(
          "audit misses the cause \(route.cause) of \(name) (has \(got.sorted()))")
      }
    }
    for key in codes.keys.sorted() where !known.contains(key) {
      found.append("audit lists a pair the generator did not route: \(key)")
    }
    return found
  }
}
