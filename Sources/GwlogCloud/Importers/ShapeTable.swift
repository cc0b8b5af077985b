extension Importer {
  /// The gcloud outputs gwlog understands (the descriptions appear in messages, in this
  /// order); `ShapeTable.entries` says how each is recognised and imported.
  enum Shape: String, CaseIterable, Sendable {
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
    case appService = "an App Engine service (app services describe/list)"
    case gateway = "an API Gateway gateway (api-gateway gateways describe)"
    case api = "an API Gateway API (api-gateway apis describe)"
    case apiConfig = "an API Gateway API config (api-gateway api-configs describe --view=FULL)"
    case orgPolicyV2 = "an organization policy (org-policies describe [--effective])"
    case orgPolicyV1 = "a legacy organization policy (resource-manager org-policies describe)"
    case role = "a role (iam roles describe)"
    case serviceAccount = "a service account (iam service-accounts describe)"
    case membership = "group memberships (identity groups memberships list)"
    case asset = "a Cloud Asset IAM policy record (asset export/list --content-type=iam-policy)"
    case assetResource =
      "a Cloud Asset resource record (asset export/list --content-type=resource)"
    case searchResult = "a search-all-iam-policies result"
    case effectiveTags = "effective tags (resource-manager tags bindings list --effective)"
  }
}

/// How the objects of one shape become facts.
enum ShapeImport: Sendable {
  /// The object names its own resource: imported wherever it is found (the whole document,
  /// a list element, an NDJSON line).
  case named(@Sendable (JSONNode, ImportFile) -> Void)
  /// A list document imported as a whole when its first element is of this shape; an object
  /// of this shape elsewhere is a list of one.
  case list(@Sendable ([JSONNode], ImportFile) -> Void)
  /// An object that names no resource, so the file name's target says which
  /// (docs/file-naming.md); imported only as the whole document. Returns false when the
  /// target is missing or of the wrong kind.
  case nameless(@Sendable (JSONNode, FileNameConvention.Target?, ImportFile) -> Bool)
  /// A list of objects that name no resource (the file name says which); imported only as the
  /// whole document (given first, for the facts about the whole list) or its
  /// `ShapeEntry.wrapper` member. Returns false as `nameless` does.
  case namelessList(
    @Sendable (JSONNode, [JSONNode], FileNameConvention.Target?, ImportFile) -> Bool)
  /// Recognised, so that folders load quietly, but nothing the model needs.
  case ignored
}

/// One gcloud output: its shape, how to recognise one of its objects, and how to import it.
struct ShapeEntry: Sendable {
  /// The output (its description appears in messages).
  let shape: Importer.Shape
  /// How its objects become facts.
  let imports: ShapeImport
  /// The member under which a document may wrap a list of this shape (`{"memberships": [...]}`).
  let wrapper: String?
  /// Whether an NDJSON line of this shape is imported as is, before any document rule.
  let isRecord: Bool
  /// What a list document of `named` objects of this shape makes known as a whole, besides
  /// its elements (the document, its elements, the file name's target); also called with no
  /// elements for an empty list whose file name says it is of this shape.
  let listed: (@Sendable (JSONNode, [JSONNode], FileNameConvention.Target?, ImportFile) -> Void)?
  /// Whether a JSON object is of this shape (false for anything that is not an object).
  let recognises: @Sendable (JSONNode) -> Bool

  /// An entry for `shape`, imported by `imports`, recognised by `recognises`.
  init(
    _ shape: Importer.Shape, _ imports: ShapeImport, wrapper: String? = nil,
    isRecord: Bool = false,
    listed: (@Sendable (JSONNode, [JSONNode], FileNameConvention.Target?, ImportFile) -> Void)? =
      nil,
    recognises: @escaping @Sendable (JSONNode) -> Bool
  ) {
    self.shape = shape
    self.imports = imports
    self.wrapper = wrapper
    self.isRecord = isRecord
    self.listed = listed
    self.recognises = recognises
  }
}

