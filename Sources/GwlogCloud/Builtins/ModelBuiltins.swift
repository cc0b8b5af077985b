import GwlogEngine

/// The host built-ins the model's rules call, registered through the engine's host API:
/// `urlHost(Url)`, `urlPath(Url)`, `cel(Expression, Name, Type, Service, Time)`,
/// `celTags(Expression, Tags, Time)` (functions) and `globMatch(Permission, Pattern)` (a test).
public enum ModelBuiltins {
  /// Registers every model built-in in `registry`.
  public static func register(in registry: inout BuiltinRegistry) {
    registry.register(
      BuiltinFunction(name: "urlHost", arity: 1) { arguments in
        .symbol(URLParts.host(try symbol(arguments[0], "urlHost")))
      })
    registry.register(
      BuiltinFunction(name: "urlPath", arity: 1) { arguments in
        .symbol(URLParts.path(try symbol(arguments[0], "urlPath")))
      })
    registry.register(
      BuiltinPredicate(name: "globMatch", inputs: [true, true]) { arguments in
        guard case .symbol(let permission)? = arguments[0],
          case .symbol(let pattern)? = arguments[1],
          PermissionGlob.matches(permission, pattern)
        else { return [] }
        return [[.symbol(permission), .symbol(pattern)]]
      })
    registry.register(
      BuiltinFunction(name: "cel", arity: 5) { arguments in
        guard case .integer(let time) = arguments[4] else {
          throw BuiltinFailure("`cel` expects the time as a number of seconds")
        }
        let attributes = CEL.Attributes(
          resourceName: try symbol(arguments[1], "cel"),
          resourceType: try symbol(arguments[2], "cel"),
          resourceService: try symbol(arguments[3], "cel"), requestTime: time)
        let expression = try symbol(arguments[0], "cel")
        return .symbol(CEL.evaluate(expression, attributes: attributes).rawValue)
      })
    // A condition on the resource's tags (deny conditions may use nothing else): `Tags` is
    // the resource's `effectiveTagSet` value; resource attributes are not given.
    registry.register(
      BuiltinFunction(name: "celTags", arity: 3) { arguments in
        guard case .integer(let time) = arguments[2] else {
          throw BuiltinFailure("`celTags` expects the time as a number of seconds")
        }
        let attributes = CEL.Attributes(
          requestTime: time, tags: try symbol(arguments[1], "celTags"))
        let expression = try symbol(arguments[0], "celTags")
        return .symbol(CEL.evaluate(expression, attributes: attributes).rawValue)
      })
  }

  private static func symbol(_ value: Value, _ function: String) throws -> String {
    guard case .symbol(let s) = value else {
      throw BuiltinFailure("`\(function)` expects a symbol, found the number `\(value)`")
    }
    return s
  }
}
