/// What an `x-google-backend` address says about the backend behind it
/// (docs/collect.md#from-an-address-to-its-backend).
enum BackendAddress: Equatable, Sendable {
  /// `https://SERVICE-PROJECT_NUMBER.REGION.run.app`: everything is in the host.
  case runNumbered(service: String, projectNumber: String, region: String)
  /// `https://SERVICE-HASH-REGION_CODE.a.run.app`: the host names no project; a listing of
  /// the `--backend-project` hints finds it.
  case runHashed(host: String)
  /// `https://REGION-PROJECT.cloudfunctions.net/FUNCTION`.
  case function(project: String, region: String, name: String)
  /// `https://PROJECT.appspot.com`, `https://PROJECT.REGION_CODE.r.appspot.com` and their
  /// `SERVICE-dot-` forms: the App Engine app of the project.
  case appEngine(project: String)
  /// A Google API (`*.googleapis.com`): no backend to read.
  case googleAPI
  /// Any other host (a mapped domain, a load balancer): nothing in it says where it leads.
  case other(host: String)

  /// Parses an `https://…` address; nil when it has no host.
  static func parse(_ address: String) -> BackendAddress? {
    guard let (host, path) = split(address) else { return nil }
    let labels = host.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
    if host == "googleapis.com" || host.hasSuffix(".googleapis.com") { return .googleAPI }
    if host.hasSuffix(".a.run.app") { return .runHashed(host: host) }
    if labels.count == 4, labels[2] == "run", labels[3] == "app",
      let dash = labels[0].lastIndex(of: "-")
    {
      let number = String(labels[0][labels[0].index(after: dash)...])
      let service = String(labels[0][..<dash])
      if !number.isEmpty, number.allSatisfy(\.isNumber), !service.isEmpty {
        return .runNumbered(service: service, projectNumber: number, region: labels[1])
      }
    }
    if labels.count == 3, labels[1] == "cloudfunctions", labels[2] == "net",
      let (region, project) = regionPrefixed(labels[0])
    {
      let name = path.split(separator: "/").first.map(String.init) ?? ""
      if !name.isEmpty { return .function(project: project, region: region, name: name) }
    }
    if host.hasSuffix(".appspot.com"), let first = labels.first {
      let app = first.components(separatedBy: "-dot-").last ?? first
      if !app.isEmpty { return .appEngine(project: app) }
    }
    return .other(host: host)
  }

  /// The host (lower case, without port) and the path of an URL.
  private static func split(_ address: String) -> (String, String)? {
    var rest = Substring(address)
    if let scheme = rest.range(of: "://") { rest = rest[scheme.upperBound...] }
    let slash = rest.firstIndex(of: "/") ?? rest.endIndex
    var host = rest[..<slash]
    if let colon = host.firstIndex(of: ":") { host = host[..<colon] }
    guard !host.isEmpty else { return nil }
    return (host.lowercased(), String(rest[slash...]))
  }

  /// `us-central1-legacy-backend` → (`us-central1`, `legacy-backend`): a region is
  /// `AREA-PLACE` followed by a digit run (`us-central1`, `europe-west1`, `asia-northeast1`).
  private static func regionPrefixed(_ label: String) -> (String, String)? {
    let parts = label.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
    guard parts.count >= 3, parts[0].allSatisfy(\.isLetter), !parts[0].isEmpty else {
      return nil
    }
    let place = parts[1]
    guard let firstDigit = place.firstIndex(where: \.isNumber), firstDigit != place.startIndex,
      place[firstDigit...].allSatisfy(\.isNumber), place[..<firstDigit].allSatisfy(\.isLetter)
    else { return nil }
    let project = parts[2...].joined(separator: "-")
    guard !project.isEmpty else { return nil }
    return (parts[0] + "-" + place, project)
  }
}
