@testable import GwlogEngine

/// Source text with emoji markers (`1️⃣`, `2️⃣`, ...) removed and their byte offsets kept.
struct MarkedText {
  static let markers = ["1️⃣", "2️⃣", "3️⃣", "4️⃣", "5️⃣"]
  let text: String
  var offsets: [String: Int] = [:]

  init(_ marked: String) {
    var out = ""
    var rest = Substring(marked)
    while !rest.isEmpty {
      if let m = Self.markers.first(where: { rest.hasPrefix($0) }) {
        offsets[m] = out.utf8.count
        rest = rest.dropFirst(m.count)
      } else if let c = rest.first {
        out.append(c)
        rest = rest.dropFirst()
      }
    }
    text = out
  }

  /// The 1-based line and column of a marker in the stripped text.
  func location(_ marker: String) -> (line: Int, column: Int)? {
    guard let offset = offsets[marker] else { return nil }
    return SourceFile(path: "t.dl", text: text).location(of: offset)
  }
}

func parseText(_ text: String) -> (program: Program, diagnostics: [Diagnostic]) {
  Parser.parse(SourceFile(path: "t.dl", text: text), fileID: 0)
}

/// Line and column of a diagnostic's span in `text`.
func location(of d: Diagnostic, in text: String) -> (line: Int, column: Int)? {
  guard let span = d.span else { return nil }
  return SourceFile(path: "t.dl", text: text).location(of: Int(span.start))
}

/// An S-expression dump of a term, independent of `Printer`.
func dump(_ t: Term) -> String {
  switch t {
  case .variable(let n, _): return "var:\(n)"
  case .wildcard: return "_"
  case .symbol(let s, _): return "sym:\(s)"
  case .integer(let i, _): return "int:\(i)"
  case .binary(let op, let l, let r, _): return "(\(op.rawValue) \(dump(l)) \(dump(r)))"
  case .negate(let x, _): return "(neg \(dump(x)))"
  case .call(let n, let args, _): return "(call \(n)" + args.map { " " + dump($0) }.joined() + ")"
  case .aggregate(let a):
    return "(\(a.function.rawValue)" + (a.target.map { " " + dump($0) } ?? "") + " {"
      + a.body.map(dump).joined(separator: "; ") + "})"
  }
}

func dump(_ a: Atom) -> String { a.name + "[" + a.arguments.map(dump).joined(separator: " ") + "]" }

func dump(_ l: Literal) -> String {
  switch l {
  case .positive(let a): return dump(a)
  case .negative(let a, _): return "not " + dump(a)
  case .comparison(let l, let op, let r, _): return "\(dump(l)) \(op.rawValue) \(dump(r))"
  }
}

func dump(_ c: Clause) -> String {
  c.body.isEmpty ? dump(c.head) : dump(c.head) + " <- " + c.body.map(dump).joined(separator: ", ")
}

/// The clauses of a program that parsed without diagnostics, dumped.
func clauseDumps(_ text: String) -> [String] {
  let (program, diagnostics) = parseText(text)
  guard diagnostics.isEmpty else { return diagnostics.map { "error: \($0.message)" } }
  return program.statements.compactMap {
    if case .clause(let c) = $0 { return dump(c) }
    return nil
  }
}
