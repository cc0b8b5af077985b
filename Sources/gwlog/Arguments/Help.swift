/// The `--help` texts of `gwlog` and of each subcommand, built from `Subcommand` and the
/// option table so that they never drift from what the parser accepts.
enum Help {
  /// The overview printed by `gwlog --help`, `gwlog -h` and `gwlog help`.
  static var overview: String {
    let width = Subcommand.allCases.map(\.rawValue.count).max() ?? 0
    var text = """
      gwlog: a Datalog engine with proofs

      usage: gwlog COMMAND [PATH ...] [options]

      commands:

      """
    for command in Subcommand.allCases {
      text += "  " + padded(command.rawValue, to: width) + "  " + command.summary + "\n"
    }
    text += """

      Options may come before or after the PATHs; `--` ends the options.
      Run `gwlog COMMAND --help` for a command's options.

      """
    return text
  }

  /// The help of one subcommand: usage line, description and its options.
  static func text(for command: Subcommand) -> String {
    let specs = OptionSpec.all.filter { $0.commands.contains(command) }
    let width = specs.map(\.helpSpelling.count).max() ?? 0
    var text = "usage: gwlog \(command.synopsis)\n\n"
    text += command.summary.prefix(1).uppercased() + command.summary.dropFirst() + ".\n\n"
    text += command.details + "\n\noptions:\n"
    for spec in specs {
      text += "  " + padded(spec.helpSpelling, to: width) + "  " + spec.help + "\n"
    }
    text += """

      Exit codes: 0 success (yes), 1 error in the input, 2 usage error, 3 resource limit
      hit; a question without variables (explain, why, query) exits 4 for no, 5 for unknown.

      """
    return text
  }

  private static func padded(_ text: String, to width: Int) -> String {
    text + String(repeating: " ", count: max(0, width - text.count))
  }
}
