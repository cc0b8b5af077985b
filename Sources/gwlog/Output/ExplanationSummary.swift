import GwlogCloud
import GwlogEngine

/// The text `explain` prints for a goal that is not a gateway/backend pair: the verdict and
/// goal first, then a small proof tree or the best repair and a few alternatives; with
/// `--proof` the whole proof or every repair with its rule chain.
enum ExplanationSummary {
  /// Proofs of at most this many steps are printed without `--proof`.
  static let smallProof = 20

  /// The explanation as text ending in a newline.
  static func text(
    _ explanation: Explanation, limit: Int?, verbose: Bool, renderer: ProofRenderer
  ) -> String {
    switch explanation {
    case .proof(let proof):
      let goal = proof.root?.text ?? "the goal"
      var out = lines("yes: " + TextLayout.shorteningNames(goal) + " holds")
      if verbose || proof.nodes.count <= smallProof {
        return out + "\n" + renderer.text(proof)
      }
      out += "its proof has \(proof.nodes.count) steps; `--proof` prints the tree\n"
      return out
    case .whyNot(let explained):
      var whyNot = explained
      var out = lines(
        "\(whyNot.verdict): " + TextLayout.shorteningNames(whyNot.goal) + " \(whyNot.verb)")
      let found = whyNot.repairs.count
      if let limit { whyNot.repairs = Array(whyNot.repairs.prefix(limit)) }
      if found > 0 && whyNot.repairs.isEmpty {
        return out + "\(found) repairs found, none shown (`--limit 0`)\n"
      }
      if verbose || whyNot.repairs.isEmpty {
        // The engine's text after its first line, which the line above replaces.
        let full = renderer.text(whyNot)
        let rest = full.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false)
        out += rest.count > 1 ? String(rest[1]) : ""
        if found > whyNot.repairs.count {
          out += "  … and \(found - whyNot.repairs.count) more beyond `--limit`\n"
        }
        return out
      }
      out += lines("fix: " + TextLayout.shorteningNames(whyNot.repairs[0].summary))
      let alternatives = whyNot.repairs.dropFirst().prefix(PairReport.defaultAlternatives)
      if !alternatives.isEmpty { out += "\nor:\n" }
      for (k, repair) in alternatives.enumerated() {
        let line = "  \(k + 2). " + TextLayout.shorteningNames(repair.summary)
        out += TextLayout.truncated(line, maximum: TextLayout.width) + "\n"
      }
      let hidden = found - 1 - alternatives.count
      if hidden > 0 {
        out +=
          whyNot.repairs.count < found
          ? "  … and \(hidden) more beyond `--limit`\n"
          : "  … and \(hidden) more: `--proof` lists every repair with its rule chain\n"
      } else {
        out += "`--proof` adds the rule chain of each repair\n"
      }
      return out
    }
  }

  /// `text` wrapped to the width, each line ending in a newline.
  private static func lines(_ text: String) -> String {
    TextLayout.wrap(text).map { $0 + "\n" }.joined()
  }
}
