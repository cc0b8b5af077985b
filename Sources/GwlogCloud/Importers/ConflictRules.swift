import GwlogEngine

/// When two files disagree (docs/file-naming.md#when-two-files-disagree): never pick silently.
enum ConflictRules {
  /// Relations with one value per key (the number of key columns).
  static let singleValued: [InputRelation: Int] = [
    .ingress: 1, .gateway: 1, .apiConfig: 1, .function: 1, .projectNumber: 1,
    .serviceAccount: 1, .customRole: 1, .iapClientId: 1, .functionService: 1,
    .orgPolicyBoolean: 2, .parent: 1,
  ]
  static let orgPolicyRelations: Set<InputRelation> = [
    .orgPolicyBoolean, .orgPolicyList, .orgPolicyReset, .orgPolicyInherit,
  ]

  static func apply(
    _ input: [ImportedFact], numberToID: [String: String], diagnostics: inout [Diagnostic]
  ) -> [ImportedFact] {
    var facts = dedupe(input)
    facts = allowPolicies(facts, diagnostics: &diagnostics)
    // `--effective` org policies win over the node's own.
    let effective = Set(
      facts.filter { orgPolicyRelations.contains($0.inputRelation) && $0.authority == .effective }
        .map { $0.values[0] + "\u{0}" + $0.values[1] })
    facts.removeAll {
      orgPolicyRelations.contains($0.inputRelation) && $0.authority != .effective
        && effective.contains($0.values[0] + "\u{0}" + $0.values[1])
    }
    // A deny policy fetched with `get` is no longer "listed but not fetched".
    let fetched = Set(facts.filter { $0.inputRelation == .denyPolicy }.map { $0.values[0] })
    facts.removeAll { $0.inputRelation == .denyPolicyUnfetched && fetched.contains($0.values[0]) }
    facts = singleValues(facts, diagnostics: &diagnostics)
    facts = aliases(facts, numberToID: numberToID)
    return dedupe(facts)
  }

  /// One fact per relation and values: the most authoritative, then the first loaded.
  static func dedupe(_ facts: [ImportedFact]) -> [ImportedFact] {
    var best: [[String]: Int] = [:]
    for (i, f) in facts.enumerated() {
      let key = [f.relation] + f.values
      if let j = best[key] {
        if f.authority > facts[j].authority { best[key] = i }
      } else {
        best[key] = i
      }
    }
    return best.values.sorted().map { facts[$0] }
  }

  /// A resource's own get-iam-policy beats asset export/list beats search-all; two sources
  /// that disagree give a warning naming both.
  ///
  /// A file that read a whole policy (`allowPolicyRead`) is a source of it even without
  /// bindings: an empty policy of the resource's own says the older bindings are gone.
  static func allowPolicies(
    _ facts: [ImportedFact], diagnostics: inout [Diagnostic]
  ) -> [ImportedFact] {
    // resource → file → source index; each source's bindings are grown in place (a set read
    // out of a nested dictionary and written back is copied whole on every insert).
    var sourceOf: [String: [String: Int]] = [:]
    var sources: [(authority: Authority, bindings: Set<[String]>, order: Int)] = []
    for f in facts where f.inputRelation == .binding || f.inputRelation == .allowPolicyRead {
      let index: Int
      if let known = sourceOf[f.values[0]]?[f.origin.file] {
        index = known
      } else {
        index = sources.count
        sources.append((f.authority, [], f.order))
        sourceOf[f.values[0], default: [:]][f.origin.file] = index
      }
      if f.inputRelation == .binding { sources[index].bindings.insert(Array(f.values.dropFirst())) }
    }
    var keep: [String: String] = [:]  // resource → winning file
    for (resource, files) in sourceOf.sorted(by: { $0.key < $1.key }) {
      let ranked = files.map { (file: $0.key, source: sources[$0.value]) }.sorted { a, b in
        a.source.authority != b.source.authority
          ? a.source.authority > b.source.authority : a.source.order < b.source.order
      }
      let (winner, (authority, bindings, _)) = ranked[0]
      keep[resource] = winner
      for (other, (otherAuthority, otherBindings, _)) in ranked.dropFirst() {
        let agrees =
          otherAuthority == .searchAll && authority > .searchAll
          ? otherBindings.isSubset(of: bindings) : otherBindings == bindings
        if !agrees {
          diagnostics.append(
            .warning(
              .badJSON,
              "`\(winner)` and `\(other)` disagree about the allow policy of `\(resource)`; "
                + "using `\(winner)`",
              help: "a resource's own get-iam-policy beats asset export/list, which beats "
                + "search-all-iam-policies; remove the stale file to silence this"))
        }
      }
    }
    return facts.filter { f in
      f.inputRelation != .binding || keep[f.values[0]] == f.origin.file
    }
  }

