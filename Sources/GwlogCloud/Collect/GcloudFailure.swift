/// Why a gcloud command failed, read from what it wrote to standard error: a short code the
/// model's messages use (docs/collect.md#the-log) and gcloud's own sentence.
public struct GcloudFailure: Sendable, Equatable {
  /// `PERMISSION_DENIED`, `NOT_FOUND`, `SERVICE_DISABLED`, `UNAUTHENTICATED`,
  /// `INVALID_ARGUMENT`, `BAD_OUTPUT` (exit 0 but no JSON), `NOT_STARTED`, `UNRESOLVED` (no
  /// command could be chosen) or `FAILED`.
  public var code: String
  /// gcloud's `ERROR:` line without the `ERROR: (gcloud.…)` prefix, or gwlog's own sentence.
  public var message: String

  /// Creates a failure.
  public init(code: String, message: String) {
    self.code = code
    self.message = message
  }

  /// Classifies a failed command by its standard error.
  ///
  /// gcloud words the same API error
  /// differently per command (`PERMISSION_DENIED: …`, `[user] does not have permission to
  /// access … (or it may not exist)`, `status=[403]`), so the code is searched for in that
  /// order: a disabled API first (its error is a permission error too), then permission,
  /// then not found.
  public static func classify(status: Int32, stderr: String) -> GcloudFailure {
    let message = errorLine(stderr)
    if status == 127 { return GcloudFailure(code: "NOT_STARTED", message: message) }
    let text = stderr
    let code: String
    if text.contains("SERVICE_DISABLED") || text.contains("has not been used in project")
      || text.contains("it is disabled")
    {
      code = "SERVICE_DISABLED"
    } else if text.contains("PERMISSION_DENIED") || text.contains("does not have permission")
      || text.contains("status=[403]") || text.contains("Permission denied")
    {
      code = "PERMISSION_DENIED"
    } else if text.contains("UNAUTHENTICATED") || text.contains("status=[401]")
      || text.contains("Reauthentication") || text.contains("gcloud auth login")
    {
      code = "UNAUTHENTICATED"
    } else if text.contains("NOT_FOUND") || text.contains("not found")
      || text.contains("status=[404]") || text.contains("There is no such a group")
      || text.contains("does not exist")
    {
      code = "NOT_FOUND"
    } else if text.contains("INVALID_ARGUMENT") || text.contains("Invalid value")
      || text.contains("unrecognized arguments")
    {
      code = "INVALID_ARGUMENT"
    } else {
      code = "FAILED"
    }
    return GcloudFailure(code: code, message: message)
  }

  /// The last `ERROR:` line of standard error without gcloud's prefix and its note about
  /// the access token, else its last non-empty line.
  static func errorLine(_ stderr: String) -> String {
    let lines = stderr.split(separator: "\n").map {
      $0.trimmingCharacters(in: .whitespaces)
    }
    guard
      var line = lines.last(where: { $0.hasPrefix("ERROR:") })
        ?? lines.last(where: {
          !$0.isEmpty
        })
    else { return "gcloud printed no error" }
    if line.hasPrefix("ERROR:") {
      line = String(line.dropFirst(6)).trimmingCharacters(in: .whitespaces)
    }
    if line.hasPrefix("("), let close = line.firstIndex(of: ")") {
      line = String(line[line.index(after: close)...]).trimmingCharacters(in: .whitespaces)
    }
    // gcloud's note on how the call was authenticated says nothing about the failure.
    if let range = line.range(of: " This command is authenticated with an access token") {
      line = String(line[..<range.lowerBound])
    }
    return line
  }
}
