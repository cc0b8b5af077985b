/// Short names shared by a 2nd gen function and its own Cloud Run service.
///
/// The two usually share one short name; the name then means the function (the backend a
/// gateway routes to), so the service's alias of that name is dropped. A short name that two unrelated resources share stays ambiguous,
/// and a goal that uses it is an `ambiguous-name` error (docs/google-cloud-model.md#names).
enum FunctionServiceAliases {
  /// `facts` without the aliases that name a function's own Cloud Run service by a name the
  /// function also has.
  static func dropShadowed(_ facts: [ImportedFact]) -> [ImportedFact] {
    var serviceOf: [String: String] = [:]
    for fact in facts where fact.inputRelation == .functionService && fact.values.count == 2 {
      serviceOf[fact.values[0]] = fact.values[1]
    }
    guard !serviceOf.isEmpty else { return facts }
    var shadowed = Set<[String]>()
    for fact in facts where fact.inputRelation == .alias && fact.values.count == 2 {
      if let service = serviceOf[fact.values[1]] { shadowed.insert([fact.values[0], service]) }
    }
    guard !shadowed.isEmpty else { return facts }
    return facts.filter { !($0.inputRelation == .alias && shadowed.contains($0.values)) }
  }
}
