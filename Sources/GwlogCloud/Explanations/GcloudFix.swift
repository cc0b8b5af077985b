import GwlogEngine

/// The gcloud commands that make a why-not repair of the model's inputs true in the cloud,
/// every flag filled in from the repair's values (docs/google-cloud-model.md#repairs): a
/// binding to add becomes `add-iam-policy-binding` on its resource, a deny rule's exception
/// a `gcloud iam policies update` of its policy, an ingress setting `run services update
/// --ingress=all`, and so on.
///
/// A repair that no command makes (a value left open, a condition to write) has none, and
/// its phrasing (`RepairPhrasing`) stands alone.
public enum GcloudFix {
  /// Looks up facts the commands need beyond the repair itself (a binding condition's
  /// expression, the gateway that serves a config): every row of `relation` that agrees with
  /// `pattern` where it is not nil.
  public typealias Lookup = @Sendable (_ relation: String, _ pattern: [String?]) -> [[String]]

  /// The commands that apply `repair`, in order; empty when there is no such command.
  public static func commands(for repair: Repair, lookup: Lookup) -> [String] {
    commands(repair.action, repair.relation, repair.values, lookup: lookup)
  }

  /// The commands that add or remove the fact `relation(values)` (nil where any value fits).
  public static func commands(
    _ action: Repair.Action, _ relation: String, _ values: [Value?], lookup: Lookup
  ) -> [String] {
    let v = values.map { $0.map(text) }
    switch (action, relation, v.count) {
    case (.add, "binding", 4):
      guard let resource = v[0], let role = v[1], let member = v[2] else { return [] }
      return binding(resource, role: role, member: member, condition: v[3] ?? "", lookup)
    case (.add, "exceptionPrincipal", 2), (.remove, "deniedPrincipal", 2):
      guard let rule = v[0], let principal = v[1] else { return [] }
      let field = action == .add ? "exceptionPrincipals" : "deniedPrincipals"
      return DenyPolicyEdit(rule: rule)?.commands(
        field: field, adds: action == .add, principal: principal) ?? []
    case (.add, "exceptionPermission", 2), (.remove, "deniedPermission", 2):
      guard let rule = v[0], let permission = v[1] else { return [] }
      let field = action == .add ? "exceptionPermissions" : "deniedPermissions"
      return DenyPolicyEdit(rule: rule)?.commands(
        field: field, adds: action == .add, permission: permission) ?? []
    case (.remove, "ingress", 2):
      guard let backend = v[0] else { return [] }
      return ingressAll(backend, lookup)
    case (.add, "invokerIamDisabled", 1):
      guard let service = v[0], let run = GcloudRegionalName(service, kind: "services") else {
        return []
      }
      return ["gcloud run services update \(run.name) \(run.flags) --no-invoker-iam-check"]
    case (.add, "customAudience", 2):
      guard let service = v[0], let audience = v[1],
        let run = GcloudRegionalName(service, kind: "services")
      else { return [] }
      return [
        "gcloud run services update \(run.name) \(run.flags) --add-custom-audiences=\(shellWord(audience))"
      ]
    case (.add, "groupMember", 2), (.remove, "groupMember", 2):
      guard let member = v[0], let group = v[1], let email = email(of: member),
        group.hasPrefix("group:")
      else { return [] }
      let verb = action == .add ? "add" : "delete"
      return [
        "gcloud identity groups memberships \(verb) --group-email=\(group.dropFirst(6)) "
          + "--member-email=\(email)"
      ]
    case (.add, "serviceAccount", 3):
      guard let account = v[0], v[2] == "enabled", let email = email(of: account) else {
        return []
      }
      let project = v[1].flatMap { $0.hasPrefix("projects/") ? $0.dropFirst(9) : nil }
      return [
        "gcloud iam service-accounts enable \(email)" + (project.map { " --project=\($0)" } ?? "")
      ]
    case (.add, "customRole", 3):
      guard let role = v[0], v[2] == "active" else { return [] }
      return customRole(role, lookup)
    case (.add, "gateway", 2):
      guard let gateway = v[0], let config = v[1] else { return [] }
      return gatewayUpdate(gateway, config: config).map { [$0] } ?? []
    case (.add, "apiConfig", 3):
      guard let config = v[0], let account = v[2], let email = email(of: account) else {
        return []
      }
      return newConfig(replacing: config, flags: "--backend-auth-service-account=\(email)", lookup)
    default:
      return []
    }
  }

