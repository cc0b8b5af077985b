/// `gcloud app describe` (docs/google-cloud-model.md#app-engine-and-iap): the app, its default host and IAP;
/// `gcloud app services describe` / `list`: its services and their ingress.
enum AppEngineImporter {
  /// `gcloud app describe`.
  static func app(_ node: JSONNode, in file: ImportFile) {
    guard let name = file.string(node, "name", required: true) else { return }
    let id = file.string(node, "id") ?? ResourceNames.shortName(name)
    let app = ImportTerm.name(name)
    let project = ImportTerm.name("projects/" + id)
    file.fact(.resource, [app, .symbol("app")], at: node)
    file.fact(.parent, [app, project], at: node)
    file.fact(.appEngineApp, [app], at: node)
    file.fact(.alias, [.symbol(id), app], at: node)
    let web = ImportTerm.iapWeb(app: id)
    file.fact(.resource, [web, .symbol("iap-web")], at: node)
    file.fact(.parent, [web, project], at: node)
    file.fact(.iapResource, [app, web], at: node)
    if let host = file.string(node, "defaultHostname"), let at = node["defaultHostname"] {
      file.fact(.backendUrl, [app, .symbol("https://" + host)], at: at)
      file.fact(.alias, [.symbol(host), app], at: at)
      file.fact(.alias, [.symbol("https://" + host), app], at: at)
    }
    if let iap = file.object(node, "iap") {
      if file.bool(iap, "enabled") == true, let at = iap["enabled"] {
        file.fact(.iapEnabled, [app], at: at)
      }
      if let client = file.string(iap, "oauth2ClientId"), let at = iap["oauth2ClientId"] {
        file.fact(.iapClientId, [app, .symbol(client)], at: at)
      }
    }
  }

  /// `gcloud app services describe S` (the Admin API's `Service`: `name`, `id`, `split`,
  /// `networkSettings`) or an element of `gcloud app services list` (`id`, `project`,
  /// `split`): the service of its app and, from a describe, its ingress setting.
  ///
  /// The `default` service is what the app's own host reaches, so its ingress is the app's
  /// (`ingress(apps/APP, ...)`); other services get their own. An absent setting is
  /// `all`; the list form says nothing about ingress.
  static func service(_ node: JSONNode, in file: ImportFile) {
    let app: String
    let id: String
    if let nameNode = node["name"] {
      guard let name = file.string(node, "name") else { return }
      let parts = name.split(separator: "/", omittingEmptySubsequences: false)
      guard parts.count == 4, parts[0] == "apps", parts[2] == "services", !parts[1].isEmpty,
        !parts[3].isEmpty
      else {
        file.session.report(
          .error, .badJSON, file: file.path, at: nameNode,
          "expected an App Engine service name `apps/APP/services/SERVICE`")
        return
      }
      app = String(parts[1])
      id = String(parts[3])
    } else {
      guard let project = file.string(node, "project", required: true),
        let service = file.string(node, "id", required: true)
      else { return }
      app = project
      id = service
    }
    let appName = "apps/" + app
    let service = appName + "/services/" + id
    file.fact(.appEngineService, [.name(service), .name(appName)], at: node)
    let settings = file.object(node, "networkSettings")
    // A setting of the wrong type has been reported; it says nothing.
    if settings == nil, let value = node["networkSettings"], !value.isNull { return }
    guard node["name"] != nil || settings != nil else { return }
    var raw: String?
    if let settings, let value = settings["ingressTrafficAllowed"], !value.isNull {
      guard let text = file.string(settings, "ingressTrafficAllowed") else { return }
      raw = text
    }
    let at = settings?["ingressTrafficAllowed"] ?? settings ?? node
    guard let setting = ingress(raw) else {
      file.invalid(at, expected: "an INGRESS_TRAFFIC_ALLOWED_* value")
      return
    }
    let backend = id == "default" ? appName : service
    file.fact(.ingress, [.name(backend), .symbol(setting)], at: at)
  }

  /// An App Engine `ingressTrafficAllowed` value as the ingress setting of the model; nil
  /// (absent) and `..._UNSPECIFIED` are `all`; nil for any other value.
  static func ingress(_ raw: String?) -> String? {
    switch raw {
    case nil, "INGRESS_TRAFFIC_ALLOWED_UNSPECIFIED", "INGRESS_TRAFFIC_ALLOWED_ALL": return "all"
    case "INGRESS_TRAFFIC_ALLOWED_INTERNAL_ONLY": return "internal"
    case "INGRESS_TRAFFIC_ALLOWED_INTERNAL_AND_LB": return "internal-and-cloud-load-balancing"
    default: return nil
    }
  }
}
