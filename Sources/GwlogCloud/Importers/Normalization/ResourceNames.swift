import Foundation

/// Resource names and backend URLs (docs/google-cloud-model.md#aliases-and-short-names, #l1-routing).
enum ResourceNames {
  /// `//run.googleapis.com/projects/...` → `projects/...`; relative names unchanged.
  static func relative(_ name: String) -> String {
    guard name.hasPrefix("//") else { return name }
    let rest = name.dropFirst(2)
    guard let slash = rest.firstIndex(of: "/") else { return String(rest) }
    return String(rest[rest.index(after: slash)...])
  }

  /// The canonical spelling of a resource name: relative, the project by ID, except IAP web
  /// resources, which are named by project number (`projects/NUM/iap_web/...`).
  static func canonical(
    _ raw: String, numberToID: [String: String], idToNumber: [String: String]
  ) -> String {
    let name = relative(raw)
    var parts = name.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
    guard parts.count >= 2, parts[0] == "projects" else { return name }
    if parts.count >= 3, parts[2] == "iap_web" {
      if let number = idToNumber[parts[1]] { parts[1] = number }
    } else if let id = numberToID[parts[1]] {
      parts[1] = id
    }
    return parts.joined(separator: "/")
  }

  /// The project part of a name (`projects/P`), if any.
  static func project(of name: String) -> String? {
    let parts = relative(name).split(separator: "/")
    guard parts.count >= 2, parts[0] == "projects" else { return nil }
    return "projects/" + parts[1]
  }

  /// The last segment of a name (`.../services/S` → `S`).
  static func shortName(_ name: String) -> String {
    String(name.split(separator: "/").last ?? Substring(name))
  }

  /// The segment after `key` in a name (`locations` of `projects/P/locations/R/...` → `R`).
  static func segment(_ name: String, after key: String) -> String? {
    let parts = name.split(separator: "/").map(String.init)
    guard let i = parts.firstIndex(of: key), i + 1 < parts.count else { return nil }
    return parts[i + 1]
  }

  /// The attachment point of a deny policy name
  /// (`policies/cloudresourcemanager.googleapis.com%2Fprojects%2FNUM/denypolicies/ID`).
  static func denyAttachmentPoint(_ policy: String) -> String? {
    let parts = policy.split(separator: "/")
    guard parts.count >= 2, parts[0] == "policies" else { return nil }
    let decoded = String(parts[1]).removingPercentEncoding ?? String(parts[1])
    guard let slash = decoded.firstIndex(of: "/") else { return nil }
    return String(decoded[decoded.index(after: slash)...])
  }

  /// The `https://SCHEME+HOST` form of a URL (paths never select a backend) without a final
  /// slash; other URLs as written.
  static func url(_ raw: String) -> String {
    var url = raw.trimmingCharacters(in: .whitespaces)
    while url.hasSuffix("/") { url.removeLast() }
    return url
  }

  /// The 1st gen function URL `https://REGION-PROJECT.cloudfunctions.net/NAME`.
  static func gen1URL(project: String, region: String, name: String) -> String {
    "https://\(region)-\(project).cloudfunctions.net/\(name)"
  }

  /// Cloud Run v2 ingress enums and function ingress settings → the v1 annotation values.
  static func ingress(_ raw: String) -> String? {
    switch raw {
    case "all", "internal", "internal-and-cloud-load-balancing", "none": return raw
    case "INGRESS_TRAFFIC_ALL", "ALLOW_ALL": return "all"
    case "INGRESS_TRAFFIC_INTERNAL_ONLY", "ALLOW_INTERNAL_ONLY": return "internal"
    case "INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER", "ALLOW_INTERNAL_AND_GCLB":
      return "internal-and-cloud-load-balancing"
    case "INGRESS_TRAFFIC_NONE": return "none"
    default: return nil
    }
  }

  /// The strings of an annotation holding a JSON-encoded string list (`["a","b"]`).
  static func jsonStringList(_ text: String) -> [String]? {
    guard case .success(let node) = JSONReader.parse(Array(text.utf8)),
      let items = node.array
    else { return nil }
    let strings = items.compactMap(\.string)
    return strings.count == items.count ? strings : nil
  }
}