  /// Two files giving different values for one single-valued attribute: a warning naming
  /// both; the more authoritative (then the first loaded) wins.
  static func singleValues(
    _ facts: [ImportedFact], diagnostics: inout [Diagnostic]
  ) -> [ImportedFact] {
    var groups: [[String]: [Int]] = [:]
    for (i, f) in facts.enumerated() {
      guard let keys = singleValued[f.inputRelation] else { continue }
      groups[[f.relation] + f.values.prefix(keys), default: []].append(i)
    }
    var dropped = Set<Int>()
    for (key, indices) in groups.sorted(by: { $0.value[0] < $1.value[0] }) where indices.count > 1 {
      guard
        let winner = indices.min(by: { a, b in
          facts[a].authority != facts[b].authority
            ? facts[a].authority > facts[b].authority : a < b
        })
      else { continue }
      for i in indices where i != winner {
        dropped.insert(i)
        let w = facts[winner]
        let l = facts[i]
        let show = { (f: ImportedFact) in
          f.values.dropFirst(key.count - 1).map { "`\($0)`" }.joined(separator: ", ")
        }
        diagnostics.append(
          .warning(
            .badJSON,
            "`\(w.origin.file)` and `\(l.origin.file)` disagree about `\(key[1])`: "
              + "`\(key[0])` is \(show(w)) in the first and \(show(l)) in the second; "
              + "using the first",
            help: "remove the stale file, or fetch both again"))
      }
    }
    return facts.enumerated().filter { !dropped.contains($0.offset) }.map(\.element)
  }

  /// Aliases that need every file: the Cloud Run service of a 2nd gen function is the
  /// function; names spelled with the project number; a project ID that also names an app.
  static func aliases(_ facts: [ImportedFact], numberToID: [String: String]) -> [ImportedFact] {
    var out = facts
    let idToNumber = Dictionary(numberToID.map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
    for f in facts where f.inputRelation == .resource {
      let parts = f.values[0].split(separator: "/", omittingEmptySubsequences: false)
      guard parts.count > 2, parts[0] == "projects", parts[2] != "iap_web",
        let number = idToNumber[String(parts[1])]
      else { continue }
      let numbered = (["projects", Substring(number)] + parts.dropFirst(2)).joined(separator: "/")
      out.append(
        ImportedFact(
          inputRelation: .alias, values: [numbered, f.values[0]], origin: f.origin,
          authority: f.authority, order: f.order))
    }
    var functionOf: [String: String] = [:]
    for f in facts where f.inputRelation == .functionService {
      functionOf[f.values[1]] = f.values[0]
    }
    var targets: [String: Set<String>] = [:]
    for i in out.indices where out[i].inputRelation == .alias {
      if let function = functionOf[out[i].values[1]] { out[i].values[1] = function }
      targets[out[i].values[0], default: []].insert(out[i].values[1])
    }
    return out.filter { f in
      guard f.inputRelation == .alias else { return true }
      if f.values[0] == f.values[1] { return false }
      // A project ID that also names an app or a backend: the other resource keeps it.
      let isProject =
        f.values[1].hasPrefix("projects/") && f.values[1].split(separator: "/").count == 2
      return !(isProject && (targets[f.values[0]]?.count ?? 0) > 1)
    }
  }
}
