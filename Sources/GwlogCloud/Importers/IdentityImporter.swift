/// Roles, service accounts and Cloud Identity group memberships (docs/google-cloud-model.md#roles).
enum IdentityImporter {
  /// `gcloud iam roles describe`: custom roles get `customRole` and `rolePermission`;
  /// predefined roles add their permissions to the catalog.
  static func role(_ node: JSONNode, in file: ImportFile) {
    guard let name = file.string(node, "name", required: true) else { return }
    let role = ImportTerm.name(name)
    for (permission, at) in file.strings(node, "includedPermissions") {
      file.fact(.rolePermission, [role, .symbol(permission)], at: at)
    }
    guard !name.hasPrefix("roles/"), let range = name.range(of: "/roles/") else { return }
    let scope = ImportTerm.name(String(name[..<range.lowerBound]))
    let state =
      file.bool(node, "deleted") == true
      ? "deleted" : file.string(node, "stage") == "DISABLED" ? "disabled" : "active"
    file.fact(.customRole, [role, scope, .symbol(state)], at: node["deleted"] ?? node)
  }

  /// `gcloud iam service-accounts describe`.
  static func serviceAccount(_ node: JSONNode, in file: ImportFile) {
    guard let email = file.string(node, "email", required: true)?.lowercased() else { return }
    let project =
      file.string(node, "projectId")
      ?? email.split(separator: "@").last.flatMap { $0.split(separator: ".").first }.map(
        String.init) ?? ""
    if let uid = file.string(node, "uniqueId") { file.session.uniqueIDs.append((uid, email)) }
    let state =
      file.bool(node, "deleted") == true
      ? "deleted" : file.bool(node, "disabled") == true ? "disabled" : "enabled"
    file.fact(
      .serviceAccount,
      [.symbol("serviceAccount:" + email), .name("projects/" + project), .symbol(state)],
      at: node["disabled"] ?? node["deleted"] ?? node)
  }

  /// `gcloud identity groups memberships list` (direct members of `group`), and that they
  /// were read (`groupMembersRead`, also for `[]`) unless an element gave no member.
  static func memberships(_ root: JSONNode, _ items: [JSONNode], group: String, in file: ImportFile)
  {
    let groupMember = "group:" + group.lowercased()
    var complete = true
    for item in items {
      guard let key = file.object(item, "preferredMemberKey") ?? file.object(item, "memberKey"),
        let id = file.string(key, "id", required: true)
      else {
        complete = false
        continue
      }
      let member = Principals.membershipMember(id: id, type: file.string(item, "type"))
      file.fact(.groupMember, [member, groupMember], at: key["id"] ?? key)
    }
    guard complete else {
      file.session.report(
        .warning, .badJSON, file: file.path, at: root,
        "not every element is a membership, so the members of `\(groupMember)` are not known whole")
      return
    }
    file.fact(.groupMembersRead, [.symbol(groupMember)], at: root)
  }
}
