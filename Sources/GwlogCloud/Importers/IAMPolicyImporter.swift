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
      guard binding.isObject else {
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

  /// Parent edges from an `ancestors` list (numeric names, nearest first; a project,
  /// folder or organization leads with itself), and the project's number when the record
  /// names it by ID (docs/file-naming.md#the-shapes-gwlog-understands).
  static func ancestry(resource: String, ancestors: [(String, JSONNode)], in file: ImportFile) {
    let own = ResourceNames.relative(resource)
    var chain = ancestors.map { (ResourceNames.relative($0.0), $0.1) }
    if let (first, node) = chain.first {
      projectNumber(of: own, nearest: first, at: node, in: file)
      // A project named by ID leads with its number; folders and organizations are numeric.
      let isProject = { ResourceManagerImporter.hierarchyType($0) == "project" }
      if first == own || (isProject(own) && isProject(first)) {
        typeFact(own, at: node, in: file)
        chain.removeFirst()
      }
    }
    var child = own
    for (ancestor, node) in chain {
      file.fact(.parent, [.name(child), .name(ancestor)], at: node)
      typeFact(ancestor, at: node, in: file)
      child = ancestor
    }
  }

  /// `projectNumber` for the project of `name` when `name` gives it by ID and its nearest
  /// ancestor, the project, by number (the project itself, or anything inside it).
  private static func projectNumber(
    of name: String, nearest: String, at node: JSONNode, in file: ImportFile
  ) {
    guard let project = ResourceNames.project(of: name),
      let id = ResourceNames.segment(project, after: "projects"),
      let number = ResourceNames.segment(nearest, after: "projects"),
      ResourceManagerImporter.hierarchyType(nearest) == "project",
      !id.isEmpty, !id.allSatisfy(\.isNumber), !number.isEmpty, number.allSatisfy(\.isASCII),
      number.allSatisfy(\.isNumber)
    else { return }
    // A `projects describe` read earlier keeps its mapping; a different one is a conflict
    // of `projectNumber` facts, reported once names resolve.
    file.session.recordProject(number: number, id: id, replacing: false)
    file.fact(.projectNumber, [.name(project), .symbol(number)], at: node)
  }

  private static func typeFact(_ name: String, at node: JSONNode, in file: ImportFile) {
    if let type = ResourceManagerImporter.hierarchyType(name) {
      file.fact(.resource, [.name(name), .symbol(type)], at: node)
    }
  }

  /// What a deny policy listing makes known besides its policies.
  ///
  /// `gcloud iam policies list --kind=denypolicies` lists the deny policies of each
  /// attachment point its elements name (`denyPoliciesListed`), or, for `[]`, of the node its
  /// file name gives (docs/file-naming.md). Nothing when an element is not a valid deny
  /// policy, since the listing is then not known whole.
  static func denyListing(
    _ root: JSONNode, _ items: [JSONNode], _ target: FileNameConvention.Target?,
    _ file: ImportFile
  ) {
    var named: String?
    if case .denyListing(.name(let node))? = target {
      named = node
      file.session.denyListingNames.append((file.path, node))
    }
    guard !items.isEmpty else {
      if let named { file.fact(.denyPoliciesListed, [.name(named)], at: root) }
      return
    }
    var points: [(String, JSONNode)] = []
    for item in items {
      guard ShapeTable.entry(for: item)?.shape == .denyPolicy,
        let name = item["name"]?.string, let point = ResourceNames.denyAttachmentPoint(name)
      else { return }
      points.append((point, item["name"] ?? item))
    }
    for (point, node) in points {
      file.fact(.denyPoliciesListed, [.name(point)], at: node)
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
