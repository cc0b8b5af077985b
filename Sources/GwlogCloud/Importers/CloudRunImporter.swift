/// Cloud Run services (both shapes, docs/google-cloud-model.md#cloud-run-services) and domain mappings.
enum CloudRunImporter {
  /// The facts every service shape gives: the resource, its project and its short names.
  static func service(_ name: String, at node: JSONNode, in file: ImportFile) {
    let service = ImportTerm.name(name)
    file.fact(.resource, [service, .symbol("run-service")], at: node)
    file.fact(.runService, [service], at: node)
    if let project = ResourceNames.project(of: name) {
      file.fact(.parent, [service, .name(project)], at: node)
    }
    file.fact(.alias, [.symbol(ResourceNames.shortName(name)), service], at: node)
  }

  static func url(_ service: String, _ url: String, at node: JSONNode, in file: ImportFile) {
    let url = ResourceNames.url(url)
    file.fact(.backendUrl, [.name(service), .symbol(url)], at: node)
    file.fact(.alias, [.symbol(url), .name(service)], at: node)
  }

  /// `gcloud run services describe` (Knative `serving.knative.dev/v1` Service).
  static func knativeService(_ node: JSONNode, in file: ImportFile) {
    guard let metadata = file.object(node, "metadata"),
      let short = file.string(metadata, "name", required: true),
      let namespace = file.string(metadata, "namespace", required: true)
    else { return }
    let labels = file.object(metadata, "labels")
    guard let region = labels.flatMap({ file.string($0, "cloud.googleapis.com/location") }) else {
      file.session.report(
        .error, .badJSON, file: file.path, at: metadata,
        "missing the region label `cloud.googleapis.com/location`")
      return
    }
    let name = "projects/\(namespace)/locations/\(region)/services/\(short)"
    service(name, at: node, in: file)
    file.fact(
      .alias, [.symbol("namespaces/\(namespace)/services/\(short)"), .name(name)], at: metadata)
    let annotations = file.object(metadata, "annotations")
    if let annotations {
      let key =
        annotations["run.googleapis.com/ingress-status"] != nil
        ? "run.googleapis.com/ingress-status" : "run.googleapis.com/ingress"
      if let raw = file.string(annotations, key), let value = annotations[key] {
        if let setting = ResourceNames.ingress(raw) {
          file.fact(.ingress, [.name(name), .symbol(setting)], at: value)
        } else {
          file.invalid(value, expected: "an ingress setting (all, internal, ...)")
        }
      }
      if let disabled = annotations["run.googleapis.com/invoker-iam-disabled"],
        file.bool(annotations, "run.googleapis.com/invoker-iam-disabled") == true
      {
        file.fact(.invokerIamDisabled, [.name(name)], at: disabled)
      }
      if let disabled = annotations["run.googleapis.com/default-url-disabled"],
        file.bool(annotations, "run.googleapis.com/default-url-disabled") == true
      {
        file.fact(.defaultUrlDisabled, [.name(name)], at: disabled)
      }
      for (key, relation) in [
        ("run.googleapis.com/custom-audiences", InputRelation.customAudience),
        ("run.googleapis.com/urls", .backendUrl),
      ] {
        guard let value = annotations[key], let text = file.string(annotations, key) else {
          continue
        }
        guard let list = ResourceNames.jsonStringList(text) else {
          file.invalid(value, expected: "a JSON-encoded list of strings")
          continue
        }
        for item in list {
          if relation == .backendUrl {
            url(name, item, at: value, in: file)
          } else {
            file.fact(relation, [.name(name), .symbol(item)], at: value)
          }
        }
      }
    }
    if let status = file.object(node, "status") {
      if let u = file.string(status, "url"), let at = status["url"] {
        url(name, u, at: at, in: file)
      }
      if let address = file.object(status, "address"), let u = file.string(address, "url"),
        let at = address["url"]
      {
        url(name, u, at: at, in: file)
      }
    }
  }

  /// A Cloud Run Admin API v2 service.
  static func v2Service(_ node: JSONNode, in file: ImportFile) {
    guard let name = file.string(node, "name", required: true) else { return }
    service(name, at: node, in: file)
    if let raw = file.string(node, "ingress"), let at = node["ingress"] {
      if let setting = ResourceNames.ingress(raw) {
        file.fact(.ingress, [.name(name), .symbol(setting)], at: at)
      } else {
        file.invalid(at, expected: "an INGRESS_TRAFFIC_* value")
      }
    }
    if file.bool(node, "invokerIamDisabled") == true, let at = node["invokerIamDisabled"] {
      file.fact(.invokerIamDisabled, [.name(name)], at: at)
    }
    if file.bool(node, "defaultUriDisabled") == true, let at = node["defaultUriDisabled"] {
      file.fact(.defaultUrlDisabled, [.name(name)], at: at)
    }
    for (audience, at) in file.strings(node, "customAudiences") {
      file.fact(.customAudience, [.name(name), .symbol(audience)], at: at)
    }
    if let uri = file.string(node, "uri"), let at = node["uri"] { url(name, uri, at: at, in: file) }
    for (u, at) in file.strings(node, "urls") { url(name, u, at: at, in: file) }
  }

  /// `gcloud run domain-mappings describe`: a custom domain routes to a service when Ready.
  static func domainMapping(_ node: JSONNode, in file: ImportFile) {
    guard let metadata = file.object(node, "metadata"),
      let domain = file.string(metadata, "name", required: true),
      let namespace = file.string(metadata, "namespace", required: true),
      let spec = file.object(node, "spec"),
      let route = file.string(spec, "routeName", required: true)
    else { return }
    let region = file.object(metadata, "labels").flatMap {
      file.string($0, "cloud.googleapis.com/location")
    }
    guard let region else {
      file.session.report(
        .error, .badJSON, file: file.path, at: metadata,
        "missing the region label `cloud.googleapis.com/location`")
      return
    }
    let conditions = file.object(node, "status").map { file.array($0, "conditions") } ?? []
    let ready = conditions.contains {
      $0["type"]?.string == "Ready" && $0["status"]?.string == "True"
    }
    guard ready else {
      file.session.report(
        .warning, .badJSON, file: file.path, at: metadata,
        "domain mapping `\(domain)` is not Ready, so it routes no traffic to `\(route)`; ignored",
        help: "check `gcloud run domain-mappings describe --domain=\(domain)` for the DNS records")
      return
    }
    let service = "projects/\(namespace)/locations/\(region)/services/\(route)"
    let at = spec["routeName"] ?? spec
    // The mapped domain is one more URL of the service and, bare, one more of its names:
    // users (and gateway addresses) may name the service by the domain it is served on.
    url(service, "https://" + domain, at: at, in: file)
    file.fact(.alias, [.symbol(domain.lowercased()), .name(service)], at: at)
  }
}
