/// Permission patterns of deny rules and custom-role wildcards: `*` matches every
/// permission, `run.*` and `run.routes.*` match by prefix, anything else by equality.
public enum PermissionGlob {
  /// Whether `permission` matches `pattern`.
  public static func matches(_ permission: String, _ pattern: String) -> Bool {
    if pattern == "*" { return true }
    if pattern.hasSuffix(".*") {
      return permission.utf8.starts(with: pattern.utf8.dropLast())
    }
    return permission == pattern
  }
}
