/// One gcloud read of the collection chain (docs/collect.md#the-chain): the command it runs,
/// the file its output goes to under the naming convention (docs/file-naming.md), and what a
/// failure leaves unknown.
enum CollectStep: Hashable, Sendable {
  case gatewayList(project: String)
  case gateway(GatewayReference)
  case config(name: String)
  case serviceAccount(email: String)
  case projectByNumber(number: String)
  case project(id: String)
  case projectPolicy(id: String)
  case folder(id: String)
  case folderPolicy(id: String)
  case organization(id: String)
  case organizationPolicy(id: String)
  case denyListing(node: String)
  case denyPolicy(node: String, id: String)
  case orgPolicyList(node: String)
  case orgPolicy(node: String, constraint: String)
  case serviceList(project: String)
  case runService(RegionalName)
  case servicePolicy(RegionalName)
  case function(RegionalName)
  case functionPolicy(RegionalName)
  case app(project: String)
  case iapPolicy(project: String)
  case group(email: String)
  case tags(TagsTarget)
  /// `asset list` of a whole scope (docs/collect.md#the-scope-route): `resource` or
  /// `iam-policy` records of the asset types the model reads.
  case assetList(scope: String, content: String)

  /// The arguments after `gcloud`, `--format=json` included.
  var arguments: [String] {
    words + ["--format=json"]
  }

  private var words: [String] {
    switch self {
    case .gatewayList(let project):
      return ["api-gateway", "gateways", "list", "--project=\(project)"]
    case .gateway(let g):
      return [
        "api-gateway", "gateways", "describe", g.name, "--location=\(g.location)",
        "--project=\(g.project)",
      ]
    case .config(let name):
      // The full resource name: a config named by project number is accepted as such,
      // where `--project=NUMBER` is refused.
      return ["api-gateway", "api-configs", "describe", name, "--view=FULL"]
    case .serviceAccount(let email): return ["iam", "service-accounts", "describe", email]
    case .projectByNumber(let number): return ["projects", "describe", number]
    case .project(let id): return ["projects", "describe", id]
    case .projectPolicy(let id): return ["projects", "get-iam-policy", id]
    case .folder(let id): return ["resource-manager", "folders", "describe", id]
    case .folderPolicy(let id): return ["resource-manager", "folders", "get-iam-policy", id]
    case .organization(let id): return ["organizations", "describe", id]
    case .organizationPolicy(let id): return ["organizations", "get-iam-policy", id]
    case .denyListing(let node):
      return [
        "iam", "policies", "list",
        "--attachment-point=cloudresourcemanager.googleapis.com/\(node)", "--kind=denypolicies",
      ]
    case .denyPolicy(let node, let id):
      return [
        "iam", "policies", "get", id,
        "--attachment-point=cloudresourcemanager.googleapis.com/\(node)", "--kind=denypolicies",
      ]
    case .orgPolicyList(let node): return ["org-policies", "list", Self.nodeFlag(node)]
    case .orgPolicy(let node, let constraint):
      return ["org-policies", "describe", constraint, Self.nodeFlag(node)]
    case .serviceList(let project): return ["run", "services", "list", "--project=\(project)"]
    case .runService(let s):
      return [
        "run", "services", "describe", s.name, "--region=\(s.region)", "--project=\(s.project)",
      ]
    case .servicePolicy(let s):
      return [
        "run", "services", "get-iam-policy", s.name, "--region=\(s.region)",
        "--project=\(s.project)",
      ]
    case .function(let f):
      return ["functions", "describe", f.name, "--region=\(f.region)", "--project=\(f.project)"]
    case .functionPolicy(let f):
      return [
        "functions", "get-iam-policy", f.name, "--region=\(f.region)", "--project=\(f.project)",
      ]
    case .app(let project): return ["app", "describe", "--project=\(project)"]
    case .iapPolicy(let project):
      return ["iap", "web", "get-iam-policy", "--resource-type=app-engine", "--project=\(project)"]
    case .group(let email):
      return ["identity", "groups", "memberships", "list", "--group-email=\(email)"]
    case .assetList(let scope, let content):
      return [
        "asset", "list", Self.nodeFlag(scope), "--content-type=\(content)",
        "--asset-types=" + Self.assetTypes(content).joined(separator: ","),
      ]
    case .tags(let t):
      var words = ["resource-manager", "tags", "bindings", "list", "--parent=\(t.parent)"]
      if let location = t.location { words.append("--location=\(location)") }
      return words + ["--effective"]
    }
  }

  /// `--project=P`, `--folder=F` or `--organization=O` for a node.
  private static func nodeFlag(_ node: String) -> String {
    let (kind, id) = split(node)
    switch kind {
    case "folders": return "--folder=\(id)"
    case "organizations": return "--organization=\(id)"
    default: return "--project=\(id)"
    }
  }

