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

/// A term of a pending fact, compactly: a plain symbol or a resource name by its number in a
/// symbol table, or any other term by its index in a list of them (the kind in the top bits).
struct TermRef: Hashable {
  let raw: UInt32

  /// What the number names.
  enum Kind: UInt32 {
    case symbol = 0
    case name = 1
    case other = 2
  }

  static let kindShift: UInt32 = 30
  static let indexMask: UInt32 = (1 << 30) - 1

  init(_ kind: Kind, _ index: UInt32) {
    raw = kind.rawValue << Self.kindShift | (index & Self.indexMask)
  }

  var kind: Kind { Kind(rawValue: raw >> Self.kindShift) ?? .other }
  var index: UInt32 { raw & Self.indexMask }
}

/// How authoritative a source is when two files describe the same thing (docs/file-naming.md).
enum Authority: UInt8, Comparable {
  case searchAll = 0
  case asset, own, effective

  static func < (a: Authority, b: Authority) -> Bool { a.rawValue < b.rawValue }
}

/// An organization's directory: its domain (`displayName`) and customer ID
/// (`owner.directoryCustomerId`), and where the customer ID was read (an origin number).
struct OrganizationDirectory {
  var name: String
  var domain: String
  var customer: String
  var origin: UInt32
}

/// One fact waiting for the names to be resolved: its terms are `count` entries of a terms
/// list from `firstTerm`, its origin an entry of an origin table.
struct PendingFact {
  var relation: InputRelation
  var authority: Authority
  var count: UInt8
  var firstTerm: UInt32
  var origin: UInt32
}

/// What the files of one import make known about each other, in file order, besides their
/// facts: read by the resolution once every file is in.
struct ImportTables {
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
}

/// What the importers found in one file.
///
/// What the importers found in one file: its facts (terms numbered in the file's own symbol
/// table), their origins, its problems, and the names tables it adds to. Files are imported
/// on several threads at once, one session each, and merged in file order (`ImportMerge`).
final class ImportSession {
  /// The file's path.
  let path: String
  /// The bytes read from it.
  var byteCount = 0
  /// What the file was recognised as (for `-v`); nil when unreadable or of an unknown shape.
  var shape: Importer.Shape?
  var facts: [PendingFact] = []
  var terms: [TermRef] = []
  /// The file's plain symbols and resource names.
  var symbols = SymbolTable()
  /// The file's terms of other kinds.
  var otherTerms: [ImportTerm] = []
  /// Where the facts came from: all in this file (file number 0).
  var origins = FactOriginTable()
  var diagnostics: [Diagnostic] = []
  /// Project numbers read, in order, and whether each replaces an earlier mapping.
  var numbers: [(number: String, id: String, replaces: Bool)] = []
  var uniqueIDs: [(uid: String, email: String)] = []
  var organizations: [OrganizationDirectory] = []
  var denyListingNames: [(file: String, node: String)] = []
  /// A reused buffer for pointers.
  private var pointer: [UInt8] = []

  /// A session for the file at `path`.
  init(path: String) {
    self.path = path
    _ = origins.fileNumber(path)
  }

  /// Records that project `number` is project `id`: a `projects describe` (`replacing`)
  /// always, other outputs only for a number not mapped before.
  func recordProject(number: String, id: String, replacing: Bool) {
    numbers.append((number, id, replacing))
  }

  /// The origin of `node` (its line, and `pointerPrefix` and its pointer); returns its number.
  func origin(at node: JSONNode, pointerPrefix: String) -> UInt32 {
    pointer.removeAll(keepingCapacity: true)
    pointer.append(contentsOf: pointerPrefix.utf8)
    node.appendPointer(to: &pointer)
    return UInt32(origins.append(file: 0, line: node.line, path: pointer))
  }

  /// The reference of `term` in this file.
  func reference(_ term: ImportTerm) -> TermRef {
    switch term {
    case .symbol(let s): return TermRef(.symbol, symbols.intern(s))
    case .name(let n): return TermRef(.name, symbols.intern(n))
    default:
      otherTerms.append(term)
      return TermRef(.other, UInt32(otherTerms.count - 1))
    }
  }

  /// Records a fact.
  func add(
    _ relation: InputRelation, _ terms: [ImportTerm], at node: JSONNode,
    authority: Authority = .own, pointerPrefix: String = ""
  ) {
    let first = UInt32(self.terms.count)
    for term in terms { self.terms.append(reference(term)) }
    facts.append(
      PendingFact(
        relation: relation, authority: authority, count: UInt8(truncatingIfNeeded: terms.count),
        firstTerm: first, origin: origin(at: node, pointerPrefix: pointerPrefix)))
  }

  /// Records an error or warning about a file position (in the message, and as the
  /// diagnostic's location: file, line, column and JSON pointer, after `pointerPrefix`).
  func report(
    _ severity: Severity, _ code: DiagnosticCode, file: String, at node: JSONNode?,
    _ message: String, help: String? = nil, pointerPrefix: String = ""
  ) {
    var location = "`\(file)`"
    var place = DiagnosticLocation(file: file)
    if let node {
      let pointer = node.pointer
      location += " at \(pointer.isEmpty ? "/" : pointer) (\(node.line):\(node.column))"
      place = DiagnosticLocation(
        file: file, line: node.line, column: node.column, pointer: pointerPrefix + pointer)
    }
    diagnostics.append(
      Diagnostic(code, severity, message: "\(location): \(message)", help: help).located(place))
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
    session.add(relation, terms, at: node, authority: authority, pointerPrefix: pointerPrefix)
  }

  func fact(_ relation: InputRelation, _ values: [String], at node: JSONNode) {
    fact(relation, values.map { ImportTerm.symbol($0) }, at: node)
  }

  /// A validation error: the value at `node` has the wrong type.
  func invalid(_ node: JSONNode, expected: String) {
    session.report(
      .error, .badJSON, file: path, at: node, "expected \(expected), found \(node.kindName)",
      pointerPrefix: pointerPrefix)
  }

  /// A member that must be a string when present.
  func string(_ node: JSONNode, _ key: String, required: Bool = false) -> String? {
    guard let value = node[key] else {
      if required {
        session.report(
          .error, .badJSON, file: path, at: node, "missing string member `\(key)`",
          pointerPrefix: pointerPrefix)
      }
      return nil
    }
    if let s = value.string { return s }
    if value.isNull, !required { return nil }
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
    if value.isObject { return value }
    if value.isNull { return nil }
    invalid(value, expected: "an object for `\(key)`")
    return nil
  }

  /// A member that must be an array when present; its elements.
  func array(_ node: JSONNode, _ key: String) -> [JSONNode] {
    guard let value = node[key] else { return [] }
    if let items = value.array { return items }
    if value.isNull { return [] }
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
