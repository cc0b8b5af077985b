import GwlogEngine

/// A fact with canonical values, ready for the workspace.
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

extension ImportSession {
  /// Resolves every name once all files are read, then applies the conflict rules of
  /// docs/file-naming.md and adds the alias facts that need the whole picture.
  func resolve() -> [ImportedFact] {
    var resolver = TermResolver(session: self)
    var out: [ImportedFact] = []
    for fact in facts {
      guard let values = resolver.values(of: fact) else { continue }
      out.append(
        ImportedFact(
          inputRelation: fact.relation, values: values, origin: fact.origin,
          authority: fact.authority, order: fact.order))
    }
    let directories = organizations.map { org in
      var org = org
      org.name = resolver.canonical(org.name)
      return org
    }
    out += DerivedFacts.facts(from: out, organizations: directories)
    checkDenyListings(out, resolver: resolver)
    return ConflictRules.apply(out, numberToID: numberToID, diagnostics: &diagnostics)
  }

  /// A warning for each deny policy listing whose file name gives another node than the
  /// attachment point of the policies it lists (the file was misnamed or edited).
  private func checkDenyListings(_ facts: [ImportedFact], resolver: TermResolver) {
    guard !denyListingNames.isEmpty else { return }
    var pointsOfFile: [String: Set<String>] = [:]
    for f in facts where f.inputRelation == .denyPoliciesListed {
      pointsOfFile[f.origin.file, default: []].insert(f.values[0])
    }
    for (file, raw) in denyListingNames {
      let node = resolver.canonical(raw)
      let points = pointsOfFile[file] ?? []
      guard let other = points.subtracting([node]).sorted().first else { continue }
      diagnostics.append(
        .warning(
          .badJSON,
          "`\(file)` is named after `\(node)` but lists deny policies attached to `\(other)`",
          help: "name the file after the attachment point it was listed at, "
            + "`iam-policies-list-denypolicies-\(other.replacingOccurrences(of: "/", with: "-")).json`"
        ))
    }
  }
}

/// Turns the terms of pending facts into canonical values, in load order: the names
/// tables of the session, short names looked up among the loaded services and functions,
/// and condition ids made unique by title.
private struct TermResolver {
  let session: ImportSession
  let idToNumber: [String: String]
  /// `runService` / `function` → short name → the canonical names with that short name.
  var byShortName: [InputRelation: [String: Set<String>]] = [.runService: [:], .function: [:]]
  /// Short name (or project number) → the loaded projects, Cloud Run services and functions
  /// with that name, the resources an effective tags file may name.
  var tagTargets: [String: Set<String>] = [:]
  /// A 2nd gen function → the Cloud Run service under it.
  var serviceOfFunction: [String: String] = [:]
  var conditionIDs: [ImportTerm: String] = [:]
  var titles: [String: ImportTerm] = [:]
  /// Files and account IDs already warned about (one warning each).
  var reported = Set<String>()

