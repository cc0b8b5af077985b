/// Tokens of the CEL subset that IAM conditions use (docs/google-cloud-model.md#conditions).
enum CELToken: Equatable {
  case identifier(String)
  case string(String)
  case integer(Int64)
  /// An operator or punctuation: `==` `!=` `<` `<=` `>` `>=` `&&` `||` `!` `(` `)` `.` `,`.
  case symbol(String)
}

/// Splits a CEL expression into tokens; nil on anything outside the subset (an unknown
/// character, an unterminated string, an integer that overflows).
enum CELLexer {
  /// The tokens of `text`, or nil when it cannot be tokenised.
  static func tokens(_ text: String) -> [CELToken]? {
    let scalars = Array(text.unicodeScalars)
    var tokens: [CELToken] = []
    var i = 0
    while i < scalars.count {
      let c = scalars[i]
      if c == " " || c == "\t" || c == "\n" || c == "\r" {
        i += 1
      } else if c == "\"" || c == "'" {
        guard let (value, next) = string(scalars, from: i) else { return nil }
        tokens.append(.string(value))
        i = next
      } else if isIdentifierStart(c) {
        var end = i
        while end < scalars.count, isIdentifierStart(scalars[end]) || isDigit(scalars[end]) {
          end += 1
        }
        var name = ""
        name.unicodeScalars.append(contentsOf: scalars[i..<end])
        tokens.append(.identifier(name))
        i = end
      } else if isDigit(c) {
        var value: Int64 = 0
        while i < scalars.count, isDigit(scalars[i]) {
          let (times, overflow1) = value.multipliedReportingOverflow(by: 10)
          let (plus, overflow2) = times.addingReportingOverflow(Int64(scalars[i].value - 0x30))
          guard !overflow1, !overflow2 else { return nil }
          value = plus
          i += 1
        }
        tokens.append(.integer(value))
      } else {
        let pair = i + 1 < scalars.count ? String(c) + String(scalars[i + 1]) : ""
        if ["==", "!=", "<=", ">=", "&&", "||"].contains(pair) {
          tokens.append(.symbol(pair))
          i += 2
        } else if "<>!().,".unicodeScalars.contains(c) {
          tokens.append(.symbol(String(c)))
          i += 1
        } else {
          return nil
        }
      }
    }
    return tokens
  }

  /// A quoted string starting at `start` (single or double quotes, with `\\` escapes):
  /// its value and the index after the closing quote.
  private static func string(_ scalars: [Unicode.Scalar], from start: Int) -> (String, Int)? {
    let quote = scalars[start]
    var value = ""
    var i = start + 1
    while i < scalars.count {
      let c = scalars[i]
      if c == quote { return (value, i + 1) }
      if c == "\\" {
        guard i + 1 < scalars.count else { return nil }
        switch scalars[i + 1] {
        case "n": value += "\n"
        case "t": value += "\t"
        case "r": value += "\r"
        case "\\", "\"", "'", "`", "?": value.unicodeScalars.append(scalars[i + 1])
        default: return nil
        }
        i += 2
      } else {
        value.unicodeScalars.append(c)
        i += 1
      }
    }
    return nil
  }

  private static func isIdentifierStart(_ c: Unicode.Scalar) -> Bool {
    (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || c == "_"
  }

  private static func isDigit(_ c: Unicode.Scalar) -> Bool { c >= "0" && c <= "9" }
}
