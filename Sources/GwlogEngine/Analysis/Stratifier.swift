/// Splits the relation dependency graph into strongly connected components (iterative
/// Tarjan, deterministic: nodes by id, edges in rule order), emits them in evaluation order
/// (dependencies first), and rejects negation or aggregation inside a component, printing
/// the offending cycle relation by relation.
struct Stratifier {
  /// An edge head → body relation, labelled with how and where.
  struct Edge {
    let from: Int
    let to: Int
    let kind: DependencyKind
    let span: SourceSpan
  }

  let relationCount: Int
  let rules: [CheckedRule]
  let names: [String]

  /// Strata in evaluation order, or the negation-cycle diagnostics.
  func stratify() -> ([Stratum], [Diagnostic]) {
    var edges = [[Edge]](repeating: [], count: relationCount)
    var rulesByHead = [[Int]](repeating: [], count: relationCount)
    for rule in rules {
      rulesByHead[rule.head].append(rule.id)
      for d in rule.dependencies {
        edges[rule.head].append(Edge(from: rule.head, to: d.relation, kind: d.kind, span: d.span))
      }
    }
    let components = tarjan(edges)
    var componentOf = [Int](repeating: 0, count: relationCount)
    for (c, members) in components.enumerated() { for m in members { componentOf[m] = c } }

    var strata: [Stratum] = []
    var diagnostics: [Diagnostic] = []
    for members in components {
      let ruleIDs = members.flatMap { rulesByHead[$0] }.sorted()
      if ruleIDs.isEmpty { continue }
      let memberSet = Set(members)
      var recursive = false
      for m in members {
        for e in edges[m] where memberSet.contains(e.to) {
          recursive = true
          if e.kind != .positive, diagnostics.count < 10 {
            diagnostics.append(cycleDiagnostic(e, edges: edges, within: memberSet))
          }
        }
      }
      strata.append(
        Stratum(relations: members.sorted(), rules: ruleIDs, isRecursive: recursive))
    }
    return (strata, diagnostics)
  }

  /// Tarjan's algorithm without recursion; components come out dependencies-first.
  private func tarjan(_ edges: [[Edge]]) -> [[Int]] {
    var index = [Int](repeating: -1, count: relationCount)
    var low = [Int](repeating: 0, count: relationCount)
    var onStack = [Bool](repeating: false, count: relationCount)
    var stack: [Int] = []
    var components: [[Int]] = []
    var counter = 0
    for root in 0..<relationCount where index[root] == -1 {
      var work: [(node: Int, edge: Int)] = [(root, 0)]
      index[root] = counter
      low[root] = counter
      counter += 1
      stack.append(root)
      onStack[root] = true
      while let (node, edgeIndex) = work.last {
        if edgeIndex < edges[node].count {
          work[work.count - 1].edge += 1
          let next = edges[node][edgeIndex].to
          if index[next] == -1 {
            index[next] = counter
            low[next] = counter
            counter += 1
            stack.append(next)
            onStack[next] = true
            work.append((next, 0))
          } else if onStack[next] {
            low[node] = min(low[node], index[next])
          }
        } else {
          work.removeLast()
          if let parent = work.last { low[parent.node] = min(low[parent.node], low[node]) }
          if low[node] == index[node] {
            var component: [Int] = []
            while let top = stack.popLast() {
              onStack[top] = false
              component.append(top)
              if top == node { break }
            }
            components.append(component)
          }
        }
      }
    }
    return components
  }

  /// Explains a negative/aggregate edge inside a component: the shortest path back.
  private func cycleDiagnostic(_ e: Edge, edges: [[Edge]], within members: Set<Int>)
    -> Diagnostic
  {
    // BFS from e.to back to e.from inside the component.
    var previous: [Int: Edge] = [:]
    var queue = [e.to]
    var head = 0
    var seen: Set<Int> = [e.to]
    while head < queue.count {
      let n = queue[head]
      head += 1
      if n == e.from { break }
      for next in edges[n] where members.contains(next.to) && !seen.contains(next.to) {
        seen.insert(next.to)
        previous[next.to] = next
        queue.append(next.to)
      }
    }
    var path: [Edge] = [e]
    var cursor = e.from
    while cursor != e.to, let step = previous[cursor] {
      path.append(step)
      cursor = step.from
    }
    // path: e, then edges back from e.from to e.to in reverse; put them in cycle order.
    let ordered = [e] + path.dropFirst().reversed()
    let how = e.kind == .negative ? "negation" : "an aggregate"
    let cycle = ordered.map { "`\(names[$0.from])`" }.joined(separator: " -> ")
    let notes = ordered.map { edge -> DiagnosticNote in
      let verb: String
      switch edge.kind {
      case .positive: verb = "depends on"
      case .negative: verb = "depends negatively on"
      case .aggregate: verb = "aggregates over"
      }
      return DiagnosticNote(
        span: edge.span, message: "`\(names[edge.from])` \(verb) `\(names[edge.to])`")
    }
    return .error(
      .negationCycle,
      "`\(names[e.from])` depends on itself through \(how): \(cycle) -> `\(names[e.from])`",
      at: e.span, notes: notes,
      help: "negation and aggregation must refer to relations computed before the rule's head; "
        + "break the cycle")
  }
}
