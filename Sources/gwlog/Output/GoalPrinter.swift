import GwlogEngine

/// Prints a goal atom that has no source text (a synthesised query): enough for constants,
/// variables and simple arithmetic, which is all a `?-` goal holds.
enum GoalPrinter {
  /// The atom as gwlog source, `path(1, X)`.
  static func text(of atom: Atom) -> String {
    atom.name + "(" + atom.arguments.map(text(of:)).joined(separator: ", ") + ")"
  }

  /// One term as gwlog source.
  static func text(of term: Term) -> String {
    switch term {
    case .variable(let name, _): return name
    case .wildcard: return "_"
    case .symbol(let text, _): return Value.symbol(text).description
    case .integer(let number, _): return String(number)
    case .binary(let op, let left, let right, _):
      return "(" + text(of: left) + " " + op.rawValue + " " + text(of: right) + ")"
    case .negate(let operand, _): return "-" + text(of: operand)
    case .call(let name, let arguments, _):
      return name + "(" + arguments.map(text(of:)).joined(separator: ", ") + ")"
    case .aggregate(let aggregate): return aggregate.function.rawValue + " : { ... }"
    }
  }
}
