/// The answers of why-not sub-goals already searched, so that a sub-goal reached along many
/// chains (non-linear recursion such as `tc(X, Z) :- tc(X, Y), tc(Y, Z).`) is searched once
/// per remaining depth instead of once per chain.
///
/// A sub-goal's answer depends on the database, its pattern, its remaining depth and, through
/// the cycle guard, on which of the patterns its search asked about are on the path from the
/// goal. Each entry records the patterns its search asked about (`queried`) and which of them
/// were on the path (`onPath`); it is reused on another path exactly when that path holds the
/// same ones, so every answer is the one a fresh search would give.
///
/// Answers are kept small: of several repairs with the same summary, only the one the final
/// ranking would prefer (shortest chain, then rules in program order, then the first found)
/// is kept. Repairs found through one sub-goal travel up together, gaining the same steps
/// and conditions, so the one preferred at the sub-goal stays preferred at the goal.
struct WhyNotMemo {
  typealias Pattern = WhyNotSearch.Pattern

  /// Which search a sub-goal belongs to: making it hold, or making it stop holding.
  enum Kind: Hashable {
    case search, falsify
  }

  /// A sub-goal: the search, its pattern and the rule applications left.
  struct Key: Hashable {
    let kind: Kind
    let pattern: Pattern
    let depth: Int
  }

  /// One answer of a sub-goal and the path facts it depends on.
  struct Entry {
    /// The patterns asked about that were on the path.
    let onPath: Set<Pattern>
    /// Every pattern whose presence on the path the search asked about.
    let queried: Set<Pattern>
    /// The repairs found (pruned).
    let repairs: [Repair]
    /// Whether a bound cut this sub-goal's search short.
    let truncated: Bool
  }

  private var table: [Key: [Entry]] = [:]
  /// Per sub-goal being searched, innermost last: the patterns its search asked about.
  private var frames: [Set<Pattern>] = []
  /// Sub-goals answered from the table.
  private(set) var hits = 0

  /// Whether `pattern` is on `path`, noting that the current sub-goal asked.
  mutating func isOnPath(_ pattern: Pattern, _ path: [Pattern]) -> Bool {
    if !frames.isEmpty { frames[frames.count - 1].insert(pattern) }
    return path.contains(pattern)
  }

  /// A stored answer valid on `path`, noted as used by the current sub-goal.
  mutating func answer(_ key: Key, on path: [Pattern]) -> Entry? {
    guard let entries = table[key] else { return nil }
    for entry in entries where Set(path.filter { entry.queried.contains($0) }) == entry.onPath {
      hits += 1
      if !frames.isEmpty { frames[frames.count - 1].formUnion(entry.queried) }
      return entry
    }
    return nil
  }

  /// Starts recording the questions of a sub-goal's search.
  mutating func begin() { frames.append([]) }

  /// Ends the innermost sub-goal's search and stores its answer; returns the pruned repairs.
  mutating func end(_ key: Key, on path: [Pattern], repairs: [Repair], truncated: Bool)
    -> [Repair]
  {
    let queried = frames.popLast() ?? []
    if !frames.isEmpty { frames[frames.count - 1].formUnion(queried) }
    let kept = Self.pruned(repairs)
    let entry = Entry(
      onPath: Set(path.filter { queried.contains($0) }), queried: queried, repairs: kept,
      truncated: truncated)
    table[key, default: []].append(entry)
    return kept
  }

  /// The repairs with, per summary, only the one the ranking prefers, in their found order.
  static func pruned(_ repairs: [Repair]) -> [Repair] {
    var best: [String: Int] = [:]
    for (k, repair) in repairs.enumerated() {
      let summary = repair.rawSummary
      guard let current = best[summary] else {
        best[summary] = k
        continue
      }
      if precedes(repair, repairs[current]) { best[summary] = k }
    }
    guard best.count < repairs.count else { return repairs }
    let keep = Set(best.values)
    return repairs.indices.filter { keep.contains($0) }.map { repairs[$0] }
  }

  /// Whether `a` ranks strictly before `b` of the same summary: a shorter chain, or one as
  /// long whose rules come first in program order.
  private static func precedes(_ a: Repair, _ b: Repair) -> Bool {
    if a.chain.count != b.chain.count { return a.chain.count < b.chain.count }
    return a.chain.map(\.rule).lexicographicallyPrecedes(b.chain.map(\.rule))
  }
}
