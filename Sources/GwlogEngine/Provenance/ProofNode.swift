/// The proof and why-not model: what `explain` returns for any program.
///
/// A proof is a tree stored flat (`Proof.nodes`, children by index, root first) so that deep
/// proofs (a chain of thousands of steps) are built, rendered and freed without recursion.

/// Where a rule or an input fact comes from: `file:line`, or an importer's JSON pointer.
public typealias SourceReference = FactOrigin

/// One step of a proof or why-not.
public struct ProofNode: Sendable {
  /// What the node stands for.
  public enum Kind: String, Sendable {
    /// An input fact (a leaf).
    case fact
    /// A derived tuple and the rule instance that derives it; children are its body.
    case rule
    /// A negated atom that holds because no such tuple exists (a leaf).
    case negation
    /// A comparison or built-in that was checked and holds (a leaf).
    case builtin
    /// An aggregate with its value over its group (a leaf).
    case aggregate
    /// Why-not: a fact that is missing.
    case missing
    /// Why-not: a present fact that blocks a negation.
    case blocked
    /// A tuple whose proof appears earlier in the same tree (shared sub-proof).
    case reference
  }

  /// A reference node's detail: its sub-proof is printed once elsewhere in the same tree (the
  /// text tree says whether above or below; JSON and DOT carry this).
  public static let provedElsewhere = "proved elsewhere in this proof"

  /// The kind of step.
  public var kind: Kind
  /// The atom or condition as source text, such as `path(1, 3)` or `X < 3`.
  public var text: String
  /// The relation, for atom nodes.
  public var relation: String?
  /// The atom's values, for atom nodes (fact, rule, negation, missing, blocked, reference).
  public var values: [Value]
  /// The global rule id, for rule nodes.
  public var rule: Int?
  /// The rule as source text, for rule nodes.
  public var ruleText: String?
  /// The rule's location (rule nodes) or the fact's origin (fact nodes).
  public var source: SourceReference?
  /// The proof height of the tuple (0 for input facts; unused for conditions).
  public var height: Int
  /// The rule's variable bindings in this instance, sorted by name (rule nodes).
  public var bindings: [(variable: String, value: Value)]
  /// Extra detail: an aggregate's value and group, a comparison's operands.
  public var detail: String?
  /// Children, as indexes into `Proof.nodes`, in the rule's body order.
  public var children: [Int]

  /// Creates a node.
  public init(
    kind: Kind, text: String, relation: String? = nil, values: [Value] = [], rule: Int? = nil,
    ruleText: String? = nil, source: SourceReference? = nil, height: Int = 0,
    bindings: [(variable: String, value: Value)] = [], detail: String? = nil,
    children: [Int] = []
  ) {
    self.kind = kind
    self.text = text
    self.relation = relation
    self.values = values
    self.rule = rule
    self.ruleText = ruleText
    self.source = source
    self.height = height
    self.bindings = bindings
    self.detail = detail
    self.children = children
  }
}

/// A proof tree of one tuple, stored flat; `nodes[0]` is the root.
public struct Proof: Sendable {
  /// The nodes; children refer to later indexes.
  public var nodes: [ProofNode]
  /// Why a derived tuple of the proof could not be rebuilt (its node then has no rule);
  /// nil for a complete proof.
  ///
  /// `explain` reports it as an error instead of the proof.
  public var failure: Diagnostic?

  /// Creates a proof.
  public init(nodes: [ProofNode]) { self.nodes = nodes }

  /// The root node.
  public var root: ProofNode? { nodes.first }
}

/// One step of a repair's chain: the goal at that level and the rule that would derive it.
public struct RepairStep: Sendable {
  /// The (possibly partly instantiated) goal, as source text; `_` marks an unknown value.
  public var goal: String
  /// The global rule id used at this level.
  public var rule: Int
  /// The rule as source text.
  public var ruleText: String
  /// The rule's location.
  public var source: SourceReference?
}

/// A single-fact change that would make the goal hold.
public struct Repair: Sendable {
  /// Add a missing fact, or remove a fact that blocks a negation.
  public enum Action: String, Sendable {
    case add, remove
  }

