import GwlogEngine

/// When two files disagree (docs/file-naming.md#when-two-files-disagree): never pick silently.
///
/// Facts are compared by their values' symbol numbers (equal texts, equal numbers), so that
/// each rule is one pass over the facts with tables of numbers.
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
    _ input: [StoredFact], numberToID: [String: String], store: inout FactStore,
    diagnostics: inout [Diagnostic]
  ) -> [StoredFact] {
    var facts = dedupe(input, store)
    facts = allowPolicies(facts, store, diagnostics: &diagnostics)
    // `--effective` org policies win over the node's own.
    var effective = Set<UInt64>()
    for f in facts where orgPolicyRelations.contains(f.relation) && f.authority == .effective {
      effective.insert(pair(store.value(f, 0), store.value(f, 1)))
    }
    if !effective.isEmpty {
      facts.removeAll {
        orgPolicyRelations.contains($0.relation) && $0.authority != .effective
          && effective.contains(pair(store.value($0, 0), store.value($0, 1)))
      }
    }
    // A deny policy fetched with `get` is no longer "listed but not fetched".
    var fetched = Set<UInt32>()
    for f in facts where f.relation == .denyPolicy { fetched.insert(store.value(f, 0)) }
    if !fetched.isEmpty {
      facts.removeAll {
        $0.relation == .denyPolicyUnfetched && fetched.contains(store.value($0, 0))
      }
    }
    facts = singleValues(facts, store, diagnostics: &diagnostics)
    facts = aliases(facts, numberToID: numberToID, store: &store)
    return dedupe(facts, store)
  }

  /// Two symbol numbers as one key.
  @inline(__always)
  static func pair(_ a: UInt32, _ b: UInt32) -> UInt64 { UInt64(a) << 32 | UInt64(b) }

  /// One fact per relation and values: the most authoritative, then the first loaded.
  static func dedupe(_ facts: [StoredFact], _ store: FactStore) -> [StoredFact] {
    var groups = FactGroups(capacity: facts.count)
    var best: [Int] = []
    best.reserveCapacity(facts.count)
    for (i, f) in facts.enumerated() {
      let g = groups.group(of: i, in: facts, store, width: Int(f.count))
      if g == best.count {
        best.append(i)
      } else if f.authority > facts[best[g]].authority {
        best[g] = i
      }
    }
    return best.sorted().map { facts[$0] }
  }

  /// A resource's own get-iam-policy beats asset export/list beats search-all; two sources
  /// that disagree give a warning naming both.
  ///
  /// A file that read a whole policy (`allowPolicyRead`) is a source of it even without
  /// bindings: an empty policy of the resource's own says the older bindings are gone.
  static func allowPolicies(
    _ facts: [StoredFact], _ store: FactStore, diagnostics: inout [Diagnostic]
  ) -> [StoredFact] {
    // (resource, file) → source; each source's bindings (role, member, condition) as rows.
    var sourceOf: [UInt64: Int] = [:]
    var sources: [(resource: UInt32, file: Int, authority: Authority, order: Int)] = []
    var bindings: [[UInt32]] = []
    var sourcesOfResource: [UInt32: [Int]] = [:]
    for f in facts where f.relation == .binding || f.relation == .allowPolicyRead {
      let resource = store.value(f, 0)
      let file = store.origins.file(of: Int(f.origin))
      let key = pair(resource, UInt32(truncatingIfNeeded: file))
      let index: Int
      if let known = sourceOf[key] {
        index = known
      } else {
        index = sources.count
        sourceOf[key] = index
        sources.append((resource, file, f.authority, f.order))
        bindings.append([])
        sourcesOfResource[resource, default: []].append(index)
      }
      if f.relation == .binding {
        bindings[index] += store.values(of: f).dropFirst()
      }
    }
    guard !sources.isEmpty else { return facts }
    // resource → winning file
    var keep: [UInt32: Int] = [:]
    let resources = sourcesOfResource.keys.map { ($0, store.symbols.string($0)) }
      .sorted { $0.1 < $1.1 }
    for (resource, name) in resources {
      let ranked = (sourcesOfResource[resource] ?? []).sorted { a, b in
        sources[a].authority != sources[b].authority
          ? sources[a].authority > sources[b].authority : sources[a].order < sources[b].order
      }
      guard let winner = ranked.first else { continue }
      keep[resource] = sources[winner].file
      guard ranked.count > 1 else { continue }
      let winning = bindingSet(bindings[winner])
      for other in ranked.dropFirst() {
        let theirs = bindingSet(bindings[other])
        let agrees =
          sources[other].authority == .searchAll && sources[winner].authority > .searchAll
          ? theirs.isSubset(of: winning) : theirs == winning
        if !agrees {
          let winnerFile = store.origins.files[sources[winner].file]
          let otherFile = store.origins.files[sources[other].file]
          diagnostics.append(
            .warning(
              .badJSON,
              "`\(winnerFile)` and `\(otherFile)` disagree about the allow policy of `\(name)`; "
                + "using `\(winnerFile)`",
              help: "a resource's own get-iam-policy beats asset export/list, which beats "
                + "search-all-iam-policies; remove the stale file to silence this"
            ).located(DiagnosticLocation(file: otherFile)))
        }
      }
    }
    return facts.filter { f in
      f.relation != .binding
        || keep[store.value(f, 0)] == store.origins.file(of: Int(f.origin))
    }
  }

  /// The distinct bindings of a source's rows (three numbers each).
  private static func bindingSet(_ rows: [UInt32]) -> Set<[UInt32]> {
    var set = Set<[UInt32]>()
    var k = 0
    while k + 3 <= rows.count {
      set.insert(Array(rows[k..<k + 3]))
      k += 3
    }
    return set
  }

  /// Two files giving different values for one single-valued attribute: a warning naming
  /// both; the more authoritative (then the first loaded) wins.
  static func singleValues(
    _ facts: [StoredFact], _ store: FactStore, diagnostics: inout [Diagnostic]
  ) -> [StoredFact] {
    var groups = FactGroups(capacity: facts.count)
    var members: [[Int]] = []
    for (i, f) in facts.enumerated() {
      guard let keys = singleValued[f.relation] else { continue }
      let g = groups.group(of: i, in: facts, store, width: min(keys, Int(f.count)))
      if g == members.count { members.append([]) }
      members[g].append(i)
    }
    var dropped = Set<Int>()
    for indices in members where indices.count > 1 {
      guard
        let winner = indices.min(by: { a, b in
          facts[a].authority != facts[b].authority
            ? facts[a].authority > facts[b].authority : a < b
        })
      else { continue }
      let w = facts[winner]
      let keys = min(singleValued[w.relation] ?? 1, Int(w.count))
      for i in indices where i != winner {
        dropped.insert(i)
        let l = facts[i]
        let show = { (f: StoredFact) in
          (keys..<Int(f.count)).map { "`\(store.text(f, $0))`" }.joined(separator: ", ")
        }
        diagnostics.append(
          .warning(
            .badJSON,
            "`\(store.file(of: w))` and `\(store.file(of: l))` disagree about "
              + "`\(store.text(w, 0))`: `\(w.relation.name)` is \(show(w)) in the first and "
              + "\(show(l)) in the second; using the first",
            help: "remove the stale file, or fetch both again"
          ).located(DiagnosticLocation(file: store.file(of: l))))
      }
    }
    guard !dropped.isEmpty else { return facts }
    return facts.enumerated().filter { !dropped.contains($0.offset) }.map(\.element)
  }

  /// Aliases that need every file: the Cloud Run service of a 2nd gen function is the
  /// function; names spelled with the project number; a project ID that also names an app.
  static func aliases(
    _ facts: [StoredFact], numberToID: [String: String], store: inout FactStore
  ) -> [StoredFact] {
    var out = facts
    var idToNumber: [String: String] = [:]
    for (number, id) in numberToID.sorted(by: { $0.key < $1.key }) where idToNumber[id] == nil {
      idToNumber[id] = number
    }
    for f in facts where f.relation == .resource {
      let name = store.text(f, 0)
      let parts = name.split(separator: "/", omittingEmptySubsequences: false)
      guard parts.count > 2, parts[0] == "projects", parts[2] != "iap_web",
        let number = idToNumber[String(parts[1])]
      else { continue }
      let numbered = (["projects", Substring(number)] + parts.dropFirst(2)).joined(separator: "/")
      out.append(
        store.fact(
          .alias, [store.symbols.intern(numbered), store.value(f, 0)], origin: f.origin,
          authority: f.authority, order: f.order))
    }
    var functionOf: [UInt32: UInt32] = [:]
    for f in facts where f.relation == .functionService {
      functionOf[store.value(f, 1)] = store.value(f, 0)
    }
    var targets: [UInt32: Set<UInt32>] = [:]
    for i in out.indices where out[i].relation == .alias {
      let target = Int(out[i].first) + 1
      if let function = functionOf[store.values[target]] { store.values[target] = function }
      targets[store.value(out[i], 0), default: []].insert(store.values[target])
    }
    var isProject: [UInt32: Bool] = [:]
    return out.filter { f in
      guard f.relation == .alias else { return true }
      let (name, target) = (store.value(f, 0), store.value(f, 1))
      if name == target { return false }
      // A project ID that also names an app or a backend: the other resource keeps it.
      let project =
        isProject[target]
        ?? {
          let text = store.symbols.string(target)
          let result = text.hasPrefix("projects/") && text.split(separator: "/").count == 2
          isProject[target] = result
          return result
        }()
      return !(project && (targets[name]?.count ?? 0) > 1)
    }
  }
}

