/// Cloud Functions (docs/google-cloud-model.md#functions): 1st gen through the v1 API, and both generations
/// through the v2 API (`environment`).
enum FunctionsImporter {
  static func function(_ node: JSONNode, in file: ImportFile) {
    guard let name = file.string(node, "name", required: true) else { return }
    let function = ImportTerm.name(name)
    let environment = file.string(node, "environment")
    let generation = environment == "GEN_2" ? "2" : "1"
    file.fact(.resource, [function, .symbol("function")], at: node)
    file.fact(.function, [function, .symbol(generation)], at: node["environment"] ?? node)
    if let project = ResourceNames.project(of: name) {
      file.fact(.parent, [function, .name(project)], at: node)
    }
    file.fact(.alias, [.symbol(ResourceNames.shortName(name)), function], at: node)
    let serviceConfig = file.object(node, "serviceConfig")
    // Trigger: v1 `httpsTrigger` / `eventTrigger`; v2 `eventTrigger` or HTTP.
    let event = node["eventTrigger"] != nil && node["httpsTrigger"] == nil
    file.fact(
      .functionTrigger, [function, .symbol(event ? "event" : "http")],
      at: node["eventTrigger"] ?? node["httpsTrigger"] ?? node)
    // Ingress: v1 top level, v2 in serviceConfig; for gen2 it is the service's.
    let ingressHolder = serviceConfig ?? node
    var urls: [(String, JSONNode)] = []
    if let trigger = file.object(node, "httpsTrigger"), let u = file.string(trigger, "url") {
      urls.append((u, trigger["url"] ?? trigger))
    }
    if let u = file.string(node, "url") { urls.append((u, node["url"] ?? node)) }
    if let serviceConfig, let u = file.string(serviceConfig, "uri") {
      urls.append((u, serviceConfig["uri"] ?? serviceConfig))
    }
    // Derive the 1st gen URL when it is absent (also for event functions, so that a gateway
    // address naming one resolves to it and the why-not can say it has no HTTP trigger).
    if generation == "1", urls.isEmpty,
      let project = ResourceNames.segment(name, after: "projects"),
      let region = ResourceNames.segment(name, after: "locations")
    {
      let derived = ResourceNames.gen1URL(
        project: project, region: region, name: ResourceNames.shortName(name))
      urls.append((derived, node))
    }
    for (u, at) in urls {
      let url = ResourceNames.url(u)
      file.fact(.backendUrl, [function, .symbol(url)], at: at)
      file.fact(.alias, [.symbol(url), function], at: at)
    }
    var ingressTarget = function
    if generation == "2", let serviceConfig {
      guard let service = file.string(serviceConfig, "service", required: true) else { return }
      let at = serviceConfig["service"] ?? serviceConfig
      let term = ImportTerm.name(service)
      file.fact(.functionService, [function, term], at: at)
      file.fact(.resource, [term, .symbol("run-service")], at: at)
      file.fact(.runService, [term], at: at)
      if let project = ResourceNames.project(of: service) {
        file.fact(.parent, [term, .name(project)], at: at)
      }
      file.fact(.alias, [.name(service), function], at: at)
      file.fact(.alias, [.symbol(ResourceNames.shortName(service)), function], at: at)
      ingressTarget = term
    }
    if let raw = file.string(ingressHolder, "ingressSettings"),
      let at = ingressHolder["ingressSettings"]
    {
      if let setting = ResourceNames.ingress(raw) {
        file.fact(.ingress, [ingressTarget, .symbol(setting)], at: at)
      } else {
        file.invalid(at, expected: "ALLOW_ALL, ALLOW_INTERNAL_ONLY or ALLOW_INTERNAL_AND_GCLB")
      }
    }
  }
}
