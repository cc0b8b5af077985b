/// Built-in predicates and functions, registered through a small host API (name, arity,
/// which arguments must be bound, a Swift closure) so that a host such as the Google Cloud
/// model can add its own without touching the evaluator.

/// An error a built-in reports for one call (for example a malformed timestamp).
public struct BuiltinFailure: Error, Sendable {
  /// One lowercase sentence.
  public var message: String

  /// Creates a failure.
  public init(_ message: String) { self.message = message }
}

/// A built-in predicate usable as a body literal, like `startsWith(S, "projects/")`.
public struct BuiltinPredicate: Sendable {
  /// How the predicate is computed.
  public enum Implementation: Sendable {
    /// Implemented inside the engine on interned ids.
    case native(NativePredicate)
    /// A host closure: receives every argument (nil where unbound) and returns the complete
    /// argument tuples that hold (for a pure test: the arguments themselves, or nothing).
    case host(@Sendable ([Value?]) throws -> [[Value]])
  }

  /// The predicate name.
  public let name: String
  /// `inputs[i]` is true when argument `i` must be bound before the call.
  public let inputs: [Bool]
  /// The implementation.
  public let implementation: Implementation

  /// The number of arguments.
  public var arity: Int { inputs.count }

  /// Creates a host predicate.
  public init(
    name: String, inputs: [Bool],
    implementation: @escaping @Sendable ([Value?]) throws -> [[Value]]
  ) {
    self.name = name
    self.inputs = inputs
    self.implementation = .host(implementation)
  }

  /// Creates a predicate implemented natively (`NativeBuiltins`).
  init(native: NativePredicate, name: String, inputs: [Bool]) {
    self.name = name
    self.inputs = inputs
    self.implementation = .native(native)
  }
}

/// The predicates implemented natively on symbol bytes (no decoding per call).
public enum NativePredicate: Sendable {
  case startsWith, endsWith, contains, concat
}

/// A built-in function usable inside terms, like `cat(A, "/x")` or `strlen(S)`.
public struct BuiltinFunction: Sendable {
  /// The function name.
  public let name: String
  /// The number of arguments (all must be bound).
  public let arity: Int
  /// The implementation; throws `BuiltinFailure` for arguments it cannot handle.
  public let implementation: @Sendable ([Value]) throws -> Value

  /// Creates a function.
  public init(
    name: String, arity: Int, implementation: @escaping @Sendable ([Value]) throws -> Value
  ) {
    self.name = name
    self.arity = arity
    self.implementation = implementation
  }
}

/// The built-ins visible to a program, keyed by name and arity.
public struct BuiltinRegistry: Sendable {
  /// Registered predicates, in registration order.
  public private(set) var predicates: [BuiltinPredicate] = []
  /// Registered functions, in registration order.
  public private(set) var functions: [BuiltinFunction] = []

  /// The standard library: string predicates, Soufflé's `contains`, `match`, `true` and
  /// `false`, and Soufflé's common string functors, which count bytes as Soufflé does.
  public static var standard: BuiltinRegistry {
    var r = BuiltinRegistry()
    r.register(BuiltinPredicate(native: .startsWith, name: "startsWith", inputs: [true, true]))
    r.register(BuiltinPredicate(native: .endsWith, name: "endsWith", inputs: [true, true]))
    r.register(BuiltinPredicate(native: .contains, name: "contains", inputs: [true, true]))
    r.register(BuiltinPredicate(native: .concat, name: "concat", inputs: [true, true, false]))
    r.register(RegexBuiltin.predicate)
    r.register(BuiltinPredicate(name: "true", inputs: []) { _ in [[]] })
    r.register(BuiltinPredicate(name: "false", inputs: []) { _ in [] })
    r.register(
      BuiltinFunction(name: "cat", arity: 2) { args in
        .symbol(try symbolArgument(args[0], "cat") + symbolArgument(args[1], "cat"))
      })
    r.register(
      BuiltinFunction(name: "strlen", arity: 1) { args in
        .integer(Int64(try symbolArgument(args[0], "strlen").utf8.count))
      })
    r.register(
      BuiltinFunction(name: "to_string", arity: 1) { args in
        switch args[0] {
        case .integer(let i): return .symbol(String(i))
        case .symbol(let s): return .symbol(s)
        }
      })
    r.register(
      BuiltinFunction(name: "to_number", arity: 1) { args in
        switch args[0] {
        case .integer(let i): return .integer(i)
        case .symbol(let s):
          guard let i = Int64(s) else { throw BuiltinFailure("`\(s)` is not a number") }
          return .integer(i)
        }
      })
    r.register(
      BuiltinFunction(name: "substr", arity: 3) { args in
        let text = try symbolArgument(args[0], "substr")
        let s = Array(text.utf8)
        guard case .integer(let start) = args[1], case .integer(let length) = args[2],
          start >= 0, length >= 0
        else { throw BuiltinFailure("`substr` needs a non-negative start and length") }
        let lo = Int(min(start, Int64(s.count)))
        let hi = lo + Int(min(length, Int64(s.count - lo)))
        // Positions count bytes (Soufflé); a cut inside a character has no symbol to give.
        for cut in [lo, hi] where cut < s.count && s[cut] & 0xC0 == 0x80 {
          throw BuiltinFailure(
            "`substr` would cut a multi-byte character of `\(text)` at byte \(cut)")
        }
        return .symbol(String(decoding: s[lo..<hi], as: UTF8.self))
      })
    return r
  }

  /// Creates an empty registry (see `standard`).
  public init() {}

  /// Adds or replaces a predicate with the same name and arity.
  public mutating func register(_ p: BuiltinPredicate) {
    predicates.removeAll { $0.name == p.name && $0.arity == p.arity }
    predicates.append(p)
  }

  /// Adds or replaces a function with the same name and arity.
  public mutating func register(_ f: BuiltinFunction) {
    functions.removeAll { $0.name == f.name && $0.arity == f.arity }
    functions.append(f)
  }

  /// The predicate with this name and arity.
  public func predicate(_ name: String, arity: Int) -> BuiltinPredicate? {
    predicates.first { $0.name == name && $0.arity == arity }
  }

  /// The index of the function with this name and arity.
  public func functionIndex(_ name: String, arity: Int) -> Int? {
    functions.firstIndex { $0.name == name && $0.arity == arity }
  }

  /// Whether any predicate has this name (for arity diagnostics).
  public func hasPredicate(named name: String) -> Bool { predicates.contains { $0.name == name } }
}

/// The string of a symbol argument of `function`; a number is a `BuiltinFailure`.
private func symbolArgument(_ v: Value, _ function: String) throws -> String {
  guard case .symbol(let s) = v else {
    throw BuiltinFailure("`\(function)` expects a symbol, found the number `\(v)`")
  }
  return s
}
