import Foundation

/// What one output makes the collector do next.
struct FollowUp {
  /// The steps it names.
  var next: [CollectStep] = []
  /// Whether its output is written (a Cloud Run service that belongs to a function is not:
  /// the function's describe says everything, docs/collect.md#the-chain).
  var writes = true
  /// The file name, when it is known only from the output (a project described by number).
  var output: String?
  /// Steps this one did the work of (the describe of a project by ID after its number).
  var alreadyRun: [CollectStep] = []
  /// Said in the log.
  var note: String?
}

/// The collector's knowledge between rounds: project numbers, addresses waiting for a
/// project, what the `--backend-project` listings showed, and what the log should say.
struct CollectState {
  /// `--backend-project` hints, in order.
  var backendProjects: [String] = []
  /// Project number → ID, from `projects describe`.
  var projectIDs: [String: String] = [:]
  /// Backends waiting for their project's ID: number → (service, region, address).
  var waitingForNumber: [String: [(service: String, region: String, address: String)]] = [:]
  /// `*.a.run.app` hosts not matched yet → the addresses with that host.
  var hashedHosts: [String: [String]] = [:]
  /// The hint projects listed (or whose listing failed).
  var listedProjects: Set<String> = []
  /// Hosts seen in the listings → the service (and whether Cloud Functions manages it).
  var servicesByHost: [String: (name: RegionalName, isFunction: Bool)] = [:]
  /// The addresses that led to each backend step (for the log's `for`).
  var addresses: [CollectStep: [String]] = [:]
  /// Addresses no command can be chosen for, with the reason.
  var unresolved: [(address: String, reason: String)] = []
  /// Resources whose effective tags are read once a deny rule with a condition is seen.
  var tagTargets: [TagsTarget] = []
  /// Whether a deny rule on some path has a condition (only then are tags read).
  var conditionalDeny = false
  /// The projects of backends (walked up to the organization).
  var backendProjectIDs: Set<String> = []
  /// The parent each described project names.
  var projectParents: [String: JSONNode?] = [:]
  /// The projects whose parents were read.
  var walkedProjects: Set<String> = []
  /// Whether the collection reads whole scopes from Cloud Asset Inventory: an API config read
  /// for its documents then names only its service account, not a chain.
  var scopeRoute = false
  /// The service accounts a scope's resource records describe (not read again).
  var listedAccounts: Set<String> = []

  /// The organization policy constraints the model reads (facts/gcp/orgpolicy.dl).
  static let modelConstraints: Set<String> = [
    "iam.allowedPolicyMemberDomains", "iam.managed.allowedPolicyMembers", "run.allowedIngress",
    "run.managed.requireInvokerIam",
  ]

  // ---- outputs ----------------------------------------------------------------------------

