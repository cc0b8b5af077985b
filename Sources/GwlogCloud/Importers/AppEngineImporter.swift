/// `gcloud app describe` (docs/google-cloud-model.md#app-engine-and-iap): the app, its default host and IAP.
enum AppEngineImporter {
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
}
