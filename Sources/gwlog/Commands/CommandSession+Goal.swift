import GwlogCloud
import GwlogEngine

/// The goal a `query`, `explain` or `why` asks, however the user wrote it: GOAL itself, a
/// `canInvoke(G, B)` built from `--gateway` / `--backend`, or the pair a gateway URL reaches.
extension CommandSession {
  /// What the goal came from, for the line `why` prints about the route.
  struct AskedGoal {
    /// The goal as source text.
    var text: String
    /// For `why`: the operations the URL matched and where they go, one line.
    var route: String?
  }

  /// The goal, once the PATHs are loaded (a URL or email is resolved against them); nil
  /// with the error reported.
  func askedGoal() -> AskedGoal? {
    if let url = options.requestURL, options.gateway == nil, options.backend == nil {
      return goal(forURL: url)
    }
    if options.gateway != nil || options.backend != nil {
      do {
        let gateway = try options.gateway.map { try PairNames.gateway($0, in: workspace) }
        let backend = options.backend.map { PairNames.backend($0, in: workspace) }
        let g = gateway.map { Value.symbol($0).description } ?? "G"
        let b = backend.map { Value.symbol($0).description } ?? "B"
        return AskedGoal(text: "canInvoke(\(g), \(b))", route: nil)
      } catch {
        reporter.report(error: error)
        return nil
      }
    }
    return AskedGoal(text: options.goal ?? "", route: nil)
  }

  /// Whether GOAL, as typed, is free of the spellings `GoalSpelling` catches (checked before
  /// anything is loaded); false with the error reported.
  func goalIsSpelledWell() -> Bool {
    guard let goal = options.goal, options.gateway == nil, options.backend == nil,
      let problem = GoalSpelling.problem(in: goal)
    else { return true }
    reporter.report(problem)
    return false
  }

  /// The `canInvoke` goal of the one backend a URL's operations route to.
  private func goal(forURL url: String) -> AskedGoal? {
    guard let request = GatewayRequest(url: url) else {
      reporter.report(
        .error(
          .usage, "`\(url)` is not an http(s) URL",
          help: "give the URL that was refused, such as "
            + "`https://shop-gw-1a2b3c4d.uc.gateway.dev/pay`"))
      return nil
    }
    let matches: [GatewayRequest.Match]
    do {
      matches = try request.matches(in: workspace)
    } catch {
      reporter.report(error: error)
      return nil
    }
    let backends = Array(Set(matches.map(\.backend))).sorted()
    guard backends.count == 1, let match = matches.first else {
      let list = matches.map {
        "`\($0.method) \($0.path)` (\($0.operation)) → `\(Self.short($0.backend))`"
      }
      reporter.report(
        .error(
          .ambiguousName,
          "`\(request.path)` matches operations routed to \(backends.count) backends: "
            + list.joined(separator: ", "),
          help: "name the pair: `gwlog explain --gateway \(Self.short(firstGateway(matches))) "
            + "--backend BACKEND`"))
      return nil
    }
    let operations = matches.map { "\($0.method) \($0.path) → operation \($0.operation)" }
    let route =
      "route: " + operations.joined(separator: ", ")
      + " of \(Self.short(match.gateway)) → \(Self.short(match.backend))"
    let text =
      "canInvoke(\(Value.symbol(match.gateway).description), "
      + "\(Value.symbol(match.backend).description))"
    return AskedGoal(text: text, route: route)
  }

  private func firstGateway(_ matches: [GatewayRequest.Match]) -> String {
    matches.first?.gateway ?? "G"
  }

  /// The last segment of a resource name; a URL as it is.
  static func short(_ name: String) -> String {
    name.contains("://") ? name : String(name.split(separator: "/").last ?? Substring(name))
  }
}
