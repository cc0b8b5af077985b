/// The version of the JSON output's schema (docs/json-output.md): every document carries
/// it as `"schema"`, and docs/json-schema/gwlog-1.schema.json describes it.
///
/// A change that removes or renames a member, or changes its type, takes a new version;
/// adding a member keeps it.
enum JSONSchemaVersion {
  /// The `schema` member of every JSON document.
  static let current = "gwlog/1"
}
