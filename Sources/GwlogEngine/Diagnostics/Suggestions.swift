/// "Did you mean" suggestions by edit distance, for relation names, options and commands.
public enum Suggestions {
  /// The candidate closest to `word`, if it is close enough to be a plausible typo.
  public static func closest(to word: String, among candidates: [String]) -> String? {
    let target = Array(word.lowercased().utf8)
    var best: (String, Int)?
    for candidate in candidates.sorted() {
      let distance = editDistance(target, Array(candidate.lowercased().utf8))
      let allowed = max(1, min(3, target.count / 3))
      if distance <= allowed, distance < target.count, best.map({ distance < $0.1 }) ?? true {
        best = (candidate, distance)
      }
    }
    return best?.0
  }

  /// Edit distance over bytes counting insertions, deletions, substitutions and swaps of
  /// adjacent bytes (optimal string alignment), so `edeg` is one edit from `edge`.
  public static func editDistance(_ a: [UInt8], _ b: [UInt8]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var twoBack = [Int](repeating: 0, count: b.count + 1)
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
      current[0] = i
      for j in 1...b.count {
        let cost = a[i - 1] == b[j - 1] ? 0 : 1
        current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
        if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
          current[j] = min(current[j], twoBack[j - 2] + 1)
        }
      }
      (twoBack, previous, current) = (previous, current, twoBack)
    }
    return previous[b.count]
  }
}
