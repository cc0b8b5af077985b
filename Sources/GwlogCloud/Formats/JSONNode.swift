import GwlogEngine

/// A parsed JSON (or YAML) value with its exact kind and its position in the file, so that
/// importers can name `file:line:col` and a JSON pointer for every fact and every error.
///
/// Numbers keep their lexical kind: `1` is an integer, `1.0` and `1e3` are not, and neither
/// is `true`. Object members keep their order; duplicate keys are reported by the reader.
///
/// A node of `JSONReader` is a view of one entry of its document's tape (`JSONDocument`):
/// strings, lines and pointers are worked out when asked for. A node built with
/// `init(kind:line:column:pointer:)` (the YAML reader's) holds them.
public struct JSONNode: Sendable {
  /// The value's kind and content.
  public indirect enum Kind: Sendable {
    case null
    case bool(Bool)
    /// An integer that fits 64 bits.
    case integer(Int64)
    /// Any other number, as written (`1.5`, `1e3`, a too-large integer).
    case number(String)
    case string(String)
    case array([JSONNode])
    /// Members in file order.
    case object([(key: String, value: JSONNode)])
  }

  /// A node with its kind and position.
  final class Built: Sendable {
    let kind: Kind
    let line: Int
    let column: Int
    let pointer: String

    init(kind: Kind, line: Int, column: Int, pointer: String) {
      self.kind = kind
      self.line = line
      self.column = column
      self.pointer = pointer
    }
  }

  /// Where the node's value lives.
  enum Storage: Sendable {
    case tape(JSONDocument, Int)
    case built(Built)
  }

  let storage: Storage

  /// Creates a node.
  public init(kind: Kind, line: Int, column: Int, pointer: String) {
    storage = .built(Built(kind: kind, line: line, column: column, pointer: pointer))
  }

  /// The node of entry `index` of `document`.
  init(document: JSONDocument, index: Int) {
    storage = .tape(document, index)
  }

  /// The value.
  public var kind: Kind {
    switch storage {
    case .built(let node): return node.kind
    case .tape(let document, let index):
      switch document.entries[index].tag {
      case .null: return .null
      case .true: return .bool(true)
      case .false: return .bool(false)
      case .number:
        let text = document.numberText(index)
        let isInteger = !text.utf8.contains { $0 == UInt8(ascii: ".") || $0 | 0x20 == 0x65 }
        if isInteger, let value = Int64(text) { return .integer(value) }
        return .number(text)
      case .string: return .string(document.string(index))
      case .array:
        return .array(document.children(of: index).map { JSONNode(document: document, index: $0) })
      case .object:
        return .object(
          document.children(of: index).map {
            (key: document.decodedKey($0), value: JSONNode(document: document, index: $0))
          })
      }
    }
  }

  /// 1-based line of the value's first character.
  public var line: Int {
    switch storage {
    case .built(let node): return node.line
    case .tape(let document, let index): return document.line(of: index)
    }
  }

  /// 1-based column (in Unicode scalars) of the value's first character.
  public var column: Int {
    switch storage {
    case .built(let node): return node.column
    case .tape(let document, let index):
      return document.position(of: Int(document.entries[index].offset)).column
    }
  }

  /// The RFC 6901 pointer of the value from the document root (`/bindings/3/members/0`).
  public var pointer: String {
    switch storage {
    case .built(let node): return node.pointer
    case .tape(let document, let index): return document.pointer(of: index)
    }
  }

  /// Appends the pointer's bytes to `out` (no string built for a tape node).
  func appendPointer(to out: inout [UInt8]) {
    switch storage {
    case .built(let node): out.append(contentsOf: node.pointer.utf8)
    case .tape(let document, let index): document.appendPointer(of: index, to: &out)
    }
  }

  /// The member with this key, for objects.
  public subscript(key: String) -> JSONNode? {
    switch storage {
    case .built(let node):
      guard case .object(let members) = node.kind else { return nil }
      return members.first { $0.key == key }?.value
    case .tape(let document, let index):
      return document.member(of: index, key: key).map { JSONNode(document: document, index: $0) }
    }
  }

