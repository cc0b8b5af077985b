import GwlogEngine

/// The pair report's part of `explain --format json` (docs/json-output.md): the gcloud
/// commands of every repair, the recommended ones at the top, and a working pair's warnings.
extension PairReport {
  /// The commands the text prints under `fix:`: the plan's or the first repair's, or for
  /// `unknown` the commands that fetch the missing inputs.
  public var recommendedCommands: [String] {
    verdict == "unknown" ? missing.compactMap(\.command) : recommended?.commands ?? []
  }

  /// `document` (the engine's explanation) with `commands` on each repair and at the top,
  /// the `plan` of several changes when the cause asks for one, `invokeWarnings` for a
  /// working pair, and the repairs cut to `limit` when given.
  public func json(augmenting document: JSONValue, limit: Int?) -> JSONValue {
    guard case .object(var members) = document else { return document }
    for k in members.indices where members[k].0 == "repairs" {
      guard case .array(let repairs) = members[k].1 else { continue }
      var augmented: [JSONValue] = []
      for (index, repair) in repairs.prefix(limit ?? repairs.count).enumerated() {
        guard case .object(var fields) = repair, index < fixes.count else {
          augmented.append(repair)
          continue
        }
        fields.append(("commands", .array(fixes[index].commands.map(JSONValue.string))))
        augmented.append(.object(fields))
      }
      members[k].1 = .array(augmented)
    }
    members.append(("commands", .array(recommendedCommands.map(JSONValue.string))))
    if let plan {
      members.append(
        (
          "plan",
          .object([
            ("summary", .string(plan.summary)),
            ("commands", .array(plan.commands.map(JSONValue.string))),
          ])
        ))
      for k in members.indices where members[k].0 == "fix" { members[k].1 = .string(plan.summary) }
    }
    if verdict == "yes" {
      members.append(
        (
          "invokeWarnings",
          .array(
            warnings.map { .object([("code", .string($0.code)), ("detail", .string($0.detail))]) })
        ))
    }
    return .object(members)
  }
}