  /// What to do.
  public var action: Action
  /// The fact, as source text; `_` marks a value that any choice satisfying `conditions` fits.
  public var fact: String
  /// The fact's relation.
  public var relation: String
  /// The fact's values; nil where any value fits.
  public var values: [Value?]
  /// The chain of rules from the goal down to the fact (empty when the goal itself is the
  /// missing fact).
  public var chain: [RepairStep]
  /// Conditions the free values must also meet (negations and comparisons not yet decided).
  public var conditions: [String]
  /// For `remove`: where the blocking fact came from.
  public var origin: SourceReference?

  /// The host's phrasing of the change in the user's terms, if a describer is registered.
  ///
  /// For example "grant roles/run.invoker to … on …" (see `Workspace.repairDescriber`).
  public var description: String?

  /// What the chain rests on, level by level: the deriving rule and height of each fact.
  ///
  /// For each fact a rule instance matched: the rule that derived it (0 for an input fact)
  /// and its height. Repairs otherwise equal are
  /// ordered by it (direct before through a group, near before far), so that the order does
  /// not depend on the order the facts were loaded in.
  var support: [UInt32] = []

  /// `add fact` or `remove fact`.
  public var rawSummary: String { "\(action.rawValue) `\(fact)`" }

  /// The host's description when there is one, else `add fact` / `remove fact`.
  public var summary: String { description ?? rawSummary }
}

/// The closest a rule got to deriving the goal, when no single fact suffices.
public struct PartialMatch: Sendable {
  /// The rule.
  public var rule: Int
  /// The rule as source text.
  public var ruleText: String
  /// The rule's location.
  public var source: SourceReference?
  /// The body literals that hold, instantiated, in body order.
  public var satisfied: [String]
  /// The first literal that fails, instantiated as far as known.
  public var failing: String
  /// Why it cannot be repaired by one fact (fixed relation, comparison, depth bound, ...).
  public var reason: String
}

/// Why a goal does not hold: every single-fact repair found within the depth bound, or the
/// closest partial matches when there is none.
public struct WhyNot: Sendable {
  /// The goal as written.
  public var goal: String
  /// Repairs, best first (shortest chain, then source order).
  public var repairs: [Repair]
  /// Closest partial matches per rule (filled when `repairs` is empty).
  public var partials: [PartialMatch]
  /// Whether a bound (depth, instantiations, repairs) cut the search short.
  public var isTruncated: Bool
  /// The depth bound used.
  public var depth: Int
  /// The budget bound that stopped the search before it finished (then the repairs are
  /// only those found so far); nil when the search finished.
  public var stoppedBy: WhyNotBudget.Limit?
  /// The budget the search had.
  public var budget = WhyNotBudget()
  /// Whether the goal has variables (then it "has no answers" rather than "does not hold").
  public var hasVariables: Bool = false
  /// The goal's arguments after alias rewriting: the value of each constant, nil for each
  /// variable or wildcard (hosts ask their own questions about the same tuple).
  public var goalValues: [Value?] = []

  /// A host's own diagnosis of the goal, shown after the first line (for example the
  /// causes a model finds); nil for none.
  public var findings: Findings?
  /// When the host finds the goal neither true nor false on what was loaded: each input that
  /// would decide it, most relevant first (empty for a plain "does not hold").
  public var undetermined: [String] = []

  /// `no`, or `unknown` when the host found the goal undetermined.
  public var verdict: String { undetermined.isEmpty ? "no" : "unknown" }

  /// `does not hold` for a ground goal, `has no answers` for a goal with variables.
  public var verb: String { hasVariables ? "has no answers" : "does not hold" }
}

/// A host's diagnosis shown with a why-not: a titled list of items, each a line of text and
/// the same content as named fields (for JSON).
public struct Findings: Sendable {
  /// One finding.
  public struct Item: Sendable {
    /// The fields, in order (JSON members).
    public var fields: [(name: String, value: String)]
    /// The finding as one line of text.
    public var text: String

    /// Creates a finding.
    public init(fields: [(name: String, value: String)], text: String) {
      self.fields = fields
      self.text = text
    }
  }
  /// The section's title in text (`causes found by the Google Cloud model`).
  public var title: String
  /// The section's member name in JSON (`causes`).
  public var key: String
  /// The findings, most relevant first.
  public var items: [Item]

  /// Creates a section of findings.
  public init(title: String, key: String, items: [Item]) {
    self.title = title
    self.key = key
    self.items = items
  }
}

/// The answer to `explain`: a proof when the goal holds, a why-not otherwise.
public enum Explanation: Sendable {
  case proof(Proof)
  case whyNot(WhyNot)
}
