import GwlogEngine
import Testing

@testable import GwlogCloud

/// A compact organisation for scenario tests (docs/google-cloud-model.md#how-a-call-is-decided).
///
/// One gateway project, one backend project under nested folders, one gateway serving one API config with one
/// operation, and one backend of the chosen kind. Each scenario adds the facts it varies and
/// evaluates the model at a fixed time.
///
/// ```
/// organizations/100
/// ├── folders/200
/// │   ├── projects/gw-proj (111)        gateway, API config, gateway service account
/// │   └── folders/201
/// │       └── folders/202
/// │           └── projects/be-proj (222)   the backend
/// ```
struct Scenario {
  /// 2026-01-31T00:00:00Z: every scenario is evaluated at this time, never the clock.
  static let evaluationTime: Int64 = 1_769_817_600

  static let org = "organizations/100"
  static let outerFolder = "folders/200"
  static let middleFolder = "folders/201"
  static let innerFolder = "folders/202"
  static let gatewayProject = "projects/gw-proj"
  static let backendProject = "projects/be-proj"
  static let gatewayAccount = "serviceAccount:gw-sa@gw-proj.iam.gserviceaccount.com"
  static let runtimeAccount = "serviceAccount:svc-runtime@be-proj.iam.gserviceaccount.com"
  static let gateway = "projects/gw-proj/locations/us-central1/gateways/gw"
  static let api = "projects/gw-proj/locations/global/apis/api"
  static let config = "projects/gw-proj/locations/global/apis/api/configs/v1"
  static let operation = "op"

  static let service = "projects/be-proj/locations/us-central1/services/svc"
  static let serviceURL = "https://svc-abc123-uc.a.run.app"
  static let gen1 = "projects/be-proj/locations/us-central1/functions/fn1"
  static let gen1URL = "https://us-central1-be-proj.cloudfunctions.net/fn1"
  static let gen2 = "projects/be-proj/locations/us-central1/functions/fn2"
  static let gen2Service = "projects/be-proj/locations/us-central1/services/fn2"
  static let gen2RunURL = "https://fn2-abc123-uc.a.run.app"
  static let gen2FunctionsURL = "https://us-central1-be-proj.cloudfunctions.net/fn2"
  static let app = "apps/be-proj"
  static let appURL = "https://be-proj.uc.r.appspot.com"
  static let iapResource = "projects/222/iap_web/appengine-be-proj"
  static let iapClientId = "999-client.apps.googleusercontent.com"

  /// The kinds of backend a scenario can put behind the gateway.
  enum Kind {
    case run, gen1, gen1Event, gen2, appEngine, appEngineIAP
  }

  /// The backend the scenario asks about (canonical name).
  var backend: String
  /// The facts, one per line, in the model's input vocabulary.
  var lines: [String] = []