  /// The asset types a scope listing asks for: every type whose records the importers read
  /// (docs/collect.md#the-scope-route); allow policies only where the model reads them.
  static func assetTypes(_ content: String) -> [String] {
    let crm = "cloudresourcemanager.googleapis.com/"
    let common = [
      crm + "Organization", crm + "Folder", crm + "Project", "run.googleapis.com/Service",
      "cloudfunctions.googleapis.com/CloudFunction", "cloudfunctions.googleapis.com/Function",
    ]
    if content == "iam-policy" { return common + ["iap.googleapis.com/WebType"] }
    return common + [
      "run.googleapis.com/DomainMapping", "appengine.googleapis.com/Application",
      "appengine.googleapis.com/Service", "apigateway.googleapis.com/Gateway",
      "apigateway.googleapis.com/ApiConfig", "apigateway.googleapis.com/Api",
      "orgpolicy.googleapis.com/Policy", "iam.googleapis.com/ServiceAccount",
      "iam.googleapis.com/Role",
    ]
  }

  /// `projects/shop` → (`projects`, `shop`).
  static func split(_ node: String) -> (String, String) {
    guard let slash = node.firstIndex(of: "/") else { return ("", node) }
    return (String(node[..<slash]), String(node[node.index(after: slash)...]))
  }

  /// The output file under the naming convention; nil for lookups whose output only
  /// chooses the next commands (listings of gateways, services and org policies).
  var output: String? {
    switch self {
    case .gatewayList, .serviceList, .orgPolicyList, .projectByNumber: return nil
    case .gateway(let g):
      return
        "api-gateway-gateways-describe-\(g.name)--location=\(g.location)--project=\(g.project).json"
    case .config(let name):
      let parts = name.split(separator: "/").map(String.init)
      let config = parts.last ?? name
      let api = parts.count >= 6 ? parts[5] : ""
      return "api-gateway-api-configs-describe-\(config)--api=\(api).json"
    case .serviceAccount(let email): return "iam-service-accounts-describe-\(email).json"
    case .project(let id): return "projects-describe-\(id).json"
    case .projectPolicy(let id): return "projects-get-iam-policy-\(id).json"
    case .folder(let id): return "folders-describe-\(id).json"
    case .folderPolicy(let id): return "folders-get-iam-policy-\(id).json"
    case .organization(let id): return "organizations-describe-\(id).json"
    case .organizationPolicy(let id): return "organizations-get-iam-policy-\(id).json"
    case .denyListing(let node):
      return "iam-policies-list-denypolicies-\(node.replacingOccurrences(of: "/", with: "-")).json"
    case .denyPolicy(let node, let id):
      return "iam-policies-get-\(id)--\(node.replacingOccurrences(of: "/", with: "-")).json"
    case .orgPolicy(let node, let constraint):
      let (kind, id) = Self.split(node)
      let word = kind == "folders" ? "folder" : kind == "organizations" ? "organization" : "project"
      return "org-policies-describe-\(constraint)-\(word)-\(id).json"
    case .runService(let s): return "run-services-describe-\(s.qualified).json"
    case .servicePolicy(let s): return "run-services-get-iam-policy-\(s.qualified).json"
    case .function(let f): return "functions-describe-\(f.qualified).json"
    case .functionPolicy(let f): return "functions-get-iam-policy-\(f.qualified).json"
    case .app(let project): return "app-describe-\(project).json"
    case .iapPolicy(let project): return "iap-web-get-iam-policy-app-engine-\(project).json"
    case .group(let email): return "identity-groups-memberships-list-\(email).json"
    case .tags(let t): return "resource-manager-tags-bindings-list-effective-\(t.fileArgument).json"
    case .assetList(let scope, let content):
      let (kind, id) = Self.split(scope)
      let word = kind == "folders" ? "folder" : kind == "organizations" ? "organization" : "project"
      return "asset-list-\(content)-\(word)-\(id).json"
    }
  }

