import Foundation
import GwlogEngine

/// A parsed JSON (or YAML) value with its exact kind and its position in the file, so that
/// importers can name `file:line:col` and a JSON pointer for every fact and every error.
///
/// Numbers keep their lexical kind: `1` is an integer, `1.0` and `1e3` are not, and neither
/// is `true`. Object members keep their order; duplicate keys are reported by the reader.
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

  /// The value.
  public var kind: Kind
  /// 1-based line of the value's first character.
  public var line: Int
  /// 1-based column (in Unicode scalars) of the value's first character.
  public var column: Int
  /// The RFC 6901 pointer of the value from the document root (`/bindings/3/members/0`).
  public var pointer: String

  /// Creates a node.
  public init(kind: Kind, line: Int, column: Int, pointer: String) {
    self.kind = kind
    self.line = line
    self.column = column
    self.pointer = pointer
  }

  /// The member with this key, for objects.
  public subscript(key: String) -> JSONNode? {
    guard case .object(let members) = kind else { return nil }
    return members.first { $0.key == key }?.value
  }

  /// The string value, for strings.
  public var string: String? {
    if case .string(let s) = kind { return s }
    return nil
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
    if case .array(let items) = kind { return items }
    return nil
  }

  /// The members, for objects.
  public var members: [(key: String, value: JSONNode)]? {
    if case .object(let m) = kind { return m }
    return nil
  }

  /// A short name of the kind for messages: `object`, `array`, `string`, ...
  public var kindName: String {
    switch kind {
    case .null: return "null"
    case .bool: return "boolean"
    case .integer, .number: return "number"
    case .string: return "string"
    case .array: return "array"
    case .object: return "object"
    }
  }

  /// Escapes one pointer segment (`~` → `~0`, `/` → `~1`, RFC 6901).
  public static func escape(_ segment: String) -> String {
    segment.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
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
