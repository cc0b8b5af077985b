/// A host's rules for why-not repairs, read from relations of the program it loads: which
/// facts no repair may add or remove, how repairs rank, and which symbol matches any value.
///
/// The engine knows no relation of these by name; without a policy (`none`) every repair
/// found is proposed, in the search's own order.
public struct RepairPolicy: Sendable {
  /// The prefix of relations `P + R` (same arity as `R`) listing facts of `R` no repair may
  /// add; nil for none.
  public var forbiddenAdditionsPrefix: String?
  /// The prefix of relations `P + R` listing facts of `R` no repair may remove; nil for none.
  public var forbiddenRemovalsPrefix: String?
  /// A relation `rank(Relation, Action, Rank)`: repairs of `Relation` by `Action` (`add` or
  /// `remove`) rank by `Rank`, lower first (0 when unlisted); nil for none.
  public var rankRelation: String?
  /// A symbol that, in a forbidden fact, matches any value; nil for none.
  public var wildcard: String?

  /// A policy; every part is optional.
  public init(
    forbiddenAdditionsPrefix: String? = nil, forbiddenRemovalsPrefix: String? = nil,
    rankRelation: String? = nil, wildcard: String? = nil
  ) {
    self.forbiddenAdditionsPrefix = forbiddenAdditionsPrefix
    self.forbiddenRemovalsPrefix = forbiddenRemovalsPrefix
    self.rankRelation = rankRelation
    self.wildcard = wildcard
  }

  /// No policy: nothing is forbidden and nothing ranked.
  public static let none = RepairPolicy()

  /// The relation listing the facts of `relation` that no repair by `action` may touch.
  func forbiddingRelation(for action: Repair.Action, of relation: String) -> String? {
    let prefix = action == .add ? forbiddenAdditionsPrefix : forbiddenRemovalsPrefix
    return prefix.map { $0 + relation }
  }

  /// Whether the policy reads `relation` (a why-not needs it complete).
  func reads(relation name: String) -> Bool {
    if name == rankRelation { return true }
    for prefix in [forbiddenAdditionsPrefix, forbiddenRemovalsPrefix] {
      if let prefix, name.hasPrefix(prefix) { return true }
    }
    return false
  }
}
