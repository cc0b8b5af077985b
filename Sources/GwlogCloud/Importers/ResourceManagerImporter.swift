import GwlogEngine

/// Projects, folders and organizations (docs/google-cloud-model.md#resource-hierarchy): `projects describe`,
/// `projects get-ancestors`, `folders describe`, `organizations list`.
enum ResourceManagerImporter {
  /// `organization` / `folder` / `project` for `organizations/N`, `folders/N`, `projects/P`.
  static func hierarchyType(_ name: String) -> String? {
    let parts = ResourceNames.relative(name).split(separator: "/")
    guard parts.count == 2 else { return nil }
    switch parts[0] {
    case "organizations": return "organization"
    case "folders": return "folder"
    case "projects": return "project"
    default: return nil
    }
  }

  /// `gcloud projects describe`: ID ↔ number and the parent.
  static func project(_ node: JSONNode, in file: ImportFile) {
    guard let id = file.string(node, "projectId", required: true) else { return }
    let project = ImportTerm.name("projects/" + id)
    file.fact(.resource, [project, .symbol("project")], at: node)
    if let numberNode = node["projectNumber"] {
      if let number = numberNode.integer.map(String.init) {
        file.session.recordProject(number: number, id: id, replacing: true)
        file.fact(.projectNumber, [project, .symbol(number)], at: numberNode)
      } else {
        file.invalid(numberNode, expected: "a project number (digits)")
      }
    }
    file.fact(.alias, [.symbol(id), project], at: node)
    if let parent = file.object(node, "parent"), let type = file.string(parent, "type"),
      let parentID = file.string(parent, "id")
    {
      let name = type == "folder" ? "folders/" + parentID : "organizations/" + parentID
      file.fact(.parent, [project, .name(name)], at: parent)
      file.fact(.resource, [.name(name), .symbol(type)], at: parent)
    }
  }

  /// `gcloud projects get-ancestors`: a list of `{id, type}`, nearest first.
  static func ancestors(_ items: [JSONNode], in file: ImportFile) {
    var previous: String?
    for item in items {
      guard let id = file.string(item, "id", required: true),
        let type = file.string(item, "type", required: true)
      else { return }
      let name: String
      switch type {
      case "project": name = "projects/" + id
      case "folder": name = "folders/" + id
      case "organization": name = "organizations/" + id
      default:
        file.invalid(item["type"] ?? item, expected: "`project`, `folder` or `organization`")
        return
      }
      file.fact(.resource, [.name(name), .symbol(type)], at: item)
      if let previous { file.fact(.parent, [.name(previous), .name(name)], at: item) }
      previous = name
    }
  }

  /// `gcloud resource-manager folders describe`.
  static func folder(_ node: JSONNode, in file: ImportFile) {
    guard let name = file.string(node, "name", required: true) else { return }
    file.fact(.resource, [.name(name), .symbol("folder")], at: node)
    if let parentNode = node["parent"], let parent = file.string(node, "parent") {
      file.fact(.parent, [.name(name), .name(parent)], at: parentNode)
      if let type = hierarchyType(parent) {
        file.fact(.resource, [.name(parent), .symbol(type)], at: parentNode)
      }
    }
  }

  /// `gcloud organizations list` / `describe`.
  static func organization(_ node: JSONNode, in file: ImportFile) {
    guard let name = file.string(node, "name", required: true) else { return }
    file.fact(.resource, [.name(name), .symbol("organization")], at: node)
    // The customer ID and domain become `memberDomain` facts once every file is read.
    guard let owner = file.object(node, "owner"),
      let customer = file.string(owner, "directoryCustomerId"), !customer.isEmpty,
      let at = owner["directoryCustomerId"],
      let domain = file.string(node, "displayName")?.lowercased(), !domain.isEmpty
    else { return }
    file.session.organizations.append(
      OrganizationDirectory(
        name: ResourceNames.relative(name), domain: domain, customer: customer,
        origin: file.session.origin(at: at, pointerPrefix: file.pointerPrefix)))
  }
}
