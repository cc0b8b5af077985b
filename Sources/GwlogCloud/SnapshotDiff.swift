import GwlogEngine

/// A gateway/backend pair whose verdict differs between two snapshots, with why.
public struct VerdictChange: Sendable {
  /// The gateway's canonical name.
  public var gateway: String
  /// The backend's canonical name.
  public var backend: String
  /// `yes`, `no` or `unknown` in the old snapshot; nil where the pair is not routed there.
  public var old: String?
  /// The same in the new snapshot.
  public var new: String?
  /// The model's causes on the side that does not work (the new one when neither does):
  /// `L6 missing-permission: grant ...`, or for `unknown` each input that would decide it.
  public var causes: [String]
  /// Whether `causes` are those of the old snapshot (the new one works).
  public var causesAreOld: Bool
  /// The input facts of either side's proofs that the other side does not have.
  public var facts: [ChangedFact]

  /// Whether the pair could invoke in the old snapshot and cannot (for certain) in the new.
  public var isLost: Bool { old == "yes" && new != "yes" }
  /// Whether the pair can invoke in the new snapshot and could not (for certain) before.
  public var isGained: Bool { new == "yes" && old != "yes" }
}

/// An input fact one snapshot has and the other does not.
public struct ChangedFact: Sendable, Hashable {
  /// Whether the fact is only in the new snapshot (added) or only in the old (removed).
  public var isAdded: Bool
  /// The fact as source text.
  public var fact: String
  /// Where it was read.
  public var origin: FactOrigin
}

/// Compares the verdicts of two evaluated workspaces with the Google Cloud model, pair by
/// pair (`ModelSession.verdicts`), and explains each change by the input facts of its
/// proofs: the proof of `canInvoke` where the pair works, of each `invokeProblem` where it
/// fails, of each `canInvokeUnknown` where it is unknown.
public enum SnapshotDiff {
  /// Every pair whose verdict changed, sorted by gateway and backend.
  public static func changes(old: Workspace, new: Workspace) throws -> [VerdictChange] {
    let before = try verdicts(in: old)
    let after = try verdicts(in: new)
    var keys = Set(before.keys).union(after.keys).sorted { a, b in
      a.gateway != b.gateway ? a.gateway < b.gateway : a.backend < b.backend
    }
    keys.removeAll { before[$0]?.verdict == after[$0]?.verdict }
    var oldFacts = FactIndex(workspace: old)
    var newFacts = FactIndex(workspace: new)
    return keys.map { key in
      let (o, n) = (before[key], after[key])
      let failing = n?.verdict != "yes" ? (new, n) : (old, o)
      let removed = leaves(of: key, o?.verdict, in: old).filter { !newFacts.contains($0) }
      let added = leaves(of: key, n?.verdict, in: new).filter { !oldFacts.contains($0) }
      var facts = removed.map { ChangedFact(isAdded: false, fact: $0.text, origin: $0.origin) }
      // What took a removed fact's place: the other side's new facts about the same thing.
      facts += removed.flatMap { newFacts.replacements(of: $0, absentFrom: &oldFacts, added: true) }
      facts += added.map { ChangedFact(isAdded: true, fact: $0.text, origin: $0.origin) }
      facts += added.flatMap { oldFacts.replacements(of: $0, absentFrom: &newFacts, added: false) }
      var seen = Set<ChangedFact>()
      return VerdictChange(
        gateway: key.gateway, backend: key.backend, old: o?.verdict, new: n?.verdict,
        causes: causes(of: key, failing.1, in: failing.0), causesAreOld: n?.verdict == "yes",
        facts: facts.filter { seen.insert($0).inserted })
    }
  }

  /// At most this many facts are shown as having taken one fact's place.
  static let maximumReplacements = 5

  /// A pair of canonical names.
  struct Pair: Hashable {
    var gateway: String
    var backend: String
  }

  /// One input fact of a proof.
  struct Leaf {
    var relation: String
    var values: [Value]
    var text: String
    var origin: FactOrigin
  }

  private static func verdicts(in workspace: Workspace) throws -> [Pair: PairVerdict] {
    let goal = try workspace.parseGoal("canInvoke(Gateway_, Backend_)", path: "<diff>")
    var out: [Pair: PairVerdict] = [:]
    for verdict in try ModelSession.verdicts(for: goal, in: workspace) ?? [] {
      out[Pair(gateway: verdict.gateway, backend: verdict.backend)] = verdict
    }
    return out
  }