  /// The steps an output names, and how it is written.
  mutating func followUps(_ step: CollectStep, _ json: JSONNode) -> FollowUp {
    switch step {
    case .gatewayList(let project):
      var next: [CollectStep] = []
      for gateway in Self.items(json, wrapper: "gateways") {
        let parts = (gateway["name"]?.string ?? "").split(separator: "/").map(String.init)
        guard parts.count == 6, parts[2] == "locations", parts[4] == "gateways" else { continue }
        next.append(
          .gateway(GatewayReference(project: project, location: parts[3], name: parts[5])))
      }
      return FollowUp(next: next)
    case .gateway(let g):
      // The gateway's project describe links the project number its config may be named
      // by (`projects/NUMBER/locations/global/apis/…`) to its ID.
      guard let config = json["apiConfig"]?.string, !config.isEmpty else {
        return FollowUp(next: [.project(id: g.project)])
      }
      return FollowUp(next: [.config(name: config), .project(id: g.project)])
    case .config:
      guard scopeRoute else { return FollowUp(next: configFollowUps(json)) }
      guard case .serviceAccount(let email)? = Self.account(of: json),
        !listedAccounts.contains(email)
      else { return FollowUp() }
      return FollowUp(next: [.serviceAccount(email: email)])
    case .assetList(let scope, let content):
      let records = Self.items(json, wrapper: "assets")
      return FollowUp(
        next: content == "iam-policy"
          ? records.flatMap { record in
            (record["iamPolicy"] ?? record["iam_policy"]).map(Self.groupsBound) ?? []
          }
          : assetResourceFollowUps(scope, records))
    case .projectByNumber(let number):
      guard let id = json["projectId"]?.string, !id.isEmpty else { return FollowUp() }
      projectIDs[number] = id
      projectParents[id] = json["parent"]
      backendProjectIDs.insert(id)
      walkedProjects.insert(id)
      var next = parentSteps(json["parent"]) + nodeSteps("projects/\(id)")
      for waiting in waitingForNumber.removeValue(forKey: number) ?? [] {
        next += backend(
          .runService(RegionalName(project: id, region: waiting.region, name: waiting.service)),
          address: waiting.address)
      }
      return FollowUp(
        next: next, output: "projects-describe-\(id).json", alreadyRun: [.project(id: id)])
    case .project(let id):
      if let number = json["projectNumber"]?.string { projectIDs[number] = id }
      projectParents[id] = json["parent"]
      // Only a backend's project is walked up: the gateway's own is described for its number.
      guard backendProjectIDs.contains(id), walkedProjects.insert(id).inserted else {
        return FollowUp()
      }
      return FollowUp(next: parentSteps(json["parent"]))
    case .folder:
      guard let parent = json["parent"]?.string else { return FollowUp() }
      return FollowUp(next: nodeSteps(parent, describe: true))
    case .projectPolicy, .folderPolicy, .organizationPolicy, .servicePolicy, .functionPolicy,
      .iapPolicy:
      return FollowUp(next: Self.groupsBound(json))
    case .denyListing(let node):
      let policies = Self.items(json, wrapper: "policies")
      return FollowUp(
        next: policies.compactMap { policy in
          guard let name = policy["name"]?.string, let id = name.split(separator: "/").last
          else { return nil }
          return .denyPolicy(node: node, id: String(id))
        })
    case .denyPolicy: return FollowUp(next: denyPolicyFollowUps(json))
    case .orgPolicyList(let node):
      let constraints = Self.items(json, wrapper: "policies").compactMap { item in
        item["constraint"]?.string
          ?? item["name"]?.string?.split(separator: "/").last.map(
            String.init)
      }
      return FollowUp(
        next: constraints.filter(Self.modelConstraints.contains).sorted().map {
          .orgPolicy(node: node, constraint: $0)
        })
    case .serviceList(let project):
      listedProjects.insert(project)
      for service in Self.items(json, wrapper: "items") { remember(service, project: project) }
      return FollowUp()
    case .runService(let s):
      let labels = json["metadata"]?["labels"]
      if labels?["goog-managed-by"]?.string == "cloudfunctions" {
        let function = CollectStep.function(s)
        addresses[function, default: []] += addresses[.runService(s)] ?? []
        return FollowUp(
          next: [function], writes: false,
          note: "managed by Cloud Functions: read as the function \(s.name)")
      }
      return FollowUp(next: serviceFollowUps(s))
    case .function(let f): return FollowUp(next: functionFollowUps(f, json))
    case .app(let project):
      var next = projectSteps(project)
      if json["iap"]?["enabled"]?.bool == true { next.append(.iapPolicy(project: project)) }
      return FollowUp(next: next)
    case .group:
      return FollowUp(
        next: Self.items(json, wrapper: "memberships").compactMap { member in
          guard member["type"]?.string == "GROUP",
            let email = (member["preferredMemberKey"] ?? member["memberKey"])?["id"]?.string
          else { return nil }
          return .group(email: email.lowercased())
        })
    case .organization, .orgPolicy, .serviceAccount, .tags: return FollowUp()
    }
  }

  /// A failed step: addresses waiting on it are not resolved by it.
  mutating func failed(_ step: CollectStep) -> [CollectStep] {
    switch step {
    case .serviceList(let project):
      listedProjects.insert(project)
    case .projectByNumber(let number):
      // The log entry names the addresses that waited for it (`for`).
      waitingForNumber[number] = nil
    default: break
    }
    return []
  }

  // ---- the gateway's config -----------------------------------------------------------------

  /// The describe of a config's service account (`gatewayServiceAccount`, an email or
  /// `projects/-/serviceAccounts/EMAIL`).
  static func account(of config: JSONNode) -> CollectStep? {
    guard var account = config["gatewayServiceAccount"]?.string, !account.isEmpty else {
      return nil
    }
    if let range = account.range(of: "/serviceAccounts/") {
      account = String(account[range.upperBound...])
    }
    return .serviceAccount(email: account.lowercased())
  }

  private mutating func configFollowUps(_ json: JSONNode) -> [CollectStep] {
    var next: [CollectStep] = []
    if let account = Self.account(of: json) { next.append(account) }
    var seen: Set<String> = []
    for document in json["openapiDocuments"]?.array ?? [] {
      guard let contents = document["document"]?["contents"]?.string,
        let data = Data(base64Encoded: contents, options: .ignoreUnknownCharacters)
      else { continue }
      let bytes = [UInt8](data)
      let first = bytes.first { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }
      let parsed = first == UInt8(ascii: "{") ? JSONReader.parse(bytes) : YAMLReader.parse(bytes)
      guard case .success(let openapi) = parsed else { continue }
      for address in Self.backendAddresses(openapi) where seen.insert(address).inserted {
        next += resolve(address)
      }
    }
    return next
  }