/// Groups facts by relation and their first `width` values: an open-addressing table of
/// group numbers, each group represented by its first fact.
///
/// INVARIANT: `slots` holds group + 1 (0 empty), at most half full.
struct FactGroups {
  private var slots: [UInt32]
  /// The first fact of each group.
  private var representatives: [Int] = []
  private var widths: [Int] = []

  /// A table sized for `capacity` facts.
  init(capacity: Int) {
    var size = 64
    while size < capacity * 2 { size *= 2 }
    slots = [UInt32](repeating: 0, count: size)
  }

  /// The group of fact `i` of `facts` (by relation and first `width` values): an existing
  /// one, or the next number when new.
  mutating func group(of i: Int, in facts: [StoredFact], _ store: FactStore, width: Int) -> Int {
    let f = facts[i]
    var h = UInt64(f.relation.hashOrdinal) &* 0x9E37_79B9_7F4A_7C15 ^ UInt64(width)
    for k in 0..<width {
      h = (h ^ UInt64(store.value(f, k))) &* 0xBF58_476D_1CE4_E5B9
      h ^= h >> 31
    }
    let mask = slots.count - 1
    var s = Int(truncatingIfNeeded: h) & mask
    while slots[s] != 0 {
      let g = Int(slots[s] - 1)
      let r = facts[representatives[g]]
      if r.relation == f.relation && widths[g] == width
        && (0..<width).allSatisfy({ store.value(r, $0) == store.value(f, $0) })
      {
        return g
      }
      s = (s + 1) & mask
    }
    let g = representatives.count
    representatives.append(i)
    widths.append(width)
    slots[s] = UInt32(g + 1)
    if representatives.count * 2 > slots.count { grow(facts, store) }
    return g
  }

  private mutating func grow(_ facts: [StoredFact], _ store: FactStore) {
    let old = representatives
    let oldWidths = widths
    slots = [UInt32](repeating: 0, count: slots.count * 2)
    representatives = []
    widths = []
    for (g, i) in old.enumerated() { _ = group(of: i, in: facts, store, width: oldWidths[g]) }
  }
}

extension InputRelation {
  /// A stable number of the relation for hashing (its position in `allCases`).
  var hashOrdinal: Int {
    InputRelation.ordinals[self] ?? 0
  }

  private static let ordinals: [InputRelation: Int] = Dictionary(
    uniqueKeysWithValues: allCases.enumerated().map { ($1, $0) })
}
