/// The extra rules of `.facts` files: ground facts only.
extension Parser {
  /// The message for anything but a ground fact in a `.facts` file.
  static let factsOnlyMessage = "only ground facts are allowed in a `.facts` file"

  /// Why a parsed statement is not allowed in a `.facts` file, or nil when it is a ground
  /// fact (every argument a string, a symbol or an integer, possibly negative).
  static func factsOnlyProblem(_ statement: Statement) -> Diagnostic? {
    switch statement {
    case .clause(let clause):
      guard clause.body.isEmpty else {
        return .error(
          .badFact, factsOnlyMessage, at: clause.span, help: "move rules to a `.dl` file")
      }
      for argument in clause.head.arguments {
        switch argument {
        case .symbol, .integer:
          continue
        case .variable(let name, let span):
          return .error(
            .badFact, factsOnlyMessage, at: span,
            help: "replace the variable `\(name)` with a constant")
        default:
          return .error(
            .badFact, factsOnlyMessage, at: argument.span,
            help: "write a string, a symbol or an integer")
        }
      }
      return nil
    case .query(let query):
      return .error(
        .badFact, factsOnlyMessage, at: query.span, help: "move queries to a `.dl` file")
    case .declaration(let d):
      return .error(.badFact, factsOnlyMessage, at: d.span, help: "move directives to a `.dl` file")
    case .directive(let d):
      return .error(.badFact, factsOnlyMessage, at: d.span, help: "move directives to a `.dl` file")
    case .typeDeclaration(let d):
      return .error(.badFact, factsOnlyMessage, at: d.span, help: "move directives to a `.dl` file")
    }
  }
}
