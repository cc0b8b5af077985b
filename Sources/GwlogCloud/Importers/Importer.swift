/// Recognises which gcloud output a JSON value is, by its fields, and hands it to the
/// importer of that family.
enum Importer {
  /// The gcloud outputs gwlog understands.
  enum Shape: String, CaseIterable {
    case allowPolicy = "an IAM allow policy (get-iam-policy)"
    case denyPolicy = "an IAM deny policy (iam policies get/list)"
    case project = "a project (projects describe)"
    case ancestors = "a project's ancestors (projects get-ancestors)"
    case folder = "a folder (resource-manager folders describe)"
    case organization = "an organization (organizations list/describe)"
    case knativeService = "a Cloud Run service (run services describe)"
    case v2Service = "a Cloud Run service (Admin API v2)"
    case domainMapping = "a Cloud Run domain mapping (run domain-mappings describe)"
    case function = "a function (functions describe, 1st or 2nd gen)"
    case app = "an App Engine app (app describe)"
    case gateway = "an API Gateway gateway (api-gateway gateways describe)"
    case api = "an API Gateway API (api-gateway apis describe)"
    case apiConfig = "an API Gateway API config (api-gateway api-configs describe --view=FULL)"
    case orgPolicyV2 = "an organization policy (org-policies describe [--effective])"
    case orgPolicyV1 = "a legacy organization policy (resource-manager org-policies describe)"
    case role = "a role (iam roles describe)"
    case serviceAccount = "a service account (iam service-accounts describe)"
    case membership = "group memberships (identity groups memberships list)"
    case asset = "a Cloud Asset IAM policy record (asset export/list --content-type=iam-policy)"
    case searchResult = "a search-all-iam-policies result"
  }

  /// The shape of one JSON object, if known.
  static func shape(of node: JSONNode) -> Shape? {
    guard node.members != nil else { return nil }
    func has(_ key: String) -> Bool { node[key] != nil }
    let name = node["name"]?.string ?? ""
    let kind = node["kind"]?.string
    let apiVersion = node["apiVersion"]?.string ?? ""
    if kind == "DenyPolicy" || name.contains("/denypolicies/") { return .denyPolicy }
    if apiVersion.hasPrefix("serving.knative.dev/"), kind == "Service" { return .knativeService }
    if apiVersion.hasPrefix("domains.cloudrun.com/"), kind == "DomainMapping" {
      return .domainMapping
    }
    if has("projectId"), has("projectNumber") { return .project }
    if has("asset_type") || has("assetType"), has("iam_policy") || has("iamPolicy") {
      return .asset
    }
    if has("resource"), has("policy") { return .searchResult }
    if has("preferredMemberKey") || has("memberKey") { return .membership }
    if name.contains("/policies/"), has("spec") || has("dryRunSpec") { return .orgPolicyV2 }
    if has("constraint"), has("listPolicy") || has("booleanPolicy") || has("restoreDefault") {
      return .orgPolicyV1
    }
    if name.contains("/functions/") { return .function }
    if name.contains("/services/"), has("uri") || has("ingress") || has("template") {
      return .v2Service
    }
    if name.hasPrefix("apps/"), has("defaultHostname") || has("iap") || has("id") { return .app }
    if name.contains("/gateways/"), has("apiConfig") { return .gateway }
    if name.contains("/configs/"), name.contains("/apis/") { return .apiConfig }
    if name.contains("/apis/"), has("managedService") || !name.contains("/configs/") {
      if name.hasPrefix("projects/") { return .api }
    }
    if has("includedPermissions") || (name.contains("roles/") && has("stage")) { return .role }
    if has("email"), has("uniqueId") || name.contains("/serviceAccounts/") {
      return .serviceAccount
    }
    if name.hasPrefix("folders/"), has("parent") || has("displayName") { return .folder }
    if name.hasPrefix("organizations/"), has("owner") || has("displayName") { return .organization }
    if has("id"), has("type"), node.members?.count == 2 { return .ancestors }
    if !has("name"), has("bindings") || (has("etag") && has("version")) { return .allowPolicy }
    return nil
  }

