import Foundation

/// Principal and permission spellings (docs/google-cloud-model.md#principals): v2 deny spellings become v1
/// member strings, emails are lower case, `deleted:` principals stay distinct.
enum Principals {
  /// The canonical v1 member string of an allow-policy member or deny-policy principal.
  static func canonical(_ raw: String) -> String {
    let member = hasEdgeWhitespace(raw) ? raw.trimmingCharacters(in: .whitespaces) : raw
    // The common case, a v1 member already in lower case: nothing to change.
    if isPlainLowercase(member),
      member.hasPrefix("user:") || member.hasPrefix("group:")
        || member.hasPrefix("serviceAccount:") || member.hasPrefix("domain:")
    {
      return member
    }
    if member.hasPrefix("deleted:") {
      let rest = String(member.dropFirst("deleted:".count))
      if let mark = rest.firstIndex(of: "?") {
        return "deleted:" + canonical(String(rest[..<mark])) + String(rest[mark...])
      }
      return "deleted:" + canonical(rest)
    }
    let v2: [(prefix: String, v1: String)] = [
      ("principal://goog/subject/", "user:"),
      ("principalSet://goog/group/", "group:"),
    ]
    for (prefix, v1) in v2 where member.hasPrefix(prefix) {
      return v1 + member.dropFirst(prefix.count).lowercased()
    }
    // principal://iam.googleapis.com/projects/-/serviceAccounts/EMAIL (any project segment)
    let saPrefix = "principal://iam.googleapis.com/projects/"
    if member.hasPrefix(saPrefix), let range = member.range(of: "/serviceAccounts/") {
      return "serviceAccount:" + member[range.upperBound...].lowercased()
    }
    for prefix in ["user:", "serviceAccount:", "group:", "domain:"] where member.hasPrefix(prefix) {
      return prefix + member.dropFirst(prefix.count).lowercased()
    }
    return member
  }

  /// Whether `text` may start or end with white space (`CharacterSet.whitespaces`): a tab, a
  /// space, or any non-ASCII character, which Foundation then decides about.
  private static func hasEdgeWhitespace(_ text: String) -> Bool {
    guard let first = text.utf8.first, let last = text.utf8.last else { return false }
    let mayBeSpace = { (b: UInt8) in b == 0x09 || b == 0x20 || b >= 0x80 }
    return mayBeSpace(first) || mayBeSpace(last)
  }

  /// Whether `text` is ASCII with no upper-case letter after its first `:` (so that
  /// lower-casing the part after a member prefix changes nothing).
  private static func isPlainLowercase(_ text: String) -> Bool {
    var afterColon = false
    for b in text.utf8 {
      if b >= 0x80 { return false }
      if afterColon && b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z") { return false }
      if b == UInt8(ascii: ":") { afterColon = true }
    }
    return true
  }

  /// The member string of a service account given as an email or a resource name
  /// (`projects/-/serviceAccounts/EMAIL`, `projects/P/serviceAccounts/EMAIL`); nil for
  /// `projects/P/accounts/UNIQUE_ID`, which needs the account's describe output.
  static func serviceAccount(_ raw: String) -> String? {
    if let range = raw.range(of: "/serviceAccounts/") {
      return "serviceAccount:" + raw[range.upperBound...].lowercased()
    }
    if raw.contains("/accounts/") { return nil }
    if raw.hasPrefix("serviceAccount:") { return canonical(raw) }
    return "serviceAccount:" + raw.lowercased()
  }

  /// A v2 permission (`run.googleapis.com/routes.invoke`) in v1 spelling (`run.routes.invoke`).
  static func permission(_ raw: String) -> String {
    guard let slash = raw.firstIndex(of: "/") else { return raw }
    var service = String(raw[..<slash])
    if service.hasSuffix(".googleapis.com") { service.removeLast(".googleapis.com".count) }
    return service + "." + raw[raw.index(after: slash)...]
  }

  /// The member string of a Cloud Identity membership (`preferredMemberKey.id` and `type`).
  static func membershipMember(id: String, type: String?) -> String {
    let email = id.lowercased()
    switch type {
    case "GROUP": return "group:" + email
    case "SERVICE_ACCOUNT": return "serviceAccount:" + email
    case "USER": return "user:" + email
    default:
      return (email.hasSuffix(".gserviceaccount.com") ? "serviceAccount:" : "user:") + email
    }
  }
}
