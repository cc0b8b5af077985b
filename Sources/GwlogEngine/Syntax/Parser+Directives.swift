/// Soufflé-style directives: `.decl`, `.type`, `.input`/`.output`/`.printsize`/`.fixed`.
///
/// Directives end without a period in Soufflé; an optional `.` after one is accepted unless
/// it begins the next directive (first on its line and directly followed by a name).
extension Parser {
  /// Qualifiers Soufflé allows after a `.decl`, accepted and ignored.
  static let ignoredQualifiers: Set<String> = [
    "brie", "btree", "btree_delete", "inline", "no_inline", "magic", "no_magic", "overridable",
  ]

  mutating func parseDirective() throws(Diagnostic) -> Statement {
    let start = current.start
    // A `%` inside a directive or right after it is a comment (docs/language.md#comments).
    lexer.isInDirective = true
    defer { lexer.isInDirective = false }
    advance()
    guard current.kind == .identifier, current.start == start + 1 else {
      throw unexpected(expected: "a directive name after `.`")
    }
    let name = text(current)
    let statement: Statement
    switch name {
    case "decl":
      statement = .declaration(try parseDeclaration(start: start))
    case "type":
      statement = .typeDeclaration(try parseTypeDeclaration(start: start))
    default:
      guard let kind = DirectiveKind(rawValue: name) else {
        throw Diagnostic.error(
          .syntax, "unknown directive `.\(name)`",
          at: SourceSpan(file: fileID, start: start, end: current.end),
          help: "gwlog supports `.decl`, `.type`, `.input`, `.output`, `.printsize` and `.fixed`")
      }
      statement = .directive(try parseRelationList(kind, start: start))
    }
    if current.kind == .dot && !startsDirective() { advance() }
    return statement
  }

  /// `.decl name(col: type, ...)` plus optional qualifiers; `current` is `decl`.
  mutating func parseDeclaration(start: Int) throws(Diagnostic) -> Declaration {
    advance()
    let nameToken = try expectName("a relation name")
    guard current.kind == .leftParen else { throw unexpected(expected: "`(`") }
    advance()
    var columns: [ColumnDeclaration] = []
    if current.kind == .rightParen {
      advance()
    } else {
      while true {
        let columnToken = try expectName("a column name")
        try expect(.colon, "`:`")
        let typeToken = try expectName("a column type")
        let typeName = text(typeToken)
        let type = try columnType(typeName, typeToken)
        columns.append(
          ColumnDeclaration(
            name: text(columnToken), type: type, typeName: typeName,
            span: span(from: columnToken.start)))
        if current.kind == .comma {
          advance()
          continue
        }
        try expect(.rightParen, "`)` or `,`")
        break
      }
    }
    let declarationSpan = span(from: start)
    while current.kind == .identifier {
      let qualifier = text(current)
      if qualifier == "eqrel" {
        throw Diagnostic.error(
          .syntax, "`eqrel` relations are not supported", at: tokenSpan(current),
          help: "declare a plain relation and write the equivalence rules explicitly")
      }
      guard Self.ignoredQualifiers.contains(qualifier) else { break }
      advance()
    }
    return Declaration(
      name: text(nameToken), columns: columns, span: declarationSpan,
      nameSpan: tokenSpan(nameToken))
  }

  /// The column type a type name resolves to; nil for a user `.type` name.
  private func columnType(_ name: String, _ token: Token) throws(Diagnostic) -> ColumnType? {
    switch name {
    case "symbol": return .symbol
    case "number", "unsigned": return .number
    case "float":
      throw Diagnostic.error(.syntax, "float columns are not supported", at: tokenSpan(token))
    default: return nil
    }
  }

  /// `.type Name <: base`, `.type Name = Other`, `.type Name = A | B`; `current` is `type`.
  mutating func parseTypeDeclaration(start: Int) throws(Diagnostic) -> TypeDeclaration {
    advance()
    let nameToken = try expectName("a type name")
    var base: ColumnType?
    var references: [String] = []
    var referenceTokens: [Token] = []
    switch current.kind {
    case .subtype:
      advance()
      let baseToken = try expectName("a base type")
      let baseName = text(baseToken)
      base = try columnType(baseName, baseToken)
      if base == nil { references = [baseName] }
    case .equal:
      advance()
      if current.kind == .leftBracket {
        throw Diagnostic.error(
          .syntax, "record types are not supported", at: tokenSpan(current))
      }
      while true {
        let token = try expectName("a type name")
        if current.kind == .leftBrace {
          throw Diagnostic.error(
            .syntax, "algebraic data types are not supported", at: tokenSpan(current))
        }
        references.append(text(token))
        referenceTokens.append(token)
        guard current.kind == .pipe else { break }
        advance()
      }
      if references.count == 1, let first = referenceTokens.first,
        let resolved = try columnType(text(first), first)
      {
        base = resolved
        references = []
      }
    default:
      throw unexpected(expected: "`<:` or `=`")
    }
    return TypeDeclaration(
      name: text(nameToken), base: base, references: references, span: span(from: start))
  }

  /// `.input a, b(key=value, ...), c`; `current` is the directive name.
  mutating func parseRelationList(_ kind: DirectiveKind, start: Int) throws(Diagnostic)
    -> Directive
  {
    advance()
    var relations: [(name: String, span: SourceSpan)] = []
    var parameters: [(key: String, value: String)] = []
    while true {
      let nameToken = try expectName("a relation name")
      relations.append((text(nameToken), tokenSpan(nameToken)))
      if current.kind == .leftParen {
        advance()
        if current.kind == .rightParen {
          advance()
        } else {
          while true {
            let key = try expectName("a parameter name")
            try expect(.equal, "`=`")
            let value: String
            switch current.kind {
            case .string: value = stringValue(current)
            case .identifier, .variable, .integer: value = text(current)
            default: throw unexpected(expected: "a parameter value")
            }
            advance()
            parameters.append((text(key), value))
            if current.kind == .comma {
              advance()
              continue
            }
            try expect(.rightParen, "`)` or `,`")
            break
          }
        }
      }
      guard current.kind == .comma else { break }
      advance()
    }
    return Directive(
      kind: kind, relations: relations, parameters: parameters, span: span(from: start))
  }

  /// Consumes an identifier (either case) and returns it.
  mutating func expectName(_ description: String) throws(Diagnostic) -> Token {
    guard current.kind == .identifier || current.kind == .variable else {
      throw unexpected(expected: description)
    }
    let token = current
    advance()
    return token
  }
}