/// Every gcloud output gwlog reads, in precedence order (the first entry that recognises an
/// object gives its shape).
///
/// `ShapeTableTests` checks that each known output is recognised by exactly one entry, or by
/// the pairs of entries it lists, so that the order is only a tie-break.
enum ShapeTable {
  static let entries: [ShapeEntry] = [
    ShapeEntry(
      .denyPolicy, .named(IAMPolicyImporter.denyPolicy), listed: IAMPolicyImporter.denyListing
    ) {
      $0.text("kind") == "DenyPolicy" || $0.text("name").contains("/denypolicies/")
    },
    ShapeEntry(.knativeService, .named(CloudRunImporter.knativeService)) {
      $0.text("apiVersion").hasPrefix("serving.knative.dev/") && $0.text("kind") == "Service"
    },
    ShapeEntry(.domainMapping, .named(CloudRunImporter.domainMapping)) {
      $0.text("apiVersion").hasPrefix("domains.cloudrun.com/")
        && $0.text("kind") == "DomainMapping"
    },
    ShapeEntry(.project, .named(ResourceManagerImporter.project)) {
      $0.has("projectId") && $0.has("projectNumber")
    },
    ShapeEntry(.asset, .named(IAMPolicyImporter.assetRecord), isRecord: true) {
      ($0.has("asset_type") || $0.has("assetType")) && ($0.has("iam_policy") || $0.has("iamPolicy"))
    },
    // A search result's `resource` is the resource's name; an asset record's is an object.
    ShapeEntry(.assetResource, .named(AssetResourceImporter.record), isRecord: true) {
      ($0.has("asset_type") || $0.has("assetType")) && $0["resource"]?.isObject == true
    },
    ShapeEntry(.searchResult, .named(IAMPolicyImporter.searchResult), isRecord: true) {
      $0.has("resource") && $0.has("policy")
    },
    ShapeEntry(.membership, .namelessList(memberships), wrapper: "memberships") {
      $0.has("preferredMemberKey") || $0.has("memberKey")
    },
    ShapeEntry(.orgPolicyV2, .named(OrgPolicyImporter.v2)) {
      $0.text("name").contains("/policies/") && ($0.has("spec") || $0.has("dryRunSpec"))
    },
    ShapeEntry(.orgPolicyV1, .nameless(orgPolicyV1)) {
      $0.has("constraint")
        && ($0.has("listPolicy") || $0.has("booleanPolicy") || $0.has("restoreDefault"))
    },
    ShapeEntry(.function, .named(FunctionsImporter.function)) {
      $0.text("name").contains("/functions/")
    },
    ShapeEntry(.v2Service, .named(CloudRunImporter.v2Service)) {
      $0.text("name").contains("/services/")
        && ($0.has("uri") || $0.has("ingress") || $0.has("template"))
    },
    // Before the app entry: a service's `name` starts with `apps/` and it has an `id`.
    ShapeEntry(.appService, .named(AppEngineImporter.service)) {
      let name = $0.text("name")
      return
        (name.hasPrefix("apps/") && name.contains("/services/") && !name.contains("/versions/"))
        || (!$0.has("name") && $0.has("project") && $0.has("id") && $0.has("split"))
    },
    ShapeEntry(.app, .named(AppEngineImporter.app)) {
      $0.text("name").hasPrefix("apps/")
        && ($0.has("defaultHostname") || $0.has("iap") || $0.has("id"))
    },
    ShapeEntry(.gateway, .named(APIGatewayImporter.gateway)) {
      $0.text("name").contains("/gateways/") && $0.has("apiConfig")
    },
    ShapeEntry(.apiConfig, .named(APIGatewayImporter.config)) {
      $0.text("name").contains("/configs/") && $0.text("name").contains("/apis/")
    },
    ShapeEntry(.api, .ignored) {
      let name = $0.text("name")
      return name.contains("/apis/") && ($0.has("managedService") || !name.contains("/configs/"))
        && name.hasPrefix("projects/")
    },
    ShapeEntry(.role, .named(IdentityImporter.role)) {
      $0.has("includedPermissions") || ($0.text("name").contains("roles/") && $0.has("stage"))
    },
    ShapeEntry(.serviceAccount, .named(IdentityImporter.serviceAccount)) {
      $0.has("email") && ($0.has("uniqueId") || $0.text("name").contains("/serviceAccounts/"))
    },
    ShapeEntry(.folder, .named(ResourceManagerImporter.folder)) {
      $0.text("name").hasPrefix("folders/") && ($0.has("parent") || $0.has("displayName"))
    },
    ShapeEntry(.organization, .named(ResourceManagerImporter.organization)) {
      $0.text("name").hasPrefix("organizations/") && ($0.has("owner") || $0.has("displayName"))
    },
    ShapeEntry(.ancestors, .list(ResourceManagerImporter.ancestors)) {
      $0.has("id") && $0.has("type") && $0.memberCount == 2
    },
    ShapeEntry(.effectiveTags, .namelessList(effectiveTags), wrapper: "effectiveTags") {
      $0.has("namespacedTagKey") || $0.has("namespacedTagValue")
    },
    ShapeEntry(.allowPolicy, .nameless(allowPolicy)) {
      !$0.has("name")
        && ($0.has("bindings") || ($0.has("etag") && $0.has("version")) || isEmptyAllowPolicy($0))
    },
  ]

