import GwlogEngine

/// A fact with canonical values as text, for tests and messages.
struct ImportedFact {
  /// The input relation the fact belongs to.
  var inputRelation: InputRelation
  var values: [String]
  var origin: FactOrigin
  var authority: Authority
  var order: Int

  /// The relation's name in the model.
  var relation: String { inputRelation.name }
}

extension ImportMerge {
  /// Resolves every name once all files are read.
  ///
  /// Resolves every name once all files are read, then applies the conflict rules of
  /// docs/file-naming.md and adds the alias facts that need the whole picture; the facts in
  /// order, their values and origins in the store. Problems go to `diagnostics`.
  mutating func resolve() -> (FactStore, [StoredFact]) {
    var resolver = TermResolver(merge: self)
    var out: [StoredFact] = []
    out.reserveCapacity(facts.count)
    var row: [UInt32] = []
    for (order, fact) in facts.enumerated() {
      guard resolver.values(of: fact, into: &row) else { continue }
      let first = UInt32(resolver.values.count)
      resolver.values += row
      out.append(
        StoredFact(
          relation: fact.relation, authority: fact.authority, count: fact.count,
          origin: fact.origin, first: first, order: order))
    }
    diagnostics += resolver.diagnostics
    let directories = tables.organizations.map { org in
      var org = org
      org.name = resolver.canonical(org.name)
      return org
    }
    var store = FactStore(symbols: resolver.symbols, values: resolver.values, origins: origins)
    out += DerivedFacts.facts(from: out, organizations: directories, in: &store)
    checkDenyListings(out, store: store, resolver: resolver)
    let facts = ConflictRules.apply(
      FunctionServiceAliases.dropShadowed(out, in: store), numberToID: tables.numberToID,
      store: &store, diagnostics: &diagnostics)
    return (store, facts)
  }

  /// A warning for each deny policy listing whose file name gives another node than the
  /// attachment point of the policies it lists (the file was misnamed or edited).
  private mutating func checkDenyListings(
    _ facts: [StoredFact], store: FactStore, resolver: TermResolver
  ) {
    guard !tables.denyListingNames.isEmpty else { return }
    var pointsOfFile: [String: Set<String>] = [:]
    for f in facts where f.relation == .denyPoliciesListed {
      pointsOfFile[store.file(of: f), default: []].insert(store.text(f, 0))
    }
    for (file, raw) in tables.denyListingNames {
      let node = resolver.canonical(raw)
      let points = pointsOfFile[file] ?? []
      guard let other = points.subtracting([node]).sorted().first else { continue }
      diagnostics.append(
        .warning(
          .badJSON,
          "`\(file)` is named after `\(node)` but lists deny policies attached to `\(other)`",
          help: "name the file after the attachment point it was listed at, "
            + "`iam-policies-list-denypolicies-\(other.replacingOccurrences(of: "/", with: "-")).json`"
        ).located(DiagnosticLocation(file: file)))
    }
  }
}

/// Turns the terms of pending facts into canonical values.
///
/// Turns the terms of pending facts into canonical values, in load order: the names
/// tables of the import, short names looked up among the loaded services and functions,
/// and condition ids made unique by title. A resource name's canonical spelling is worked out
/// once per distinct name.
private struct TermResolver {
  let numberToID: [String: String]
  let uniqueIDs: [String: String]
  let idToNumber: [String: String]
  let terms: [TermRef]
  let otherTerms: [ImportTerm]
  let origins: FactOriginTable
  /// The merge's symbols, and the canonical names and other values added to them.
  var symbols: SymbolTable
  /// The resolved facts' values.
  var values: [UInt32] = []
  var diagnostics: [Diagnostic] = []
  /// Symbol → the symbol of its canonical spelling as a name (`UInt32.max`: not known yet).
  var canonicalOf: [UInt32]
  /// `runService` / `function` → short name → the canonical names with that short name.
  var byShortName: [InputRelation: ShortNameIndex] = [.runService: .init(), .function: .init()]
  /// Short name (or project number) → the loaded projects, Cloud Run services and functions
  /// with that name, the resources an effective tags file may name.
  var tagTargets = ShortNameIndex()
  /// A 2nd gen function → the Cloud Run service under it.
  var serviceOfFunction: [String: String] = [:]
  var conditionIDs: [ImportTerm: String] = [:]
  var titles: [String: ImportTerm] = [:]
  /// Files and account IDs already warned about (one warning each).
  var reported = Set<String>()

