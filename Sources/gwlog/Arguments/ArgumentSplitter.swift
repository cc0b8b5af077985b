import GwlogEngine

/// One option as written on the command line, resolved against the option table.
struct ParsedOption: Sendable {
  /// The option it names.
  let spec: OptionSpec
  /// How the user spelled it (`-F`, `--facts`), for messages.
  let spelling: String
  /// The value, for options that take one.
  let value: String?
}

/// The command line split into options and positionals, plus the usage errors found.
struct SplitArguments: Sendable {
  /// Options in command-line order.
  var options: [ParsedOption] = []
  /// Positional arguments in order (the subcommand first, when given).
  var positionals: [String] = []
  /// Usage errors; splitting goes on after one so that `--format json` is still seen.
  var errors: [Diagnostic] = []

  /// The last value given to the option named `name`.
  func lastValue(of name: String) -> String? {
    options.last { $0.spec.name == name }?.value
  }

  /// Whether the flag named `name` was given.
  func contains(_ name: String) -> Bool {
    options.contains { $0.spec.name == name }
  }
}

/// Splits argv into options and positionals, in the manner of argument-parser's
/// `SplitArguments`: options may come before or after positionals, `--` ends options,
/// values are written `--opt=value`, `--opt value`, `-F DIR` or `-FDIR`, and a lone `-`
/// is a positional.
enum ArgumentSplitter {
  /// Splits `arguments` (without the program name) against `OptionSpec.all`.
  static func split(_ arguments: [String]) -> SplitArguments {
    var result = SplitArguments()
    var index = 0
    var optionsEnded = false
    while index < arguments.count {
      let argument = arguments[index]
      index += 1
      if optionsEnded || argument == "-" || !argument.hasPrefix("-") {
        result.positionals.append(argument)
      } else if argument == "--" {
        optionsEnded = true
      } else if argument.hasPrefix("--") {
        splitLong(argument, arguments, &index, into: &result)
      } else {
        splitShort(argument, arguments, &index, into: &result)
      }
    }
    return result
  }

  private static func splitLong(
    _ argument: String, _ arguments: [String], _ index: inout Int,
    into result: inout SplitArguments
  ) {
    let body = argument.dropFirst(2)
    let name: String
    var inlineValue: String?
    if let equals = body.firstIndex(of: "=") {
      name = String(body[..<equals])
      inlineValue = String(body[body.index(after: equals)...])
    } else {
      name = String(body)
    }
    guard let spec = OptionSpec.named(name) else {
      result.errors.append(UsageErrors.unknownOption("--" + name))
      return
    }
    resolve(spec, spelling: "--" + name, inlineValue, arguments, &index, into: &result)
  }

  private static func splitShort(
    _ argument: String, _ arguments: [String], _ index: inout Int,
    into result: inout SplitArguments
  ) {
    let body = argument.dropFirst()
    guard let letter = body.first, let spec = OptionSpec.short(letter) else {
      result.errors.append(UsageErrors.unknownOption(argument))
      return
    }
    var rest = body.dropFirst()
    if rest.first == "=" { rest = rest.dropFirst() }
    let spelling = "-" + String(letter)
    if !spec.takesValue && !rest.isEmpty {
      // Short flags do not cluster (`-hx`), so the whole word is unknown.
      result.errors.append(UsageErrors.unknownOption(argument))
      return
    }
    let inlineValue = rest.isEmpty ? nil : String(rest)
    resolve(spec, spelling: spelling, inlineValue, arguments, &index, into: &result)
  }

  private static func resolve(
    _ spec: OptionSpec, spelling: String, _ inlineValue: String?, _ arguments: [String],
    _ index: inout Int, into result: inout SplitArguments
  ) {
    guard spec.takesValue else {
      if inlineValue != nil {
        result.errors.append(UsageErrors.unexpectedValue(spelling))
      } else {
        result.options.append(ParsedOption(spec: spec, spelling: spelling, value: nil))
      }
      return
    }
    if let inlineValue {
      result.options.append(ParsedOption(spec: spec, spelling: spelling, value: inlineValue))
    } else if index < arguments.count, looksLikeValue(arguments[index]) {
      result.options.append(ParsedOption(spec: spec, spelling: spelling, value: arguments[index]))
      index += 1
    } else {
      result.errors.append(UsageErrors.missingValue(spec, spelling: spelling))
    }
  }

  /// Whether the word after a value-taking option is its value rather than another option:
  /// anything not starting with `-`, a lone `-`, or a negative number (for a clear
  /// "invalid value" message instead of "needs a value").
  private static func looksLikeValue(_ word: String) -> Bool {
    !word.hasPrefix("-") || word == "-" || Double(word) != nil
  }
}
