/// Rebuilds the minimal-height proof of a derived tuple from the recorded heights.
///
/// The proof is canonical, so it does not depend on how evaluation went (thread count,
/// goal-directed or full, row order): the first rule in program order that has an instance
/// whose positive body tuples all have smaller recorded heights (each then minimal itself),
/// and among that rule's instances the least by variable values, then body tuple values.
/// The search uses the relations' indexes and does not re-run the program. Construction is
/// iterative, so proofs thousands of steps deep need no deep recursion; a tuple met twice
/// in one tree is shown once and referenced.
struct ProofBuilder {
  /// The evaluated database.
  let database: Database
  /// The rules the proofs show: the original program also when the database came from a
  /// goal-directed rewrite of it.
  let program: CheckedProgram
  /// The sources, for the locations shown in proofs.
  let sources: SourceRegistry
  /// Most nodes in one proof; larger proofs end in `reference` nodes marked as cut.
  static let maximumNodes = 20_000
  /// Most instances of one rule compared when choosing the canonical one.
  static let maximumInstances = 10_000

  /// The proof of `row` of `relation`.
  func proof(relation: Int, row: Int) -> Proof {
    var nodes: [ProofNode] = []
    var seen: [Int: Int] = [:]  // relation << 32 | row → node index
    var work: [(node: Int, relation: Int, row: Int)] = []
    var failure: Diagnostic?
    nodes.append(placeholder(relation, row))
    work.append((0, relation, row))
    seen[relation << 32 | row] = 0
    while let item = work.popLast() {
      var node = nodes[item.node]
      let r = database.relations[item.relation]
      let tag = r.rule(ofRow: item.row)
      node.height = Int(r.heights[item.row])
      if Provenance.isInput(tag) {
        node.kind = .fact
        node.source = origin(of: r, row: item.row)
        nodes[item.node] = node
        continue
      }
      node.kind = .rule
      let found = canonicalInstance(relation: item.relation, row: item.row)
      guard let (rule, match) = found.instance else {
        node.detail = "no rule instance was found below height \(node.height)"
        nodes[item.node] = node
        failure = failure ?? unrebuilt(node.text, height: node.height, limited: found.limited)
        continue
      }
      node.rule = rule.id
      node.ruleText = Printer.clause(rule.clause)
      node.source = location(of: rule.clause.span)
      node.bindings = match.bindings.sorted { $0.key < $1.key }.map {
        (variable: $0.key, value: database.pool.value($0.value))
      }
      var children: [Int] = []
      for (k, literal) in rule.clause.body.enumerated() {
        let text = Printer.literal(
          Substitution.display(literal, match.bindings, pool: database.pool))
        switch match.evidence[k] {
        case .row(let childRelation, let childRow)?:
          let key = childRelation << 32 | childRow
          if let earlier = seen[key] {
            var ref = placeholder(childRelation, childRow)
            ref.kind = .reference
            ref.height = Int(database.relations[childRelation].heights[childRow])
            ref.detail = ProofNode.provedElsewhere
            _ = earlier
            nodes.append(ref)
          } else if nodes.count >= Self.maximumNodes {
            var cut = placeholder(childRelation, childRow)
            cut.kind = .reference
            cut.detail = "proof cut at \(Self.maximumNodes) nodes"
            nodes.append(cut)
          } else {
            seen[key] = nodes.count
            work.append((nodes.count, childRelation, childRow))
            nodes.append(placeholder(childRelation, childRow))
          }
        case .aggregate(let value, let count)?:
          nodes.append(
            ProofNode(
              kind: .aggregate, text: text,
              detail: "= \(database.pool.value(value)) over \(count) match"
                + (count == 1 ? "" : "es")))
        case .condition?, nil:
          if case .negative(let atom, _) = literal {
            // A negation-local variable met once reads as `_`: "no q(1, _)".
            let shown = Substitution.display(
              NegationLocals.shown(atom, locals: rule.negationLocals), match.bindings,
              pool: database.pool)
            nodes.append(
              ProofNode(
                kind: .negation, text: "no \(Printer.atom(shown))", relation: atom.name,
                values: groundValues(shown)))
          } else {
            nodes.append(ProofNode(kind: .builtin, text: text, detail: "holds"))
          }
        }
        children.append(nodes.count - 1)
      }
      node.children = children
      nodes[item.node] = node
    }
    var proof = Proof(nodes: nodes)
    proof.failure = failure
    return proof
  }

  /// The error for a derived tuple whose derivation cannot be rebuilt: a `limit` when the
  /// search for its instance hit a bound, else an internal error (the recorded rule and
  /// height must always have an instance; docs/language.md, "Proofs").
  private func unrebuilt(_ tuple: String, height: Int, limited: Bool) -> Diagnostic {
    if limited {
      return .error(
        .limit,
        "the proof of `\(tuple)` cannot be rebuilt: the search for its rule instance stopped at "
          + "a bound (\(BodyMatcher.defaultStepLimit) steps or \(Self.maximumInstances) instances)",
        help: "explain a goal closer to the inputs, or narrow the input")
    }
    return .error(
      .internalError,
      "the proof of `\(tuple)` cannot be rebuilt: no rule instance was found below height "
        + "\(height)",
      help: "this is a bug in gwlog; please report it with the program")
  }

