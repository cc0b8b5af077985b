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
    from facts: [StoredFact], organizations: [OrganizationDirectory], in store: inout FactStore
  ) -> [StoredFact] {
    var out: [StoredFact] = []
    func add(_ relation: InputRelation, _ values: [String], _ origin: UInt32) {
      out.append(
        store.fact(
          relation, texts: values, origin: origin, authority: .own, order: facts.count + out.count))
    }
    for (member, customer, origin) in memberDomains(facts, organizations, store) {
      add(.memberDomain, [member, customer], origin)
    }
    for (app, host, origin) in appEngineHosts(facts, store) {
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
    _ facts: [StoredFact], _ organizations: [OrganizationDirectory], _ store: FactStore
  ) -> [(String, String, UInt32)] {
    guard !organizations.isEmpty else { return [] }
    var parents: [UInt32: Set<UInt32>] = [:]
    var accountProject: [UInt32: UInt32] = [:]
    var members = Set<UInt32>()
    for f in facts {
      if f.relation == .parent { parents[store.value(f, 0), default: []].insert(store.value(f, 1)) }
      if f.relation == .serviceAccount { accountProject[store.value(f, 0)] = store.value(f, 1) }
      for i in principalColumns[f.relation] ?? [] where i < Int(f.count) {
        members.insert(store.value(f, i))
      }
    }
    var ancestorsOf: [UInt32: Set<UInt32>] = [:]
    func ancestors(_ node: String) -> Set<UInt32> {
      guard let start = store.symbols.lookup(node) else { return [] }
      if let known = ancestorsOf[start] { return known }
      var seen = Set<UInt32>()
      var todo = [start]
      while let n = todo.popLast() {
        for p in parents[n] ?? [] where seen.insert(p).inserted { todo.append(p) }
      }
      ancestorsOf[start] = seen
      return seen
    }
    let orgNames = organizations.map { store.symbols.lookup($0.name) }
    var out: [(String, String, UInt32)] = []
    for member in members.map({ store.symbols.string($0) }).sorted() {
      for (org, name) in zip(organizations, orgNames) {
        let project = { (m: String) -> String? in
          store.symbols.lookup(m).flatMap { accountProject[$0] }.map { store.symbols.string($0) }
        }
        if belongs(
          member, to: org, accountProject: project,
          isAncestor: { node in name.map { ancestors(node).contains($0) } ?? false })
        {
          out.append((member, org.customer, org.origin))
        }
      }
    }
    return out
  }

  static func belongs(
    _ member: String, to org: OrganizationDirectory, accountProject: (String) -> String?,
    isAncestor: (String) -> Bool
  ) -> Bool {
    if member == "domain:" + org.domain { return true }
    for prefix in ["user:", "group:"] where member.hasPrefix(prefix) {
      return emailDomain(member) == org.domain
    }
    let suffix = ".iam.gserviceaccount.com"
    guard member.hasPrefix("serviceAccount:"), member.hasSuffix(suffix),
      let domain = emailDomain(member)
    else { return false }
    let project = accountProject(member) ?? "projects/" + domain.dropLast(suffix.count)
    return isAncestor(project)
  }

  static func emailDomain(_ member: String) -> String? {
    guard let at = member.lastIndex(of: "@") else { return nil }
    return String(member[member.index(after: at)...])
  }

  /// `SERVICE-dot-HOST` and `VERSION-dot-SERVICE-dot-HOST` are the same App Engine app as
  /// its default host `HOST` (docs/google-cloud-model.md#l1-routing): every such host a gateway route names
  /// becomes one more URL and name of the app, so the route resolves to the app.
  static func appEngineHosts(_ facts: [StoredFact], _ store: FactStore)
    -> [(String, String, UInt32)]
  {
    var defaultHosts: [(app: String, host: String)] = []
    for f in facts where f.relation == .backendUrl {
      let app = store.text(f, 0)
      guard app.hasPrefix("apps/") else { continue }
      if let host = host(store.text(f, 1)) { defaultHosts.append((app, host)) }
    }
    guard !defaultHosts.isEmpty else { return [] }
    var out: [(String, String, UInt32)] = []
    for f in facts where f.relation == .backendSpec {
      guard let host = host(store.text(f, 2)) else { continue }
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
