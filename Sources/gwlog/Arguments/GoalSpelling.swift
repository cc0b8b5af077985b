import GwlogEngine

/// Spots the ways a goal typed on the command line breaks before the parser sees what was
/// meant: a resource name, member or URL left unquoted (`projects/x/...` is division in
/// gwlog, `serviceAccount:...` and emails do not lex) and single quotes (gwlog strings use
/// double quotes), and spells out the corrected goal.
enum GoalSpelling {
  /// The error for a goal written one of these ways, with the corrected goal; nil when the
  /// goal shows none of them (the parser then has the last word).
  static func problem(in goal: String) -> Diagnostic? {
    let requoted = doubleQuoted(goal)
    if requoted != goal {
      return .error(
        .syntax, "the goal quotes with `'`: gwlog strings use double quotes",
        help: "write the goal as `'\(requoted)'`: double quotes inside the goal, single quotes "
          + "around it for the shell")
    }
    guard let open = goal.firstIndex(of: "("), let close = goal.lastIndex(of: ")"),
      open < close
    else { return nil }
    let inner = goal[goal.index(after: open)..<close]
    var names: [String] = []
    let arguments = topLevelArguments(inner).map { argument -> String in
      let trimmed = argument.trimmingCharacters(in: .whitespaces)
      guard isUnquotedName(trimmed) else { return argument }
      names.append(trimmed)
      return (argument.hasPrefix(" ") ? " " : "") + Value.symbol(trimmed).description
    }
    guard let name = names.first else { return nil }
    let corrected =
      goal[...open] + arguments.joined(separator: ",") + goal[close...]
    let why =
      name.contains("/") && !name.contains(":") && !name.contains("@")
      ? "unquoted, `/` is division" : "`:` and `@` are only allowed inside quotes"
    return .error(
      .syntax, "the name `\(name)` in the goal must be in double quotes: \(why)",
      help: "write the goal as `'\(corrected)'`: double quotes around the name, single quotes "
        + "around the goal for the shell")
  }

  /// Whether an argument is a name that only parses inside quotes: made of name characters,
  /// with a `/`, `:` or `@`, and not a variable or arithmetic on one (`X/2`).
  static func isUnquotedName(_ argument: String) -> Bool {
    guard let first = argument.unicodeScalars.first, !argument.hasPrefix("\"") else {
      return false
    }
    let nameCharacters = "_.-/:@%#~+=".unicodeScalars
    let allNameLike = argument.unicodeScalars.allSatisfy { scalar in
      (scalar.isASCII && scalar.properties.isAlphabetic) || ("0"..."9").contains(scalar)
        || nameCharacters.contains(scalar)
    }
    guard allNameLike else { return false }
    if argument.contains(":") || argument.contains("@") { return true }
    return argument.contains("/") && ("a"..."z").contains(first)
  }

  /// The arguments between the goal's parentheses, split at commas outside quotes and
  /// nested parentheses.
  static func topLevelArguments(_ text: Substring) -> [String] {
    var arguments: [String] = []
    var current = ""
    var depth = 0
    var inString = false
    var escaped = false
    for character in text {
      if inString {
        current.append(character)
        if escaped {
          escaped = false
        } else if character == "\\" {
          escaped = true
        } else if character == "\"" {
          inString = false
        }
        continue
      }
      switch character {
      case "\"": inString = true
      case "(": depth += 1
      case ")": depth -= 1
      case "," where depth == 0:
        arguments.append(current)
        current = ""
        continue
      default: break
      }
      current.append(character)
    }
    arguments.append(current)
    return arguments
  }

  /// `goal` with each `'…'` outside a string written `"…"` (a double quote inside escaped).
  private static func doubleQuoted(_ goal: String) -> String {
    var out = ""
    var inSingle = false
    var inDouble = false
    var escaped = false
    for character in goal {
      if inDouble {
        out.append(character)
        if escaped {
          escaped = false
        } else if character == "\\" {
          escaped = true
        } else if character == "\"" {
          inDouble = false
        }
      } else if character == "'" {
        inSingle.toggle()
        out.append("\"")
      } else if inSingle && character == "\"" {
        out += "\\\""
      } else {
        if character == "\"" && !inSingle { inDouble = true }
        out.append(character)
      }
    }
    return out
  }
}
