/// The `--help` texts of `gwlog` and of each subcommand, built from `Subcommand` and the
/// option table so that they never drift from what the parser accepts.
enum Help {
  /// The overview printed by `gwlog --help`, `gwlog -h` and `gwlog help`.
  static var overview: String {
    let width = Subcommand.allCases.map(\.rawValue.count).max() ?? 0
    var text = """
      gwlog: a Datalog engine with proofs, and a Google Cloud access model

      usage: gwlog COMMAND [PATH ...] [options]

      commands:

      """
    for command in Subcommand.allCases {
      text += "  " + padded(command.rawValue, to: width) + "  " + command.summary + "\n"
    }
    text += "\noptions:\n" + optionLines(OptionSpec.all.filter(\.isGlobal) + helpOption)
    text += """

      examples:
        gwlog query 'canInvoke(shop-gw, orders-api)' facts/example
        gwlog explain 'canInvoke(shop-gw, payments-api)' facts/example
        gwlog audit facts/example --format sarif

      Options may come before or after the PATHs; `--` ends the options.
      Run `gwlog COMMAND --help` for a command's options and examples.

      """
    return text
  }

  /// The help of one subcommand: usage line, description, formats, options and examples.
  static func text(for command: Subcommand) -> String {
    var text = "usage: gwlog \(command.synopsis)\n\n"
    text += command.summary.prefix(1).uppercased() + command.summary.dropFirst() + ".\n\n"
    text += command.details + "\n"
    text += "\noptions:\n" + optionLines(OptionSpec.options(of: command), for: command)
    text += "\nexamples:\n"
    for example in command.examples {
      text += "  " + example.command + "\n      " + example.effect + "\n"
    }
    text += "\n" + wrapped(exitCodes(command), width: width).joined(separator: "\n") + "\n"
    return text
  }

  /// The exit codes line of a subcommand's help.
  static func exitCodes(_ command: Subcommand) -> String {
    var text = "Exit codes: 0 success, 1 error in the input, 2 usage error, 3 resource limit hit"
    switch command {
    case .diff: text += "; 4 when a pair that could invoke no longer can"
    case .query, .explain, .why:
      text += "; a question without variables exits 0 for yes, 4 for no, 5 for unknown"
    default: break
    }
    return text + "."
  }

  private static var helpOption: [OptionSpec] {
    OptionSpec.named("help").map { [$0] } ?? []
  }

  /// The option lines: spelling, then the help wrapped to `width` columns under itself.
  private static func optionLines(_ specs: [OptionSpec], for command: Subcommand? = nil)
    -> String
  {
    let column = (specs.map(\.helpSpelling.count).max() ?? 0) + 4
    var out = ""
    for spec in specs {
      let lines = wrapped(spec.help(for: command), width: width - column)
      out += "  " + padded(spec.helpSpelling, to: column - 4) + "  " + (lines.first ?? "") + "\n"
      for line in lines.dropFirst() {
        out += String(repeating: " ", count: column) + line + "\n"
      }
    }
    return out
  }

  /// Help lines fit this many columns.
  static let width = 100

  /// `text` broken at spaces into lines of at most `width` characters (a longer word
  /// stands alone).
  static func wrapped(_ text: String, width: Int) -> [String] {
    var lines: [String] = []
    var line = ""
    for word in text.split(separator: " ") {
      if !line.isEmpty && line.count + 1 + word.count > width {
        lines.append(line)
        line = ""
      }
      line += (line.isEmpty ? "" : " ") + word
    }
    if !line.isEmpty { lines.append(line) }
    return lines
  }

  private static func padded(_ text: String, to width: Int) -> String {
    text + String(repeating: " ", count: max(0, width - text.count))
  }
}
