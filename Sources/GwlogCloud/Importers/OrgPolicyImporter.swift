/// Organization policies (docs/google-cloud-model.md#organization-policies): v2 (`spec.rules`, effective)
/// and the legacy v1 shape (`listPolicy`, `booleanPolicy`, `restoreDefault`).
enum OrgPolicyImporter {
  /// Constraint names without the `constraints/` prefix.
  static func constraint(_ raw: String) -> String {
    raw.hasPrefix("constraints/") ? String(raw.dropFirst("constraints/".count)) : raw
  }

  /// List values without the `is:` prefix (`under:` is kept).
  static func value(_ raw: String) -> String {
    raw.hasPrefix("is:") ? String(raw.dropFirst(3)) : raw
  }

  /// A v2 policy `X/policies/C`.
  ///
  /// An `--effective` result has no `etag` and no `updateTime`.
  static func v2(_ node: JSONNode, in file: ImportFile) {
    guard let name = file.string(node, "name", required: true),
      let range = name.range(of: "/policies/")
    else { return }
    let resource = ImportTerm.name(String(name[..<range.lowerBound]))
    let c = constraint(String(name[range.upperBound...]))
    guard let spec = file.object(node, "spec") else { return }
    var file = file
    let effective =
      node["etag"] == nil && spec["etag"] == nil && spec["updateTime"] == nil
      && node["updateTime"] == nil
    if effective { file.authority = .effective }
    if file.bool(spec, "reset") == true, let at = spec["reset"] {
      file.fact(.orgPolicyReset, [resource, .symbol(c)], at: at)
    }
    var isList = false
    for rule in file.array(spec, "rules") where rule["condition"] == nil {
      if let enforce = file.bool(rule, "enforce"), let at = rule["enforce"] {
        file.fact(.orgPolicyBoolean, [resource, .symbol(c), .symbol(String(enforce))], at: at)
      }
      if file.bool(rule, "allowAll") == true, let at = rule["allowAll"] {
        file.fact(
          .orgPolicyList, [resource, .symbol(c), .symbol("allowAll"), .symbol("")], at: at)
        isList = true
      }
      if file.bool(rule, "denyAll") == true, let at = rule["denyAll"] {
        file.fact(.orgPolicyList, [resource, .symbol(c), .symbol("denyAll"), .symbol("")], at: at)
        isList = true
      }
      if let values = file.object(rule, "values") {
        isList = true
        for (key, kind) in [("allowedValues", "allow"), ("deniedValues", "deny")] {
          for (v, at) in file.strings(values, key) {
            file.fact(
              .orgPolicyList, [resource, .symbol(c), .symbol(kind), .symbol(value(v))], at: at)
          }
        }
      }
    }
    if isList {
      // An effective policy has inheritance resolved already.
      let inherit = !effective && file.bool(spec, "inheritFromParent") == true
      file.fact(
        .orgPolicyInherit, [resource, .symbol(c), .symbol(String(inherit))],
        at: spec["inheritFromParent"] ?? spec)
    }
  }

  /// A legacy v1 policy on `resource` (from the file name: the output names no resource).
  static func v1(_ node: JSONNode, resource: ImportTerm, in file: ImportFile) {
    guard let raw = file.string(node, "constraint", required: true) else { return }
    let c = constraint(raw)
    if let boolean = file.object(node, "booleanPolicy") {
      let enforced = file.bool(boolean, "enforced") ?? false
      file.fact(.orgPolicyBoolean, [resource, .symbol(c), .symbol(String(enforced))], at: boolean)
    }
    if let at = node["restoreDefault"] {
      file.fact(.orgPolicyReset, [resource, .symbol(c)], at: at)
    }
    if let list = file.object(node, "listPolicy") {
      for (key, kind) in [("allowedValues", "allow"), ("deniedValues", "deny")] {
        for (v, at) in file.strings(list, key) {
          file.fact(
            .orgPolicyList, [resource, .symbol(c), .symbol(kind), .symbol(value(v))], at: at)
        }
      }
      switch file.string(list, "allValues") {
      case "ALLOW"?:
        file.fact(
          .orgPolicyList, [resource, .symbol(c), .symbol("allowAll"), .symbol("")], at: list)
      case "DENY"?:
        file.fact(
          .orgPolicyList, [resource, .symbol(c), .symbol("denyAll"), .symbol("")], at: list)
      default: break
      }
      let inherit = file.bool(list, "inheritFromParent") ?? false
      file.fact(
        .orgPolicyInherit, [resource, .symbol(c), .symbol(String(inherit))],
        at: list["inheritFromParent"] ?? list)
    }
  }
}
