import Foundation

/// A ground value as users see it: a symbol (string) or a 64-bit integer.
///
/// `"1"` and `1`
/// are different values.
public enum Value: Hashable, Sendable, Comparable, CustomStringConvertible {
  case symbol(String)
  case integer(Int64)

  /// Output order (docs/language.md#output-order): numbers first, by value; strings by bytes.
  public static func < (a: Value, b: Value) -> Bool {
    switch (a, b) {
    case (.integer(let x), .integer(let y)): return x < y
    case (.integer, .symbol): return true
    case (.symbol, .integer): return false
    case (.symbol(let x), .symbol(let y)): return Value.bytesLess(x, y)
    }
  }

  /// Byte-wise comparison of two strings' UTF-8 encodings.
  public static func bytesLess(_ x: String, _ y: String) -> Bool {
    // Native strings: one memcmp over their contiguous UTF-8.
    if let less = x.utf8.withContiguousStorageIfAvailable({ a in
      y.utf8.withContiguousStorageIfAvailable { b -> Bool in
        let common = min(a.count, b.count)
        if common > 0, let pa = a.baseAddress, let pb = b.baseAddress {
          let order = memcmp(pa, pb, common)
          if order != 0 { return order < 0 }
        }
        return a.count < b.count
      }
    }), let less {
      return less
    }
    var xi = x.utf8.makeIterator()
    var yi = y.utf8.makeIterator()
    while true {
      switch (xi.next(), yi.next()) {
      case (nil, nil): return false
      case (nil, _): return true
      case (_, nil): return false
      case (let a?, let b?): if a != b { return a < b }
      }
    }
  }

  /// Source form: integers as digits; symbols quoted and escaped.
  public var description: String {
    switch self {
    case .integer(let i): return String(i)
    case .symbol(let s): return Value.quoted(s)
    }
  }

  /// A string as a gwlog string literal with `\"`, `\\`, `\n`, `\t`, `\r` escapes.
  public static func quoted(_ s: String) -> String {
    // Most strings need no escape: copy them whole (a string of many megabytes appended
    // scalar by scalar took seconds).
    let plain = s.utf8.allSatisfy { b in
      b != UInt8(ascii: "\"") && b != UInt8(ascii: "\\") && b != UInt8(ascii: "\n")
        && b != UInt8(ascii: "\t") && b != UInt8(ascii: "\r")
    }
    if plain { return "\"" + s + "\"" }
    var out = "\""
    for scalar in s.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\t": out += "\\t"
      case "\r": out += "\\r"
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out + "\""
  }
}