  /// The base organisation with a backend of `kind` routed as the document's top-level
  /// `x-google-backend` (`address` defaults to the backend's main URL).
  init(
    _ kind: Kind = .run, address: String? = nil, disableAuth: Bool = false,
    audience: String = "", account: String? = Scenario.gatewayAccount
  ) {
    backend = Self.service
    fact("resource", Self.org, "organization")
    for folder in [Self.outerFolder, Self.middleFolder, Self.innerFolder] {
      fact("resource", folder, "folder")
    }
    fact("parent", Self.outerFolder, Self.org)
    fact("parent", Self.middleFolder, Self.outerFolder)
    fact("parent", Self.innerFolder, Self.middleFolder)
    fact("resource", Self.gatewayProject, "project")
    fact("resource", Self.backendProject, "project")
    fact("parent", Self.gatewayProject, Self.outerFolder)
    fact("parent", Self.backendProject, Self.innerFolder)
    fact("projectNumber", Self.gatewayProject, "111")
    fact("projectNumber", Self.backendProject, "222")
    fact("serviceAccount", Self.gatewayAccount, Self.gatewayProject, "enabled")
    fact("serviceAccount", Self.runtimeAccount, Self.backendProject, "enabled")
    fact("resource", Self.gateway, "gateway")
    fact("parent", Self.gateway, Self.gatewayProject)
    fact("gateway", Self.gateway, Self.config)
    fact("apiConfig", Self.config, Self.api, account ?? "")
    fact("operation", Self.config, Self.operation)
    var defaultAddress = Self.serviceURL
    switch kind {
    case .run:
      addRunService(Self.service, url: Self.serviceURL)
    case .gen1, .gen1Event:
      backend = Self.gen1
      defaultAddress = Self.gen1URL
      fact("resource", Self.gen1, "function")
      fact("parent", Self.gen1, Self.backendProject)
      fact("function", Self.gen1, "1")
      fact("functionTrigger", Self.gen1, kind == .gen1 ? "http" : "event")
      fact("backendUrl", Self.gen1, Self.gen1URL)
    case .gen2:
      backend = Self.gen2
      defaultAddress = Self.gen2RunURL
      fact("resource", Self.gen2, "function")
      fact("parent", Self.gen2, Self.backendProject)
      fact("function", Self.gen2, "2")
      fact("functionTrigger", Self.gen2, "http")
      fact("functionService", Self.gen2, Self.gen2Service)
      fact("backendUrl", Self.gen2, Self.gen2FunctionsURL)
      addRunService(Self.gen2Service, url: Self.gen2RunURL)
    case .appEngine, .appEngineIAP:
      backend = Self.app
      defaultAddress = Self.appURL
      fact("resource", Self.app, "app")
      fact("parent", Self.app, Self.backendProject)
      fact("appEngineApp", Self.app)
      fact("backendUrl", Self.app, Self.appURL)
      if kind == .appEngineIAP {
        fact("iapEnabled", Self.app)
        fact("iapClientId", Self.app, Self.iapClientId)
        fact("resource", Self.iapResource, "iap-web")
        fact("parent", Self.iapResource, Self.backendProject)
        fact("iapResource", Self.app, Self.iapResource)
      }
    }
    route(address: address ?? defaultAddress, disableAuth: disableAuth, audience: audience)
  }

  /// Whether the snapshot covers everything it names (every allow policy read, deny policies
  /// listed at every organization, folder and project, every group's members read), as a
  /// complete gcloud snapshot would; scenarios about gaps turn it off and add what they read.
  var coversEverything = true
  /// Groups left out of that coverage (their members were not read).
  var unreadGroups: Set<String> = []
  /// Organizations, folders and projects whose deny policies were not listed.
  var unlistedDenyPolicies: Set<String> = []
  /// Nodes whose allow policy was not read.
  var unreadAllowPolicies: Set<String> = []

  /// One fact `relation(values...)`.
  mutating func fact(_ relation: String, _ values: String...) {
    lines.append(
      "\(relation)(\(values.map { Value.symbol($0).description }.joined(separator: ", "))).")
  }

  /// The coverage facts of a complete snapshot of what the lines name.
  func coverageLines() -> [String] {
    var out: [String] = []
    var seen = Set<String>()
    func add(_ line: String) { if seen.insert(line).inserted { out.append(line) } }
    for line in lines {
      for token in line.split(separator: "\"").enumerated() where token.offset % 2 == 1 {
        let value = String(token.element)
        if value.hasPrefix("group:"), !unreadGroups.contains(value) {
          add("groupMembersRead(\(Value.symbol(value).description)).")
        }
      }
      guard line.hasPrefix("resource("), let open = line.firstIndex(of: "\"") else { continue }
      let fields = line[open...].split(separator: "\"").map(String.init)
      guard fields.count >= 3 else { continue }
      let (name, type) = (fields[0], fields[2])
      if !unreadAllowPolicies.contains(name) {
        add("allowPolicyRead(\(Value.symbol(name).description)).")
      }
      if ["organization", "folder", "project"].contains(type), !unlistedDenyPolicies.contains(name)
      {
        add("denyPoliciesListed(\(Value.symbol(name).description)).")
      }
    }
    return out
  }

  /// A Cloud Run service in the backend project admitting all traffic.
  mutating func addRunService(_ name: String, url: String, ingress: String = "all") {
    fact("resource", name, "run-service")
    fact("parent", name, Self.backendProject)
    fact("runService", name)
    fact("backendUrl", name, url)
    fact("ingress", name, ingress)
  }

  /// An `x-google-backend`: the document's top level (`operation` "") or one operation's.
  mutating func route(
    address: String, operation: String = "", disableAuth: Bool = false, audience: String = "",
    config: String = Scenario.config
  ) {
    fact("backendSpec", config, operation, address, disableAuth ? "true" : "false", audience)
  }