  /// The string value, for strings.
  public var string: String? {
    switch storage {
    case .built(let node):
      if case .string(let s) = node.kind { return s }
      return nil
    case .tape(let document, let index):
      return document.entries[index].tag == .string ? document.string(index) : nil
    }
  }

  /// The boolean value, for booleans (and the strings "true"/"false", which gcloud prints
  /// for annotations).
  public var bool: Bool? {
    switch kind {
    case .bool(let b): return b
    case .string("true"): return true
    case .string("false"): return false
    default: return nil
    }
  }

  /// The integer value, for integers (and strings of digits, as gcloud prints int64 fields).
  public var integer: Int64? {
    switch kind {
    case .integer(let i): return i
    case .string(let s): return Int64(s)
    default: return nil
    }
  }

  /// The elements, for arrays.
  public var array: [JSONNode]? {
    switch storage {
    case .built(let node):
      if case .array(let items) = node.kind { return items }
      return nil
    case .tape(let document, let index):
      guard document.entries[index].tag == .array else { return nil }
      return document.children(of: index).map { JSONNode(document: document, index: $0) }
    }
  }

  /// The members, for objects.
  public var members: [(key: String, value: JSONNode)]? {
    switch storage {
    case .built(let node):
      if case .object(let m) = node.kind { return m }
      return nil
    case .tape(let document, let index):
      guard document.entries[index].tag == .object else { return nil }
      return document.children(of: index).map {
        (key: document.decodedKey($0), value: JSONNode(document: document, index: $0))
      }
    }
  }

  /// The keys of an object's members, in order (nil for anything else).
  var keys: [String]? {
    switch storage {
    case .built(let node):
      if case .object(let m) = node.kind { return m.map(\.key) }
      return nil
    case .tape(let document, let index):
      guard document.entries[index].tag == .object else { return nil }
      return document.children(of: index).map { document.decodedKey($0) }
    }
  }

  /// Whether the value is an object.
  public var isObject: Bool {
    switch storage {
    case .built(let node):
      if case .object = node.kind { return true }
      return false
    case .tape(let document, let index): return document.entries[index].tag == .object
    }
  }

  /// Whether the value is `null`.
  public var isNull: Bool {
    switch storage {
    case .built(let node):
      if case .null = node.kind { return true }
      return false
    case .tape(let document, let index): return document.entries[index].tag == .null
    }
  }

  /// The number of members of an object (nil for anything else).
  var memberCount: Int? {
    switch storage {
    case .built(let node):
      if case .object(let m) = node.kind { return m.count }
      return nil
    case .tape(let document, let index):
      let e = document.entries[index]
      return e.tag == .object ? Int(e.count) : nil
    }
  }

  /// A short name of the kind for messages: `object`, `array`, `string`, ...
  public var kindName: String {
    switch storage {
    case .built(let node):
      switch node.kind {
      case .null: return "null"
      case .bool: return "boolean"
      case .integer, .number: return "number"
      case .string: return "string"
      case .array: return "array"
      case .object: return "object"
      }
    case .tape(let document, let index):
      switch document.entries[index].tag {
      case .null: return "null"
      case .true, .false: return "boolean"
      case .number: return "number"
      case .string: return "string"
      case .array: return "array"
      case .object: return "object"
      }
    }
  }

  /// Escapes one pointer segment (`~` → `~0`, `/` → `~1`, RFC 6901).
  public static func escape(_ segment: String) -> String {
    guard segment.utf8.contains(where: { $0 == UInt8(ascii: "~") || $0 == UInt8(ascii: "/") })
    else { return segment }
    var out: [UInt8] = []
    JSONDocument.appendEscapedSegment(segment.utf8, to: &out)
    return String(decoding: out, as: UTF8.self)
  }
}

/// A JSON or YAML syntax error, or a value of the wrong shape, with its position.
public struct FormatError: Error, Sendable {
  /// One lowercase sentence.
  public var message: String
  /// 1-based line.
  public var line: Int
  /// 1-based column.
  public var column: Int
  /// A suggested fix, if any.
  public var help: String?

  /// Creates an error.
  public init(_ message: String, line: Int, column: Int, help: String? = nil) {
    self.message = message
    self.line = line
    self.column = column
    self.help = help
  }
}
