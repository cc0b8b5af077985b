/// The native built-in predicates (`startsWith`, `endsWith`, `contains`, `concat`) on interned
/// ids: one implementation, on the symbols' bytes (no decoding), behind both evaluation
/// (`Interpreter`) and proofs and why-nots (`BodyMatcher`).
///
/// Comparisons have one implementation too, `ConstantPool.compare`; built-in functions and
/// host predicates are the closures of the `BuiltinRegistry`.
enum NativeBuiltins {
  /// What a native predicate gives for its first two arguments.
  enum Outcome {
    /// It does not hold (also when an argument is not a symbol).
    case fails
    /// A test that holds.
    case holds
    /// The id of the third argument it determines (`concat`'s result).
    case yields(UInt32)
  }

  /// Calls `native` on the ids `a` and `b`: the tests compare bytes (`contains(a, b)` holds
  /// when `a` occurs in `b`, Soufflé's order), `concat` interns the joined bytes.
  @inline(__always)
  static func call(_ native: NativePredicate, _ a: UInt32, _ b: UInt32, pool: ConstantPool)
    -> Outcome
  {
    guard let x = pool.symbolBytes(a), let y = pool.symbolBytes(b) else { return .fails }
    let holds: Bool
    switch native {
    case .startsWith: holds = x.starts(with: y)
    case .endsWith: holds = x.reversed().starts(with: y.reversed())
    case .contains: holds = x.isEmpty || contains(y, x)
    case .concat: return .yields(pool.intern(bytes: Array(x) + Array(y)))
    }
    return holds ? .holds : .fails
  }

  /// Whether `needle` occurs in `haystack`, byte for byte.
  private static func contains(_ haystack: ArraySlice<UInt8>, _ needle: ArraySlice<UInt8>) -> Bool {
    guard needle.count <= haystack.count else { return false }
    var start = haystack.startIndex
    while start + needle.count <= haystack.endIndex {
      if haystack[start..<start + needle.count].elementsEqual(needle) { return true }
      start += 1
    }
    return false
  }
}
