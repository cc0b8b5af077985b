import Foundation
import GwlogEngine

/// The `gwlog` entry point: split argv, route `--help`, validate the options and run one
/// subcommand; the exit codes are those of `ExitCode`.
enum CommandLineTool {
  /// Runs `gwlog` with `arguments` (without the program name); returns the exit code.
  static func main(_ arguments: [String]) -> Int32 {
    let split = ArgumentSplitter.split(arguments)
    let wantsHelp = split.contains("help")
    let first = split.positionals.first
    if first == "help" { return help(topic: split.positionals.dropFirst().first, split) }
    if split.contains("version") && split.errors.isEmpty && !wantsHelp {
      return showHelp(GwlogVersion.line + "\n")
    }
    guard let first else {
      if wantsHelp { return showHelp(Help.overview) }
      return fail([UsageErrors.missingCommand] + split.errors, split)
    }
    guard let command = Subcommand(rawValue: first) else {
      return fail([UsageErrors.unknownCommand(first)] + split.errors, split)
    }
    if wantsHelp { return showHelp(Help.text(for: command)) }
    if command == .collect { return CollectCommand.main(split) }
    var errors = split.errors
    let options = Options(command: command, arguments: split, errors: &errors)
    guard errors.isEmpty else { return fail(errors, split, command: command) }

    let reporter = Reporter(
      format: options.format, colorsDiagnostics: Terminal.colorsDiagnostics(options.color))
    reporter.setMember("command", .string(command.rawValue))
    switch command {
    case .version, .completions, .man:
      AboutCommands.run(options, reporter)
      return reporter.finish()
    default: break
    }
    let session = CommandSession(options: options, reporter: reporter)
    switch command {
    case .query: QueryCommand.run(session)
    case .explain, .why: ExplainCommand.run(session)
    case .audit: AuditCommand.run(session)
    case .diff: DiffCommand.run(session)
    case .check: CheckCommand.run(session)
    case .run: RunCommand.run(session)
    case .import: ImportCommand.run(session)
    case .version, .completions, .man: break
    case .collect: break  // run above, before the evaluation options
    }
    return reporter.finish()
  }

  /// `gwlog help [COMMAND]`.
  private static func help(topic: String?, _ split: SplitArguments) -> Int32 {
    guard let topic else { return showHelp(Help.overview) }
    guard let command = Subcommand(rawValue: topic) else {
      return fail([UsageErrors.unknownCommand(topic)], split)
    }
    return showHelp(Help.text(for: command))
  }

  private static func showHelp(_ text: String) -> Int32 {
    Terminal.writeOutput(text)
    return ExitCode.success
  }

  /// Reports usage errors: as one JSON document once `--format json` was given, else as
  /// text on stderr.
  private static func fail(
    _ errors: [Diagnostic], _ split: SplitArguments, command: Subcommand? = nil
  ) -> Int32 {
    let format: OutputFormat = split.lastValue(of: "format") == "json" ? .json : .text
    var color = ColorChoice(rawValue: split.lastValue(of: "color") ?? "") ?? .auto
    if split.contains("no-color") { color = .never }
    let reporter = Reporter(format: format, colorsDiagnostics: Terminal.colorsDiagnostics(color))
    if let command { reporter.setMember("command", .string(command.rawValue)) }
    reporter.report(errors)
    return reporter.finish()
  }
}

exit(CommandLineTool.main(Array(CommandLine.arguments.dropFirst())))
