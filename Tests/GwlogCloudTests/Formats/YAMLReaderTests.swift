import Foundation
import GwlogCloud
import GwlogEngine
import Testing

/// The OpenAPI subset of YAML: structure, scalars, positions, and errors on the rest.
@Suite struct YAMLReaderFormatTests {
  private func parse(_ text: String) throws -> JSONNode {
    let result = YAMLReader.parse(Array(text.utf8))
    if let error = result.failure {
      Issue.record("\(error.line):\(error.column): \(error.message)")
    }
    return try #require(result.value)
  }

  @Test func openAPIShopDocument() throws {
    let bytes = FormatFixtures.bytes("openapi-shop.yaml")
    let doc = try #require(YAMLReader.parse(bytes).value)
    #expect(doc["swagger"]?.string == "2.0")
    #expect(doc["info"]?["version"]?.string == "1.0.0")
    #expect(doc["info"]?["title"]?.string == "shop-api")
    #expect(doc["schemes"].map(dump) == #"["https"]"#)
    let top = try #require(doc["x-google-backend"])
    #expect(top["address"]?.string == "https://orders-api-abcd1234ef-uc.a.run.app")
    #expect(top.pointer == "/x-google-backend")
    guard case .number("30.0") = top["deadline"]?.kind else {
      Issue.record("deadline: \(top["deadline"].map(dump) ?? "missing")")
      return
    }
    let paths = try #require(doc["paths"]?.members)
    #expect(
      paths.map(\.key) == [
        "/orders", "/orders/{id}", "/inventory", "/reports", "/admin", "/public/status",
      ])
    let inventory = try #require(doc["paths"]?["/inventory"]?["get"]?["x-google-backend"])
    #expect(
      inventory["address"]?.string
        == "https://us-central1-backend-prod.cloudfunctions.net/inventory")
    #expect(inventory["protocol"]?.string == "h2")
    #expect(inventory.pointer == "/paths/~1inventory/get/x-google-backend")
    // The mapping starts at its first key, on the line after `x-google-backend:`.
    let lines = String(decoding: bytes, as: UTF8.self).split(
      separator: "\n", omittingEmptySubsequences: false)
    let addressLine = try #require(lines.firstIndex { $0.hasSuffix("net/inventory") })
    #expect(inventory.line == addressLine + 1)
    #expect(inventory.column == 9)
    let reports = doc["paths"]?["/reports"]?["get"]?["x-google-backend"]
    #expect(reports?["path_translation"]?.string == "CONSTANT_ADDRESS")
    let admin = doc["paths"]?["/admin"]?["get"]?["x-google-backend"]
    #expect(
      admin?["jwt_audience"]?.string
        == "123456789012-abc123def456ghi789.apps.googleusercontent.com")
    let status = doc["paths"]?["/public/status"]?["get"]?["x-google-backend"]
    #expect(status?["disable_auth"].map(dump) == "true")
    let parameter = doc["paths"]?["/orders/{id}"]?["get"]?["parameters"]?.array?.first
    #expect(parameter.map(dump) == #"{name:"id",in:"path",required:true,type:"string"}"#)
    #expect(parameter?.pointer == "/paths/~1orders~1{id}/get/parameters/0")
    let ok = doc["paths"]?["/orders"]?["get"]?["responses"]?["200"]?["description"]
    #expect(ok?.string == "OK")
  }

  @Test func base64DocumentInTheAPIConfigMatchesTheFile() throws {
    let config = try #require(
      JSONReader.parse(FormatFixtures.bytes("api-gateway-api-configs-describe-full.json")).value)
    let contents = try #require(
      config["openapiDocuments"]?.array?.first?["document"]?["contents"]?.string)
    let decoded = try #require(Data(base64Encoded: contents))
    let fromConfig = try #require(YAMLReader.parse(Array(decoded)).value)
    let fromFile = try #require(YAMLReader.parse(FormatFixtures.bytes("openapi-shop.yaml")).value)
    #expect(dump(fromConfig) == dump(fromFile))
  }

  @Test func scalarResolution() throws {
    let doc = try parse(
      """
      a: true
      b: ~
      c:
      d: 12
      e: -3
      f: 1.5
      g: "1"
      h: 'it''s'
      i: 0x1F
      j: 1e3
      k: hello world # comment
      l: .inf
      m: "a\\tb\\u00e9\\x41"
      n: null
      o: a#b
      p: 99999999999999999999
      q: 1.0.0
      r: False
      "quoted key": 'v'
      """)
    #expect(
      dump(doc)
        == #"{a:true,b:null,c:null,d:int:12,e:int:-3,f:num:1.5,g:"1",h:"it's",i:int:31,"#
        + #"j:num:1e3,k:"hello world",l:".inf",m:"a\#tbéA",n:null,o:"a#b","#
        + #"p:num:99999999999999999999,q:"1.0.0",r:false,quoted key:"v"}"#)
  }

  @Test func blockCollections() throws {
    let doc = try parse(
      """
      # leading comment
      ---
      list:
      - a
      -   b
      - - c
        - d
      -
        e: 1
      - name: id
        in: path

        # comment between keys
        required: true
      nested:
        deeper:
          key: value
      empty:
      after: 1
      ...
      """)
    #expect(
      dump(doc)
        == #"{list:["a","b",["c","d"],{e:int:1},{name:"id",in:"path",required:true}],"#
        + #"nested:{deeper:{key:"value"}},empty:null,after:int:1}"#)
  }

  @Test func blockScalars() throws {
    let doc = try parse(
      """
      literal: |
        line 1
          indented

        line 3
      folded: >
        one
        two

        three
          more
        four
      strip: |-
        x

      keep: |+
        y

      indicator: |2
          two extra
      empty: |
      last: >-
        folded
        end
      """)
    #expect(doc["literal"]?.string == "line 1\n  indented\n\nline 3\n")
    #expect(doc["folded"]?.string == "one two\nthree\n  more\nfour\n")
    #expect(doc["strip"]?.string == "x")
    #expect(doc["keep"]?.string == "y\n\n")
    #expect(doc["indicator"]?.string == "  two extra\n")
    #expect(doc["empty"]?.string == "")
    #expect(doc["last"]?.string == "folded end")
  }

  @Test func multiLineScalars() throws {
    let doc = try parse(
      """
      plain: first
        second

        third
      double: "a
        b\\
        c"
      single: 'x

        y'
      """)
    #expect(doc["plain"]?.string == "first second\nthird")
    #expect(doc["double"]?.string == "a bc")
    #expect(doc["single"]?.string == "x\ny")
  }

  @Test func flowCollections() throws {
    let doc = try parse(
      """
      a: [a, b, 'c d', 1, true, ]
      b: {a: 1, b: two, "c": [x, {y: z}], d}
      c: [
        multi, # comment
        line
      ]
      d: []
      e: {}
      f: [https://x.example/a, "q"]
      """)
    #expect(
      dump(doc)
        == #"{a:["a","b","c d",int:1,true],b:{a:int:1,b:"two",c:["x",{y:"z"}],d:null},"#
        + #"c:["multi","line"],d:[],e:{},f:["https://x.example/a","q"]}"#)
  }

  @Test func positionsAndPointers() throws {
    let marked = MarkedFormatText(
      """
      paths:
        /a/b:
          get:
            1️⃣x: 2️⃣[1, 3️⃣{k: 4️⃣v}]
            list:
              - 5️⃣name: n
                in: 6️⃣|
                  text
      """)
    let doc = try #require(YAMLReader.parse(marked.bytes).value)
    let get = try #require(doc["paths"]?["/a/b"]?["get"])
    #expect(Position(get) == marked.position("1️⃣"))
    let x = try #require(get["x"])
    #expect(Position(x) == marked.position("2️⃣"))
    #expect(x.pointer == "/paths/~1a~1b/get/x")
    let flowMap = try #require(x.array?[1])
    #expect(Position(flowMap) == marked.position("3️⃣"))
    #expect(flowMap["k"].map(Position.init) == marked.position("4️⃣"))
    #expect(flowMap["k"]?.pointer == "/paths/~1a~1b/get/x/1/k")
    let item = try #require(get["list"]?.array?.first)
    #expect(Position(item) == marked.position("5️⃣"))
    #expect(item.pointer == "/paths/~1a~1b/get/list/0")
    #expect(item["in"].map(Position.init) == marked.position("6️⃣"))
    #expect(item["in"]?.string == "text\n")
  }

  static let errors: [(String, String)] = [
    ("base: 1️⃣&anchor\n  a: 1\n", "anchors (`&name`) are not supported"),
    ("a: 1\nb: 1️⃣*anchor\n", "aliases (`*name`) are not supported"),
    ("a: 1️⃣!!str 1\n", "tags (`!name`) are not supported"),
    ("- 1️⃣!custom x\n", "tags (`!name`) are not supported"),
    ("a: [1, 1️⃣*x]\n", "aliases (`*name`) are not supported"),
    ("a: 1\n1️⃣---\nb: 2\n", "multiple documents in one stream are not supported"),
    ("a: 1\n...\n1️⃣b: 2\n", "multiple documents in one stream are not supported"),
    ("a:\n1️⃣\tb: 1\n", "tabs are not allowed in indentation"),
    ("1️⃣? a\n: b\n", "complex mapping keys (`? `) are not supported"),
    ("1️⃣%YAML 1.2\n---\na: 1\n", "YAML directives (`%YAML`, `%TAG`) are not supported"),
    ("a: 1\n1️⃣a: 2\n", "duplicate key `a` in a mapping"),
    ("a: {x: 1, 1️⃣x: 2}\n", "duplicate key `x` in a mapping"),
    ("a: 1\n  b1️⃣: 2\n", "a `: ` inside a plain value is not allowed here"),
    ("a:\n  b: [1]\n    1️⃣c: 2\n", "unexpected indentation"),
    ("a:\n  - [x]\n    1️⃣- y\n", "unexpected indentation"),
    ("a:\n  - x\n  1️⃣b: 1\n", "unexpected indentation"),
    ("a: 1️⃣\"abc\n", "unterminated double-quoted string"),
    ("a: 1️⃣'abc\n", "unterminated single-quoted string"),
    ("a: 1️⃣[1, 2\n", "unterminated flow collection"),
    ("a: 1️⃣b: c\n", "a mapping cannot start on the line of its key"),
    ("a: 1️⃣- b\n", "a block sequence cannot start on the line of its key"),
    ("a: x\n  y1️⃣: z\n", "a `: ` inside a plain value is not allowed here"),
    ("a: \"q\" 1️⃣x\n", "unexpected text after a quoted string"),
    ("a: [1] 1️⃣x\n", "unexpected text after a flow collection"),
    ("a: [1️⃣1 x: 2]\n", "`key: value` pairs inside `[...]` are not supported"),
    ("a: [1 1️⃣{x}]\n", "expected `,` or `]` in a flow sequence, found `{`"),
    ("a: \"1️⃣\\q\"\n", "invalid escape `\\q`"),
    ("a: |1️⃣x\n  t\n", "invalid block scalar header"),
    ("1️⃣: x\n", "a mapping key cannot be empty"),
    ("a: 1\n1️⃣plain line\n", "expected a `key: value` pair at this indentation"),
    ("a: 1️⃣@x\n", "a plain value cannot start with `@`"),
    ("a: [1️⃣k: v]\n", "`key: value` pairs inside `[...]` are not supported"),
  ]

  @Test(arguments: 0..<errors.count) func unsupportedAndInvalid(_ index: Int) throws {
    let (input, message) = Self.errors[index]
    let marked = MarkedFormatText(input)
    let error = try #require(YAMLReader.parse(marked.bytes).failure, "\(input)")
    #expect(error.message == message, "\(input)")
    #expect(Position(error) == marked.position(), "\(input)")
  }

  @Test func invalidUTF8() throws {
    let bytes = Array("a: 1\nb: é".utf8) + [0xC3, 0x28] + Array("\n".utf8)
    let error = try #require(YAMLReader.parse(bytes).failure)
    #expect(error.message == "invalid UTF-8 byte `0xC3`")
    #expect(Position(error) == Position(line: 2, column: 5))
  }

  @Test func deepNestingIsALimitErrorNotACrash() throws {
    let flow = Array(repeating: UInt8(ascii: "["), count: 100_000)
    #expect(YAMLReader.parse(flow).failure?.isDepthLimit == true)
    var block = ""
    for depth in 0..<600 { block += String(repeating: " ", count: depth) + "k:\n" }
    #expect(YAMLReader.parse(Array(block.utf8)).failure?.isDepthLimit == true)
    let items = String(repeating: "- ", count: 100_000) + "x\n"
    #expect(YAMLReader.parse(Array(items.utf8)).failure?.isDepthLimit == true)
  }

  @Test func emptyDocumentsAndScalarRoots() throws {
    #expect(try dump(parse("")) == "null")
    #expect(try dump(parse("# only a comment\n")) == "null")
    #expect(try dump(parse("---\n")) == "null")
    #expect(try dump(parse("just text\n")) == #""just text""#)
    #expect(try dump(parse("- 1\n- 2\n")) == "[int:1,int:2]")
  }
}