  /// Imports one object of a known shape that names its own resource.
  static func importNamed(_ node: JSONNode, shape: Shape, in file: ImportFile) {
    switch shape {
    case .denyPolicy: IAMPolicyImporter.denyPolicy(node, in: file)
    case .project: ResourceManagerImporter.project(node, in: file)
    case .ancestors: ResourceManagerImporter.ancestors([node], in: file)
    case .folder: ResourceManagerImporter.folder(node, in: file)
    case .organization: ResourceManagerImporter.organization(node, in: file)
    case .knativeService: CloudRunImporter.knativeService(node, in: file)
    case .v2Service: CloudRunImporter.v2Service(node, in: file)
    case .domainMapping: CloudRunImporter.domainMapping(node, in: file)
    case .function: FunctionsImporter.function(node, in: file)
    case .app: AppEngineImporter.app(node, in: file)
    case .gateway: APIGatewayImporter.gateway(node, in: file)
    case .api: break  // nothing the model needs; recognised so that folders load quietly
    case .apiConfig: APIGatewayImporter.config(node, in: file)
    case .orgPolicyV2: OrgPolicyImporter.v2(node, in: file)
    case .role: IdentityImporter.role(node, in: file)
    case .serviceAccount: IdentityImporter.serviceAccount(node, in: file)
    case .asset: IAMPolicyImporter.assetRecord(node, in: file)
    case .searchResult: IAMPolicyImporter.searchResult(node, in: file)
    case .allowPolicy, .orgPolicyV1, .membership: break  // need the file name
    }
  }

  /// Imports a whole document; returns false when its shape is unknown.
  static func importDocument(_ root: JSONNode, in file: ImportFile) -> Bool {
    if let items = root.array {
      if items.isEmpty { return true }
      let shapes = items.map { shape(of: $0) }
      guard let first = shapes[0] else { return false }
      switch first {
      case .ancestors:
        ResourceManagerImporter.ancestors(items, in: file)
        return true
      case .membership:
        return nameless(root, items: items, shape: .membership, in: file)
      default:
        for (item, shape) in zip(items, shapes) {
          guard let shape else {
            file.session.report(
              .warning, .badJSON, file: file.path, at: item,
              "skipped a list element of an unknown shape")
            continue
          }
          importNamed(item, shape: shape, in: file)
        }
        return true
      }
    }
    if let memberships = root["memberships"]?.array {
      return nameless(root, items: memberships, shape: .membership, in: file)
    }
    guard let shape = shape(of: root) else { return false }
    switch shape {
    case .allowPolicy, .orgPolicyV1:
      return nameless(root, items: [root], shape: shape, in: file)
    default:
      importNamed(root, shape: shape, in: file)
      return true
    }
  }

  /// A resource-name-less output: its resource comes from the file name.
  private static func nameless(
    _ root: JSONNode, items: [JSONNode], shape: Shape, in file: ImportFile
  ) -> Bool {
    switch (FileNameConvention.target(of: file.path), shape) {
    case (.resource(let resource)?, .allowPolicy):
      IAMPolicyImporter.allowPolicy(root, resource: resource, in: file)
    case (.group(let group)?, .membership):
      IdentityImporter.memberships(items, group: group, in: file)
    case (.orgPolicy(let resource)?, .orgPolicyV1):
      OrgPolicyImporter.v1(root, resource: resource, in: file)
    default:
      let what = shape.rawValue
      file.session.report(
        file.named ? .error : .warning, .badJSON, file: file.path, at: nil,
        "\(what) names no resource and the file name does not say which"
          + (file.named ? "" : "; skipped"), help: FileNameConvention.help)
    }
    return true
  }
}
