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
  }

  /// Command prefixes, longest first so that `resource-manager-folders-...` wins.
  private static var prefixes: [(prefix: String, target: (String) -> Target?)] {
    [
      ("resource-manager-folders-get-iam-policy-", { .resource(.name("folders/" + $0)) }),
      ("folders-get-iam-policy-", { .resource(.name("folders/" + $0)) }),
      ("organizations-get-iam-policy-", { .resource(.name("organizations/" + $0)) }),
      ("projects-get-iam-policy-", { .resource(.name("projects/" + $0)) }),
      ("run-services-get-iam-policy-", { .resource(.runServiceNamed($0)) }),
      ("functions-get-iam-policy-", { .resource(.functionNamed($0)) }),
      ("iap-web-get-iam-policy-app-engine-", { .resource(.iapWeb(app: $0)) }),
      ("identity-groups-memberships-list-", { .group($0) }),
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

  /// The target named by a file's base name, if it follows the convention.
  static func target(of path: String) -> Target? {
    var base = String(path.split(separator: "/").last ?? Substring(path))
    guard base.hasSuffix(".json") else { return nil }
    base.removeLast(".json".count)
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
    + "`resource-manager-org-policies-describe-CONSTRAINT-project-PROJECT.json`"
}
