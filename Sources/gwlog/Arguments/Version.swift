import GwlogEngine

/// The version of gwlog: one constant, and the commit the BuildInfo plugin read at build
/// time (never asked of git at run time).
enum GwlogVersion {
  /// The release number; the only place it is written.
  static let number = "0.1.0"

  /// The first 12 digits of the commit built from, nil outside a git checkout.
  static var commit: String? { BuildInfo.commit }

  /// `gwlog 0.1.0 (commit 0123456789ab)`, or `gwlog 0.1.0` without a commit.
  static var line: String {
    "gwlog \(number)" + (commit.map { " (commit \($0))" } ?? "")
  }

  /// The members of `gwlog version --format json`.
  static var members: [(String, JSONValue)] {
    [("version", .string(number)), ("commit", commit.map(JSONValue.string) ?? .null)]
  }
}
