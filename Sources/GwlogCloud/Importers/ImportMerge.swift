import GwlogEngine

/// Every file's `ImportSession` merged in file order, as if one session had read the files
/// one after another: one symbol table and one origin table, the facts renumbered, the names
/// tables replayed in order (a later `projects describe` replaces a number's ID, other outputs
/// only add one), the problems in order.
struct ImportMerge {
  var symbols = SymbolTable()
  var otherTerms: [ImportTerm] = []
  var facts: [PendingFact] = []
  var terms: [TermRef] = []
  var origins = FactOriginTable()
  var tables = ImportTables()
  var diagnostics: [Diagnostic] = []

  /// A merge that starts with `diagnostics` (the problems found before any file was read).
  init(diagnostics: [Diagnostic] = []) {
    self.diagnostics = diagnostics
  }

  /// Appends `session`, the next file's.
  mutating func add(_ session: ImportSession) {
    let local = session.symbols
    var symbolOf = [UInt32](repeating: 0, count: local.count)
    local.bytes.withUnsafeBufferPointer { bytes in
      for i in 0..<local.count {
        let range = Int(local.starts[i])..<Int(local.ends[i])
        symbolOf[i] = symbols.intern(UnsafeBufferPointer(rebasing: bytes[range]))
      }
    }
    let otherBase = UInt32(otherTerms.count)
    otherTerms += session.otherTerms
    let originBase = UInt32(origins.append(contentsOf: session.origins))
    let termBase = UInt32(terms.count)
    for term in session.terms {
      switch term.kind {
      case .symbol, .name: terms.append(TermRef(term.kind, symbolOf[Int(term.index)]))
      case .other: terms.append(TermRef(.other, term.index + otherBase))
      }
    }
    for var fact in session.facts {
      fact.firstTerm += termBase
      fact.origin += originBase
      facts.append(fact)
    }
    diagnostics += session.diagnostics
    for (number, id, replaces) in session.numbers where replaces || tables.numberToID[number] == nil
    {
      tables.numberToID[number] = id
    }
    for (uid, email) in session.uniqueIDs { tables.uniqueIDs[uid] = email }
    for var org in session.organizations {
      org.origin += originBase
      tables.organizations.append(org)
    }
    tables.denyListingNames += session.denyListingNames
  }

  /// The terms of `fact`.
  func terms(of fact: PendingFact) -> ArraySlice<TermRef> {
    terms[Int(fact.firstTerm)..<Int(fact.firstTerm) + Int(fact.count)]
  }
}

/// A fact with canonical values: its values are `count` symbols of its store's `values`
/// from `first`.
struct StoredFact {
  /// The input relation the fact belongs to.
  var relation: InputRelation
  var authority: Authority
  var count: UInt8
  /// Its origin in the store's origin table.
  var origin: UInt32
  var first: UInt32
  /// Load order, for stable choices.
  var order: Int
}

/// The resolved facts' values and origins: symbols by number, origins by number.
struct FactStore {
  var symbols: SymbolTable
  var values: [UInt32] = []
  var origins: FactOriginTable

  /// Value `k` of `fact`.
  @inline(__always)
  func value(_ fact: StoredFact, _ k: Int) -> UInt32 { values[Int(fact.first) + k] }

  /// The values of `fact`.
  func values(of fact: StoredFact) -> ArraySlice<UInt32> {
    values[Int(fact.first)..<Int(fact.first) + Int(fact.count)]
  }

  /// The text of value `k` of `fact`.
  func text(_ fact: StoredFact, _ k: Int) -> String { symbols.string(value(fact, k)) }

  /// The file of `fact`'s origin.
  func file(of fact: StoredFact) -> String { origins.files[origins.file(of: Int(fact.origin))] }

  /// A new fact of `relation` with `values`, from `origin`.
  mutating func fact(
    _ relation: InputRelation, _ values: [UInt32], origin: UInt32, authority: Authority,
    order: Int
  ) -> StoredFact {
    let first = UInt32(self.values.count)
    self.values += values
    return StoredFact(
      relation: relation, authority: authority, count: UInt8(truncatingIfNeeded: values.count),
      origin: origin, first: first, order: order)
  }

  /// A new fact of `relation` with `values` (texts), from `origin`.
  mutating func fact(
    _ relation: InputRelation, texts: [String], origin: UInt32, authority: Authority, order: Int
  ) -> StoredFact {
    fact(
      relation, texts.map { symbols.intern($0) }, origin: origin, authority: authority, order: order
    )
  }
}
