/// The fast path for gwlog-syntax `.facts` files: `name(c1, c2, ...).` lines whose constants
/// are strings, bare identifiers or (possibly negative) integers, with comments between facts.
///
/// On the first input it does not handle, it hands the whole file to the general parser
/// (`factsOnly`) and emits only the facts at or after that point, so the diagnostics are the
/// parser's and no fact is emitted twice.
extension FactsReader {
  /// Reads ground facts and hands each relation name, row of interned ids and fact span to
  /// `sink`, in source order; returns the diagnostics (the general parser's wording).
  public static func readFacts(
    _ file: SourceFile, fileID: Int32, pool: ConstantPool,
    into sink: (_ relation: String, _ ids: UnsafeBufferPointer<UInt32>, _ span: SourceSpan) ->
      Void
  ) -> [Diagnostic] {
    var scanner = FactScanner(bytes: file.bytes, pool: pool)
    var row: [UInt32] = []
    var lastName = ""
    var lastNameRange = 0..<0
    while true {
      scanner.skipTrivia()
      if scanner.failed { break }
      guard scanner.position < scanner.bytes.count else { return [] }
      let start = scanner.position
      row.removeAll(keepingCapacity: true)
      guard let nameRange = scanner.scanFact(into: &row) else { break }
      if !scanner.bytes[nameRange].elementsEqual(scanner.bytes[lastNameRange]) {
        lastName = String(decoding: scanner.bytes[nameRange], as: UTF8.self)
        lastNameRange = nameRange
      }
      let span = SourceSpan(file: fileID, start: start, end: scanner.position)
      row.withUnsafeBufferPointer { sink(lastName, $0, span) }
    }
    return fallBack(file, fileID: fileID, from: scanner.statementStart, pool: pool, into: sink)
  }

  /// Parses the whole file with the general parser and emits the facts at or after byte
  /// `offset` (those before it were emitted by the fast path); returns its diagnostics.
  private static func fallBack(
    _ file: SourceFile, fileID: Int32, from offset: Int, pool: ConstantPool,
    into sink: (_ relation: String, _ ids: UnsafeBufferPointer<UInt32>, _ span: SourceSpan) ->
      Void
  ) -> [Diagnostic] {
    let (program, diagnostics) = Parser.parse(file, fileID: fileID, factsOnly: true)
    var row: [UInt32] = []
    for statement in program.statements {
      guard case .clause(let clause) = statement, Int(clause.span.start) >= offset else {
        continue
      }
      row.removeAll(keepingCapacity: true)
      for argument in clause.head.arguments {
        switch argument {
        case .symbol(let s, _): row.append(pool.intern(s))
        case .integer(let i, _): row.append(pool.intern(i))
        default: continue
        }
      }
      row.withUnsafeBufferPointer { sink(clause.head.name, $0, clause.span) }
    }
    return diagnostics
  }
}

/// A byte scanner for the common shape of `.facts` lines; any other input sets `failed`.
private struct FactScanner {
  let bytes: [UInt8]
  let pool: ConstantPool
  var position = 0
  /// Start of the fact being scanned (where the general parser takes over on failure).
  var statementStart = 0
  var failed = false
  var scratch: [UInt8] = []

  /// A scanner at the start of `bytes`, interning into `pool`.
  init(bytes: [UInt8], pool: ConstantPool) {
    self.bytes = bytes
    self.pool = pool
  }

  /// Skips whitespace and comments between facts (`%` is always a comment here, since the
  /// previous token is a `.` or nothing).
  mutating func skipTrivia() {
    let count = bytes.count
    statementStart = position
    while position < count {
      switch bytes[position] {
      case 0x20, 0x09, 0x0D, 0x0A:
        position += 1
      case UInt8(ascii: "%"):
        skipLine()
      case UInt8(ascii: "/") where position + 1 < count && bytes[position + 1] == UInt8(ascii: "/"):
        skipLine()
      case UInt8(ascii: "/") where position + 1 < count && bytes[position + 1] == UInt8(ascii: "*"):
        var i = position + 2
        while i + 1 < count && !(bytes[i] == UInt8(ascii: "*") && bytes[i + 1] == UInt8(ascii: "/"))
        {
          i += 1
        }
        guard i + 1 < count else {
          failed = true
          statementStart = position
          return
        }
        position = i + 2
      default:
        statementStart = position
        return
      }
    }
    statementStart = position
  }

  /// Moves to the end of the current line.
  private mutating func skipLine() {
    while position < bytes.count && bytes[position] != 0x0A { position += 1 }
  }

  /// Moves past spaces, tabs and line ends.
  private mutating func skipSpaces() {
    while position < bytes.count {
      switch bytes[position] {
      case 0x20, 0x09, 0x0D, 0x0A: position += 1
      default: return
      }
    }
  }

