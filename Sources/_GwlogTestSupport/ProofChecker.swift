import GwlogEngine

/// Validates every step of a proof returned by the engine, independently of the engine: only
/// the program's AST, the reference model and the reference heights are trusted.
///
/// Checked per node:
/// - the nodes form a tree rooted at node 0 (children are later nodes, one parent each), and
///   the root is a `fact` or `rule` node;
/// - `fact`: the tuple is an input fact (a ground clause) of the program, at height 0;
/// - `rule`: the rule id names a clause with a body (numbered in source order); the
///   bindings bind exactly the rule's variables outside aggregates; the head instantiated
///   with them is the node's tuple; there is one child per body literal, in body order: a
///   positive atom's child is a `fact`/`rule`/`reference` node whose tuple the instantiated
///   atom matches and whose height is strictly smaller; a negated atom's child is a
///   `negation` leaf and no model tuple matches the atom; a comparison or built-in's child
///   is a `builtin` leaf and it holds; `V = aggregate` has an `aggregate` leaf and holds for
///   the value the reference computes over the group; the node's height is 1 + the largest
///   positive child height (0 if none);
/// - `reference`: the same tuple is proved by a `fact` or `rule` node of the tree, at the same
///   height;
/// - every atom node's tuple is in the reference model, at no less than its minimal height.
public struct ProofChecker {
  private let evaluator: ReferenceEvaluator
  private let model: [String: Set<[Value]>]
  private let heights: [String: [[Value]: Int]]
  /// The clauses with a body, in source order: index = global rule id.
  private let rules: [Clause]
  private let inputFacts: [String: Set<[Value]>]

  /// A checker for proofs over `program`, whose reference model and minimal heights are
  /// `model` and `heights`; throws a `ReferenceError` if a fact cannot be evaluated.
  public init(program: Program, model: [String: Set<[Value]>], heights: [String: [[Value]: Int]])
    throws
  {
    let evaluator = ReferenceEvaluator(model: model, program: program)
    let clauses = ReferenceEvaluator.clauses(program)
    var facts: [String: Set<[Value]>] = [:]
    for clause in clauses where clause.body.isEmpty {
      let tuple = try clause.head.arguments.map { try evaluator.value($0, [:]) }
      facts[clause.head.name, default: []].insert(tuple)
    }
    self.evaluator = evaluator
    self.model = model
    self.heights = heights
    self.rules = clauses.filter { !$0.body.isEmpty }
    self.inputFacts = facts
  }

  /// Every problem found in `proof`, one readable line each; empty when the proof is valid.
  public func check(_ proof: Proof) -> [String] {
    let nodes = proof.nodes
    guard let root = nodes.first else { return ["the proof has no nodes"] }
    var problems: [String] = []
    var parents = [Int](repeating: 0, count: nodes.count)
    for (i, node) in nodes.enumerated() {
      for child in node.children {
        guard child > i, child < nodes.count else {
          problems.append("\(describe(i, nodes)): child \(child) is not a later node")
          continue
        }
        parents[child] += 1
      }
    }
    for i in nodes.indices.dropFirst() where parents[i] != 1 {
      problems.append("\(describe(i, nodes)): has \(parents[i]) parents, not 1")
    }
    // A broken structure makes the per-node checks meaningless (and could index out of range).
    guard problems.isEmpty else { return problems }
    if root.kind != .fact && root.kind != .rule {
      problems.append("\(describe(0, nodes)): the root is a `\(root.kind.rawValue)` node")
    }
    var proved: [Key: Int] = [:]
    for node in nodes where node.kind == .fact || node.kind == .rule {
      if let relation = node.relation { proved[Key(relation, node.values)] = node.height }
    }
    for i in nodes.indices {
      let problem = { (text: String) in problems.append("\(self.describe(i, nodes)): \(text)") }
      let node = nodes[i]
      switch node.kind {
      case .fact:
        checkAtomNode(node, problem)
        if !node.children.isEmpty { problem("a fact has children") }
        if let relation = node.relation, inputFacts[relation]?.contains(node.values) != true {
          problem("not an input fact of the program")
        }
        if node.height != 0 { problem("an input fact has height \(node.height), not 0") }
      case .rule:
        checkAtomNode(node, problem)
        checkRule(node, nodes, problem)
      case .reference:
        checkAtomNode(node, problem)
        if !node.children.isEmpty { problem("a reference has children") }
        if let relation = node.relation {
          if let height = proved[Key(relation, node.values)] {
            if height != node.height {
              problem("referenced at height \(node.height) but proved at height \(height)")
            }
          } else {
            problem("refers to a tuple that no fact or rule node of the proof proves")
          }
        }
      case .negation, .builtin, .aggregate:
        // Checked against its literal by the parent rule node.
        if !node.children.isEmpty { problem("a `\(node.kind.rawValue)` leaf has children") }
      case .missing, .blocked:
        problem("a why-not node (`\(node.kind.rawValue)`) inside a proof")
      }
    }
    return problems
  }