  /// An allow-policy binding (unconditional unless `condition` names one).
  mutating func bind(
    _ resource: String, _ role: String = "roles/run.invoker",
    _ member: String = Scenario.gatewayAccount, condition: String = ""
  ) {
    fact("binding", resource, role, member, condition)
  }

  /// A conditional binding of `role` to the gateway account on `resource`.
  mutating func bindIf(
    _ resource: String, _ role: String = "roles/run.invoker", title: String, expression: String
  ) {
    let id = "cond-\(lines.count)"
    fact("condition", id, title, expression)
    bind(resource, role, condition: id)
  }

  /// A direct group membership.
  mutating func member(_ member: String, of group: String) {
    fact("groupMember", member, group)
  }

  /// A deny policy with one rule attached at `at`; returns the rule id.
  @discardableResult
  mutating func deny(
    at: String, principals: [String], permissions: [String] = ["run.routes.invoke"],
    exceptPrincipals: [String] = [], exceptPermissions: [String] = [],
    name: String = "lockdown"
  ) -> String {
    let policy = "policies/x/denypolicies/\(name)"
    let rule = "\(name)#0"
    fact("denyPolicy", policy, at, name)
    fact("denyRule", rule, policy, "no invocations")
    for p in principals { fact("deniedPrincipal", rule, p) }
    for p in permissions { fact("deniedPermission", rule, p) }
    for p in exceptPrincipals { fact("exceptionPrincipal", rule, p) }
    for p in exceptPermissions { fact("exceptionPermission", rule, p) }
    return rule
  }

  /// A custom role with `permissions`, defined at `scope`, in `state`.
  mutating func customRole(
    _ role: String, scope: String, state: String = "active",
    permissions: [String] = ["run.routes.invoke"]
  ) {
    fact("customRole", role, scope, state)
    for p in permissions { fact("rolePermission", role, p) }
  }

  /// The model plus this scenario, evaluated at `at`.
  func evaluate(at: Int64 = Scenario.evaluationTime) throws -> Outcome {
    let workspace = Workspace()
    GoogleCloudModel.load(into: workspace, evaluationTime: at)
    let all = lines + (coversEverything ? coverageLines() : [])
    workspace.addSource(path: "scenario.facts", text: all.joined(separator: "\n") + "\n")
    try workspace.evaluate()
    let errors = workspace.diagnostics.filter { $0.severity == .error }
    #expect(errors.isEmpty, "\(errors.map(\.message))")
    return Outcome(workspace: workspace, gateway: Self.gateway, backend: backend)
  }
}

/// What the model says about a scenario.
struct Outcome {
  let workspace: Workspace
  let gateway: String
  let backend: String

  /// Every row of `goal`, as strings.
  func rows(_ goal: String) throws -> [[String]] {
    try workspace.query(goal).rows.map { $0.map(Self.text) }
  }

  static func text(_ value: Value) -> String {
    switch value {
    case .symbol(let s): return s
    case .integer(let i): return String(i)
    }
  }

  private var pair: String {
    "\(Value.symbol(gateway).description), \(Value.symbol(backend).description)"
  }

  /// Every working (gateway, backend) pair.
  var canInvokePairs: [[String]] { (try? rows("canInvoke(G, B)")) ?? [] }
  /// Every routed (gateway, backend) pair.
  var routedPairs: [[String]] { (try? rows("routed(G, B)")) ?? [] }
  /// Whether the scenario's gateway can invoke its backend.
  var canInvoke: Bool { canInvokePairs.contains([gateway, backend]) }

  /// `Layer code` of every invokeProblem of the pair, sorted.
  var problems: [String] {
    ((try? rows("invokeProblem(\(pair), L, C, D)")) ?? []).map { "\($0[0]) \($0[1])" }
      .sorted()
  }
  /// The details of the pair's problems with `code`.
  func details(_ code: String) -> [String] {
    ((try? rows("invokeProblem(\(pair), L, C, D)")) ?? []).filter { $0[1] == code }.map { $0[2] }
  }
  /// The codes of the pair's warnings, sorted.
  var warnings: [String] {
    ((try? rows("invokeWarning(\(pair), C, D)")) ?? []).map { $0[0] }.sorted()
  }
  func warningDetails(_ code: String) -> [String] {
    ((try? rows("invokeWarning(\(pair), C, D)")) ?? []).filter { $0[0] == code }.map { $0[1] }
  }
  /// Condition titles under which the pair would work.
  var canInvokeIf: [String] { ((try? rows("canInvokeIf(\(pair), T)")) ?? []).map { $0[0] } }
  /// `blockedFix` rows of the backend: `Fix | Constraint`.
  var blockedFixes: [String] {
    ((try? rows("blockedFix(\(Value.symbol(backend).description), F, C, A)")) ?? [])
      .map { "\($0[0]) | \($0[1])" }.sorted()
  }

