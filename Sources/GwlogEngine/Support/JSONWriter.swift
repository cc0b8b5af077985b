/// A minimal, deterministic JSON document model and emitter: objects keep the key order
/// they were built with, strings are escaped per RFC 8259, integers are exact.
public indirect enum JSONValue: Sendable {
  case null
  case bool(Bool)
  case integer(Int64)
  case string(String)
  case array([JSONValue])
  case object([(String, JSONValue)])

  /// Whether the value is a string, number, boolean or null.
  public var isScalar: Bool {
    switch self {
    case .array, .object: return false
    default: return true
    }
  }

  /// The compact serialisation (no whitespace), for machine consumers.
  public var compact: String {
    var out = ""
    write(to: &out, indent: nil, level: 0)
    return out
  }

  /// A readable serialisation with two-space indentation.
  public var pretty: String {
    var out = ""
    write(to: &out, indent: "  ", level: 0)
    return out
  }

  /// Appends the serialisation at nesting `level`: compact without `indent`, else one member
  /// or element per line (short scalar arrays and objects stay on one line).
  private func write(to out: inout String, indent: String?, level: Int) {
    switch self {
    case .null: out += "null"
    case .bool(let b): out += b ? "true" : "false"
    case .integer(let i): out += String(i)
    case .string(let s): JSONValue.writeString(s, to: &out)
    case .array(let items):
      if items.isEmpty {
        out += "[]"
        return
      }
      // Arrays of scalars (tuples) stay on one line, so relations read as rows.
      if indent != nil, items.allSatisfy(\.isScalar) {
        out += "["
        for (i, item) in items.enumerated() {
          if i > 0 { out += ", " }
          item.write(to: &out, indent: nil, level: 0)
        }
        out += "]"
        return
      }
      out += "["
      for (i, item) in items.enumerated() {
        if i > 0 { out += "," }
        newline(&out, indent, level + 1)
        item.write(to: &out, indent: indent, level: level + 1)
      }
      newline(&out, indent, level)
      out += "]"
    case .object(let members):
      if members.isEmpty {
        out += "{}"
        return
      }
      // Small flat objects (query answers) stay on one line too.
      if indent != nil, members.allSatisfy({ $0.1.isScalar }) {
        var flat = "{"
        for (i, (key, value)) in members.enumerated() {
          if i > 0 { flat += ", " }
          JSONValue.writeString(key, to: &flat)
          flat += ": "
          value.write(to: &flat, indent: nil, level: 0)
        }
        flat += "}"
        if flat.count <= 100 {
          out += flat
          return
        }
      }
      out += "{"
      for (i, (key, value)) in members.enumerated() {
        if i > 0 { out += "," }
        newline(&out, indent, level + 1)
        JSONValue.writeString(key, to: &out)
        out += indent == nil ? ":" : ": "
        value.write(to: &out, indent: indent, level: level + 1)
      }
      newline(&out, indent, level)
      out += "}"
    }
  }

  /// Starts a new line indented to `level`, when pretty-printing.
  private func newline(_ out: inout String, _ indent: String?, _ level: Int) {
    guard let indent else { return }
    out += "\n"
    for _ in 0..<level { out += indent }
  }

  /// Appends `s` as a JSON string literal.
  public static func writeString(_ s: String, to out: inout String) {
    out += "\""
    for scalar in s.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      default:
        if scalar.value < 0x20 {
          let hex = String(scalar.value, radix: 16)
          out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    out += "\""
  }
}
