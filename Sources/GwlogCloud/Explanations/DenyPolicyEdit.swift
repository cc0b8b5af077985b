import Foundation

/// An edit of one rule of a deny policy, as gcloud makes it.
///
/// `gcloud iam policies update` takes a whole policy file, so the policy is fetched, one list
/// of the rule is changed with `jq`, and the file is written back. The model names rules
/// `POLICY#INDEX` (facts/gcp/inputs.dl) and keeps principals and permissions in v1 spelling,
/// which the file needs in v2 spelling.
struct DenyPolicyEdit {
  /// The policy's ID (`payments-lockdown`).
  let id: String
  /// The attachment point, decoded (`cloudresourcemanager.googleapis.com/projects/200000000003`).
  let attachmentPoint: String
  /// The rule's index in the policy's `rules`.
  let index: Int

  /// The parts of a rule name `policies/ENCODED_POINT/denypolicies/ID#INDEX`; nil when it is
  /// not one.
  init?(rule: String) {
    guard let mark = rule.lastIndex(of: "#"), let index = Int(rule[rule.index(after: mark)...])
    else { return nil }
    let parts = rule[..<mark].split(separator: "/").map(String.init)
    guard parts.count == 4, parts[0] == "policies", parts[2] == "denypolicies",
      let point = parts[1].removingPercentEncoding
    else { return nil }
    self.id = parts[3]
    self.attachmentPoint = point
    self.index = index
  }

  /// The file the fetched policy is written to, and the edited one.
  var fetchedFile: String { id + ".json" }
  var editedFile: String { id + "-fixed.json" }

  /// Adds (or removes) a v1 `principal` to (from) the rule's `field`.
  func commands(field: String, adds: Bool, principal: String) -> [String]? {
    // A constant prefix in the jq program keeps the argument short enough for one line.
    let forms: [(v1: String, v2: String)] = [
      ("serviceAccount:", "principal://iam.googleapis.com/projects/-/serviceAccounts/"),
      ("group:", "principalSet://goog/group/"),
      ("user:", "principal://goog/subject/"),
    ]
    for form in forms where principal.hasPrefix(form.v1) {
      let value = String(principal.dropFirst(form.v1.count))
      return commands(field: field, adds: adds, value: value, prefix: form.v2)
    }
    guard principal.hasPrefix("principal://") || principal.hasPrefix("principalSet://") else {
      return nil
    }
    return commands(field: field, adds: adds, value: principal, prefix: nil)
  }

  /// Adds (or removes) a v1 `permission` (`run.routes.invoke`) to (from) the rule's `field`,
  /// in v2 spelling (`run.googleapis.com/routes.invoke`).
  func commands(field: String, adds: Bool, permission: String) -> [String]? {
    guard let dot = permission.firstIndex(of: "."), permission != "*" else { return nil }
    let service = permission[..<dot]
    let rest = permission[permission.index(after: dot)...]
    return commands(
      field: field, adds: adds, value: "\(service).googleapis.com/\(rest)", prefix: nil)
  }

  private func commands(field: String, adds: Bool, value: String, prefix: String?) -> [String] {
    let point = "--attachment-point=\(attachmentPoint) --kind=denypolicies"
    let element = prefix.map { "\"\($0)\" + $v" } ?? "$v"
    let program = ".rules[\(index)].denyRule.\(field) \(adds ? "+=" : "-=") [\(element)]"
    return [
      "gcloud iam policies get \(id) \(point) --format=json > \(fetchedFile)",
      "jq --arg v \(GcloudFix.shellWord(value)) " + GcloudFix.shellQuoted(program)
        + " \(fetchedFile) > \(editedFile)",
      "gcloud iam policies update \(id) \(point) --policy-file=\(editedFile)",
    ]
  }
}
