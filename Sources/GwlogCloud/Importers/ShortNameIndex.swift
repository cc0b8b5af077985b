/// Loaded resource names by short name, and by short name and project.
///
/// A policy file named after `api--region=R--project=P` (docs/file-naming.md) looks its
/// resource up here: with a project, only the candidates of that project are examined, so
/// an organisation with thousands of services called `api` resolves each file in constant
/// time instead of scanning every `api`.
struct ShortNameIndex {
  private var byName: [String: Set<String>] = [:]
  /// `name` NUL `project ID` → the canonical names of that short name in that project.
  private var byProject: [String: Set<String>] = [:]

  /// Records `canonical` under the short name `key`.
  mutating func insert(_ canonical: String, as key: String) {
    byName[key, default: []].insert(canonical)
    if let project = ResourceNames.segment(canonical, after: "projects") {
      byProject[key + "\u{0}" + project, default: []].insert(canonical)
    }
  }

  /// The names `s` may mean before its region and project are checked
  /// (`ShortName.admits`): every name with its short name, or with a project, those in the
  /// project it gives by ID or by number (`idOfNumber`).
  func candidates(_ s: ShortName, idOfNumber: (String) -> String?) -> Set<String> {
    guard let project = s.project else { return byName[s.name] ?? [] }
    var out = byProject[s.name + "\u{0}" + project] ?? []
    if let id = idOfNumber(project), id != project {
      out.formUnion(byProject[s.name + "\u{0}" + id] ?? [])
    }
    return out
  }
}