  /// What a failure of this read leaves the model not knowing, in the model's own terms.
  var reads: CollectInput? {
    switch self {
    case .projectPolicy(let id): return CollectInput(kind: "allow-policy", target: "projects/\(id)")
    case .folderPolicy(let id): return CollectInput(kind: "allow-policy", target: "folders/\(id)")
    case .organizationPolicy(let id):
      return CollectInput(kind: "allow-policy", target: "organizations/\(id)")
    case .servicePolicy(let s): return CollectInput(kind: "allow-policy", target: s.serviceName)
    case .functionPolicy(let f): return CollectInput(kind: "allow-policy", target: f.functionName)
    case .iapPolicy(let p):
      return CollectInput(kind: "allow-policy", target: "iap_web/appengine-\(p)")
    case .denyListing(let node): return CollectInput(kind: "deny-listing", target: node)
    case .denyPolicy(let node, let id):
      let point =
        "cloudresourcemanager.googleapis.com%2F"
        + node.replacingOccurrences(
          of: "/", with: "%2F")
      return CollectInput(kind: "deny-policy", target: "policies/\(point)/denypolicies/\(id)")
    case .group(let email):
      return CollectInput(kind: "group", target: "group:\(email.lowercased())")
    case .serviceAccount(let email):
      return CollectInput(kind: "service-account", target: "serviceAccount:\(email.lowercased())")
    case .tags(let t): return CollectInput(kind: "tags", target: t.resource)
    case .project(let id): return CollectInput(kind: "ancestors", target: "projects/\(id)")
    case .folder(let id): return CollectInput(kind: "ancestors", target: "folders/\(id)")
    case .orgPolicy(let node, let constraint):
      return CollectInput(kind: "org-policy", target: "\(node)#\(constraint)")
    case .orgPolicyList(let node): return CollectInput(kind: "org-policy", target: node)
    case .runService(let s): return CollectInput(kind: "describe", target: s.serviceName)
    case .function(let f): return CollectInput(kind: "describe", target: f.functionName)
    case .app(let p): return CollectInput(kind: "describe", target: "apps/\(p)")
    case .gateway(let g): return CollectInput(kind: "describe", target: g.canonicalName)
    case .config(let name): return CollectInput(kind: "describe", target: name)
    case .gatewayList(let p): return CollectInput(kind: "describe", target: "projects/\(p)")
    case .serviceList(let p), .projectByNumber(number: let p):
      return CollectInput(kind: "describe", target: "projects/\(p)")
    case .organization(let id):
      return CollectInput(kind: "describe", target: "organizations/\(id)")
    case .assetList(let scope, let content):
      // Every allow policy below the scope is unknown when its listing fails
      // (facts/gcp/verdicts.dl); resources that are not listed are simply not there.
      return content == "iam-policy"
        ? CollectInput(kind: "allow-policies", target: scope)
        : CollectInput(kind: "describe", target: scope)
    }
  }

  /// What is being read, for progress lines.
  var summary: String {
    switch self {
    case .gatewayList(let p): return "the gateways of projects/\(p)"
    case .gateway(let g): return "gateway \(g.name)"
    case .config(let name): return "API config \(name.split(separator: "/").last ?? "")"
    case .serviceAccount(let email): return "service account \(email)"
    case .projectByNumber(let n): return "project \(n)"
    case .project(let id): return "project \(id)"
    case .projectPolicy(let id): return "the allow policy of projects/\(id)"
    case .folder(let id): return "folder \(id)"
    case .folderPolicy(let id): return "the allow policy of folders/\(id)"
    case .organization(let id): return "organization \(id)"
    case .organizationPolicy(let id): return "the allow policy of organizations/\(id)"
    case .denyListing(let node): return "the deny policies of \(node)"
    case .denyPolicy(_, let id): return "deny policy \(id)"
    case .orgPolicyList(let node): return "the organization policies of \(node)"
    case .orgPolicy(let node, let c): return "organization policy \(c) of \(node)"
    case .serviceList(let p): return "the Cloud Run services of projects/\(p)"
    case .runService(let s): return "Cloud Run service \(s.name)"
    case .servicePolicy(let s): return "the allow policy of \(s.name)"
    case .function(let f): return "function \(f.name)"
    case .functionPolicy(let f): return "the allow policy of \(f.name)"
    case .app(let p): return "App Engine app \(p)"
    case .iapPolicy(let p): return "the IAP policy of \(p)"
    case .group(let email): return "the members of \(email)"
    case .tags(let t): return "the tags on \(t.fileArgument)"
    case .assetList(let scope, let content): return "the \(content) records of \(scope)"
    }
  }
}

/// A gateway as `--gateway G --project P --location L` names it.
public struct GatewayReference: Hashable, Sendable {
  /// The project ID.
  public var project: String
  /// The region (`us-central1`).
  public var location: String
  /// The gateway ID.
  public var name: String

  /// Creates a reference.
  public init(project: String, location: String, name: String) {
    self.project = project
    self.location = location
    self.name = name
  }

  /// `projects/P/locations/L/gateways/G`.
  var canonicalName: String { "projects/\(project)/locations/\(location)/gateways/\(name)" }
}

/// A Cloud Run service or function: its project ID, region and name.
struct RegionalName: Hashable, Sendable {
  var project: String
  var region: String
  var name: String

  /// The file-name argument with both qualifiers (docs/file-naming.md).
  var qualified: String { "\(name)--region=\(region)--project=\(project)" }
  /// `projects/P/locations/R/services/S`.
  var serviceName: String { "projects/\(project)/locations/\(region)/services/\(name)" }
  /// `projects/P/locations/R/functions/F`.
  var functionName: String { "projects/\(project)/locations/\(region)/functions/\(name)" }
}

/// A resource whose effective tags are read.
struct TagsTarget: Hashable, Sendable {
  /// The canonical name the model knows it by.
  var resource: String
  /// The full resource name gcloud takes (`//run.googleapis.com/projects/…`).
  var parent: String
  /// The region of a regional resource (`--location`), nil for a project.
  var location: String?
  /// The file-name argument (`orders-api--region=R--project=P`, or the project ID).
  var fileArgument: String
}
