import Foundation
import GwlogEngine

/// The gcloud command that fetches one missing input, with every name filled in and the file
/// name the naming convention gives its output (docs/file-naming.md), so that an unknown
/// verdict says exactly what to run: `gcloudFetch(Kind, Target)` in the model's rules.
///
/// Kinds: `deny-listing` (an organization, folder or project), `deny-policy` (a listed deny
/// policy's name), `allow-policy` (any node), `group` (`group:EMAIL`), `service-account`
/// (`serviceAccount:EMAIL`), `ancestors` (a project or folder), `tags` (a resource).
public enum FetchCommands {
  /// Registers `gcloudFetch` in `registry`.
  public static func register(in registry: inout BuiltinRegistry) {
    registry.register(
      BuiltinFunction(name: "gcloudFetch", arity: 2) { arguments in
        guard case .symbol(let kind) = arguments[0], case .symbol(let target) = arguments[1]
        else { throw BuiltinFailure("`gcloudFetch` expects two symbols") }
        guard let text = describe(kind: kind, target: target) else {
          throw BuiltinFailure("`gcloudFetch` knows no input kind `\(kind)`")
        }
        return .symbol(text)
      })
  }

  /// Registers `gcloudUnreadable(Kind, Target, Command, Error)`: what `gwlog collect` could
  /// not read, why, and what reading it needs (docs/collect.md#what-each-read-needs).
  public static func registerUnreadable(in registry: inout BuiltinRegistry) {
    registry.register(
      BuiltinFunction(name: "gcloudUnreadable", arity: 4) { arguments in
        guard case .symbol(let kind) = arguments[0], case .symbol(let target) = arguments[1],
          case .symbol(let command) = arguments[2], case .symbol(let error) = arguments[3]
        else { throw BuiltinFailure("`gcloudUnreadable` expects four symbols") }
        return .symbol(unreadable(kind: kind, target: target, command: command, error: error))
      })
  }

  /// `the deny policies attached at folders/2001, which could not be read: PERMISSION_DENIED;
  /// needs …; gcloud said: … (`command`, …)`, to follow "needs" in a verdict.
  static func unreadable(kind: String, target: String, command: String, error: String) -> String {
    let what: String
    switch kind {
    case "deny-listing": what = "the deny policies attached at \(target)"
    case "deny-policy": what = "deny policy \(target)"
    case "allow-policy": what = "the allow policy of \(target)"
    case "group": what = "the members of \(target)"
    case "service-account":
      what =
        "the service account \(target.hasPrefix("serviceAccount:") ? String(target.dropFirst(15)) : target)"
    case "ancestors": what = "the parent of \(target)"
    case "tags": what = "the tags in effect on \(target)"
    case "backend": what = "the backend at \(target)"
    default: what = target
    }
    let parts = error.split(separator: ":", maxSplits: 1).map {
      $0.trimmingCharacters(in: .whitespaces)
    }
    let code = parts.first ?? error
    var text = "\(what), which could not be read: \(code)"
    // A Cloud Asset listing (of allow policies: the only one a kind stands for) needs its own
    // permission.
    let needed = command.hasPrefix("gcloud asset ") ? assetNeeds : needs[kind]
    if code == "PERMISSION_DENIED", let needed { text += "; needs \(needed)" }
    if code == "SERVICE_DISABLED" {
      text +=
        "; enable the API in the project gcloud bills the call to "
        + "(`gcloud services enable`), or set `billing/quota_project`"
    }
    if parts.count == 2, !parts[1].isEmpty { text += "; gcloud said: \(parts[1])" }
    if !command.isEmpty { text += " (`\(command)`, see gwlog-collect.jsonl)" }
    return text
  }

  /// What a Cloud Asset listing of a scope needs (docs/collect.md#what-each-read-needs).
  private static let assetNeeds =
    "cloudasset.assets.listIamPolicy on the scope (roles/cloudasset.viewer)"

  /// The permission (and a predefined role that holds it) each read needs.
  private static let needs: [String: String] = [
    "deny-listing": "iam.denypolicies.list on it (roles/iam.denyReviewer)",
    "deny-policy": "iam.denypolicies.get on its attachment point (roles/iam.denyReviewer)",
    "allow-policy": "the getIamPolicy permission on it (roles/iam.securityReviewer)",
    "group": "permission to list the group's members (the Groups Reader admin role of Cloud "
      + "Identity, or a group that lets members see each other)",
    "service-account": "iam.serviceAccounts.get in its project (roles/iam.serviceAccountViewer)",
    "ancestors": "resourcemanager.projects.get / resourcemanager.folders.get (roles/browser)",
    "tags": "permission to list its tag bindings (roles/resourcemanager.tagViewer)",
    "backend": "permission to describe it and its project (roles/run.viewer, "
      + "roles/cloudfunctions.viewer or roles/appengine.appViewer, and roles/browser)",
  ]

  /// Registers `gcloudCommand(Kind, Target)`: the gcloud command of a fix, names filled in
  /// (kinds: `enable-default-url` of a Cloud Run service).
  public static func registerFixes(in registry: inout BuiltinRegistry) {
    registry.register(
      BuiltinFunction(name: "gcloudCommand", arity: 2) { arguments in
        guard case .symbol(let kind) = arguments[0], case .symbol(let target) = arguments[1],
          kind == "enable-default-url"
        else { throw BuiltinFailure("`gcloudCommand` knows no such fix") }
        let parts = target.split(separator: "/").map(String.init)
        guard parts.count == 6 else { return .symbol("gcloud run services update --default-url") }
        return .symbol(
          "gcloud run services update \(parts[5]) --region=\(parts[3]) --project=\(parts[1]) "
            + "--default-url")
      })
  }