  /// Every `x-google-backend` address of an OpenAPI document: the top-level one and each
  /// operation's, in document order.
  static func backendAddresses(_ openapi: JSONNode) -> [String] {
    var found: [String] = []
    if let address = openapi["x-google-backend"]?["address"]?.string { found.append(address) }
    for (_, item) in openapi["paths"]?.members ?? [] {
      for (_, operation) in item.members ?? [] {
        if let address = operation["x-google-backend"]?["address"]?.string {
          found.append(address)
        }
      }
    }
    return found
  }

  // ---- from an address to its backend -----------------------------------------------------

  /// The steps that read the backend behind `address`.
  mutating func resolve(_ address: String) -> [CollectStep] {
    switch BackendAddress.parse(address) {
    case .runNumbered(let service, let number, let region):
      if let id = projectIDs[number] {
        return backend(
          .runService(RegionalName(project: id, region: region, name: service)),
          address: address)
      }
      waitingForNumber[number, default: []].append((service, region, address))
      // Should the project's describe fail, the address is what it leaves unknown.
      addresses[.projectByNumber(number: number), default: []].append(address)
      return [.projectByNumber(number: number)]
    case .runHashed(let host):
      if let known = servicesByHost[host] {
        return backend(hostStep(known), address: address)
      }
      hashedHosts[host, default: []].append(address)
      return backendProjects.filter { !listedProjects.contains($0) }.map {
        .serviceList(project: $0)
      }
    case .function(let project, let region, let name):
      return backend(
        .function(RegionalName(project: project, region: region, name: name)), address: address)
    case .appEngine(let project):
      return backend(.app(project: project), address: address)
    case .googleAPI:
      return []
    case .other(let host):
      unresolved.append(
        (
          address,
          "its host `\(host)` names no Cloud Run service, function or App Engine app (a mapped "
            + "domain or a load balancer): load the describe output of what it leads to"
        ))
      return []
    case nil:
      unresolved.append((address, "it is not an URL"))
      return []
    }
  }

  /// A backend step, remembering which address led to it.
  private mutating func backend(_ step: CollectStep, address: String) -> [CollectStep] {
    addresses[step, default: []].append(address)
    return [step]
  }

  private func hostStep(_ known: (name: RegionalName, isFunction: Bool)) -> CollectStep {
    known.isFunction ? .function(known.name) : .runService(known.name)
  }

  /// Remembers every URL of a listed Cloud Run service.
  private mutating func remember(_ service: JSONNode, project: String) {
    let metadata = service["metadata"]
    guard let name = metadata?["name"]?.string,
      let region = metadata?["labels"]?["cloud.googleapis.com/location"]?.string
    else { return }
    let isFunction = metadata?["labels"]?["goog-managed-by"]?.string == "cloudfunctions"
    var urls: [String] = []
    if let url = service["status"]?["url"]?.string { urls.append(url) }
    if let url = service["status"]?["address"]?["url"]?.string { urls.append(url) }
    if let listed = metadata?["annotations"]?["run.googleapis.com/urls"]?.string,
      case .success(let list) = JSONReader.parse(Array(listed.utf8))
    {
      urls += (list.array ?? []).compactMap(\.string)
    }
    let entry = (RegionalName(project: project, region: region, name: name), isFunction)
    for url in urls {
      if case .runHashed(let host)? = BackendAddress.parse(url) { servicesByHost[host] = entry }
    }
  }

  /// After a round: the hashed addresses the listings now explain.
  mutating func resolveHashedAddresses() -> [CollectStep] {
    var next: [CollectStep] = []
    for host in hashedHosts.keys.sorted() {
      guard let known = servicesByHost[host], let waiting = hashedHosts.removeValue(forKey: host)
      else { continue }
      let step = hostStep(known)
      for address in waiting { next += backend(step, address: address) }
    }
    return next
  }

  /// At the end: what could not be resolved, as log entries that leave each address unknown.
  func unresolvedAddresses() -> [CollectLogEntry] {
    var reasons = unresolved
    for host in hashedHosts.keys.sorted() {
      let hint =
        backendProjects.isEmpty
        ? "its URL names no project: run again with `--backend-project P` for the project "
          + "that serves it"
        : "no Cloud Run service of the projects "
          + backendProjects.map { "`\($0)`" }.joined(separator: ", ")
          + " answers on it: add the project that serves it with `--backend-project P`"
      for address in hashedHosts[host] ?? [] { reasons.append((address, hint)) }
    }
    return reasons.map { address, reason in
      CollectLogEntry(
        arguments: [], status: nil, output: nil, written: false,
        reads: CollectInput(kind: "backend", target: address),
        failure: GcloudFailure(code: "UNRESOLVED", message: "the backend at \(address): \(reason)"))
    }
  }