/// JSON is (almost) a subset of YAML: the JSON fixtures read as YAML give the same values.
@Suite struct YAMLReaderFormatFixtureTests {
  @Test func jsonFixturesReadAsYAMLMatchTheJSONReader() throws {
    for name in FormatFixtures.names(withExtension: "json") {
      let bytes = FormatFixtures.bytes(name)
      let json = try #require(JSONReader.parse(bytes).value, "\(name)")
      let yaml = YAMLReader.parse(bytes)
      if let error = yaml.failure {
        Issue.record("\(name):\(error.line):\(error.column): \(error.message)")
      }
      #expect(yaml.value.map(dump) == dump(json), "\(name)")
    }
  }
}

/// Streams of documents, as gcloud prints lists in YAML.
@Suite struct YAMLDocumentsTests {
  static func documents(_ text: String) throws -> (documents: [JSONNode], isList: Bool) {
    try YAMLReader.parseDocuments(Array(text.utf8)).get()
  }

  @Test func aStreamIsAListWhenItStartsWithAMarkerOrHoldsSeveralOrNone() throws {
    #expect(try Self.documents("a: 1\n").isList == false)
    #expect(try Self.documents("---\na: 1\n").isList == true)
    let two = try Self.documents("---\na: 1\n---\nb: 2\n...\n")
    #expect(two.isList && two.documents.count == 2)
    #expect(two.documents[1]["b"]?.integer == 2)
    #expect(two.documents[1]["b"]?.pointer == "/1/b")
    #expect(two.documents[1]["b"]?.line == 4)
    let none = try Self.documents("# nothing\n")
    #expect(none.isList && none.documents.isEmpty)
    #expect(try Self.documents("a: 1\n").documents[0]["a"]?.pointer == "/a")
  }

  @Test func contentAfterADocumentWithoutAMarkerIsAnError() {
    guard case .failure(let error) = YAMLReader.parseDocuments(Array("a:\n  b: 1\n c: 2\n".utf8))
    else {
      Issue.record("a badly indented line parsed")
      return
    }
    #expect(error.line == 3)
  }
}