  /// The members an allow policy has (docs/file-naming.md#the-shapes-gwlog-understands).
  private static let allowPolicyMembers: Set<String> = [
    "bindings", "etag", "version", "auditConfigs",
  ]

  /// Whether `node` is an allow policy without bindings as `get-iam-policy` prints one once
  /// the last binding is removed: an `etag` and nothing but allow policy members
  /// (`{"etag": "BwYx"}`).
  private static func isEmptyAllowPolicy(_ node: JSONNode) -> Bool {
    guard let keys = node.keys, node.has("etag") else { return false }
    return keys.allSatisfy { allowPolicyMembers.contains($0) }
  }

  /// The entry of the first shape that recognises `node`; nil for unknown objects and for
  /// anything that is not an object.
  static func entry(for node: JSONNode) -> ShapeEntry? {
    guard node.isObject else { return nil }
    return entries.first { $0.recognises(node) }
  }

  /// The first entry whose `wrapper` member of `root` is a list, with that list's elements.
  static func wrapped(_ root: JSONNode) -> (entry: ShapeEntry, items: [JSONNode])? {
    for entry in entries {
      if let key = entry.wrapper, let items = root[key]?.array { return (entry, items) }
    }
    return nil
  }

  /// An allow policy of the resource the file name gives.
  private static func allowPolicy(
    _ root: JSONNode, _ target: FileNameConvention.Target?, _ file: ImportFile
  ) -> Bool {
    guard case .resource(let resource)? = target else { return false }
    IAMPolicyImporter.allowPolicy(root, resource: resource, in: file)
    return true
  }

  /// A legacy org policy on the resource the file name gives.
  private static func orgPolicyV1(
    _ root: JSONNode, _ target: FileNameConvention.Target?, _ file: ImportFile
  ) -> Bool {
    guard case .orgPolicy(let resource)? = target else { return false }
    OrgPolicyImporter.v1(root, resource: resource, in: file)
    return true
  }

  /// The direct members of the group the file name gives.
  private static func memberships(
    _ root: JSONNode, _ items: [JSONNode], _ target: FileNameConvention.Target?,
    _ file: ImportFile
  ) -> Bool {
    guard case .group(let group)? = target else { return false }
    IdentityImporter.memberships(root, items, group: group, in: file)
    return true
  }

  /// The tags in effect on the resource the file name gives.
  private static func effectiveTags(
    _ root: JSONNode, _ items: [JSONNode], _ target: FileNameConvention.Target?,
    _ file: ImportFile
  ) -> Bool {
    guard case .tags(let name)? = target else { return false }
    TagsImporter.effectiveTags(
      root, items, resource: .resourceNamed(name, strict: file.named), in: file)
    return true
  }
}

extension JSONNode {
  /// Whether this object has a member `key` (of any kind, `null` included).
  fileprivate func has(_ key: String) -> Bool { self[key] != nil }

  /// The string member `key`, or "" when it is absent or not a string.
  fileprivate func text(_ key: String) -> String { self[key]?.string ?? "" }
}
