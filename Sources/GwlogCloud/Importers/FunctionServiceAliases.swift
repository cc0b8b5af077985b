/// Short names shared by a 2nd gen function and its own Cloud Run service.
///
/// The two usually share one short name; the name then means the function (the backend a
/// gateway routes to), so the service's alias of that name is dropped. A short name that two
/// unrelated resources share stays ambiguous, and a goal that uses it is an `ambiguous-name`
/// error (docs/google-cloud-model.md#aliases-and-short-names).
enum FunctionServiceAliases {
  /// `facts` without the aliases that name a function's own Cloud Run service by a name the
  /// function also has.
  static func dropShadowed(_ facts: [StoredFact], in store: FactStore) -> [StoredFact] {
    var serviceOf: [UInt32: UInt32] = [:]
    for fact in facts where fact.relation == .functionService && fact.count == 2 {
      serviceOf[store.value(fact, 0)] = store.value(fact, 1)
    }
    guard !serviceOf.isEmpty else { return facts }
    var shadowed = Set<[UInt32]>()
    for fact in facts where fact.relation == .alias && fact.count == 2 {
      if let service = serviceOf[store.value(fact, 1)] {
        shadowed.insert([store.value(fact, 0), service])
      }
    }
    guard !shadowed.isEmpty else { return facts }
    return facts.filter { fact in
      !(fact.relation == .alias && fact.count == 2
        && shadowed.contains([store.value(fact, 0), store.value(fact, 1)]))
    }
  }
}