  /// A resolver over `merge`'s names tables and the services and functions it loaded.
  init(merge: ImportMerge) {
    numberToID = merge.tables.numberToID
    uniqueIDs = merge.tables.uniqueIDs
    // The smallest number of an ID mapped from several (an arbitrary one would do; this
    // one is the same in every run).
    var idToNumber: [String: String] = [:]
    for (number, id) in numberToID.sorted(by: { $0.key < $1.key }) where idToNumber[id] == nil {
      idToNumber[id] = number
    }
    self.idToNumber = idToNumber
    terms = merge.terms
    otherTerms = merge.otherTerms
    origins = merge.origins
    symbols = merge.symbols
    canonicalOf = [UInt32](repeating: UInt32.max, count: merge.symbols.count)
    for fact in merge.facts {
      let first = terms[Int(fact.firstTerm)]
      guard fact.count > 0, first.kind == .name else { continue }
      let id = canonicalName(first.index)
      let isNamed = fact.relation == .runService || fact.relation == .function
      if isNamed {
        let name = symbols.string(id)
        byShortName[fact.relation, default: .init()].insert(name, as: ResourceNames.shortName(name))
      }
      let last = terms[Int(fact.firstTerm) + Int(fact.count) - 1]
      if fact.relation == .functionService, last.kind == .name {
        serviceOfFunction[symbols.string(id)] = symbols.string(canonicalName(last.index))
      }
      guard fact.relation == .resource, fact.count == 2 else { continue }
      let second = terms[Int(fact.firstTerm) + 1]
      guard second.kind == .symbol else { continue }
      let type = symbols.string(second.index)
      guard ["project", "run-service", "function"].contains(type) else { continue }
      let name = symbols.string(id)
      tagTargets.insert(name, as: ResourceNames.shortName(name))
      if type == "project", let number = idToNumber[ResourceNames.shortName(name)] {
        tagTargets.insert(name, as: number)
      }
    }
  }

  /// The canonical spelling of a resource name (see `ResourceNames.canonical`).
  func canonical(_ name: String) -> String {
    ResourceNames.canonical(name, numberToID: numberToID, idToNumber: idToNumber)
  }

  /// The symbol of the canonical spelling of the name that is symbol `id`.
  mutating func canonicalName(_ id: UInt32) -> UInt32 {
    let known = canonicalOf[Int(id)]
    if known != UInt32.max { return known }
    let text = symbols.string(id)
    let result = canonical(text)
    let canonicalID = result == text ? id : symbols.intern(result)
    canonicalOf[Int(id)] = canonicalID
    if Int(canonicalID) >= canonicalOf.count {
      canonicalOf += repeatElement(UInt32.max, count: Int(canonicalID) + 1 - canonicalOf.count)
    }
    return canonicalID
  }

  /// The values of `fact`'s terms into `row`; false (the fact is dropped) when a short name
  /// does not resolve, terms after that one not looked at.
  mutating func values(of fact: PendingFact, into row: inout [UInt32]) -> Bool {
    row.removeAll(keepingCapacity: true)
    for k in 0..<Int(fact.count) {
      let term = terms[Int(fact.firstTerm) + k]
      switch term.kind {
      case .symbol: row.append(term.index)
      case .name: row.append(canonicalName(term.index))
      case .other:
        guard let value = value(of: otherTerms[Int(term.index)], in: fact) else { return false }
        row.append(symbols.intern(value))
      }
    }
    return true
  }

  /// The file of `fact`.
  private func file(of fact: PendingFact) -> String {
    origins.files[origins.file(of: Int(fact.origin))]
  }

  /// The value of one term of `fact` other than a symbol or a name, or nil when it names no
  /// single loaded resource.
  private mutating func value(of term: ImportTerm, in fact: PendingFact) -> String? {
    switch term {
    case .symbol(let s): return s
    case .name(let n): return canonical(n)
    case .iapWeb(let app): return "projects/\(idToNumber[app] ?? app)/iap_web/appengine-\(app)"
    case .runServiceNamed(let s): return shortNamed(s, .runService, in: fact)
    case .functionNamed(let s): return shortNamed(s, .function, in: fact)
    case .resourceNamed(let s, let strict): return tagged(s, strict: strict, in: fact)
    case .accountID(let raw): return account(raw, in: fact)
    case .condition(let title, _): return conditionID(term, title: title, in: fact)
    }
  }

  /// The one loaded service or function (`relation`) with short name `s`, in its region
  /// and project when the file name gives them; otherwise a warning (none) or an error
  /// (several), once per file, and nil.
  private mutating func shortNamed(
    _ s: ShortName, _ relation: InputRelation, in fact: PendingFact
  ) -> String? {
    let candidates = admitted(byShortName[relation] ?? .init(), by: s)
    if candidates.count == 1 { return candidates[0] }
    let file = file(of: fact)
    guard reported.insert(file).inserted else { return nil }
    let what = relation == .runService ? "Cloud Run service" : "function"
    if candidates.isEmpty {
      let region = s.region.map { " --region=" + $0 } ?? " --region=R"
      let project = s.project.map { " --project=" + $0 } ?? ""
      diagnostics.append(
        .warning(
          .badJSON,
          "`\(file)`: no loaded \(what) is named `\(s.name)`\(Self.scope(s)); "
            + "its policy is skipped",
          help: relation == .runService
            ? "also load `gcloud run services describe \(s.name)\(region)\(project) --format=json`"
            : "also load `gcloud functions describe \(s.name)\(region)\(project) --format=json`"
        ).located(DiagnosticLocation(file: file)))
    } else {
      diagnostics.append(
        .error(
          .badJSON,
          "`\(file)`: the \(what) name `\(s.name)`\(Self.scope(s)) is ambiguous: "
            + candidates.map { "`\($0)`" }.joined(separator: " and "),
          help: Self.qualifierHelp(file, s, candidates)
        ).located(DiagnosticLocation(file: file)))
    }
    return nil
  }

