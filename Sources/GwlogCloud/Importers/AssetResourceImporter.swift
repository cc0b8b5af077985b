/// Cloud Asset resource records, in both spellings.
///
/// `gcloud asset export --content-type=resource` writes NDJSON with the record's members in
/// snake case (`asset_type`, `update_time`); `gcloud asset list --content-type=resource
/// --format=json` prints camel case (`assetType`). The record's
/// `resource.data` is the resource as its API returns it, so it is read by the shape of that
/// API's describe output (docs/file-naming.md#cloud-asset-resource-records); its `ancestors`
/// give the parent edges, as an iam-policy record's do.
enum AssetResourceImporter {
  /// The asset types whose data gwlog reads; others are skipped quietly.
  static let readTypes: Set<String> = [
    "cloudresourcemanager.googleapis.com/Organization",
    "cloudresourcemanager.googleapis.com/Folder", "cloudresourcemanager.googleapis.com/Project",
    "run.googleapis.com/Service", "run.googleapis.com/DomainMapping",
    "cloudfunctions.googleapis.com/Function", "cloudfunctions.googleapis.com/CloudFunction",
    "appengine.googleapis.com/Application", "appengine.googleapis.com/Service",
    "apigateway.googleapis.com/Gateway", "apigateway.googleapis.com/ApiConfig",
    "apigateway.googleapis.com/Api", "orgpolicy.googleapis.com/Policy",
    "iam.googleapis.com/ServiceAccount", "iam.googleapis.com/Role",
  ]

  /// The types of the resource hierarchy's nodes.
  static let hierarchyTypes: Set<String> = [
    "cloudresourcemanager.googleapis.com/Organization",
    "cloudresourcemanager.googleapis.com/Folder", "cloudresourcemanager.googleapis.com/Project",
  ]

  /// Imports one record.
  static func record(_ record: JSONNode, in file: ImportFile) {
    guard let name = file.string(record, "name", required: true) else { return }
    let type = record["asset_type"]?.string ?? record["assetType"]?.string ?? ""
    var file = file
    file.authority = .asset
    // The ancestry of the hierarchy's own nodes; a resource's data names its project itself
    // (by ID, or by number where the API does), as its describe output does.
    if hierarchyTypes.contains(type) || !readTypes.contains(type) {
      IAMPolicyImporter.ancestry(
        resource: name, ancestors: file.strings(record, "ancestors"), in: file)
    }
    guard readTypes.contains(type) else { return }
    guard let data = record["resource"]?["data"], data.members != nil else {
      file.session.report(
        .warning, .badJSON, file: file.path, at: record["resource"] ?? record,
        "a Cloud Asset record of `\(type)` without `resource.data`; skipped",
        help: "export with `--content-type=resource`")
      return
    }
    guard let entry = ShapeTable.entry(for: data) else {
      file.session.report(
        .warning, .badJSON, file: file.path, at: data,
        "the data of this `\(type)` record is of no shape gwlog reads; skipped")
      return
    }
    switch entry.imports {
    case .named(let importer): importer(data, file)
    case .list(let importer): importer([data], file)
    case .ignored: break
    case .nameless, .namelessList:
      file.session.report(
        .warning, .badJSON, file: file.path, at: data,
        "the data of this `\(type)` record names no resource; skipped")
    }
  }
}
