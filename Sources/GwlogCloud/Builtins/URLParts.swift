/// The host and path of backend addresses (`https://orders-abc-uc.a.run.app/v1/x`), as the
/// model's `urlHost` / `urlPath` built-ins see them.
public enum URLParts {
  /// The schemes whose addresses have a host: http(s) and gRPC.
  static let schemes = ["http", "https", "grpc", "grpcs"]

  /// The lower-cased host of an http(s)/grpc(s) URL, without user info or port; "" for
  /// anything else.
  public static func host(_ url: String) -> String {
    guard let authority = split(url)?.authority else { return "" }
    var host = authority
    if let at = host.lastIndex(of: "@") { host = host[host.index(after: at)...] }
    if host.hasPrefix("[") {
      guard let close = host.firstIndex(of: "]") else { return "" }
      host = host[...close]
    } else if let colon = host.firstIndex(of: ":") {
      host = host[..<colon]
    }
    return host.lowercased()
  }

  /// The path of an http(s)/grpc(s) URL without query or fragment: "" when empty or `/`,
  /// else `/name...`; "" for anything that is not such a URL.
  public static func path(_ url: String) -> String {
    guard let path = split(url)?.path, path != "/" else { return "" }
    return String(path)
  }

  /// Authority and path of a URL with a known scheme; nil otherwise.
  private static func split(_ url: String) -> (authority: Substring, path: Substring)? {
    guard let separator = url.range(of: "://"),
      schemes.contains(url[..<separator.lowerBound].lowercased())
    else { return nil }
    var rest = url[separator.upperBound...]
    if let end = rest.firstIndex(where: { $0 == "?" || $0 == "#" }) { rest = rest[..<end] }
    let slash = rest.firstIndex(of: "/") ?? rest.endIndex
    let authority = rest[..<slash]
    guard !authority.isEmpty else { return nil }
    return (authority, rest[slash...])
  }
}
