import Foundation
import GwlogCloud

/// Text with emoji markers (`1️⃣`, `2️⃣`, ...) removed and their 1-based line and column
/// (in Unicode scalars) kept, so expected positions live in the test input.
struct MarkedFormatText {
  static let markers = ["1️⃣", "2️⃣", "3️⃣", "4️⃣", "5️⃣", "6️⃣"]
  let text: String
  private var positions: [String: (line: Int, column: Int)] = [:]

  init(_ marked: String) {
    var out = ""
    var rest = Substring(marked)
    var line = 1
    var column = 1
    while !rest.isEmpty {
      if let m = Self.markers.first(where: { rest.hasPrefix($0) }) {
        positions[m] = (line, column)
        rest = rest.dropFirst(m.count)
      } else if let c = rest.unicodeScalars.first {
        out.unicodeScalars.append(c)
        rest = Substring(rest.unicodeScalars.dropFirst())
        if c == "\n" {
          line += 1
          column = 1
        } else {
          column += 1
        }
      }
    }
    text = out
  }

  var bytes: [UInt8] { Array(text.utf8) }

  /// The position of a marker, or (0, 0) when it is missing (which fails the comparison).
  func position(_ marker: String = "1️⃣") -> Position {
    let p = positions[marker] ?? (0, 0)
    return Position(line: p.line, column: p.column)
  }
}

/// A line and column pair that `#expect` can compare and print.
struct Position: Equatable, CustomStringConvertible {
  var line: Int
  var column: Int
  var description: String { "\(line):\(column)" }

  init(line: Int, column: Int) {
    self.line = line
    self.column = column
  }

  init(_ node: JSONNode) { self.init(line: node.line, column: node.column) }
  init(_ error: FormatError) { self.init(line: error.line, column: error.column) }
}

/// The example gcloud outputs copied into the test target.
enum FormatFixtures {
  static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Fixtures/formats")

  static func names(withExtension ext: String) -> [String] {
    let all = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
    return all.filter { $0.hasSuffix("." + ext) }.sorted()
  }

  static func bytes(_ name: String) -> [UInt8] {
    (try? Data(contentsOf: directory.appendingPathComponent(name))).map { Array($0) } ?? []
  }
}

extension Result {
  var value: Success? {
    if case .success(let v) = self { return v }
    return nil
  }

  var failure: Failure? {
    if case .failure(let e) = self { return e }
    return nil
  }
}

/// A compact dump of a node's kind for equality checks.
func dump(_ node: JSONNode) -> String {
  switch node.kind {
  case .null: return "null"
  case .bool(let b): return "\(b)"
  case .integer(let i): return "int:\(i)"
  case .number(let n): return "num:\(n)"
  case .string(let s): return "\"\(s)\""
  case .array(let items): return "[" + items.map(dump).joined(separator: ",") + "]"
  case .object(let members):
    return "{" + members.map { "\($0.key):\(dump($0.value))" }.joined(separator: ",") + "}"
  }
}