  /// The model's causes of a pair that does not work: its `invokeProblem` rows, or what an
  /// unknown verdict is missing.
  private static func causes(of pair: Pair, _ verdict: PairVerdict?, in workspace: Workspace)
    -> [String]
  {
    guard let verdict, verdict.verdict != "yes" else { return [] }
    if verdict.verdict == "unknown" { return verdict.missing.map { "needs " + $0 } }
    return problems(of: pair, in: workspace).map { row in
      "\(text(row[2])) \(text(row[3])): \(text(row[4]))"
    }
  }

  /// The `invokeProblem` rows of a pair.
  private static func problems(of pair: Pair, in workspace: Workspace) -> [[Value]] {
    workspace.tuples(of: "invokeProblem").filter { row in
      row.count == 5 && row[0] == .symbol(pair.gateway) && row[1] == .symbol(pair.backend)
    }
  }

  /// The input facts (outside the model's files) of the proofs behind a pair's verdict.
  private static func leaves(of pair: Pair, _ verdict: String?, in workspace: Workspace)
    -> [Leaf]
  {
    let ends = [Value.symbol(pair.gateway), .symbol(pair.backend)]
    var proofs: [Proof] = []
    switch verdict {
    case "yes": proofs = [workspace.proof(of: "canInvoke", ends)].compactMap { $0 }
    case "no":
      proofs = problems(of: pair, in: workspace).compactMap {
        workspace.proof(of: "invokeProblem", $0)
      }
    case "unknown":
      proofs = workspace.tuples(of: "canInvokeUnknown").filter { Array($0.prefix(2)) == ends }
        .compactMap { workspace.proof(of: "canInvokeUnknown", $0) }
    default: break
    }
    if proofs.isEmpty, let routed = workspace.proof(of: "routed", ends) { proofs = [routed] }
    var out: [Leaf] = []
    for proof in proofs {
      for node in proof.nodes where node.kind == .fact {
        guard let origin = node.source, let relation = node.relation,
          !origin.file.hasPrefix(GoogleCloudModel.pathPrefix)
        else { continue }
        out.append(Leaf(relation: relation, values: node.values, text: node.text, origin: origin))
      }
    }
    return out
  }

  /// The input tuples of one workspace, read one relation at a time as asked.
  struct FactIndex {
    let workspace: Workspace
    var rows: [String: Set<[Value]>] = [:]

    /// Whether the workspace has the fact of `leaf`.
    mutating func contains(_ leaf: Leaf) -> Bool {
      contains(leaf.relation, leaf.values)
    }

    /// Whether the workspace has `relation(values)`.
    mutating func contains(_ relation: String, _ values: [Value]) -> Bool {
      tuples(of: relation).contains(values)
    }

    /// The tuples of `relation`, read once.
    mutating func tuples(of relation: String) -> Set<[Value]> {
      if let known = rows[relation] { return known }
      let read = Set(workspace.tuples(of: relation))
      rows[relation] = read
      return read
    }

    /// This workspace's facts of `leaf`'s relation about the same first value that `other`
    /// lacks (an ingress setting that replaced another), at most `maximumReplacements`.
    mutating func replacements(of leaf: Leaf, absentFrom other: inout FactIndex, added: Bool)
      -> [ChangedFact]
    {
      guard let first = leaf.values.first else { return [] }
      let candidates = tuples(of: leaf.relation).filter { $0.first == first && $0 != leaf.values }
        .sorted { Value.bytesLess($0.map(\.description).joined(), $1.map(\.description).joined()) }
      var out: [ChangedFact] = []
      for tuple in candidates where !other.contains(leaf.relation, tuple) {
        guard out.count < SnapshotDiff.maximumReplacements,
          let origin = workspace.proof(of: leaf.relation, tuple)?.root?.source
        else { continue }
        let text = leaf.relation + "(" + tuple.map(\.description).joined(separator: ", ") + ")"
        out.append(ChangedFact(isAdded: added, fact: text, origin: origin))
      }
      return out
    }
  }

  private static func text(_ value: Value) -> String {
    switch value {
    case .symbol(let s): return s
    case .integer(let i): return String(i)
    }
  }
}
