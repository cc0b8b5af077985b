import GwlogEngine

/// Facts that need every file read: `memberDomain` from the organizations' directories, and
/// the `SERVICE-dot-` hosts of App Engine apps that gateway routes name.
enum DerivedFacts {
  /// Relation → the positions that hold principals (member strings).
  static let principalColumns: [InputRelation: [Int]] = [
    .binding: [2], .groupMember: [0, 1], .serviceAccount: [0], .apiConfig: [2],
    .deniedPrincipal: [1], .exceptionPrincipal: [1],
  ]

  static func facts(
    from facts: [ImportedFact], organizations: [OrganizationDirectory]
  ) -> [ImportedFact] {
    var out: [ImportedFact] = []
    func add(_ relation: InputRelation, _ values: [String], _ origin: FactOrigin) {
      out.append(
        ImportedFact(
          inputRelation: relation, values: values, origin: origin, authority: .own,
          order: facts.count + out.count))
    }
    for (member, customer, origin) in memberDomains(facts, organizations) {
      add(.memberDomain, [member, customer], origin)
    }
    for (app, host, origin) in appEngineHosts(facts) {
      add(.backendUrl, [app, "https://" + host], origin)
      add(.alias, ["https://" + host, app], origin)
      add(.alias, [host, app], origin)
    }
    return out
  }

  /// `memberDomain(M, C)` for the principals seen in the loaded files that belong to the
  /// Workspace / Cloud Identity customer C of a loaded organization (`organizations list`
  /// gives its domain as `displayName` and C as `owner.directoryCustomerId`). Conservative:
  ///
  /// * `user:` and `group:` members whose email domain is exactly the organization's domain
  ///   (no subdomains: they may be other customers'), and `domain:DOMAIN` itself;
  /// * user-managed service accounts `serviceAccount:NAME@PROJECT.iam.gserviceaccount.com` of a
  ///   project whose loaded ancestry (`parent` facts) reaches the organization; the project is
  ///   the one a `serviceAccount` describe names, else the one in the email.
  ///
  /// Nothing else: `deleted:` principals, Google-managed accounts (`appspot`,
  /// `developer.gserviceaccount.com`, service agents), principal sets and accounts of
  /// projects whose ancestry is not loaded stay without a customer.
  static func memberDomains(
    _ facts: [ImportedFact], _ organizations: [OrganizationDirectory]
  ) -> [(String, String, FactOrigin)] {
    guard !organizations.isEmpty else { return [] }
    var parents: [String: Set<String>] = [:]
    var accountProject: [String: String] = [:]
    var members = Set<String>()
    for f in facts {
      if f.inputRelation == .parent { parents[f.values[0], default: []].insert(f.values[1]) }
      if f.inputRelation == .serviceAccount { accountProject[f.values[0]] = f.values[1] }
      for i in principalColumns[f.inputRelation] ?? [] where i < f.values.count {
        members.insert(f.values[i])
      }
    }
    func ancestors(_ node: String) -> Set<String> {
      var seen = Set<String>()
      var todo = [node]
      while let n = todo.popLast() {
        for p in parents[n] ?? [] where seen.insert(p).inserted { todo.append(p) }
      }
      return seen
    }
    var out: [(String, String, FactOrigin)] = []
    for member in members.sorted() {
      for org in organizations {
        if belongs(member, to: org, accountProject: accountProject, ancestors: ancestors) {
          out.append((member, org.customer, org.origin))
        }
      }
    }
    return out
  }

  static func belongs(
    _ member: String, to org: OrganizationDirectory, accountProject: [String: String],
    ancestors: (String) -> Set<String>
  ) -> Bool {
    if member == "domain:" + org.domain { return true }
    for prefix in ["user:", "group:"] where member.hasPrefix(prefix) {
      return emailDomain(member) == org.domain
    }
    let suffix = ".iam.gserviceaccount.com"
    guard member.hasPrefix("serviceAccount:"), member.hasSuffix(suffix),
      let domain = emailDomain(member)
    else { return false }
    let project = accountProject[member] ?? "projects/" + domain.dropLast(suffix.count)
    return ancestors(project).contains(org.name)
  }

  static func emailDomain(_ member: String) -> String? {
    guard let at = member.lastIndex(of: "@") else { return nil }
    return String(member[member.index(after: at)...])
  }

  /// `SERVICE-dot-HOST` and `VERSION-dot-SERVICE-dot-HOST` are the same App Engine app as
  /// its default host `HOST` (docs/google-cloud-model.md#l1-routing): every such host a gateway route names
  /// becomes one more URL and name of the app, so the route resolves to the app.
  static func appEngineHosts(_ facts: [ImportedFact]) -> [(String, String, FactOrigin)] {
    var defaultHosts: [(app: String, host: String)] = []
    for f in facts where f.inputRelation == .backendUrl && f.values[0].hasPrefix("apps/") {
      if let host = host(f.values[1]) { defaultHosts.append((f.values[0], host)) }
    }
    guard !defaultHosts.isEmpty else { return [] }
    var out: [(String, String, FactOrigin)] = []
    for f in facts where f.inputRelation == .backendSpec {
      guard let host = host(f.values[2]) else { continue }
      for (app, base) in defaultHosts where host.hasSuffix("-dot-" + base) {
        out.append((app, host, f.origin))
      }
    }
    return out
  }

  /// The lower-case host of an `https://` / `http://` URL.
  static func host(_ url: String) -> String? {
    guard let scheme = url.range(of: "://") else { return nil }
    let rest = url[scheme.upperBound...]
    let end = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" || $0 == ":" }
    let host = rest[..<(end ?? rest.endIndex)].lowercased()
    return host.isEmpty ? nil : host
  }
}