  // MARK: Nodes

  /// A relation and its values, as a dictionary key.
  private struct Key: Hashable {
    var relation: String
    var values: [Value]
    init(_ relation: String, _ values: [Value]) {
      self.relation = relation
      self.values = values
    }
  }

  private func describe(_ i: Int, _ nodes: [ProofNode]) -> String {
    let node = nodes[i]
    let rule = node.rule.map { " (rule \($0))" } ?? ""
    return "node \(i) \(node.kind.rawValue) `\(node.text)`\(rule)"
  }

  /// Checks shared by fact, rule and reference nodes: a tuple of the model, not below its
  /// minimal height.
  private func checkAtomNode(_ node: ProofNode, _ problem: (String) -> Void) {
    guard let relation = node.relation else {
      problem("an atom node without a relation")
      return
    }
    guard model[relation]?.contains(node.values) == true else {
      problem("`\(relation)\(text(node.values))` is not in the reference model")
      return
    }
    if let minimal = heights[relation]?[node.values], node.height < minimal {
      problem("height \(node.height) is below the minimal height \(minimal)")
    }
  }

  private func checkRule(_ node: ProofNode, _ nodes: [ProofNode], _ problem: (String) -> Void) {
    guard let id = node.rule, rules.indices.contains(id) else {
      problem("no rule with id \(node.rule.map(String.init) ?? "nil")")
      return
    }
    let clause = rules[id]
    if node.relation != clause.head.name {
      problem("rule \(id) derives `\(clause.head.name)`, not `\(node.relation ?? "nil")`")
    }
    var binding: [String: Value] = [:]
    for (name, value) in node.bindings where binding.updateValue(value, forKey: name) != nil {
      problem("variable `\(name)` is bound twice")
    }
    let outer = outerVariables(clause)
    let missing = outer.subtracting(binding.keys).sorted()
    let extra = Set(binding.keys).subtracting(outer).sorted()
    if !extra.isEmpty { problem("bindings for variables not in the rule: \(extra)") }
    guard missing.isEmpty else {
      let note = node.detail.map { " (the node says: \($0))" } ?? ""
      problem("no binding for \(missing) in `\(ProgramText.render(clause))`\(note)")
      return
    }
    do {
      let head = try clause.head.arguments.map { try evaluator.value($0, binding) }
      if head != node.values {
        problem("the head instantiated is `\(clause.head.name)\(text(head))`")
      }
    } catch {
      problem("the head cannot be evaluated: \(error)")
    }
    guard node.children.count == clause.body.count else {
      problem("\(node.children.count) children for \(clause.body.count) body literals")
      return
    }
    checkBody(node, clause, binding, nodes, problem)
  }

