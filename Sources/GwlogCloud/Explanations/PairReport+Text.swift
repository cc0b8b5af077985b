import GwlogEngine

/// The text of a pair report: one screen by default (the verdict, the cause, the fix as
/// gcloud commands, a few alternatives), everything with `verbose` (every cause, every
/// repair with its commands and rule chain), in lines of at most `TextLayout.width` columns
/// except for single words longer than a line.
extension PairReport {
  /// How much the text shows.
  public struct TextOptions: Sendable {
    /// Repairs shown in all, the fix included (`--limit`); nil for the default.
    public var limit: Int?
    /// Every cause and every repair with its commands and chain (`--proof`).
    public var verbose = false
    /// Whether the verdict word is coloured.
    public var useColor = false

    /// Options for the default one-screen text.
    public init(limit: Int? = nil, verbose: Bool = false, useColor: Bool = false) {
      self.limit = limit
      self.verbose = verbose
      self.useColor = useColor
    }
  }

  /// Alternatives shown after the fix by default.
  public static let defaultAlternatives = 3
  /// Input facts of a working pair listed by default.
  public static let defaultFactsShown = 15

  /// The report as lines ending in newlines.
  public func text(_ options: TextOptions = TextOptions()) -> String {
    var lines = [paintedVerdict(options) + ": " + headline]
    switch verdict {
    case "yes": lines += yesLines(options)
    case "unknown": lines += causeLines(options) + unknownLines(options)
    default: lines += causeLines(options) + fixLines(options)
    }
    return lines.map { $0 + "\n" }.joined()
  }

  /// What follows the verdict on the first line: `shop-gw cannot invoke payments-api`.
  var headline: String {
    let (g, b) = (Self.shortName(gateway), Self.shortName(backend))
    switch verdict {
    case "yes": return "\(g) can invoke \(b)"
    case "unknown": return "whether \(g) can invoke \(b) rests on inputs that were not loaded"
    default: return "\(g) cannot invoke \(b)"
    }
  }

  /// The recommended fix: the plan when there is one, else the first repair.
  public var recommended: Fix? { plan ?? fixes.first }

  private func yesLines(_ options: TextOptions) -> [String] {
    var lines: [String] = []
    for warning in warnings {
      lines += TextLayout.wrap(
        TextLayout.shorteningNames("warning: \(warning.code): \(warning.detail)"))
    }
    guard !restsOn.isEmpty else { return lines }
    let shown = options.verbose ? restsOn.count : min(restsOn.count, Self.defaultFactsShown)
    let count = restsOn.count == 1 ? "1 input fact" : "\(restsOn.count) input facts"
    lines.append(
      "it rests on \(count)"
        + (options.verbose
          ? ", each with its file in the proof below:" : " (`--proof` adds the proof tree):"))
    for fact in restsOn.prefix(shown) {
      let text = FactPhrasing.describe(fact).split(separator: " ", omittingEmptySubsequences: false)
        .map { Self.displayName(String($0)) }.joined(separator: " ")
      lines.append(TextLayout.truncated("  - " + text, maximum: TextLayout.width))
    }
    if shown < restsOn.count {
      lines.append("  … and \(restsOn.count - shown) more, listed by `--proof`")
    }
    return lines
  }

  private func causeLines(_ options: TextOptions) -> [String] {
    var lines: [String] = []
    for (k, cause) in causes.enumerated() {
      let text = "\(cause.layer) \(cause.code): " + TextLayout.shorteningNames(cause.detail)
      if k == 0 || options.verbose {
        lines += TextLayout.wrap((k == 0 ? "cause: " : "also: ") + text)
      } else {
        lines.append(TextLayout.truncated("also: " + text, maximum: TextLayout.width))
      }
    }
    return lines
  }

  private func fixLines(_ options: TextOptions) -> [String] {
    guard let fix = recommended else {
      return [""]
        + TextLayout.wrap(
          "fix: no single change to the snapshot makes this pair work; the cause above says "
            + "what to build instead")
    }
    if options.limit == 0 {
      return ["", "fix: not shown (`--limit 0`)"]
    }
    var lines = [""] + TextLayout.wrap("fix: " + TextLayout.shorteningNames(fix.summary))
    if options.verbose, let repair = fix.repair { lines += details(of: repair) }
    lines += fix.commands.flatMap { TextLayout.command($0) }
    if fix.commands.isEmpty {
      lines.append("  (no gcloud command makes this change; the JSON output has the fact)")
    }
    return lines + alternativeLines(options)
  }