  /// `explain canInvoke(gateway, backend)`.
  func explain() throws -> Explanation {
    try workspace.explain("canInvoke(\(pair))")
  }

  /// The why-not's repairs (records an issue when the pair works).
  func repairs(sourceLocation: SourceLocation = #_sourceLocation) throws -> [Repair] {
    guard case .whyNot(let whyNot) = try explain() else {
      Issue.record("canInvoke holds; expected a why-not", sourceLocation: sourceLocation)
      return []
    }
    return whyNot.repairs
  }

  /// The first repair, checked to be one a person may make: an input relation a fix may
  /// touch, and not forbidden by `cannotAdd_*` / `cannotRemove_*` or by an org policy in
  /// force (`blockedFix`).
  @discardableResult
  func firstRepair(sourceLocation: SourceLocation = #_sourceLocation) throws -> Repair? {
    let all = try repairs(sourceLocation: sourceLocation)
    guard let first = all.first else {
      Issue.record("the why-not proposes no repair", sourceLocation: sourceLocation)
      return nil
    }
    let reasons = try forbiddenReasons(first)
    #expect(reasons.isEmpty, "\(first.summary): \(reasons)", sourceLocation: sourceLocation)
    return first
  }

  /// The relations a why-not may sensibly ask a person to change, per action.
  static let sensibleAdds: Set<String> = [
    "binding", "exceptionPrincipal", "exceptionPermission", "groupMember", "customAudience",
    "backendSpec", "serviceAccount", "gateway", "apiConfig", "customRole", "denialCondition",
    "invokerIamDisabled", "condition",
  ]
  static let sensibleRemovals: Set<String> = [
    "ingress", "deniedPrincipal", "deniedPermission", "groupMember",
  ]

  /// Why `repair` is not a fix the organisation allows (empty when it is).
  func forbiddenReasons(_ repair: Repair) throws -> [String] {
    var reasons: [String] = []
    let sensible = repair.action == .add ? Self.sensibleAdds : Self.sensibleRemovals
    if !sensible.contains(repair.relation) {
      reasons.append("\(repair.action.rawValue) \(repair.relation) is not a sensible input change")
    }
    let guardRelation = (repair.action == .add ? "cannotAdd_" : "cannotRemove_") + repair.relation
    if workspace.relationNames.contains(guardRelation) {
      let variables = repair.values.indices.map { "V\($0)" }.joined(separator: ", ")
      for row in try rows("\(guardRelation)(\(variables))") {
        let matches = zip(row, repair.values).allSatisfy { forbidden, wanted in
          forbidden == "*" || wanted == nil || wanted.map(Self.text) == forbidden
        }
        if matches { reasons.append("forbidden by \(guardRelation)\(row)") }
      }
    }
    let values = repair.values.map { $0.map(Self.text) }
    for fix in blockedFixes {
      switch (repair.action, repair.relation) {
      case (.add, "binding")
      where fix.hasSuffix("iam.allowedPolicyMemberDomains")
        && ["allUsers", "allAuthenticatedUsers"].contains(values[2] ?? ""):
        reasons.append("blocked: \(fix)")
      case (.add, "invokerIamDisabled") where fix.hasSuffix("run.managed.requireInvokerIam"):
        reasons.append("blocked: \(fix)")
      case (.remove, "ingress") where fix.hasSuffix("run.allowedIngress"):
        reasons.append("blocked: \(fix)")
      default: break
      }
    }
    return reasons
  }
}

extension Repair {
  /// The repair's `index`th value, nil when unknown or absent.
  func value(_ index: Int) -> Value? {
    values.indices.contains(index) ? values[index] : nil
  }
}