  /// Checks each body literal of a rule node against its child, and the node's height.
  private func checkBody(
    _ node: ProofNode, _ clause: Clause, _ binding: [String: Value], _ nodes: [ProofNode],
    _ problem: (String) -> Void
  ) {
    var highest = 0
    let scope = ReferenceEvaluator.Scope(clause)
    for (literal, index) in zip(clause.body, node.children) {
      let child = nodes[index]
      let shown = "`\(ProgramText.render(instantiate(literal, binding)))`"
      func complain(_ text: String) { problem("body literal \(shown): \(text)") }
      do {
        switch literal {
        case .positive(let atom)
        where !ReferenceEvaluator.isBuiltin(atom, defined: evaluator.defined):
          guard [.fact, .rule, .reference].contains(child.kind) else {
            complain("its child is a `\(child.kind.rawValue)` node")
            continue
          }
          if child.relation != atom.name {
            complain("its child is a tuple of `\(child.relation ?? "nil")`")
          } else if try evaluator.match(atom.arguments, child.values, binding) == nil {
            complain("does not match its child `\(child.text)`")
          }
          if child.height >= node.height {
            complain("child height \(child.height) is not below \(node.height)")
          }
          highest = max(highest, child.height)
        case .positive:
          try expect(.builtin, child, literal, binding, scope, complain)
        case .negative(let atom, _):
          try expect(.negation, child, literal, binding, scope, complain)
          if let relation = child.relation, relation != atom.name {
            complain("its negation leaf names `\(relation)`")
          }
        case .comparison(.aggregate(let aggregate), _, _, _),
          .comparison(_, _, .aggregate(let aggregate), _):
          try expect(.aggregate, child, literal, binding, scope, complain)
          let value = try evaluator.aggregate(aggregate, binding, scope)
          if let detail = child.detail, detail.hasPrefix("= "),
            !detail.hasPrefix("= \(value.map(\.description) ?? "nothing") ")
          {
            complain(
              "shows `\(detail)` but the aggregate is \(value.map(\.description) ?? "empty")")
          }
        case .comparison:
          try expect(.builtin, child, literal, binding, scope, complain)
        }
      } catch {
        complain("cannot be evaluated: \(error)")
      }
    }
    if node.height != highest + 1 {
      problem("height \(node.height), but 1 + the largest positive child height is \(highest + 1)")
    }
  }

  /// Checks a leaf's kind and that its literal holds under the binding.
  private func expect(
    _ kind: ProofNode.Kind, _ child: ProofNode, _ literal: Literal, _ binding: [String: Value],
    _ scope: ReferenceEvaluator.Scope, _ complain: (String) -> Void
  ) throws {
    if child.kind != kind {
      complain("its child is a `\(child.kind.rawValue)` node, not `\(kind.rawValue)`")
    }
    if try evaluator.step(literal, binding, scope).isEmpty { complain("does not hold") }
  }

  // MARK: Terms

  /// The variables a rule binds: those of the head and body outside aggregates, except the
  /// variables local to negated atoms (which no instance binds).
  private func outerVariables(_ clause: Clause) -> Set<String> {
    var names = Set(clause.head.arguments.flatMap(evaluator.variables))
    for literal in clause.body {
      switch literal {
      case .positive(let a), .negative(let a, _):
        names.formUnion(a.arguments.flatMap(evaluator.variables))
      case .comparison(let l, _, let r, _):
        names.formUnion(evaluator.variables(l) + evaluator.variables(r))
      }
    }
    return names.subtracting(ReferenceEvaluator.negationLocals(clause))
  }

  /// A literal with bound variables replaced by their values, for messages.
  private func instantiate(_ literal: Literal, _ b: [String: Value]) -> Literal {
    switch literal {
    case .positive(var a):
      a.arguments = a.arguments.map { instantiate($0, b) }
      return .positive(a)
    case .negative(var a, let s):
      a.arguments = a.arguments.map { instantiate($0, b) }
      return .negative(a, s)
    case .comparison(let l, let op, let r, let s):
      return .comparison(instantiate(l, b), op, instantiate(r, b), s)
    }
  }

  private func instantiate(_ term: Term, _ b: [String: Value]) -> Term {
    switch term {
    case .variable(let name, let span):
      switch b[name] {
      case .symbol(let s)?: return .symbol(s, span)
      case .integer(let i)?: return .integer(i, span)
      case nil: return term
      }
    case .binary(let op, let l, let r, let s):
      return .binary(op, instantiate(l, b), instantiate(r, b), s)
    case .negate(let t, let s): return .negate(instantiate(t, b), s)
    case .call(let f, let args, let s): return .call(f, args.map { instantiate($0, b) }, s)
    default: return term
    }
  }

  private func text(_ values: [Value]) -> String {
    "(" + values.map(\.description).joined(separator: ", ") + ")"
  }
}
