/// Allow policies (`get-iam-policy`, Cloud Asset export/list/search-all) and IAM deny
/// policies (docs/google-cloud-model.md#l6-allow, #l7-deny).
enum IAMPolicyImporter {
  /// One whole allow policy of `resource` (its `get-iam-policy` output or a Cloud Asset
  /// record): its bindings, and that the policy was read, so that a resource whose policy has
  /// no bindings is known to grant nothing (`allowPolicyRead`).
  static func allowPolicy(_ policy: JSONNode, resource: ImportTerm, in file: ImportFile) {
    bindings(policy, resource: resource, in: file)
    file.fact(.allowPolicyRead, [resource], at: policy)
  }

  /// The bindings of one allow policy on `resource`.
  static func bindings(_ policy: JSONNode, resource: ImportTerm, in file: ImportFile) {
    for binding in file.array(policy, "bindings") {
      guard binding.members != nil else {
        file.invalid(binding, expected: "an object (a binding)")
        continue
      }
      guard let role = file.string(binding, "role", required: true) else { continue }
      var condition = ImportTerm.symbol("")
      if let c = file.object(binding, "condition") {
        let title = file.string(c, "title") ?? ""
        let expression = file.string(c, "expression", required: true) ?? ""
        condition = .condition(title: title, expression: expression)
        file.fact(.condition, [condition, .symbol(title), .symbol(expression)], at: c)
      }
      for (member, node) in file.strings(binding, "members") {
        file.fact(
          .binding,
          [resource, .name(role), .symbol(Principals.canonical(member)), condition], at: node)
      }
    }
  }

  /// One Cloud Asset record: export NDJSON (snake_case), `asset list` (camelCase).
  static func assetRecord(_ record: JSONNode, in file: ImportFile) {
    guard let name = file.string(record, "name", required: true) else { return }
    let policy = file.object(record, "iam_policy") ?? file.object(record, "iamPolicy")
    guard let policy else { return }
    var file = file
    file.authority = .asset
    allowPolicy(policy, resource: .name(name), in: file)
    ancestry(
      resource: name, ancestors: file.strings(record, "ancestors"), in: file)
  }

  /// One `search-all-iam-policies` result: only the bindings that matched.
  static func searchResult(_ record: JSONNode, in file: ImportFile) {
    guard let name = file.string(record, "resource", required: true),
      let policy = file.object(record, "policy")
    else { return }
    var file = file
    file.authority = .searchAll
    // Only the bindings that matched the search: not the whole policy.
    bindings(policy, resource: .name(name), in: file)
    if let project = record["project"], let p = project.string,
      ResourceManagerImporter.hierarchyType(name) == nil
    {
      file.fact(.parent, [.name(name), .name(p)], at: project)
    }
  }

  /// Parent edges from an `ancestors` list (nearest first, the resource itself may lead).
  static func ancestry(resource: String, ancestors: [(String, JSONNode)], in file: ImportFile) {
    let own = ResourceNames.relative(resource)
    var chain = ancestors.map { (ResourceNames.relative($0.0), $0.1) }
    if chain.first?.0 == own { chain.removeFirst() }
    var child = own
    for (ancestor, node) in chain {
      file.fact(.parent, [.name(child), .name(ancestor)], at: node)
      typeFact(ancestor, at: node, in: file)
      child = ancestor
    }
  }

  private static func typeFact(_ name: String, at node: JSONNode, in file: ImportFile) {
    if let type = ResourceManagerImporter.hierarchyType(name) {
      file.fact(.resource, [.name(name), .symbol(type)], at: node)
    }
  }

  /// An IAM v2 deny policy; without `rules` (list output) it is listed but not fetched.
  static func denyPolicy(_ policy: JSONNode, in file: ImportFile) {
    guard let name = file.string(policy, "name", required: true) else { return }
    guard let point = ResourceNames.denyAttachmentPoint(name) else {
      file.session.report(
        .error, .badJSON, file: file.path, at: policy["name"],
        "expected a deny policy name `policies/ATTACHMENT_POINT/denypolicies/ID`")
      return
    }
    guard policy["rules"] != nil else {
      file.fact(.denyPolicyUnfetched, [.symbol(name), .name(point)], at: policy)
      return
    }
    let display = file.string(policy, "displayName") ?? ""
    file.fact(.denyPolicy, [.symbol(name), .name(point), .symbol(display)], at: policy)
    for (index, rule) in file.array(policy, "rules").enumerated() {
      let id = ImportTerm.symbol("\(name)#\(index)")
      file.fact(
        .denyRule, [id, .symbol(name), .symbol(file.string(rule, "description") ?? "")],
        at: rule)
      guard let deny = file.object(rule, "denyRule") else { continue }
      for (key, relation) in [
        ("deniedPrincipals", InputRelation.deniedPrincipal),
        ("exceptionPrincipals", .exceptionPrincipal),
      ] {
        for (p, node) in file.strings(deny, key) {
          file.fact(relation, [id, .symbol(Principals.canonical(p))], at: node)
        }
      }
      for (key, relation) in [
        ("deniedPermissions", InputRelation.deniedPermission),
        ("exceptionPermissions", .exceptionPermission),
      ] {
        for (p, node) in file.strings(deny, key) {
          file.fact(relation, [id, .symbol(Principals.permission(p))], at: node)
        }
      }
      if let c = file.object(deny, "denialCondition") {
        file.fact(
          .denialCondition,
          [
            id, .symbol(file.string(c, "title") ?? ""),
            .symbol(file.string(c, "expression", required: true) ?? ""),
          ], at: c)
      }
    }
  }
}
