/// Evaluation of ground terms (facts and goal constants) with checked arithmetic.
enum ConstantFolding {
  /// The value of a ground term; throws an `arithmetic` error on overflow.
  static func value(of term: Term, builtins: BuiltinRegistry) throws -> Value {
    switch term {
    case .symbol(let s, _): return .symbol(s)
    case .integer(let i, _): return .integer(i)
    case .binary(let op, let l, let r, let span):
      guard case .integer(let a) = try value(of: l, builtins: builtins),
        case .integer(let b) = try value(of: r, builtins: builtins)
      else {
        throw Interpreter.RunError(
          diagnostic: .error(.arithmetic, "arithmetic on a symbol", at: span))
      }
      return .integer(try Arithmetic.apply(op, a, b, span: span))
    case .negate(let x, let span):
      guard case .integer(let a) = try value(of: x, builtins: builtins) else {
        throw Interpreter.RunError(
          diagnostic: .error(.arithmetic, "arithmetic on a symbol", at: span))
      }
      return .integer(try Arithmetic.apply(.subtract, 0, a, span: span))
    case .call(let name, let args, let span):
      guard let index = builtins.functionIndex(name, arity: args.count) else {
        throw Interpreter.RunError(
          diagnostic: .error(.unknownRelation, "unknown function `\(name)`", at: span))
      }
      let values = try args.map { try value(of: $0, builtins: builtins) }
      do {
        return try builtins.functions[index].implementation(values)
      } catch let failure as BuiltinFailure {
        throw Interpreter.RunError(diagnostic: .error(.arithmetic, failure.message, at: span))
      }
    case .variable(_, let span), .wildcard(let span):
      throw Interpreter.RunError(
        diagnostic: .error(.unsafeVariable, "a fact must be ground", at: span))
    case .aggregate(let a):
      throw Interpreter.RunError(
        diagnostic: .error(.syntax, "an aggregate is not allowed here", at: a.span))
    }
  }
}
