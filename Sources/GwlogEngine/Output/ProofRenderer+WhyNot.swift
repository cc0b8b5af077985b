/// The text form of a why-not: the verdict line first, then each repair with its chain,
/// then the closest partial matches and a note when the search was cut short.
extension ProofRenderer {
  /// Repairs printed in text; the rest are counted (JSON has them all).
  static let repairsShownInText = 10

  /// The first line of a why-not, without a newline: `GOAL does not hold; fix: …`.
  public func headline(_ whyNot: WhyNot) -> String {
    if let first = whyNot.undetermined.first {
      return "\(whyNot.goal) is unknown: \(first)"
    }
    guard let best = whyNot.repairs.first else {
      if whyNot.stoppedBy != nil {
        return "\(whyNot.goal) \(whyNot.verb); no repair was found before the search budget ran out"
      }
      return "\(whyNot.goal) \(whyNot.verb); no single fact makes it hold"
    }
    return "\(whyNot.goal) \(whyNot.verb); fix: \(best.summary)"
  }

  /// The why-not as text, ending in a newline; the first line is exactly `headline(_:)`.
  public func text(_ whyNot: WhyNot) -> String {
    var out = headline(whyNot) + "\n"
    if !whyNot.undetermined.isEmpty {
      let count = whyNot.undetermined.count
      out +=
        "\nnot loaded, and needed to decide it (" + (count == 1 ? "1 input" : "\(count) inputs")
      out += "):\n"
      for missing in whyNot.undetermined { out += "  - " + missing + "\n" }
    }
    if let findings = whyNot.findings, !findings.items.isEmpty {
      out += "\n" + findings.title + ":\n"
      for item in findings.items { out += "  " + item.text + "\n" }
    }
    if !whyNot.repairs.isEmpty {
      let count = whyNot.repairs.count
      out += "\n" + (count == 1 ? "1 repair:" : "\(count) repairs, best first:") + "\n"
    }
    for (k, repair) in whyNot.repairs.enumerated() {
      if k == Self.repairsShownInText {
        out += "  ... and \(whyNot.repairs.count - k) more (`--format json` lists them all)\n"
        break
      }
      out += "  \(k + 1). " + repairColor(repair.summary, repair.action)
      if let origin = repair.origin { out += "  " + dim("[fact \(origin.description)]") }
      out += "\n"
      if repair.description != nil { out += "       = " + dim(repair.rawSummary) + "\n" }
      for condition in repair.conditions {
        out += "       if " + condition + "\n"
      }
      for step in repair.chain {
        out += "       via " + bold(step.goal) + instantiatedBody(step.ruleText)
        out += " " + dim("[\(step.source?.description ?? "?")]") + "\n"
      }
    }
    if !whyNot.partials.isEmpty {
      out += "\nclosest partial matches:\n"
      for partial in whyNot.partials {
        out += "  closest: rule at " + (partial.source?.description ?? "?")
        out += " — holds: "
        out += partial.satisfied.isEmpty ? "nothing" : partial.satisfied.joined(separator: ", ")
        out += "; fails: " + bold(partial.failing) + "; " + partial.reason + "\n"
        out += "       " + dim(partial.ruleText) + "\n"
      }
    }
    if let limit = whyNot.stoppedBy {
      out += "\nnote: this answer is partial: the search stopped at its budget of "
      out += Self.budgetText(limit, whyNot.budget)
      out += "; the repairs above are those found so far\n"
    } else if whyNot.isTruncated {
      out += "\nnote: the search reached a bound (depth \(whyNot.depth)); "
      out += "there may be more repairs (raise `--depth`)\n"
    }
    return out
  }

  /// The bound that ran out, as text: `200000 sub-goals` or `20 seconds`.
  static func budgetText(_ limit: WhyNotBudget.Limit, _ budget: WhyNotBudget) -> String {
    switch limit {
    case .subgoals: return "\(budget.subgoals) sub-goals"
    case .time:
      let seconds =
        budget.seconds == budget.seconds.rounded()
        ? String(Int64(budget.seconds)) : String(budget.seconds)
      return "\(seconds) seconds"
    }
  }

  /// The rule's body after the goal it derives (` :- e(X, Y), !cut(Y).`), so that a chain
  /// line reads `via ok("a") :- e(X, Y), !cut(Y).`; the whole rule when it has no body.
  private func instantiatedBody(_ ruleText: String) -> String {
    guard let neck = ruleText.range(of: " :- ") else { return "  by " + ruleText }
    return " :-" + ruleText[neck.upperBound...].description.withLeadingSpace
  }
}

extension String {
  fileprivate var withLeadingSpace: String { " " + self }
}