  /// `add-iam-policy-binding` on the resource's own command: a project, folder or
  /// organization, a Cloud Run service, a function or an IAP web resource.
  private static func binding(
    _ resource: String, role: String, member: String, condition: String, _ lookup: Lookup
  ) -> [String] {
    var flags = "--member=\(shellWord(member)) --role=\(shellWord(role))"
    if !condition.isEmpty {
      guard let row = lookup("condition", [condition, nil, nil]).first, row.count == 3 else {
        return []
      }
      flags += " --condition=" + shellQuoted("expression=\(row[2]),title=\(row[1])")
    }
    let parts = resource.split(separator: "/").map(String.init)
    if parts.count == 2 {
      switch parts[0] {
      case "projects": return ["gcloud projects add-iam-policy-binding \(parts[1]) \(flags)"]
      case "folders":
        return ["gcloud resource-manager folders add-iam-policy-binding \(parts[1]) \(flags)"]
      case "organizations":
        return ["gcloud organizations add-iam-policy-binding \(parts[1]) \(flags)"]
      default: return []
      }
    }
    if let run = GcloudRegionalName(resource, kind: "services") {
      return ["gcloud run services add-iam-policy-binding \(run.name) \(run.flags) \(flags)"]
    }
    if let function = GcloudRegionalName(resource, kind: "functions") {
      return ["gcloud functions add-iam-policy-binding \(function.name) \(function.flags) \(flags)"]
    }
    // projects/NUMBER/iap_web/appengine-APP[/services/S]: IAP takes the project by ID.
    if parts.count >= 4, parts[2] == "iap_web", parts[3].hasPrefix("appengine-") {
      let app = parts[3].dropFirst("appengine-".count)
      var command =
        "gcloud iap web add-iam-policy-binding --resource-type=app-engine --project=\(app)"
      if parts.count >= 6, parts[4] == "services" { command += " --service=\(parts[5])" }
      return [command + " " + flags]
    }
    return []
  }

  /// Ingress `all` for a Cloud Run service, a function (a 2nd gen one through its service)
  /// or an App Engine app.
  private static func ingressAll(_ backend: String, _ lookup: Lookup) -> [String] {
    if let run = GcloudRegionalName(backend, kind: "services") {
      return ["gcloud run services update \(run.name) \(run.flags) --ingress=all"]
    }
    if let function = GcloudRegionalName(backend, kind: "functions") {
      if let service = lookup("functionService", [backend, nil]).first?.last,
        let run = GcloudRegionalName(service, kind: "services")
      {
        return ["gcloud run services update \(run.name) \(run.flags) --ingress=all"]
      }
      return [
        "gcloud functions deploy \(function.name) \(function.flags) --ingress-settings=all"
      ]
    }
    let parts = backend.split(separator: "/").map(String.init)
    if parts.count == 2, parts[0] == "apps" {
      return ["gcloud app services update default --ingress=all --project=\(parts[1])"]
    }
    if parts.count == 4, parts[0] == "apps", parts[2] == "services" {
      return ["gcloud app services update \(parts[3]) --ingress=all --project=\(parts[1])"]
    }
    return []
  }

