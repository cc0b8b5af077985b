/// What analysis knows about one relation.
public struct RelationInfo: Sendable {
  /// The relation name.
  public var name: String
  /// Columns per tuple.
  public var arity: Int
  /// Declared column types (nil = untyped); all nil when undeclared.
  public var types: [ColumnType?]
  /// Where it was declared, if it was.
  public var declaration: SourceSpan?
  /// Its first use (for arity-mismatch notes).
  public var firstUse: SourceSpan
  /// Named by `.input` (loaded from the facts directory).
  public var isInput = false
  /// Named by `.output` or `.printsize`.
  public var isOutput = false
  /// Named by `.fixed` (not repairable in why-not).
  public var isFixed = false
  /// Has ground facts in the sources (or fact files).
  public var hasFacts = false
  /// Is the head of at least one rule.
  public var hasRules = false
  /// Parameters of its `.input` directive (`filename`, `delimiter`, ...).
  public var inputParameters: [(key: String, value: String)] = []
}

/// A rule after analysis: its global id, head relation and clause.
struct CheckedRule {
  /// Global rule id (index in `CheckedProgram.rules`), stored in provenance.
  let id: Int
  /// The head relation id.
  let head: Int
  /// The clause as parsed.
  let clause: Clause
  /// Relation ids of body atoms (positive, negated, inside aggregates), with the kind.
  let dependencies: [(relation: Int, kind: DependencyKind, span: SourceSpan)]
  /// Variables that occur outside aggregates (`TermWalk.outerNames(of:)`), computed once.
  ///
  /// An aggregate that mentions one of them waits until it is bound. Negation-local
  /// variables are left out, as nothing binds them.
  let outerNames: Set<String>
  /// Variables local to the rule's negated atoms (`NegationLocals`): never bound, matched
  /// anew by each negation that names them.
  let negationLocals: Set<String>

  /// A rule with the given id, head and clause; `outerNames` and `negationLocals` are
  /// computed from the clause.
  init(
    id: Int, head: Int, clause: Clause,
    dependencies: [(relation: Int, kind: DependencyKind, span: SourceSpan)]
  ) {
    self.id = id
    self.head = head
    self.clause = clause
    self.dependencies = dependencies
    negationLocals = NegationLocals.names(in: clause)
    outerNames = TermWalk.outerNames(of: clause).subtracting(negationLocals)
  }
}

/// How a rule's head depends on a body relation.
enum DependencyKind: Sendable {
  case positive, negative, aggregate
}

/// One stratum: a strongly connected component of the dependency graph.
struct Stratum {
  /// Relations defined in it.
  let relations: [Int]
  /// Rules whose head is in it, in source order.
  let rules: [Int]
  /// Whether some rule reads a relation of the same stratum.
  let isRecursive: Bool
}

/// A ground fact written in a program (as opposed to bulk fact files).
struct ProgramFact {
  let relation: Int
  let atom: Atom
}

/// The output of analysis and the input to planning: numbered relations and rules, strata in
/// evaluation order, and the program's own facts.
struct CheckedProgram {
  var relations: [RelationInfo] = []
  var relationIDs: [String: Int] = [:]
  /// Every rule, at its id; added with `add(_:)`, which keeps `rulesByHead` in step.
  private(set) var rules: [CheckedRule] = []
  /// Rule ids by head relation id, in id order; relations after the last head are left out
  /// (use `rules(withHead:)`).
  private(set) var rulesByHead: [[Int]] = []
  var strata: [Stratum] = []
  var facts: [ProgramFact] = []
  var queries: [Query] = []
  /// Names defined by the user (declared, with facts or rules, or `.input`): these shadow
  /// built-ins of the same name.
  var userDefined: Set<String> = []
  /// The built-ins the program may call.
  var builtins = BuiltinRegistry.standard
  /// Demand relations added by goal-directed evaluation (`DemandRewrite`); their atoms do
  /// not count towards the heights of derived tuples.
  var demandRelations: Set<Int> = []

  /// Appends a rule; its id must be `rules.count`.
  mutating func add(_ rule: CheckedRule) {
    if rulesByHead.count <= rule.head {
      rulesByHead += Array(repeating: [], count: rule.head + 1 - rulesByHead.count)
    }
    rulesByHead[rule.head].append(rule.id)
    rules.append(rule)
  }

  /// The ids of the rules with head `relation`, in id order (none for an id with no rules,
  /// such as a relation added after this program by a goal-directed rewrite).
  func rules(withHead relation: Int) -> [Int] {
    relation >= 0 && relation < rulesByHead.count ? rulesByHead[relation] : []
  }

  /// The built-in predicate an atom calls, if it is one.
  func builtin(for atom: Atom) -> BuiltinPredicate? {
    if userDefined.contains(atom.name) { return nil }
    return builtins.predicate(atom.name, arity: atom.arguments.count)
  }
}
