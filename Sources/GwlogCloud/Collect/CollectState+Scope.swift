/// The scope route (docs/collect.md#the-scope-route): what a Cloud Asset `resource` listing
/// of a whole scope leaves to read with other commands.
extension CollectState {
  /// The steps a scope's resource records name: the deny policies of every node listed, the
  /// nodes above the scope (described, with their policies, as on the chain), the full view
  /// of a gateway's config whose record lacks its OpenAPI documents, a gateway's service
  /// account that is not listed, and the backends' tags once a deny rule has a condition.
  mutating func assetResourceFollowUps(_ scope: String, _ records: [JSONNode]) -> [CollectStep] {
    var next: [CollectStep] = []
    var listed: Set<String> = []
    var above: [String] = []
    var accounts: Set<String> = []
    var configs: [String: JSONNode] = [:]
    var gatewayConfigs: [String] = []
    for record in records {
      let type = (record["assetType"] ?? record["asset_type"])?.string ?? ""
      let name = Self.relative(record["name"]?.string ?? "")
      let data = record["resource"]?["data"]
      for ancestor in (record["ancestors"]?.array ?? []).compactMap(\.string)
      where !above.contains(ancestor) {
        above.append(ancestor)
      }
      switch type {
      case "cloudresourcemanager.googleapis.com/Organization",
        "cloudresourcemanager.googleapis.com/Folder":
        listed.insert(name)
        next.append(.denyListing(node: name))
      case "cloudresourcemanager.googleapis.com/Project":
        guard let id = data?["projectId"]?.string else { continue }
        let number = CollectStep.split(name).1
        projectIDs[number] = id
        listed.insert(name)
        listed.insert("projects/\(id)")
        next.append(.denyListing(node: "projects/\(id)"))
      case "run.googleapis.com/Service":
        let parts = name.split(separator: "/").map(String.init)
        guard parts.count == 6,
          data?["metadata"]?["labels"]?["goog-managed-by"]?.string != "cloudfunctions"
        else { continue }
        let s = RegionalName(project: parts[1], region: parts[3], name: parts[5])
        next += addTags(
          TagsTarget(
            resource: s.serviceName, parent: "//run.googleapis.com/" + s.serviceName,
            location: s.region, fileArgument: s.qualified))
      case "cloudfunctions.googleapis.com/CloudFunction", "cloudfunctions.googleapis.com/Function":
        next += functionTags(name, data)
      case "iam.googleapis.com/ServiceAccount":
        if let email = data?["email"]?.string {
          accounts.insert(email.lowercased())
          listedAccounts.insert(email.lowercased())
        }
      case "apigateway.googleapis.com/ApiConfig":
        configs[configKey(name)] = data ?? record
      case "apigateway.googleapis.com/Gateway":
        if let config = data?["apiConfig"]?.string, !config.isEmpty {
          gatewayConfigs.append(config)
        }
      default: break
      }
    }
    for config in gatewayConfigs {
      guard let data = configs[configKey(config)], data["openapiDocuments"] != nil else {
        next.append(.config(name: config))
        continue
      }
      if case .serviceAccount(let email)? = Self.account(of: data), !accounts.contains(email) {
        next.append(.serviceAccount(email: email))
      }
    }
    // The nodes above the scope, and the scope itself when no record of it was listed: read
    // as the chain reads a backend's ancestors.
    if !listed.contains(scope) && !above.contains(scope) { above.insert(scope, at: 0) }
    for node in above where !listed.contains(node) {
      guard node.hasPrefix("projects/") else {
        next += nodeSteps(node, describe: true)
        continue
      }
      // A project by number is read by its ID once a record gave it.
      let id = projectIDs[CollectStep.split(node).1] ?? CollectStep.split(node).1
      if !listed.contains("projects/\(id)") { next += nodeSteps("projects/\(id)", describe: true) }
    }
    return next
  }

  /// `//run.googleapis.com/projects/…` → `projects/…`.
  static func relative(_ name: String) -> String {
    guard name.hasPrefix("//"), let slash = name.dropFirst(2).firstIndex(of: "/") else {
      return name
    }
    return String(name[name.index(after: slash)...])
  }

  /// `projects/P/locations/global/apis/A/configs/C` with its project by ID, so that a
  /// gateway's `apiConfig` by number finds the config's record by ID.
  private func configKey(_ name: String) -> String {
    let parts = name.split(separator: "/").map(String.init)
    guard parts.count == 8 else { return name }
    var key = parts
    key[1] = projectIDs[parts[1]] ?? parts[1]
    return key.joined(separator: "/")
  }

  /// The tags of a function (a 2nd gen function's: its Cloud Run service's), to be read once
  /// a deny rule has a condition.
  private mutating func functionTags(_ name: String, _ data: JSONNode?) -> [CollectStep] {
    let parts = name.split(separator: "/").map(String.init)
    guard parts.count == 6 else { return [] }
    let f = RegionalName(project: parts[1], region: parts[3], name: parts[5])
    if data?["environment"]?.string == "GEN_2",
      let service = data?["serviceConfig"]?["service"]?.string
    {
      let segments = service.split(separator: "/").map(String.init)
      guard segments.count == 6 else { return [] }
      let s = RegionalName(project: f.project, region: segments[3], name: segments[5])
      return addTags(
        TagsTarget(
          resource: s.serviceName, parent: "//run.googleapis.com/" + s.serviceName,
          location: s.region, fileArgument: s.qualified))
    }
    return addTags(
      TagsTarget(
        resource: f.functionName, parent: "//cloudfunctions.googleapis.com/" + f.functionName,
        location: f.region, fileArgument: f.qualified))
  }
}
