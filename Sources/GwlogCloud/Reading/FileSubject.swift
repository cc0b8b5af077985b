import Foundation

/// What a gcloud output file is about, as its name says: a project, a folder, or a resource.
///
/// The names are those `gwlog collect` writes (docs/collect.md#the-folder,
/// docs/file-naming.md). A focused read (docs/reading.md) opens a file of a known
/// subject only when the question's chain reaches that subject; every other file is read.
enum FileSubject: Hashable {
  /// A project, by ID or number: its describe, allow policy, ancestors, deny listing, App
  /// Engine app and IAP policy, org policies and custom roles set on it.
  case project(String)
  /// A folder, by number: its deny listing and org policies.
  case folder(String)
  /// A Cloud Run service or function (or the tags of a resource) by its short name, with the
  /// project qualifier when the name has one.
  case resource(name: String, project: String?)

  /// Command prefixes whose argument is a project.
  private static let projectPrefixes = [
    "projects-describe-", "projects-get-iam-policy-", "projects-get-ancestors-",
    "iam-policies-list-denypolicies-projects-", "app-describe-",
    "iap-web-get-iam-policy-app-engine-",
  ]

  /// Command prefixes whose argument is a folder.
  ///
  /// Folders' describes and allow policies are
  /// not among them: they are always read (an organization has few folders), so that a
  /// grant on the wrong folder, the usual mistake, is still named as `granted-elsewhere`
  /// (docs/reading.md).
  private static let folderPrefixes = ["iam-policies-list-denypolicies-folders-"]

  /// Command prefixes whose argument is a resource's short name with qualifiers.
  private static let resourcePrefixes = [
    "run-services-describe-", "run-v2-services-get-", "run-services-get-iam-policy-",
    "functions-describe-", "functions-get-iam-policy-",
    "resource-manager-tags-bindings-list-effective-",
  ]

  /// Org policy commands: the argument is `CONSTRAINT-project-P` (`-folder-F`,
  /// `-organization-O`).
  private static let orgPolicyPrefixes = [
    "resource-manager-org-policies-describe-", "org-policies-describe-",
  ]

  /// The subject the file's base name names; nil when the name says nothing the focus can
  /// use (the file is then always read).
  static func of(path: String) -> FileSubject? {
    var base = Substring(path)
    if let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) {
      base = path[path.utf8.index(after: slash)...]
    }
    guard base.utf8.count > 5, base.hasSuffix(".json") || base.hasSuffix(".yaml") else {
      return nil
    }
    base = base[..<base.utf8.index(base.endIndex, offsetBy: -5)]
    if let services = argument(base, after: "app-services-describe-") {
      // `S--project=P`: the project decides; without it the file is always read.
      return FileNameConvention.shortName(services)?.project.map { .project($0) }
    }
    for prefix in projectPrefixes {
      if let argument = argument(base, after: prefix) { return .project(argument) }
    }
    for prefix in folderPrefixes {
      if let argument = argument(base, after: prefix) { return .folder(argument) }
    }
    for prefix in resourcePrefixes {
      if let argument = argument(base, after: prefix) {
        guard let name = FileNameConvention.shortName(argument) else { return nil }
        return .resource(name: name.name, project: name.project)
      }
    }
    for prefix in orgPolicyPrefixes {
      if let argument = argument(base, after: prefix) { return orgPolicyNode(argument) }
    }
    // A custom role of a project (`ROLE--project=P`); an organization's is always read.
    if let argument = argument(base, after: "iam-roles-describe-"),
      let project = FileNameConvention.shortName(argument)?.project
    {
      return .project(project)
    }
    // A deny policy as `gwlog collect` names it: `ID--projects-P` (`--folders-F`).
    if let argument = argument(base, after: "iam-policies-get-"),
      let range = argument.range(of: "--", options: .backwards)
    {
      let node = argument[range.upperBound...]
      for (flag, subject) in [("projects-", FileSubject.project), ("folders-", FileSubject.folder)]
      where node.hasPrefix(flag) && node.count > flag.count {
        return subject(String(node.dropFirst(flag.count)))
      }
    }
    return nil
  }

  /// What follows `prefix` in `base`, when at least one character does.
  private static func argument(_ base: Substring, after prefix: String) -> String? {
    let length = prefix.utf8.count
    guard base.utf8.count > length, base.utf8.starts(with: prefix.utf8) else { return nil }
    return String(decoding: base.utf8.dropFirst(length), as: UTF8.self)
  }

  /// The node of an org policy file's argument `CONSTRAINT-project-P` (constraints have no
  /// `-`); nil for an organization's (always read) or a name that does not follow the form.
  private static func orgPolicyNode(_ argument: String) -> FileSubject? {
    guard let dash = argument.firstIndex(of: "-") else { return nil }
    let rest = argument[argument.index(after: dash)...]
    for (flag, subject) in [("project-", FileSubject.project), ("folder-", FileSubject.folder)]
    where rest.hasPrefix(flag) && rest.count > flag.count {
      return subject(String(rest.dropFirst(flag.count)))
    }
    return nil
  }
}
