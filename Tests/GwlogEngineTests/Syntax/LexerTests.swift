import Testing

@testable import GwlogEngine

private func kinds(_ text: String) -> [TokenKind] {
  var lexer = Lexer(bytes: Array(text.utf8))
  var out: [TokenKind] = []
  while true {
    let t = lexer.next()
    if t.kind == .endOfFile { return out }
    out.append(t.kind)
  }
}

private func firstError(_ bytes: [UInt8]) -> Token? {
  var lexer = Lexer(bytes: bytes)
  while true {
    let t = lexer.next()
    if t.kind == .error { return t }
    if t.kind == .endOfFile { return nil }
  }
}

@Suite struct LexerTests {
  @Test func identifiersVariablesAndWildcard() {
    #expect(
      kinds("edge X _tmp _ Path x1") == [
        .identifier, .variable, .variable, .wildcard, .variable, .identifier,
      ])
  }

  @Test func punctuation() {
    #expect(
      kinds("( ) { } , . : :- ?- ! = != < <= > >= + - * / | <: [ ] ;")
        == [
          .leftParen, .rightParen, .leftBrace, .rightBrace, .comma, .dot, .colon, .colonDash,
          .queryMark, .bang, .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual,
          .plus, .minus, .star, .slash, .pipe, .subtype, .leftBracket, .rightBracket, .semicolon,
        ])
  }

  @Test func commentsAreSkipped() {
    #expect(
      kinds("a // x\n/* b\n c */ d % e f\n g") == [
        .identifier, .identifier, .percent, .identifier, .identifier, .identifier,
      ])
    #expect(kinds("a. % comment ( ) \n b") == [.identifier, .dot, .identifier])
    #expect(kinds("% whole line\nx") == [.identifier])
  }

  @Test func percentIsRemainderAfterOperands() {
    #expect(kinds("X % 2") == [.variable, .percent, .integer])
    #expect(kinds("3 % 2") == [.integer, .percent, .integer])
    #expect(kinds("(X) % 2") == [.leftParen, .variable, .rightParen, .percent, .integer])
    #expect(kinds("\"a\" % 2") == [.string, .percent, .integer])
    #expect(kinds("= % 2") == [.equal])
    #expect(kinds(", %x\ny") == [.comma, .identifier])
    // First on its line, `%` starts a comment even after an operand.
    #expect(kinds("X\n% 2\ny") == [.variable, .identifier])
    #expect(kinds("X\n  % 2") == [.variable])
    #expect(kinds("X %\n 2") == [.variable, .percent, .integer])
  }

  @Test func stringEscapesDecode() {
    var lexer = Lexer(bytes: Array(#""a\"b\\c\nd\te\rf\u{1F600}g""#.utf8))
    let t = lexer.next()
    #expect(t.kind == .string)
    #expect(t.decoded.map { String(decoding: $0, as: UTF8.self) } == "a\"b\\c\nd\te\rf😀g")
  }

  @Test func plainStringHasNoDecodedCopy() {
    var lexer = Lexer(bytes: Array("\"héllo\"".utf8))
    let t = lexer.next()
    #expect(t.kind == .string && t.decoded == nil && t.end == 8)
  }

  @Test func integersAndMagnitudeLimit() {
    var lexer = Lexer(bytes: Array("42 9223372036854775808 99999999999999999999".utf8))
    #expect(lexer.next().magnitude == 42)
    let edge = lexer.next()
    #expect(edge.kind == .integer && edge.magnitude == 1 << 63)
    let over = lexer.next()
    #expect(over.kind == .error)
    #expect(over.errorMessage == "integer `99999999999999999999` is out of range")
  }

  @Test func unknownEscapePointsAtBackslash() {
    let t = firstError(Array(#"x "ab\qc" y"#.utf8))
    #expect(t?.errorMessage == "unknown escape sequence")
    #expect(t?.errorStart == 5)
  }

  @Test func unterminatedStringPointsAtQuote() {
    let t = firstError(Array("a(\"abc\nb".utf8))
    #expect(t?.errorMessage == "unterminated string")
    #expect(t?.errorStart == 2)
    #expect(firstError(Array("\"abc".utf8))?.errorMessage == "unterminated string")
  }

  @Test func unterminatedBlockComment() {
    let t = firstError(Array("a /* never closed".utf8))
    #expect(t?.errorMessage == "unterminated block comment")
    #expect(t?.errorStart == 2)
  }

  @Test func unexpectedBytes() {
    #expect(firstError([0x61, 0x00])?.errorMessage == "unexpected byte 0x00")
    #expect(firstError([0x07])?.errorMessage == "unexpected byte 0x07")
    #expect(firstError([0xFF, 0xFE])?.errorMessage == "unexpected byte 0xFF")
    #expect(firstError(Array("a é".utf8))?.errorMessage == "unexpected character `é`")
    #expect(
      firstError([0x22, 0xC3, 0x28, 0x22])?.errorMessage == "invalid utf-8 byte 0xC3 in string")
  }

  @Test func firstOnLineFlag() {
    var lexer = Lexer(bytes: Array("a b\n c".utf8))
    #expect(lexer.next().isFirstOnLine)
    #expect(!lexer.next().isFirstOnLine)
    #expect(lexer.next().isFirstOnLine)
  }

  @Test func tenMegabyteIdentifier() {
    var bytes = Array("a(".utf8)
    bytes.append(contentsOf: repeatElement(UInt8(ascii: "x"), count: 10_000_000))
    var lexer = Lexer(bytes: bytes)
    _ = lexer.next()
    _ = lexer.next()
    let t = lexer.next()
    #expect(t.kind == .identifier && t.end - t.start == 10_000_000)
    #expect(lexer.next().kind == .endOfFile)
  }
}