  /// The canonical derivation of a row: the first rule with an instance below the row's
  /// height, and its least instance.
  ///
  /// `limited` tells whether a search bound may have hidden the instance.
  private func canonicalInstance(relation: Int, row: Int) -> (
    instance: (CheckedRule, BodyMatcher.Match)?, limited: Bool
  ) {
    let r = database.relations[relation]
    var limited = false
    for id in program.rules(withHead: relation) {
      let rule = program.rules[id]
      let (matches, truncated) = instances(of: rule, relation: r, row: row)
      limited = limited || truncated
      var best: BodyMatcher.Match?
      for match in matches where best.map({ less(match, $0, rule.clause.body) }) ?? true {
        best = match
      }
      if let best { return ((rule, best), limited) }
    }
    return (nil, limited)
  }

  /// Orders instances by their variables' values (variables by name), then by the values of
  /// the body tuples they matched (wildcards can make those differ).
  private func less(_ a: BodyMatcher.Match, _ b: BodyMatcher.Match, _ body: [Literal]) -> Bool {
    let pool = database.pool
    for name in a.bindings.keys.sorted() {
      guard let x = a.bindings[name], let y = b.bindings[name] else { continue }
      if x != y { return pool.less(x, y) }
    }
    for k in body.indices {
      guard case .row(let ra, let rowA)? = a.evidence[k],
        case .row(let rb, let rowB)? = b.evidence[k],
        ra == rb, rowA != rowB
      else { continue }
      let rel = database.relations[ra]
      for c in 0..<rel.arity {
        let x = rel.rows[rowA * rel.arity + c]
        let y = rel.rows[rowB * rel.arity + c]
        if x != y { return pool.less(x, y) }
      }
    }
    return false
  }

  /// The instances of `rule` deriving the row with every positive body tuple strictly lower
  /// (at most `maximumInstances`), and whether a bound of the search cut it short.
  private func instances(of rule: CheckedRule, relation r: Relation, row: Int)
    -> (matches: [BodyMatcher.Match], truncated: Bool)
  {
    let tuple = r.rows + row * r.arity
    var bindings: [String: UInt32] = [:]
    var checks: [(Term, UInt32)] = []
    for (c, arg) in rule.clause.head.arguments.enumerated() {
      switch arg {
      case .variable(let name, _):
        if let v = bindings[name], v != tuple[c] { return ([], false) }
        bindings[name] = tuple[c]
      default: checks.append((arg, tuple[c]))
      }
    }
    var matcher = BodyMatcher(database: database, program: program)
    matcher.heightBound = r.heights[row]
    matcher.indexesOnDemand = true
    matcher.outer = rule.outerNames
    var head: [(String, SourceSpan)] = []
    for t in rule.clause.head.arguments { TermWalk.allVariables(t, into: &head) }
    matcher.required = Set(head.map(\.0))
    matcher.negationLocals = rule.negationLocals
    matcher.solutionLimit = Self.maximumInstances
    // Head expressions (`f(X + 1)`) are checked once the body has bound their variables.
    let matches = matcher.solve(rule.clause.body, bindings: bindings).filter { match in
      checks.allSatisfy { matcher.value($0.0, match.bindings) == $0.1 }
    }
    let truncated = matcher.isTruncated || matcher.solutionCount >= Self.maximumInstances
    return (matches, truncated)
  }

  private func placeholder(_ relation: Int, _ row: Int) -> ProofNode {
    let r = database.relations[relation]
    let values = (0..<r.arity).map { database.pool.value(r.rows[row * r.arity + $0]) }
    let text = r.name + "(" + values.map(\.description).joined(separator: ", ") + ")"
    return ProofNode(kind: .fact, text: text, relation: r.name, values: values)
  }

  private func groundValues(_ atom: Atom) -> [Value] {
    atom.arguments.compactMap { t -> Value? in
      switch t {
      case .symbol(let s, _): return .symbol(s)
      case .integer(let i, _): return .integer(i)
      default: return nil
      }
    }
  }

  /// `file:line` of a span.
  func location(of span: SourceSpan) -> SourceReference? {
    guard let file = sources.file(span.file) else { return nil }
    return SourceReference(file: file.path, line: file.location(of: Int(span.start)).line)
  }

  /// Where an input row came from.
  func origin(of r: Relation, row: Int) -> SourceReference? {
    let tag = r.rule(ofRow: row)
    if tag & Provenance.originEntry != 0 {
      let index = Int(tag & Provenance.payloadMask)
      guard index < database.origins.count else { return nil }
      let o = database.origins[index]
      return SourceReference(file: o.file, line: o.line, path: o.path)
    }
    let path = r.inputFile(ofRow: row).flatMap { sources.file($0)?.path } ?? "?"
    return SourceReference(file: path, line: Int(tag & Provenance.payloadMask))
  }
}
