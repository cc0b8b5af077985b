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
  /// formats/README.md and adds the alias facts that need the whole picture.
  func resolve() -> [ImportedFact] {
    let idToNumber = Dictionary(numberToID.map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
    func canonical(_ name: String) -> String {
      ResourceNames.canonical(name, numberToID: numberToID, idToNumber: idToNumber)
    }
    var byShortName: [InputRelation: [String: Set<String>]] = [.runService: [:], .function: [:]]
    for fact in facts where byShortName[fact.relation] != nil {
      if case .name(let n) = fact.terms[0] {
        let name = canonical(n)
        byShortName[fact.relation, default: [:]][ResourceNames.shortName(name), default: []].insert(
          name)
      }
    }
    var conditionIDs: [ImportTerm: String] = [:]
    var titles: [String: ImportTerm] = [:]
    var reported = Set<String>()
    var out: [ImportedFact] = []
    for fact in facts {
      var values: [String] = []
      for term in fact.terms {
        switch term {
        case .symbol(let s): values.append(s)
        case .name(let n): values.append(canonical(n))
        case .iapWeb(let app):
          values.append("projects/\(idToNumber[app] ?? app)/iap_web/appengine-\(app)")
        case .runServiceNamed(let s), .functionNamed(let s):
          let relation: InputRelation = term == .runServiceNamed(s) ? .runService : .function
          let candidates = (byShortName[relation]?[s] ?? []).sorted()
          if candidates.count == 1 {
            values.append(candidates[0])
            continue
          }
          let what = relation == .runService ? "Cloud Run service" : "function"
          if reported.insert(fact.origin.file).inserted {
            if candidates.isEmpty {
              diagnostics.append(
                .warning(
                  .badJSON,
                  "`\(fact.origin.file)`: no loaded \(what) is named `\(s)`; its policy is skipped",
                  help: relation == .runService
                    ? "also load `gcloud run services describe \(s) --region=R --format=json`"
                    : "also load `gcloud functions describe \(s) --region=R --format=json`"))
            } else {
              diagnostics.append(
                .error(
                  .badJSON,
                  "`\(fact.origin.file)`: the \(what) name `\(s)` is ambiguous: "
                    + candidates.map { "`\($0)`" }.joined(separator: " and "),
                  help: "keep only the describe output of the one this policy belongs to"))
            }
          }
          values = []
        case .accountID(let raw):
          let uid = ResourceNames.shortName(raw)
          if let email = uniqueIDs[uid] {
            values.append("serviceAccount:" + email)
          } else {
            values.append(raw)
            if reported.insert(raw).inserted {
              diagnostics.append(
                .warning(
                  .badJSON, "`\(fact.origin.file)`: service account `\(raw)` is not loaded",
                  help: "also load `gcloud iam service-accounts describe` for it"))
            }
          }
        case .condition(let title, _):
          if let id = conditionIDs[term] {
            values.append(id)
          } else {
            let base = title.isEmpty ? "condition" : title
            let id = titles[base] == nil ? base : "\(base) (\(fact.origin.description))"
            titles[base] = titles[base] ?? term
            conditionIDs[term] = id
            values.append(id)
          }
        }
        if values.isEmpty { break }
      }
      guard values.count == fact.terms.count else { continue }
      out.append(
        ImportedFact(
          inputRelation: fact.relation, values: values, origin: fact.origin,
          authority: fact.authority, order: fact.order))
    }
    let directories = organizations.map { org in
      var org = org
      org.name = canonical(org.name)
      return org
    }
    out += DerivedFacts.facts(from: out, organizations: directories)
    return ConflictRules.apply(out, numberToID: numberToID, diagnostics: &diagnostics)
  }
}