  /// `what: command > file`, or nil for an unknown kind.
  static func describe(kind: String, target: String) -> String? {
    switch kind {
    case "deny-listing":
      let dashed = target.replacingOccurrences(of: "/", with: "-")
      return "the deny policies attached at \(target): gcloud iam policies list "
        + "--attachment-point=cloudresourcemanager.googleapis.com/\(target) "
        + "--kind=denypolicies --format=json > iam-policies-list-denypolicies-\(dashed).json"
    case "deny-policy": return denyPolicy(target)
    case "allow-policy": return "the allow policy of \(target): " + allowPolicy(target)
    case "group":
      let email = target.hasPrefix("group:") ? String(target.dropFirst(6)) : target
      return "the members of \(target): gcloud identity groups memberships list "
        + "--group-email=\(email) --format=json > identity-groups-memberships-list-\(email).json"
    case "service-account":
      let email =
        target.hasPrefix("serviceAccount:") ? String(target.dropFirst(15)) : target
      return "the service account \(email): gcloud iam service-accounts describe \(email) "
        + "--format=json > iam-service-accounts-describe-\(email).json"
    case "ancestors": return "the ancestors of \(target): " + ancestors(target)
    case "tags": return "the tags in effect on \(target): " + tags(target)
    default: return nil
    }
  }

  /// `policies/cloudresourcemanager.googleapis.com%2Fprojects%2FN/denypolicies/ID`.
  private static func denyPolicy(_ name: String) -> String {
    let parts = name.split(separator: "/").map(String.init)
    let id = parts.last ?? name
    let point =
      parts.count >= 4
      ? (parts[1].removingPercentEncoding ?? parts[1]) : "cloudresourcemanager.googleapis.com/..."
    return "deny policy \(name), listed but not fetched: gcloud iam policies get \(id) "
      + "--attachment-point=\(point) --kind=denypolicies --format=json "
      + "> iam-policies-get-\(id).json"
  }

  /// The get-iam-policy command of a node by its canonical name.
  private static func allowPolicy(_ node: String) -> String {
    let parts = node.split(separator: "/").map(String.init)
    if parts.count == 2 {
      let (kind, id) = (parts[0], parts[1])
      switch kind {
      case "projects":
        return
          "gcloud projects get-iam-policy \(id) --format=json > projects-get-iam-policy-\(id).json"
      case "folders":
        return "gcloud resource-manager folders get-iam-policy \(id) --format=json "
          + "> folders-get-iam-policy-\(id).json"
      case "organizations":
        return "gcloud organizations get-iam-policy \(id) --format=json "
          + "> organizations-get-iam-policy-\(id).json"
      default: break
      }
    }
    if parts.count == 6, parts[0] == "projects", parts[2] == "locations" {
      let (project, region, name) = (parts[1], parts[3], parts[5])
      let words = parts[4] == "functions" ? "functions" : "run services"
      let prefix = parts[4] == "functions" ? "functions" : "run-services"
      return "gcloud \(words) get-iam-policy \(name) --region=\(region) --project=\(project) "
        + "--format=json > \(prefix)-get-iam-policy-\(name).json"
    }
    if parts.count >= 4, parts[2] == "iap_web", parts[3].hasPrefix("appengine-") {
      let app = String(parts[3].dropFirst("appengine-".count))
      return "gcloud iap web get-iam-policy --resource-type=app-engine --project=\(app) "
        + "--format=json > iap-web-get-iam-policy-app-engine-\(app).json"
    }
    return "gcloud ... get-iam-policy for \(node) (see docs/file-naming.md)"
  }

  /// The command that gives a node's parents.
  private static func ancestors(_ node: String) -> String {
    let parts = node.split(separator: "/").map(String.init)
    if parts.count == 2, parts[0] == "folders" {
      return "gcloud resource-manager folders describe \(parts[1]) --format=json "
        + "> folders-describe-\(parts[1]).json"
    }
    let project = parts.count >= 2 && parts[0] == "projects" ? parts[1] : node
    return "gcloud projects get-ancestors \(project) --format=json "
      + "> projects-get-ancestors-\(project).json"
  }

  /// The effective tag bindings command of a resource.
  private static func tags(_ resource: String) -> String {
    let parts = resource.split(separator: "/").map(String.init)
    if parts.count == 6, parts[0] == "projects", parts[2] == "locations" {
      let service = parts[4] == "functions" ? "cloudfunctions" : "run"
      return "gcloud resource-manager tags bindings list "
        + "--parent=//\(service).googleapis.com/\(resource) --location=\(parts[3]) --effective "
        + "--format=json > resource-manager-tags-bindings-list-effective-\(parts[5]).json"
    }
    let name = parts.last ?? resource
    return "gcloud resource-manager tags bindings list "
      + "--parent=//cloudresourcemanager.googleapis.com/\(resource) --effective --format=json "
      + "> resource-manager-tags-bindings-list-effective-\(name).json"
  }
}
