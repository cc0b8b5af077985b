/// The file-name convention for outputs that carry no resource name (docs/file-naming.md):
/// `<gcloud command words joined by ->-<the argument given to gcloud>.json`.
enum FileNameConvention {
  /// What a resource-name-less file describes.
  enum Target {
    /// An allow policy of this resource (org, folder, project, IAP web resource).
    case resource(ImportTerm)
    /// The direct members of a group (email).
    case group(String)
    /// A legacy v1 org policy on this resource.
    case orgPolicy(ImportTerm)
    /// The deny policies attached at this organization, folder or project.
    case denyListing(ImportTerm)
    /// The tags in effect on the loaded resource with this short name.
    case tags(ShortName)

    /// The shape a list under this name is of, so that an empty list (`[]`) still says
    /// something; nil for the names of single objects.
    var listShape: Importer.Shape? {
      switch self {
      case .group: return .membership
      case .denyListing: return .denyPolicy
      case .tags: return .effectiveTags
      case .resource, .orgPolicy: return nil
      }
    }
  }

  /// Command prefixes, in the order of docs/file-naming.md (no prefix starts another, so
  /// the order decides nothing).
  private static var prefixes: [(prefix: String, target: (String) -> Target?)] {
    [
      ("resource-manager-folders-get-iam-policy-", { .resource(.name("folders/" + $0)) }),
      ("folders-get-iam-policy-", { .resource(.name("folders/" + $0)) }),
      ("organizations-get-iam-policy-", { .resource(.name("organizations/" + $0)) }),
      ("projects-get-iam-policy-", { .resource(.name("projects/" + $0)) }),
      ("run-services-get-iam-policy-", { shortName($0).map { .resource(.runServiceNamed($0)) } }),
      ("functions-get-iam-policy-", { shortName($0).map { .resource(.functionNamed($0)) } }),
      ("iap-web-get-iam-policy-app-engine-", { .resource(.iapWeb(app: $0)) }),
      ("identity-groups-memberships-list-", { .group($0) }),
      ("iam-policies-list-denypolicies-", denyListingTarget),
      ("resource-manager-tags-bindings-list-effective-", { shortName($0).map { .tags($0) } }),
      ("resource-manager-org-policies-describe-", orgPolicyTarget),
    ]
  }

  /// The resource of a legacy org policy file: `CONSTRAINT-project-P` and the like.
  ///
  /// `CONSTRAINT-folder-F` and `CONSTRAINT-organization-O` work too (the flag `--project=P`
  /// etc. written as words; the constraint itself has no `-`).
  private static func orgPolicyTarget(_ argument: String) -> Target? {
    guard let dash = argument.firstIndex(of: "-") else { return nil }
    let rest = argument[argument.index(after: dash)...]
    for (flag, collection) in [
      ("project-", "projects/"), ("folder-", "folders/"), ("organization-", "organizations/"),
    ] where rest.hasPrefix(flag) && rest.count > flag.count {
      return .orgPolicy(.name(collection + rest.dropFirst(flag.count)))
    }
    return nil
  }

  /// The node of a deny policy listing: `organizations-O`, `folders-F` or `projects-P` (the
  /// attachment point `cloudresourcemanager.googleapis.com/organizations/O` with its `/`
  /// written as `-`; P is a project ID or number).
  private static func denyListingTarget(_ argument: String) -> Target? {
    for collection in ["organizations", "folders", "projects"] {
      let flag = collection + "-"
      guard argument.hasPrefix(flag), argument.count > flag.count else { continue }
      return .denyListing(.name(collection + "/" + argument.dropFirst(flag.count)))
    }
    return nil
  }

  /// A short name with optional `--region=R` and `--project=P` qualifiers, spelled as the
  /// gcloud flags (`orders-api--region=us-central1--project=shop`); nil when a qualifier is
  /// empty or given twice, or the name is empty.
  static func shortName(_ argument: String) -> ShortName? {
    var pieces: [String] = []
    var region: String?
    var project: String?
    for piece in argument.components(separatedBy: "--") {
      if pieces.isEmpty {
        pieces.append(piece)
        continue
      }
      if let value = qualifier(piece, "region=") {
        guard region == nil, !value.isEmpty else { return nil }
        region = value
      } else if let value = qualifier(piece, "project=") {
        guard project == nil, !value.isEmpty else { return nil }
        project = value
      } else if region == nil, project == nil {
        // Part of the name itself (`a--b`), as long as no qualifier came before it.
        pieces.append(piece)
      } else {
        return nil
      }
    }
    let name = pieces.joined(separator: "--")
    guard !name.isEmpty else { return nil }
    return ShortName(name: name, region: region, project: project)
  }

  /// The value of `piece` when it starts with `flag` (`region=`).
  private static func qualifier(_ piece: String, _ flag: String) -> String? {
    piece.hasPrefix(flag) ? String(piece.dropFirst(flag.count)) : nil
  }

  /// The target named by a file's base name, if it follows the convention.
  static func target(of path: String) -> Target? {
    var base = String(path.split(separator: "/").last ?? Substring(path))
    // gcloud's YAML output (`.yaml`) is named like its JSON.
    guard let suffix = [".json", ".yaml"].first(where: base.hasSuffix) else { return nil }
    base.removeLast(suffix.count)
    for (prefix, target) in prefixes where base.hasPrefix(prefix) && base.count > prefix.count {
      return target(String(base.dropFirst(prefix.count)))
    }
    return nil
  }

  /// The convention, for help texts.
  static let help =
    "name the file after the gcloud command and its argument, for example "
    + "`projects-get-iam-policy-PROJECT.json`, `folders-get-iam-policy-FOLDER.json`, "
    + "`organizations-get-iam-policy-ORG.json`, `run-services-get-iam-policy-SERVICE.json`, "
    + "`functions-get-iam-policy-FUNCTION.json`, `iap-web-get-iam-policy-app-engine-PROJECT.json`, "
    + "`identity-groups-memberships-list-GROUP_EMAIL.json`, "
    + "`resource-manager-org-policies-describe-CONSTRAINT-project-PROJECT.json`, "
    + "`resource-manager-tags-bindings-list-effective-NAME.json`"
}

/// A resource named by the last segment of its name, as a policy or tags file names it,
/// optionally narrowed to a region and a project (`--region=R--project=P` in the file name).
struct ShortName: Hashable, CustomStringConvertible {
  /// The last segment of the resource's name.
  var name: String
  /// The `locations/R` segment the resource must have, if given.
  var region: String?
  /// The project (ID or number) the resource must belong to, if given.
  var project: String?

  /// The name with its qualifiers, as the file name spells it.
  var description: String {
    name + (region.map { "--region=" + $0 } ?? "") + (project.map { "--project=" + $0 } ?? "")
  }

  /// Whether the canonical `name` (its last segment already matched) is in the region and
  /// project asked for; `number` gives a project ID's number.
  func admits(_ canonical: String, number: (String) -> String?) -> Bool {
    if let region, ResourceNames.segment(canonical, after: "locations") != region {
      return false
    }
    if let project {
      guard let id = ResourceNames.segment(canonical, after: "projects") else { return false }
      return id == project || number(id) == project
    }
    return true
  }
}
