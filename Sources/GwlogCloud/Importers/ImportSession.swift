import GwlogEngine

/// A value of an imported fact.
///
/// Names are canonicalised only once every file is read, since
/// the file that maps a project number to its ID may come after the one that uses it.
enum ImportTerm: Hashable {
  /// A plain symbol, used as is.
  case symbol(String)
  /// A resource name (`projects/NUM/...`, `//run.googleapis.com/...`), made canonical.
  case name(String)
  /// The IAP web resource of an App Engine app (`projects/NUM/iap_web/appengine-ID`).
  case iapWeb(app: String)
  /// The Cloud Run service with this short name (a policy file named by the convention).
  case runServiceNamed(ShortName)
  /// The function with this short name.
  case functionNamed(ShortName)
  /// The project, Cloud Run service or function with this short name (an effective tags
  /// file); `strict`: a name that resolves to none or several is an error, not a warning
  /// (the file was named on the command line).
  case resourceNamed(ShortName, strict: Bool)
  /// A service account given as `projects/P/accounts/UNIQUE_ID` (mapped through `uniqueId`).
  case accountID(String)
  /// The id of an IAM condition (its title, made unique).
  case condition(title: String, expression: String)
}

/// How authoritative a source is when two files describe the same thing (docs/file-naming.md).
enum Authority: Int, Comparable {
  case searchAll = 0
  case asset, own, effective

  static func < (a: Authority, b: Authority) -> Bool { a.rawValue < b.rawValue }
}

/// An organization's directory: its domain (`displayName`) and customer ID
/// (`owner.directoryCustomerId`), and where the customer ID was read.
struct OrganizationDirectory {
  var name: String
  var domain: String
  var customer: String
  var origin: FactOrigin
}

/// One fact waiting for the names to be resolved.
struct PendingFact {
  var relation: InputRelation
  var terms: [ImportTerm]
  var origin: FactOrigin
  var authority: Authority
  /// Load order, for stable choices.
  var order: Int
}

/// The state of one import: facts, name tables and problems of every file.
final class ImportSession {
  var facts: [PendingFact] = []
  var diagnostics: [Diagnostic] = []
  /// Project number → project ID.
  var numberToID: [String: String] = [:]
  /// Service account unique ID → email (lower case).
  var uniqueIDs: [String: String] = [:]
  /// Organizations seen in `organizations list` / `describe` with their domain and
  /// Workspace / Cloud Identity customer, for `memberDomain` (see `DerivedFacts`).
  var organizations: [OrganizationDirectory] = []
  /// Deny policy listings named by the convention: the file and the node its name gives,
  /// checked against the attachment points of the listed policies once names resolve.
  var denyListingNames: [(file: String, node: String)] = []

  /// Records a fact.
  func add(
    _ relation: InputRelation, _ terms: [ImportTerm], file: String, at node: JSONNode,
    authority: Authority = .own, pointerPrefix: String = ""
  ) {
    let origin = FactOrigin(file: file, line: node.line, path: pointerPrefix + node.pointer)
    facts.append(
      PendingFact(
        relation: relation, terms: terms, origin: origin, authority: authority,
        order: facts.count))
  }

  /// Records an error or warning about a file position.
  func report(
    _ severity: Severity, _ code: DiagnosticCode, file: String, at node: JSONNode?,
    _ message: String, help: String? = nil
  ) {
    var location = "`\(file)`"
    if let node {
      location += " at \(node.pointer.isEmpty ? "/" : node.pointer) (\(node.line):\(node.column))"
    }
    diagnostics.append(
      Diagnostic(code, severity, message: "\(location): \(message)", help: help))
  }
}

/// One file being imported: its path and typed, validating accessors over its JSON.
struct ImportFile {
  let path: String
  let session: ImportSession
  /// Whether the user named this file directly (not found in a folder).
  let named: Bool
  /// Prepended to every pointer (the record index of an NDJSON line).
  var pointerPrefix = ""
  /// Authority of the facts this file gives.
  var authority: Authority = .own

  func fact(_ relation: InputRelation, _ terms: [ImportTerm], at node: JSONNode) {
    session.add(
      relation, terms, file: path, at: node, authority: authority, pointerPrefix: pointerPrefix)
  }

  func fact(_ relation: InputRelation, _ values: [String], at node: JSONNode) {
    fact(relation, values.map { ImportTerm.symbol($0) }, at: node)
  }

  /// A validation error: the value at `node` has the wrong type.
  func invalid(_ node: JSONNode, expected: String) {
    session.report(
      .error, .badJSON, file: path, at: node, "expected \(expected), found \(node.kindName)")
  }

  /// A member that must be a string when present.
  func string(_ node: JSONNode, _ key: String, required: Bool = false) -> String? {
    guard let value = node[key] else {
      if required {
        session.report(.error, .badJSON, file: path, at: node, "missing string member `\(key)`")
      }
      return nil
    }
    if let s = value.string { return s }
    if case .null = value.kind, !required { return nil }
    invalid(value, expected: "a string for `\(key)`")
    return nil
  }

  /// A member that must be a boolean (or the string "true"/"false") when present.
  func bool(_ node: JSONNode, _ key: String) -> Bool? {
    guard let value = node[key] else { return nil }
    if let b = value.bool { return b }
    invalid(value, expected: "a boolean for `\(key)`")
    return nil
  }

  /// A member that must be an object when present.
  func object(_ node: JSONNode, _ key: String) -> JSONNode? {
    guard let value = node[key] else { return nil }
    if value.members != nil { return value }
    if case .null = value.kind { return nil }
    invalid(value, expected: "an object for `\(key)`")
    return nil
  }

  /// A member that must be an array when present; its elements.
  func array(_ node: JSONNode, _ key: String) -> [JSONNode] {
    guard let value = node[key] else { return [] }
    if let items = value.array { return items }
    if case .null = value.kind { return [] }
    invalid(value, expected: "an array for `\(key)`")
    return []
  }

  /// A member that must be an array of strings; the strings with their nodes.
  func strings(_ node: JSONNode, _ key: String) -> [(String, JSONNode)] {
    array(node, key).compactMap { item in
      if let s = item.string { return (s, item) }
      invalid(item, expected: "a string")
      return nil
    }
  }
}