  /// Undeletes or re-enables a custom role, as its current state needs.
  private static func customRole(_ role: String, _ lookup: Lookup) -> [String] {
    let parts = role.split(separator: "/").map(String.init)
    guard parts.count == 4, parts[2] == "roles",
      parts[0] == "projects" || parts[0] == "organizations"
    else { return [] }
    let scope = parts[0] == "projects" ? "--project=\(parts[1])" : "--organization=\(parts[1])"
    let state = lookup("customRole", [role, nil, nil]).first?.last
    if state == "deleted" { return ["gcloud iam roles undelete \(parts[3]) \(scope)"] }
    return ["gcloud iam roles update \(parts[3]) \(scope) --stage=GA"]
  }

  /// `gcloud api-gateway gateways update` pointing `gateway` at `config`.
  static func gatewayUpdate(_ gateway: String, config: String) -> String? {
    let g = gateway.split(separator: "/").map(String.init)
    let c = config.split(separator: "/").map(String.init)
    guard g.count == 6, g[0] == "projects", g[2] == "locations", g[4] == "gateways",
      c.count == 8, c[4] == "apis", c[6] == "configs"
    else { return nil }
    return "gcloud api-gateway gateways update \(g[5]) --api=\(c[5]) --api-config=\(c[7]) "
      + "--location=\(g[3]) --project=\(g[1])"
  }

  /// A new API config like `config` (its OpenAPI document fetched) with other `flags`, and
  /// every gateway serving `config` pointed at it: API configs are immutable.
  private static func newConfig(replacing config: String, flags: String, _ lookup: Lookup)
    -> [String]
  {
    let c = config.split(separator: "/").map(String.init)
    guard c.count == 8, c[0] == "projects", c[4] == "apis", c[6] == "configs" else { return [] }
    let (project, api, old) = (c[1], c[5], c[7])
    let new = old + "-fixed"
    var commands = [
      "gcloud api-gateway api-configs describe \(old) --api=\(api) --project=\(project) "
        + "--view=FULL --format='value(openapiDocuments[0].document.contents)' "
        + "| base64 -d > \(old).openapi",
      "gcloud api-gateway api-configs create \(new) --api=\(api) --project=\(project) "
        + "--openapi-spec=\(old).openapi \(flags)",
    ]
    let newName = (c.prefix(7) + [new]).joined(separator: "/")
    for row in lookup("gateway", [nil, config]) where row.count == 2 {
      if let update = gatewayUpdate(row[0], config: newName) { commands.append(update) }
    }
    return commands
  }

  /// The email of `serviceAccount:E`, `user:E` or `group:E`.
  static func email(of member: String) -> String? {
    for prefix in ["serviceAccount:", "user:", "group:"] where member.hasPrefix(prefix) {
      return String(member.dropFirst(prefix.count))
    }
    return nil
  }

  /// `text` as one word of a POSIX shell: as it is when it holds no character the shell
  /// treats specially, else in single quotes.
  static func shellWord(_ text: String) -> String {
    let plain =
      !text.isEmpty
      && text.unicodeScalars.allSatisfy { scalar in
        scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
          || "@%+,-./:=_^".unicodeScalars.contains(scalar)
      }
    return plain ? text : shellQuoted(text)
  }

  /// `text` in single quotes for a POSIX shell (a quote inside as `'\''`).
  static func shellQuoted(_ text: String) -> String {
    "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
  }

  private static func text(_ value: Value) -> String {
    switch value {
    case .symbol(let s): return s
    case .integer(let i): return String(i)
    }
  }
}

/// A regional resource `projects/P/locations/R/KIND/NAME` with its gcloud flags.
struct GcloudRegionalName {
  /// The resource's own name (`orders-api`).
  let name: String
  /// `--region=R --project=P`.
  let flags: String

  /// The parts of `resource` when it is a `KIND` (`services`, `functions`) resource.
  init?(_ resource: String, kind: String) {
    let parts = resource.split(separator: "/").map(String.init)
    guard parts.count == 6, parts[0] == "projects", parts[2] == "locations", parts[4] == kind
    else { return nil }
    name = parts[5]
    flags = "--region=\(parts[3]) --project=\(parts[1])"
  }
}