  /// Scans one fact, appending its ids to `row`; returns the name's byte range, or nil (with
  /// `failed` set) when the input needs the general parser.
  mutating func scanFact(into row: inout [UInt32]) -> Range<Int>? {
    guard position < bytes.count, Lexer.isIdentifierStart(bytes[position]) else { return fail() }
    let nameStart = position
    while position < bytes.count && Lexer.isIdentifierContinue(bytes[position]) { position += 1 }
    let nameRange = nameStart..<position
    // `_` alone or an upper-case name without `(` is not a fact; the parser says why.
    if position - nameStart == 1 && bytes[nameStart] == UInt8(ascii: "_") { return fail() }
    skipSpaces()
    guard position < bytes.count else { return fail() }
    if bytes[position] == UInt8(ascii: "(") {
      position += 1
      skipSpaces()
      if position < bytes.count && bytes[position] == UInt8(ascii: ")") {
        position += 1
      } else {
        while true {
          skipSpaces()
          guard let id = scanConstant() else { return fail() }
          row.append(id)
          skipSpaces()
          guard position < bytes.count else { return fail() }
          if bytes[position] == UInt8(ascii: ",") {
            position += 1
            continue
          }
          guard bytes[position] == UInt8(ascii: ")") else { return fail() }
          position += 1
          break
        }
      }
      skipSpaces()
    } else {
      let first = bytes[nameStart]
      guard first >= UInt8(ascii: "a") && first <= UInt8(ascii: "z") else { return fail() }
    }
    guard position < bytes.count, bytes[position] == UInt8(ascii: ".") else { return fail() }
    position += 1
    return nameRange
  }

  /// Marks the input as not handled here; returns nil for the caller to return.
  private mutating func fail() -> Range<Int>? {
    failed = true
    return nil
  }

  /// A string, a lower-case identifier or an integer, interned; nil for anything else.
  private mutating func scanConstant() -> UInt32? {
    guard position < bytes.count else { return nil }
    let b = bytes[position]
    if b == UInt8(ascii: "\"") { return scanString() }
    if b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z") {
      let start = position
      while position < bytes.count && Lexer.isIdentifierContinue(bytes[position]) { position += 1 }
      if position < bytes.count && bytes[position] == UInt8(ascii: "(") { return nil }
      return bytes.withUnsafeBufferPointer {
        pool.intern(bytes: UnsafeBufferPointer(rebasing: $0[start..<position]))
      }
    }
    var negative = false
    if b == UInt8(ascii: "-") {
      negative = true
      position += 1
    }
    guard position < bytes.count, Lexer.isDigit(bytes[position]) else { return nil }
    var magnitude: UInt64 = 0
    while position < bytes.count && Lexer.isDigit(bytes[position]) {
      let (m, o1) = magnitude.multipliedReportingOverflow(by: 10)
      let (s, o2) = m.addingReportingOverflow(UInt64(bytes[position] - 0x30))
      guard !o1, !o2, s <= Lexer.maximumMagnitude else { return nil }
      magnitude = s
      position += 1
    }
    if position < bytes.count && Lexer.isIdentifierContinue(bytes[position]) { return nil }
    if negative {
      return pool.intern(magnitude == Lexer.maximumMagnitude ? Int64.min : -Int64(magnitude))
    }
    guard magnitude < Lexer.maximumMagnitude else { return nil }
    return pool.intern(Int64(magnitude))
  }

  /// A string literal with the simple escapes; nil (general parser) for anything unusual.
  private mutating func scanString() -> UInt32? {
    let start = position + 1
    var i = start
    var escaped = false
    scratch.removeAll(keepingCapacity: true)
    while true {
      guard i < bytes.count else { return nil }
      let b = bytes[i]
      if b == UInt8(ascii: "\"") { break }
      if b == 0x0A { return nil }
      if b == UInt8(ascii: "\\") {
        if !escaped {
          scratch.append(contentsOf: bytes[start..<i])
          escaped = true
        }
        guard i + 1 < bytes.count else { return nil }
        switch bytes[i + 1] {
        case UInt8(ascii: "\""): scratch.append(0x22)
        case UInt8(ascii: "\\"): scratch.append(0x5C)
        case UInt8(ascii: "n"): scratch.append(0x0A)
        case UInt8(ascii: "t"): scratch.append(0x09)
        case UInt8(ascii: "r"): scratch.append(0x0D)
        default: return nil
        }
        i += 2
        continue
      }
      if b >= 0x80 {
        guard let length = Lexer.validUTF8Length(bytes, at: i) else { return nil }
        if escaped { scratch.append(contentsOf: bytes[i..<i + length]) }
        i += length
        continue
      }
      if escaped { scratch.append(b) }
      i += 1
    }
    position = i + 1
    if escaped { return pool.intern(bytes: scratch) }
    return bytes.withUnsafeBufferPointer {
      pool.intern(bytes: UnsafeBufferPointer(rebasing: $0[start..<i]))
    }
  }
}