  /// The loaded project, Cloud Run service or function an effective tags file names;
  /// otherwise, once per file, a warning or (`strict`) an error, and nil.
  ///
  /// A 2nd gen function and the Cloud Run service under it count as one resource, the
  /// service (it is the resource the invocation reaches).
  private mutating func tagged(_ s: ShortName, strict: Bool, in fact: PendingFact) -> String? {
    let matching = admitted(tagTargets, by: s)
    let candidates = matching.filter { function in
      !(serviceOfFunction[function].map { matching.contains($0) } ?? false)
    }
    if candidates.count == 1 { return candidates[0] }
    let file = file(of: fact)
    guard reported.insert(file).inserted else { return nil }
    let message: String
    let help: String
    if candidates.isEmpty {
      message =
        "`\(file)`: no loaded project, Cloud Run service or function is named "
        + "`\(s.name)`\(Self.scope(s)); its tags are skipped"
      help =
        "also load the describe output of the resource whose tags were listed "
        + "(`gcloud projects describe`, `gcloud run services describe`, `gcloud functions describe`)"
    } else {
      message =
        "`\(file)`: the name `\(s.name)`\(Self.scope(s)) is ambiguous: "
        + candidates.map { "`\($0)`" }.joined(separator: " and ")
      help = Self.qualifierHelp(file, s, candidates)
    }
    diagnostics.append(
      Diagnostic(.badJSON, strict ? .error : .warning, message: message, help: help)
        .located(DiagnosticLocation(file: file)))
    return nil
  }

  /// The `candidates` in the region and project `s` asks for, sorted.
  private func admitted(_ index: ShortNameIndex, by s: ShortName) -> [String] {
    index.candidates(s, idOfNumber: { numberToID[$0] })
      .filter { s.admits($0, number: { idToNumber[$0] }) }.sorted()
  }

  /// ` in region R of project P` for the qualifiers of `s` ("" without).
  private static func scope(_ s: ShortName) -> String {
    (s.region.map { " in region `\($0)`" } ?? "") + (s.project.map { " of project `\($0)`" } ?? "")
  }

  /// How to name the file after one of `candidates`: the qualifiers of the first.
  private static func qualifierHelp(_ file: String, _ s: ShortName, _ candidates: [String])
    -> String
  {
    let base = String(file.split(separator: "/").last ?? Substring(file))
    let stem = base.hasSuffix("-\(s).json") ? String(base.dropLast("-\(s).json".count)) : nil
    guard let stem, let first = candidates.first else {
      return "keep only the describe output of the one this file belongs to"
    }
    var named = ShortName(name: s.name)
    named.region = ResourceNames.segment(first, after: "locations")
    named.project = ResourceNames.segment(first, after: "projects")
    return "say which in the file name, for example `\(stem)-\(named).json`, "
      + "or keep only the describe output of the one this file belongs to"
  }

  /// The member string of a service account given by unique ID, or the raw name with a
  /// warning (once per account) when its describe output is not loaded.
  private mutating func account(_ raw: String, in fact: PendingFact) -> String {
    let uid = ResourceNames.shortName(raw)
    if let email = uniqueIDs[uid] { return "serviceAccount:" + email }
    if reported.insert(raw).inserted {
      diagnostics.append(
        .warning(
          .badJSON, "`\(file(of: fact))`: service account `\(raw)` is not loaded",
          help: "also load `gcloud iam service-accounts describe` for it"
        ).located(DiagnosticLocation(file: file(of: fact))))
    }
    return raw
  }

  /// The id of a condition: its title, or the title and the first fact's origin when
  /// another condition took that title first.
  private mutating func conditionID(
    _ term: ImportTerm, title: String, in fact: PendingFact
  ) -> String {
    if let id = conditionIDs[term] { return id }
    let base = title.isEmpty ? "condition" : title
    let id =
      titles[base] == nil ? base : "\(base) (\(origins[Int(fact.origin)].description))"
    titles[base] = titles[base] ?? term
    conditionIDs[term] = id
    return id
  }
}