  /// A resolver over `session`'s name tables and the services and functions it loaded.
  init(session: ImportSession) {
    self.session = session
    idToNumber = Dictionary(
      session.numberToID.map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
    for fact in session.facts {
      guard case .name(let n)? = fact.terms.first else { continue }
      let name = canonical(n)
      if byShortName[fact.relation] != nil {
        byShortName[fact.relation, default: [:]][ResourceNames.shortName(name), default: []]
          .insert(name)
      }
      if fact.relation == .functionService, case .name(let service)? = fact.terms.last {
        serviceOfFunction[name] = canonical(service)
      }
      guard fact.relation == .resource, fact.terms.count == 2,
        case .symbol(let type) = fact.terms[1],
        ["project", "run-service", "function"].contains(type)
      else { continue }
      tagTargets[ResourceNames.shortName(name), default: []].insert(name)
      if type == "project", let number = idToNumber[ResourceNames.shortName(name)] {
        tagTargets[number, default: []].insert(name)
      }
    }
  }

  /// The canonical spelling of a resource name (see `ResourceNames.canonical`).
  func canonical(_ name: String) -> String {
    ResourceNames.canonical(name, numberToID: session.numberToID, idToNumber: idToNumber)
  }

  /// The values of `fact`'s terms, or nil (the fact is dropped) when a short name does not
  /// resolve; terms after that one are not looked at.
  mutating func values(of fact: PendingFact) -> [String]? {
    var values: [String] = []
    for term in fact.terms {
      guard let value = value(of: term, in: fact) else { return nil }
      values.append(value)
    }
    return values
  }

  /// The value of one term of `fact`, or nil when it names no single loaded resource.
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
    let candidates = admitted(byShortName[relation]?[s.name] ?? [], by: s)
    if candidates.count == 1 { return candidates[0] }
    guard reported.insert(fact.origin.file).inserted else { return nil }
    let what = relation == .runService ? "Cloud Run service" : "function"
    if candidates.isEmpty {
      let region = s.region.map { " --region=" + $0 } ?? " --region=R"
      let project = s.project.map { " --project=" + $0 } ?? ""
      session.diagnostics.append(
        .warning(
          .badJSON,
          "`\(fact.origin.file)`: no loaded \(what) is named `\(s.name)`\(Self.scope(s)); "
            + "its policy is skipped",
          help: relation == .runService
            ? "also load `gcloud run services describe \(s.name)\(region)\(project) --format=json`"
            : "also load `gcloud functions describe \(s.name)\(region)\(project) --format=json`"))
    } else {
      session.diagnostics.append(
        .error(
          .badJSON,
          "`\(fact.origin.file)`: the \(what) name `\(s.name)`\(Self.scope(s)) is ambiguous: "
            + candidates.map { "`\($0)`" }.joined(separator: " and "),
          help: Self.qualifierHelp(fact.origin.file, s, candidates)))
    }
    return nil
  }

  /// The loaded project, Cloud Run service or function an effective tags file names;
  /// otherwise, once per file, a warning or (`strict`) an error, and nil.
  ///
  /// A 2nd gen function and the Cloud Run service under it count as one resource, the
  /// service (it is the resource the invocation reaches).
  private mutating func tagged(_ s: ShortName, strict: Bool, in fact: PendingFact) -> String? {
    let matching = admitted(tagTargets[s.name] ?? [], by: s)
    let candidates = matching.filter { function in
      !(serviceOfFunction[function].map { matching.contains($0) } ?? false)
    }
    if candidates.count == 1 { return candidates[0] }
    guard reported.insert(fact.origin.file).inserted else { return nil }
    let message: String
    let help: String
    if candidates.isEmpty {
      message =
        "`\(fact.origin.file)`: no loaded project, Cloud Run service or function is named "
        + "`\(s.name)`\(Self.scope(s)); its tags are skipped"
      help =
        "also load the describe output of the resource whose tags were listed "
        + "(`gcloud projects describe`, `gcloud run services describe`, `gcloud functions describe`)"
    } else {
      message =
        "`\(fact.origin.file)`: the name `\(s.name)`\(Self.scope(s)) is ambiguous: "
        + candidates.map { "`\($0)`" }.joined(separator: " and ")
      help = Self.qualifierHelp(fact.origin.file, s, candidates)
    }
    session.diagnostics.append(
      Diagnostic(.badJSON, strict ? .error : .warning, message: message, help: help))
    return nil
  }

  /// The `candidates` in the region and project `s` asks for, sorted.
  private func admitted(_ candidates: Set<String>, by s: ShortName) -> [String] {
    candidates.filter { s.admits($0, number: { idToNumber[$0] }) }.sorted()
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
    if let email = session.uniqueIDs[uid] { return "serviceAccount:" + email }
    if reported.insert(raw).inserted {
      session.diagnostics.append(
        .warning(
          .badJSON, "`\(fact.origin.file)`: service account `\(raw)` is not loaded",
          help: "also load `gcloud iam service-accounts describe` for it"))
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
    let id = titles[base] == nil ? base : "\(base) (\(fact.origin.description))"
    titles[base] = titles[base] ?? term
    conditionIDs[term] = id
    return id
  }
}