  /// The repairs after the fix, within `--limit` (the fix counts as one): by default a few
  /// that differ from the fix by more than the role of a grant, one line each.
  private func alternativeLines(_ options: TextOptions) -> [String] {
    var others = plan == nil ? Array(fixes.dropFirst()) : fixes
    if !options.verbose, let role = recommended?.repair.flatMap(Self.grantedRole) {
      // Of the grants, those of the fix's role (the least privilege) are shown first.
      let (same, rest) = (
        others.filter { $0.repair.flatMap(Self.grantedRole) == role },
        others.filter { $0.repair.flatMap(Self.grantedRole) != role }
      )
      others = same + rest
    }
    let room =
      options.limit.map { max(0, $0 - 1) }
      ?? (options.verbose ? others.count : Self.defaultAlternatives)
    var shown: [Fix] = []
    var sameGrant = 0
    for fix in others where shown.count < room {
      if !options.verbose, let first = recommended,
        Self.differsOnlyInRole(fix, from: [first] + shown)
      {
        sameGrant += 1
        continue
      }
      shown.append(fix)
    }
    var lines: [String] = []
    if !shown.isEmpty {
      lines += ["", options.verbose ? "other repairs, best first:" : "or:"]
      for (k, fix) in shown.enumerated() {
        let number = "  \(k + 1). "
        let summary = TextLayout.shorteningNames(fix.summary)
        guard options.verbose else {
          lines.append(TextLayout.truncated(number + summary, maximum: TextLayout.width))
          continue
        }
        lines += TextLayout.wrap(summary, first: number, rest: "       ")
        if let repair = fix.repair { lines += details(of: repair) }
        lines += fix.commands.flatMap {
          TextLayout.command($0, indent: "       ", continuation: "           ")
        }
      }
    }
    let hidden = others.count - shown.count
    if hidden > 0 {
      var note = hidden == 1 ? "1 more repair" : "\(hidden) more repairs"
      if sameGrant > 0 {
        note += sameGrant == hidden ? ", each the same grant with another role" : ""
      }
      lines += TextLayout.wrap(
        options.limit != nil
          ? "… and \(note) beyond `--limit`"
          : "… and \(note): `--proof` lists every repair with its commands and rule chain",
        first: "  ", rest: "    ")
    }
    return lines
  }

  /// The role a binding repair grants; nil for other repairs.
  static func grantedRole(_ repair: Repair) -> Value? {
    repair.relation == "binding" && repair.values.count == 4 ? repair.values[1] : nil
  }

  /// Whether `fix` grants what one of `others` grants, to the same member on the same
  /// resource, with another role.
  static func differsOnlyInRole(_ fix: Fix, from others: [Fix]) -> Bool {
    guard let repair = fix.repair, repair.relation == "binding", repair.values.count == 4 else {
      return false
    }
    return others.contains { other in
      guard let o = other.repair, o.relation == "binding", o.values.count == 4 else {
        return false
      }
      return o.values[0] == repair.values[0] && o.values[2] == repair.values[2]
        && o.values[3] == repair.values[3]
    }
  }

  /// The repair as a fact, its conditions, where a removed fact came from, and its chain.
  private func details(of repair: Repair) -> [String] {
    var lines = ["       = " + repair.rawSummary]
    if let origin = repair.origin { lines.append("       from " + origin.description) }
    for condition in repair.conditions { lines.append("       if " + condition) }
    for step in repair.chain {
      lines.append("       via " + step.goal + " [\(step.source?.description ?? "?")]")
    }
    return lines
  }

  private func unknownLines(_ options: TextOptions) -> [String] {
    let shown = options.verbose ? missing.count : min(missing.count, Self.defaultAlternatives)
    let inputs = missing.count == 1 ? "the missing input" : "the \(missing.count) missing inputs"
    var lines = ["", "fix: fetch \(inputs) into the snapshot, then ask again:"]
    for input in missing.prefix(shown) {
      lines += TextLayout.wrap(
        TextLayout.shorteningNames(input.what) + ":", first: "  ", rest: "    ")
      if let command = input.command {
        lines += TextLayout.command(command, indent: "    ", continuation: "        ")
      }
    }
    if shown < missing.count {
      lines.append("  … and \(missing.count - shown) more inputs, listed by `--proof`")
    }
    return lines
  }

  private func paintedVerdict(_ options: TextOptions) -> String {
    guard options.useColor else { return verdict }
    let code = verdict == "yes" ? "\u{1B}[1;32m" : verdict == "no" ? "\u{1B}[1;31m" : "\u{1B}[1;33m"
    return code + verdict + "\u{1B}[0m"
  }

  /// A word of a fact line: a regional resource (`projects/P/locations/L/KIND/NAME`, an API
  /// config) by its last segment, a long name shortened, other words as they are.
  static func displayName(_ word: String) -> String {
    let trailing = word.reversed().prefix { ",;".contains($0) }
    let core = String(word.dropLast(trailing.count))
    let segments = core.split(separator: "/")
    if core.hasPrefix("projects/"), segments.count >= 6, segments[2] == "locations" {
      return shortName(core) + String(trailing.reversed())
    }
    return TextLayout.shortened(core) + String(trailing.reversed())
  }

  /// The last segment of a resource name; a URL as it is.
  static func shortName(_ name: String) -> String {
    name.contains("://") ? name : String(name.split(separator: "/").last ?? Substring(name))
  }
}
