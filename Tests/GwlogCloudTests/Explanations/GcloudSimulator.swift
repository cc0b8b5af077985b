import Foundation

/// Applies the gcloud (and `jq`) commands that `explain` recommends to a snapshot folder of
/// gcloud JSON, the way the commands would change what `gcloud … --format=json` prints
/// next time: a binding lands in the resource's `get-iam-policy` file, an ingress setting in
/// its `describe` file, and so on (file names as in docs/file-naming.md).
///
/// It understands only the commands `GcloudFix` writes, flag by flag, and throws on anything
/// else, so a command with a wrong or missing flag fails the test that applies it.
struct GcloudSimulator {
  /// The snapshot folder edited in place.
  let snapshot: URL
  /// Where commands write their own files (`> payments-lockdown.json`).
  let workingDirectory: URL
  /// The snapshot files the commands changed so far.
  var edited: Set<String> = []

  struct Unsupported: Error, CustomStringConvertible {
    let description: String
  }

  /// Runs one command line.
  mutating func run(_ command: String) throws {
    var words = try Self.words(command)
    var output: String?
    if let arrow = words.firstIndex(of: ">") {
      guard arrow + 1 < words.count else { throw Unsupported(description: "`>` without a file") }
      output = words[arrow + 1]
      words.removeSubrange(arrow...)
    }
    guard let program = words.first else { return }
    var flags: [String: String] = [:]
    var positionals: [String] = []
    var k = 1
    while k < words.count {
      let word = words[k]
      if word.hasPrefix("--"), let equals = word.firstIndex(of: "=") {
        flags[String(word[word.index(word.startIndex, offsetBy: 2)..<equals])] =
          String(word[word.index(after: equals)...])
      } else if word.hasPrefix("--") {
        flags[String(word.dropFirst(2))] = ""
      } else {
        positionals.append(word)
      }
      k += 1
    }
    if program == "jq" { return try jq(words, output: output) }
    guard program == "gcloud" else { throw Unsupported(description: command) }
    try gcloud(positionals, flags, output: output, command)
  }

  private mutating func gcloud(
    _ positionals: [String], _ flags: [String: String], output: String?, _ command: String
  ) throws {
    let verb = positionals.prefix(4).joined(separator: " ")
    func flag(_ name: String) throws -> String {
      guard let value = flags[name] else {
        throw Unsupported(description: "no --\(name): \(command)")
      }
      return value
    }
    func name(_ count: Int) throws -> String {
      guard positionals.count > count else { throw Unsupported(description: command) }
      return positionals[count]
    }
    switch true {
    case verb.hasPrefix("run services add-iam-policy-binding"):
      let service = try name(3)
      _ = try flag("region")
      _ = try flag("project")
      try addBinding(
        in: "run-services-get-iam-policy-\(service).json", role: try flag("role"),
        member: try flag("member"))
    case verb.hasPrefix("functions add-iam-policy-binding"):
      let function = try name(2)
      _ = try flag("region")
      _ = try flag("project")
      try addBinding(
        in: "functions-get-iam-policy-\(function).json", role: try flag("role"),
        member: try flag("member"))
    case verb.hasPrefix("projects add-iam-policy-binding"):
      try addBinding(
        in: "projects-get-iam-policy-\(try name(2)).json", role: try flag("role"),
        member: try flag("member"))
    case verb.hasPrefix("resource-manager folders add-iam-policy-binding"):
      try addBinding(
        in: "folders-get-iam-policy-\(try name(3)).json", role: try flag("role"),
        member: try flag("member"))
    case verb.hasPrefix("run services update"):
      let service = try name(3)
      _ = try flag("region")
      _ = try flag("project")
      guard let ingress = flags["ingress"] else { throw Unsupported(description: command) }
      try edit("run-services-describe-\(service).json") { object in
        var metadata = object["metadata"] as? [String: Any] ?? [:]
        var annotations = metadata["annotations"] as? [String: Any] ?? [:]
        annotations["run.googleapis.com/ingress"] = ingress
        annotations["run.googleapis.com/ingress-status"] = ingress
        metadata["annotations"] = annotations
        object["metadata"] = metadata
      }
    case verb.hasPrefix("iam service-accounts enable"):
      let email = try name(3)
      try edit("iam-service-accounts-describe-\(email).json") { object in
        object.removeValue(forKey: "disabled")
      }
    case verb.hasPrefix("api-gateway gateways update"):
      let gateway = try name(3)
      let project = try flag("project")
      _ = try flag("location")
      let config =
        "projects/\(project)/locations/global/apis/\(try flag("api"))/configs/"
        + (try flag("api-config"))
      try edit("api-gateway-gateways-describe-\(gateway).json") { object in
        object["apiConfig"] = config
      }
    case verb.hasPrefix("iam policies get"):
      let id = try name(3)
      guard try flag("kind") == "denypolicies", flags["attachment-point"] != nil,
        let output
      else { throw Unsupported(description: command) }
      try FileManager.default.copyItem(
        at: snapshot.appendingPathComponent("iam-policies-get-\(id).json"),
        to: workingDirectory.appendingPathComponent(output))
    case verb.hasPrefix("iam policies update"):
      let id = try name(3)
      guard try flag("kind") == "denypolicies", flags["attachment-point"] != nil else {
        throw Unsupported(description: command)
      }
      let file = snapshot.appendingPathComponent("iam-policies-get-\(id).json")
      edited.insert(file.lastPathComponent)
      try FileManager.default.removeItem(at: file)
      try FileManager.default.copyItem(
        at: workingDirectory.appendingPathComponent(try flag("policy-file")), to: file)
    default:
      throw Unsupported(description: command)
    }
  }