  // ---- backends and their projects ----------------------------------------------------------

  private mutating func serviceFollowUps(_ s: RegionalName) -> [CollectStep] {
    addTags(
      TagsTarget(
        resource: s.serviceName, parent: "//run.googleapis.com/" + s.serviceName,
        location: s.region, fileArgument: s.qualified))
      + [.servicePolicy(s)] + projectSteps(s.project)
  }

  private mutating func functionFollowUps(_ f: RegionalName, _ json: JSONNode) -> [CollectStep] {
    var next: [CollectStep] = [.functionPolicy(f)]
    if json["environment"]?.string == "GEN_2",
      let service = json["serviceConfig"]?["service"]?.string
    {
      let parts = service.split(separator: "/").map(String.init)
      if parts.count == 6 {
        let s = RegionalName(project: f.project, region: parts[3], name: parts[5])
        next.append(.servicePolicy(s))
        next += addTags(
          TagsTarget(
            resource: s.serviceName, parent: "//run.googleapis.com/" + s.serviceName,
            location: s.region, fileArgument: s.qualified))
      }
    } else {
      next += addTags(
        TagsTarget(
          resource: f.functionName, parent: "//cloudfunctions.googleapis.com/" + f.functionName,
          location: f.region, fileArgument: f.qualified))
    }
    return next + projectSteps(f.project)
  }

  /// Remembers a resource for its tags; reads them now when a conditional deny rule is known.
  mutating func addTags(_ target: TagsTarget) -> [CollectStep] {
    tagTargets.append(target)
    return conditionalDeny ? [.tags(target)] : []
  }

  private mutating func denyPolicyFollowUps(_ json: JSONNode) -> [CollectStep] {
    var next: [CollectStep] = []
    for rule in json["rules"]?.array ?? [] {
      guard let deny = rule["denyRule"] else { continue }
      for key in ["deniedPrincipals", "exceptionPrincipals"] {
        for principal in deny[key]?.array ?? [] {
          guard let text = principal.string, text.hasPrefix("principalSet://goog/group/")
          else { continue }
          next.append(.group(email: String(text.dropFirst(26)).lowercased()))
        }
      }
      if deny["denialCondition"] != nil && !conditionalDeny {
        conditionalDeny = true
        next += tagTargets.map { .tags($0) }
      }
    }
    return next
  }

  /// The reads of a backend's project: its describe (for its parent), allow policy, deny
  /// listing and organization policies; when it was described already (the gateway's own
  /// project), the reads of its parent.
  mutating func projectSteps(_ id: String) -> [CollectStep] {
    backendProjectIDs.insert(id)
    var steps: [CollectStep] = [.project(id: id)] + nodeSteps("projects/\(id)")
    if let parent = projectParents[id], walkedProjects.insert(id).inserted {
      steps += parentSteps(parent)
    }
    return steps
  }

  /// The reads of a node besides its describe (with it when `describe`).
  func nodeSteps(_ node: String, describe: Bool = false) -> [CollectStep] {
    let (kind, id) = CollectStep.split(node)
    var steps: [CollectStep] = []
    switch kind {
    case "folders":
      if describe { steps.append(.folder(id: id)) }
      steps.append(.folderPolicy(id: id))
    case "organizations":
      if describe { steps.append(.organization(id: id)) }
      steps.append(.organizationPolicy(id: id))
    case "projects":
      if describe { steps.append(.project(id: id)) }
      steps.append(.projectPolicy(id: id))
    default: return []
    }
    return steps + [.denyListing(node: node), .orgPolicyList(node: node)]
  }

  /// The parent of a project (`{"type": "folder", "id": "2002"}`).
  private func parentSteps(_ parent: JSONNode?) -> [CollectStep] {
    guard let type = parent?["type"]?.string, let id = parent?["id"]?.string else { return [] }
    switch type {
    case "folder": return nodeSteps("folders/\(id)", describe: true)
    case "organization": return nodeSteps("organizations/\(id)", describe: true)
    default: return []
    }
  }

  // ---- helpers ------------------------------------------------------------------------------

  /// The elements of a list output: the document itself, or its `wrapper` member.
  static func items(_ json: JSONNode, wrapper: String) -> [JSONNode] {
    json.array ?? json[wrapper]?.array ?? []
  }

  /// The groups an allow policy binds (`group:EMAIL`).
  static func groupsBound(_ policy: JSONNode) -> [CollectStep] {
    var next: [CollectStep] = []
    for binding in policy["bindings"]?.array ?? [] {
      for member in binding["members"]?.array ?? [] {
        guard let text = member.string, text.hasPrefix("group:") else { continue }
        next.append(.group(email: String(text.dropFirst(6)).lowercased()))
      }
    }
    return next
  }
}
