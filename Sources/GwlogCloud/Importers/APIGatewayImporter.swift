import Foundation

/// API Gateway gateways, APIs and API configs (docs/google-cloud-model.md#l1-routing), with the OpenAPI 2.0
/// documents of a config (`--view=FULL`, base64, JSON or YAML).
enum APIGatewayImporter {
  static func gateway(_ node: JSONNode, in file: ImportFile) {
    guard let name = file.string(node, "name", required: true),
      let config = file.string(node, "apiConfig", required: true)
    else { return }
    let gateway = ImportTerm.name(name)
    file.fact(.resource, [gateway, .symbol("gateway")], at: node)
    if let project = ResourceNames.project(of: name) {
      file.fact(.parent, [gateway, .name(project)], at: node)
    }
    file.fact(.gateway, [gateway, .name(config)], at: node["apiConfig"] ?? node)
    file.fact(.alias, [.symbol(ResourceNames.shortName(name)), gateway], at: node)
    if let host = file.string(node, "defaultHostname"), let at = node["defaultHostname"] {
      file.fact(.alias, [.symbol(host), gateway], at: at)
    }
  }

  static func config(_ node: JSONNode, in file: ImportFile) {
    guard let name = file.string(node, "name", required: true) else { return }
    let config = ImportTerm.name(name)
    let api = name.range(of: "/configs/").map { String(name[..<$0.lowerBound]) } ?? ""
    var account = ImportTerm.symbol("")
    if let raw = file.string(node, "gatewayServiceAccount"), !raw.isEmpty {
      account = Principals.serviceAccount(raw).map { ImportTerm.symbol($0) } ?? .accountID(raw)
    }
    file.fact(
      .apiConfig, [config, .name(api), account], at: node["gatewayServiceAccount"] ?? node)
    for document in file.array(node, "openapiDocuments") {
      guard let inner = file.object(document, "document"),
        let contents = file.string(inner, "contents"), let at = inner["contents"]
      else { continue }
      guard let data = Data(base64Encoded: contents, options: .ignoreUnknownCharacters) else {
        file.invalid(at, expected: "base64 `contents`")
        continue
      }
      let bytes = [UInt8](data)
      let first = bytes.first { ![9, 10, 13, 32].contains($0) }
      let parsed = first == UInt8(ascii: "{") ? JSONReader.parse(bytes) : YAMLReader.parse(bytes)
      switch parsed {
      case .failure(let error):
        file.session.report(
          .error, error.isDepthLimit ? .limit : .badJSON, file: file.path, at: at,
          "the OpenAPI document `\(file.string(inner, "path") ?? "")` does not parse: "
            + "\(error.line):\(error.column): \(error.message)", help: error.help)
      case .success(let openapi):
        var docFile = file
        docFile.pointerPrefix = file.pointerPrefix + at.pointer + "#"
        operations(openapi, config: config, in: docFile)
      }
    }
  }

  static let methods = ["get", "put", "post", "delete", "options", "head", "patch"]

  /// `operation`, `operationPath` and `backendSpec` facts of one OpenAPI 2.0 document.
  static func operations(_ doc: JSONNode, config: ImportTerm, in file: ImportFile) {
    if let backend = file.object(doc, "x-google-backend") {
      backendSpec(backend, config: config, scope: "", in: file)
    }
    for (path, item) in file.object(doc, "paths")?.members ?? [] {
      for (method, operation) in item.members ?? [] where methods.contains(method) {
        let id = file.string(operation, "operationId") ?? "\(method.uppercased()) \(path)"
        file.fact(.operation, [config, .symbol(id)], at: operation)
        file.fact(
          .operationPath, [config, .symbol(id), .symbol(method.uppercased()), .symbol(path)],
          at: operation)
        if let backend = file.object(operation, "x-google-backend") {
          backendSpec(backend, config: config, scope: id, in: file)
        }
      }
    }
  }

  private static func backendSpec(
    _ backend: JSONNode, config: ImportTerm, scope: String, in file: ImportFile
  ) {
    guard let address = file.string(backend, "address", required: true) else { return }
    let disable = file.bool(backend, "disable_auth") ?? false
    let audience = file.string(backend, "jwt_audience") ?? ""
    file.fact(
      .backendSpec,
      [
        config, .symbol(scope), .symbol(address), .symbol(disable ? "true" : "false"),
        .symbol(audience),
      ], at: backend)
  }
}