  /// `jq --arg v VALUE '.rules[K].denyRule.FIELD += ["PREFIX" + $v]' IN > OUT` (or `-=`).
  private func jq(_ words: [String], output: String?) throws {
    guard words.count == 6, words[1] == "--arg", words[2] == "v", let output else {
      throw Unsupported(description: words.joined(separator: " "))
    }
    let value = words[3]
    let program = words[4].replacingOccurrences(of: "\n", with: " ")
      .split(separator: " ").joined(separator: " ")
    let pattern = #"^\.rules\[(\d+)\]\.denyRule\.(\w+) (\+=|-=) \[(?:"([^"]*)" \+ )?\$v\]$"#
    let regex = try NSRegularExpression(pattern: pattern)
    let range = NSRange(program.startIndex..., in: program)
    guard let match = regex.firstMatch(in: program, range: range),
      let index = Range(match.range(at: 1), in: program).flatMap({ Int(program[$0]) }),
      let field = Range(match.range(at: 2), in: program).map({ String(program[$0]) }),
      let op = Range(match.range(at: 3), in: program).map({ String(program[$0]) })
    else { throw Unsupported(description: program) }
    let prefix = Range(match.range(at: 4), in: program).map { String(program[$0]) } ?? ""
    let element = prefix + value
    let input = workingDirectory.appendingPathComponent(words[5])
    var policy = try Self.object(at: input)
    var rules = policy["rules"] as? [[String: Any]] ?? []
    guard index < rules.count else { throw Unsupported(description: "no rule \(index)") }
    var rule = rules[index]["denyRule"] as? [String: Any] ?? [:]
    var list = rule[field] as? [String] ?? []
    if op == "+=" { list.append(element) } else { list.removeAll { $0 == element } }
    rule[field] = list
    rules[index]["denyRule"] = rule
    policy["rules"] = rules
    try Self.write(policy, to: workingDirectory.appendingPathComponent(output))
  }

  /// Adds `member` to the binding of `role` (creating it) in a policy file of the snapshot.
  private mutating func addBinding(in file: String, role: String, member: String) throws {
    try edit(file) { policy in
      var bindings = policy["bindings"] as? [[String: Any]] ?? []
      if let k = bindings.firstIndex(where: {
        $0["role"] as? String == role && $0["condition"] == nil
      }) {
        var members = bindings[k]["members"] as? [String] ?? []
        if !members.contains(member) { members.append(member) }
        bindings[k]["members"] = members
      } else {
        bindings.append(["role": role, "members": [member]])
      }
      policy["bindings"] = bindings
    }
  }

  private mutating func edit(_ file: String, _ change: (inout [String: Any]) -> Void) throws {
    edited.insert(file)
    let url = snapshot.appendingPathComponent(file)
    guard FileManager.default.fileExists(atPath: url.path) else {
      throw Unsupported(description: "the snapshot has no \(file)")
    }
    var object = try Self.object(at: url)
    change(&object)
    try Self.write(object, to: url)
  }

  private static func object(at url: URL) throws -> [String: Any] {
    let data = try Data(contentsOf: url)
    guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
      throw Unsupported(description: "\(url.lastPathComponent) is not a JSON object")
    }
    return object
  }

  private static func write(_ object: [String: Any], to url: URL) throws {
    let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
    try data.write(to: url)
  }

  /// The words of a POSIX shell command line: single quotes kept literally (line breaks
  /// inside them too), `\` + newline joins lines.
  static func words(_ command: String) throws -> [String] {
    var words: [String] = []
    var word = ""
    var inWord = false
    var inQuote = false
    var characters = Array(command)[...]
    while let character = characters.popFirst() {
      if inQuote {
        if character == "'" { inQuote = false } else { word.append(character) }
        continue
      }
      switch character {
      case "'":
        inQuote = true
        inWord = true
      case "\\":
        if characters.first == "\n" { characters = characters.dropFirst() }
      case " ", "\n", "\t":
        if inWord { words.append(word) }
        word = ""
        inWord = false
      default:
        word.append(character)
        inWord = true
      }
    }
    guard !inQuote else { throw Unsupported(description: "unclosed quote: \(command)") }
    if inWord { words.append(word) }
    return words
  }
}
