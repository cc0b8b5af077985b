import Foundation

// TEMPORARY: a stand-in for the JSON and YAML readers being written in parallel, on top of
// Foundation's JSONSerialization (positions are the start of the document or line, pointers
// are exact, numbers lose their lexical kind). The integrator deletes this file when the real
// readers land; their signatures are the same.

/// Reads strict JSON into `JSONNode`s.
enum JSONReader {
  /// Parses one JSON document.
  static func parse(_ bytes: [UInt8]) -> Result<JSONNode, FormatError> {
    parse(bytes, line: 1)
  }

  /// Parses newline-delimited JSON: one document per non-blank line.
  static func parseLines(_ bytes: [UInt8]) -> Result<[JSONNode], FormatError> {
    var nodes: [JSONNode] = []
    var line = 1
    for chunk in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
      defer { line += 1 }
      if chunk.allSatisfy({ $0 == 32 || $0 == 9 || $0 == 13 }) { continue }
      switch parse(Array(chunk), line: line) {
      case .success(let node): nodes.append(node)
      case .failure(let error): return .failure(error)
      }
    }
    return .success(nodes)
  }

  private static func parse(_ bytes: [UInt8], line: Int) -> Result<JSONNode, FormatError> {
    guard String(validating: bytes, as: UTF8.self) != nil else {
      return .failure(FormatError("invalid UTF-8", line: line, column: 1))
    }
    do {
      let object = try JSONSerialization.jsonObject(
        with: Data(bytes), options: [.fragmentsAllowed])
      return .success(node(object, pointer: "", line: line))
    } catch {
      return .failure(FormatError("invalid JSON", line: line, column: 1))
    }
  }

  private static func node(_ object: Any, pointer: String, line: Int) -> JSONNode {
    let kind: JSONNode.Kind
    switch object {
    case let dictionary as [String: Any]:
      kind = .object(
        dictionary.sorted { $0.key < $1.key }.map { key, value in
          (key, node(value, pointer: pointer + "/" + JSONNode.escape(key), line: line))
        })
    case let array as [Any]:
      kind = .array(
        array.enumerated().map { node($1, pointer: pointer + "/\($0)", line: line) })
    case let string as String:
      kind = .string(string)
    case let number as NSNumber:
      if type(of: number) == type(of: NSNumber(value: true)) || "\(type(of: object))" == "Bool" {
        kind = .bool(number.boolValue)
      } else if let integer = Int64(exactly: number.doubleValue), !"\(number)".contains(".") {
        kind = .integer(integer)
      } else {
        kind = .number("\(number)")
      }
    default:
      kind = .null
    }
    return JSONNode(kind: kind, line: line, column: 1, pointer: pointer)
  }
}

/// Reads YAML into `JSONNode`s (not available in this stand-in).
enum YAMLReader {
  /// Parses one YAML document.
  static func parse(_ bytes: [UInt8]) -> Result<JSONNode, FormatError> {
    .failure(FormatError("YAML not available yet", line: 1, column: 1))
  }
}
