import Foundation

/// How much work one why-not search may do beyond its depth bound.
///
/// The bounds are sub-goals searched and seconds spent. A search that runs out answers with the repairs found so far and says
/// which bound stopped it (docs/language.md, "Why-not and repairs").
public struct WhyNotBudget: Sendable {
  /// Which bound stopped a search.
  public enum Limit: String, Sendable {
    /// The number of sub-goals searched (`subgoals`).
    case subgoals
    /// The time spent (`seconds`).
    case time
  }

  /// Sub-goals (a goal pattern at a remaining depth, searched or falsified) searched at most;
  /// a sub-goal answered from the memo does not count.
  public var subgoals: Int
  /// Seconds spent at most (0 stops before the first sub-goal).
  public var seconds: Double

  /// A budget; the defaults let every ordinary search finish.
  public init(subgoals: Int = 200_000, seconds: Double = 20) {
    self.subgoals = subgoals
    self.seconds = seconds
  }
}

/// The running account of one search against its budget.
struct WhyNotMeter {
  let budget: WhyNotBudget
  private let start = DispatchTime.now().uptimeNanoseconds
  /// Sub-goals searched so far.
  private(set) var spent = 0
  /// The bound that stopped the search, once one has.
  private(set) var exhausted: WhyNotBudget.Limit?

  init(_ budget: WhyNotBudget) { self.budget = budget }

  /// Counts one more sub-goal; false (and from then on always false) once a bound is passed.
  mutating func spend() -> Bool {
    if exhausted != nil { return false }
    spent += 1
    if spent > budget.subgoals {
      exhausted = .subgoals
      return false
    }
    let elapsed = Double(DispatchTime.now().uptimeNanoseconds &- start) / 1e9
    if elapsed >= budget.seconds {
      exhausted = .time
      return false
    }
    return true
  }
}
