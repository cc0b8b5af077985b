import Foundation
import GwlogCloud
import GwlogEngine
import Testing

/// The strict JSON reader: kinds, positions, every strictness rule, limits and the fixtures.
@Suite struct JSONReaderFormatTests {
  @Test func everyKind() throws {
    let text = #"""
      {"n": null, "t": true, "f": false, "i": 42, "neg": -7, "z": -0, "max": 9223372036854775807,
       "big": 9223372036854775808, "frac": 1.5, "exp": 1e3, "one": 1.0, "s": "x", "a": [], "o": {}}
      """#
    let node = try #require(JSONReader.parse(Array(text.utf8)).value)
    #expect(
      dump(node)
        == #"{n:null,t:true,f:false,i:int:42,neg:int:-7,z:int:0,max:int:9223372036854775807,"#
        + #"big:num:9223372036854775808,frac:num:1.5,exp:num:1e3,one:num:1.0,s:"x",a:[],o:{}}"#)
  }

  @Test func positionsAndPointers() throws {
    let marked = MarkedFormatText(
      "{\n  \"a\": 1️⃣[2️⃣1, \"é\", 3️⃣true],\n  \"x/y~\": 4️⃣{\"c\": 5️⃣null}\n}")
    let root = try #require(JSONReader.parse(marked.bytes).value)
    let a = try #require(root["a"])
    #expect(Position(a) == marked.position("1️⃣"))
    #expect(a.pointer == "/a")
    let items = try #require(a.array)
    #expect(Position(items[0]) == marked.position("2️⃣"))
    #expect(Position(items[2]) == marked.position("3️⃣"))
    #expect(items[2].pointer == "/a/2")
    let odd = try #require(root["x/y~"])
    #expect(Position(odd) == marked.position("4️⃣"))
    let c = try #require(odd["c"])
    #expect(Position(c) == marked.position("5️⃣"))
    #expect(c.pointer == "/x~1y~0/c")
    #expect(root.pointer == "" && root.line == 1 && root.column == 1)
  }

  @Test func escapesAndSurrogatePairs() throws {
    let text = #"["\"\\\/\b\f\n\r\t", "\u00e9\u4E2D", "\uD83D\uDE00", "a\u0000b"]"#
    let items = try #require(JSONReader.parse(Array(text.utf8)).value?.array)
    #expect(items.map(\.string) == ["\"\\/\u{08}\u{0C}\n\r\t", "é中", "😀", "a\u{0}b"])
  }

  @Test func byteOrderMarkIsSkipped() throws {
    let node = try #require(JSONReader.parse([0xEF, 0xBB, 0xBF] + Array("[1]".utf8)).value)
    #expect(node.array?.first?.column == 2)
  }

  static let errors: [(String, String, String?)] = [
    ("[1, 2,1️⃣]", "expected a JSON value after `,`, found `]`", "trailing commas"),
    (#"{"a": 1,1️⃣}"#, "expected a string key after `,`, found `}`", "trailing commas"),
    (#"{"a": 1 1️⃣]"#, "expected `,` or `}` after an object member, found `]`", nil),
    ("[1 1️⃣}", "expected `,` or `]` after an array element, found `}`", nil),
    ("1️⃣// comment\n1", "expected a JSON value, found `/`", "comments"),
    ("[1, 1️⃣/* c */ 2]", "expected a JSON value, found `/`", "comments"),
    ("[1️⃣'a']", "expected a JSON value, found `'`", "double quotes"),
    (#"{1️⃣'a': 1}"#, "expected a string key, found `'`", "double quotes"),
    ("{1️⃣a: 1}", "expected a string key, found `a`", "double-quoted"),
    ("[1️⃣NaN]", "expected a JSON value, found `NaN`", "NaN or Infinity"),
    ("[1️⃣Infinity]", "expected a JSON value, found `Infinity`", "NaN or Infinity"),
    ("[-1️⃣Infinity]", "expected a digit after `-`, found `I`", "NaN or Infinity"),
    ("[1️⃣True]", "expected a JSON value, found `True`", "lowercase"),
    ("[1️⃣truex]", "expected a JSON value, found `truex`", nil),
    ("[1️⃣01]", "leading zeros are not allowed in numbers", nil),
    ("[1️⃣-01]", "leading zeros are not allowed in numbers", nil),
    ("[1.1️⃣]", "expected a digit after `.` in a number, found `]`", nil),
    ("[1️⃣.5]", "expected a JSON value, found `.`", "digit before"),
    ("[1️⃣+1]", "expected a JSON value, found `+`", "leading `+`"),
    ("[1e1️⃣]", "expected a digit in the exponent of a number, found `]`", nil),
    ("[\"ab1️⃣\ncd\"]", "control character U+000A in a string", "\\n"),
    ("[\"a1️⃣\tb\"]", "control character U+0009 in a string", nil),
    (#"["a1️⃣\x"]"#, "invalid escape `\\x`", "JSON escapes"),
    (#"["a1️⃣\u12G4"]"#, "invalid escape `\\u`, expected four hex digits", nil),
    (#"["1️⃣\uD800"]"#, "lone surrogate `\\uD800` in a string", nil),
    (#"["1️⃣\uD800\u0041"]"#, "lone surrogate `\\uD800` in a string", nil),
    (#"["x1️⃣\uDC00"]"#, "lone surrogate `\\uDC00` in a string", nil),
    ("[1️⃣\"abc]", "unterminated string", nil),
    ("1 1️⃣2", "unexpected `2` after the JSON value", "exactly one value"),
    ("{} 1️⃣{}", "unexpected `{` after the JSON value", nil),
    (#"{"a": 1, 1️⃣"a": 2}"#, "duplicate key `a` in an object", "line 1, column 2"),
    ("  1️⃣", "expected a JSON value, found end of input", nil),
    ("[1️⃣\u{0C}1]", "expected a JSON value, found U+000C", nil),
    ("[1,\n 1️⃣\u{A0}2]", "expected a JSON value, found `\u{A0}`", nil),
    (#"{"a"1️⃣ 1}"#, "expected `:` after the object key `a`, found `1`", nil),
    ("[1, [2, 1️⃣", "expected a JSON value, found end of input", nil),
  ]

  @Test(arguments: 0..<errors.count) func strictnessErrors(_ index: Int) throws {
    let (input, message, help) = Self.errors[index]
    var marked = MarkedFormatText(input)
    // The `{"a"1️⃣ 1}` case marks the position after the spaces.
    if input.hasPrefix(#"{"a"1️⃣"#) { marked = MarkedFormatText(#"{"a" 1️⃣1}"#) }
    let error = try #require(JSONReader.parse(marked.bytes).failure, "\(input)")
    #expect(error.message == message, "\(input)")
    #expect(Position(error) == marked.position(), "\(input)")
    if let help { #expect(error.help?.contains(help) == true, "\(input): \(error.help ?? "-")") }
    #expect(!error.isDepthLimit)
  }

  @Test func invalidUTF8IsAnErrorAtTheByte() throws {
    let cases: [[UInt8]] = [
      [0xFF], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xE2, 0x82], [0xF4, 0x90, 0x80, 0x80], [0x80],
    ]
    for bad in cases {
      let bytes = Array("[\"é".utf8) + bad + Array("\"]".utf8)
      let error = try #require(JSONReader.parse(bytes).failure)
      #expect(error.message == "invalid UTF-8 byte `0x\(String(format: "%02X", bad[0]))`")
      #expect(Position(error) == Position(line: 1, column: 4))
      #expect(error.help?.contains("byte offset 4") == true)
    }
    let outside = try #require(JSONReader.parse([0x5B, 0x0A, 0x20, 0xFE, 0x5D]).failure)
    #expect(outside.message == "invalid UTF-8 byte `0xFE`")
    #expect(Position(outside) == Position(line: 2, column: 2))
  }

  @Test func depthLimit() throws {
    let limit = Limits.maximumJSONDepth
    let ok = String(repeating: "[", count: limit) + String(repeating: "]", count: limit)
    #expect(JSONReader.parse(Array(ok.utf8)).value != nil)
    let over = String(repeating: "[", count: limit + 1) + String(repeating: "]", count: limit + 1)
    let error = try #require(JSONReader.parse(Array(over.utf8)).failure)
    #expect(error.message == "JSON nested deeper than 512 levels")
    #expect(error.isDepthLimit)
    #expect(Position(error) == Position(line: 1, column: limit + 1))
  }

  @Test func hundredThousandOpenBracketsDoNotOverflow() throws {
    let arrays = Array(repeating: UInt8(ascii: "["), count: 100_000)
    #expect(JSONReader.parse(arrays).failure?.isDepthLimit == true)
    let objects = Array(String(repeating: #"{"a":"#, count: 100_000).utf8)
    #expect(JSONReader.parse(objects).failure?.isDepthLimit == true)
    #expect(JSONReader.parseLines(arrays).failure?.isDepthLimit == true)
  }

  @Test func tenMegabyteString() throws {
    let bytes =
      Array(#"[""#.utf8) + Array(repeating: UInt8(ascii: "a"), count: 10_000_000)
      + Array(#"\n", 1]"#.utf8)
    let items = try #require(JSONReader.parse(bytes).value?.array)
    #expect(items[0].string?.utf8.count == 10_000_001)
    #expect(items[1].column == 10_000_008)
    #expect(items[1].integer == 1)
  }

  @Test func ndjsonDocumentsPerLine() throws {
    let marked = MarkedFormatText("{\"a\": 1}\n\n  \r\n[1, 1️⃣2]\r\n{\"b\": [2️⃣true]}\n")
    let docs = try #require(JSONReader.parseLines(marked.bytes).value)
    #expect(docs.count == 3)
    #expect(docs.map(\.pointer) == ["/0", "/1", "/2"])
    let second = try #require(docs[1].array)
    #expect(Position(second[1]) == marked.position("1️⃣"))
    #expect(second[1].pointer == "/1/1")
    let inner = try #require(docs[2]["b"]?.array?.first)
    #expect(Position(inner) == marked.position("2️⃣"))
    #expect(inner.pointer == "/2/b/0")

    let bad = MarkedFormatText("{\"a\": 1}\n{\"a\": 1️⃣}\n")
    let error = try #require(JSONReader.parseLines(bad.bytes).failure)
    #expect(Position(error) == bad.position())
    let two = MarkedFormatText("[]\n1 1️⃣2\n")
    let trailing = try #require(JSONReader.parseLines(two.bytes).failure)
    #expect(trailing.message == "unexpected `2` after the JSON value")
    #expect(Position(trailing) == two.position())
  }

  @Test func fixturesParseAndAgreeWithFoundation() throws {
    let names = FormatFixtures.names(withExtension: "json")
    #expect(names.count >= 40)
    for name in names {
      let bytes = FormatFixtures.bytes(name)
      let node = try #require(JSONReader.parse(bytes).value, "\(name)")
      let oracle = try JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])
      #expect(agrees(node, oracle), "\(name)")
    }
    for name in FormatFixtures.names(withExtension: "ndjson") {
      let bytes = FormatFixtures.bytes(name)
      let docs = try #require(JSONReader.parseLines(bytes).value, "\(name)")
      let lines = bytes.split(separator: UInt8(ascii: "\n")).filter { !$0.isEmpty }
      #expect(docs.count == lines.count && docs.count > 1)
      for (doc, line) in zip(docs, lines) {
        let oracle = try JSONSerialization.jsonObject(with: Data(line))
        #expect(agrees(doc, oracle), "\(name) \(doc.pointer)")
      }
    }
  }

  /// Whether a node and a `JSONSerialization` value agree wherever Foundation can tell.
  private func agrees(_ node: JSONNode, _ value: Any) -> Bool {
    switch node.kind {
    case .null: return value is NSNull
    case .bool(let b): return (value as? NSNumber)?.boolValue == b
    case .integer(let i): return (value as? NSNumber)?.int64Value == i
    case .number(let text): return (value as? NSNumber)?.doubleValue == Double(text)
    case .string(let s): return (value as? String) == s
    case .array(let items):
      guard let array = value as? [Any], array.count == items.count else { return false }
      return zip(items, array).allSatisfy { agrees($0, $1) }
    case .object(let members):
      guard let dict = value as? [String: Any], dict.count == members.count else { return false }
      return members.allSatisfy { m in dict[m.key].map { agrees(m.value, $0) } ?? false }
    }
  }
}
