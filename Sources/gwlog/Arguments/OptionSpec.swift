/// One option `gwlog` understands: its spellings, whether it takes a value, its help line
/// and the subcommands that read it.
struct OptionSpec: Sendable {
  /// The long name without the leading `--` (`format`).
  let name: String
  /// The one-letter spelling without `-` (`F` for `-F`), if any.
  let short: Character?
  /// The placeholder of the value (`DIR`); nil for a flag.
  let valueName: String?
  /// One line for `--help`.
  let help: String
  /// The subcommands that read the option; empty for a global option (`--version`), which
  /// is read before any subcommand.
  let commands: [Subcommand]
  /// The values the option takes, when they are a fixed set (for completion).
  var choices: [String] = []
  /// The help line for particular subcommands, where the option means something else there
  /// (`--gateway` names a pair's gateway for `explain`, what to read for `collect`).
  var commandHelp: [Subcommand: String] = [:]

  /// Whether the option takes a value (`--format json`).
  var takesValue: Bool { valueName != nil }

  /// Whether the option is read whatever the subcommand (`--version`).
  var isGlobal: Bool { commands.isEmpty }

  /// The long spelling, `--name`.
  var longSpelling: String { "--" + name }

  /// The spelling used in help: `-F, --facts DIR`.
  var helpSpelling: String {
    var text = short.map { "-\($0), " } ?? "    "
    text += longSpelling
    if let valueName { text += " " + valueName }
    return text
  }

  /// The help line as `command` shows it: `--format` names that command's formats.
  func help(for command: Subcommand?) -> String {
    if let command, let text = commandHelp[command] { return text }
    guard name == "format", let command, let first = command.formats.first else { return help }
    return "output format: " + command.formats.map(\.rawValue).joined(separator: ", ")
      + " (default \(first.rawValue))"
  }
}

extension OptionSpec {
  /// The subcommands that print diagnostics or results, and so read colour and format.
  private static let printing = Subcommand.allCases.filter { !$0.formats.isEmpty }
  /// The subcommands that read PATHs.
  private static let loading = Subcommand.allCases.filter(\.readsPaths)
  /// The subcommands that evaluate.
  private static let evaluating = Subcommand.allCases.filter(\.evaluates)
  /// The subcommands that load the model by default or on request (and read `--at`).
  private static let modelled: [Subcommand] = [.query, .explain, .why, .audit, .diff, .run]
  /// The subcommands where `-F` and `--model` / `--no-model` apply (one program loaded).
  private static let programs: [Subcommand] = [.query, .explain, .why, .check, .run]

  /// The option table, in the order help lists it.
  static let all: [OptionSpec] =
    [
      OptionSpec(
        name: "format", short: nil, valueName: "FORMAT",
        help: "output format: text (default), json, tsv, dot or sarif, as the command allows",
        commands: printing, choices: OutputFormat.allCases.map(\.rawValue)),
      OptionSpec(
        name: "facts", short: "F", valueName: "DIR",
        help: "load every NAME.facts / NAME.tsv in DIR as rows of relation NAME",
        commands: programs + [.audit]),
      OptionSpec(
        name: "output", short: "D", valueName: "DIR",
        help: "write one tab-separated NAME.csv per output relation into DIR", commands: [.run]),
      OptionSpec(
        name: "out", short: "o", valueName: "PATH",
        help: "import: write the facts to file PATH instead of standard output; collect: the "
          + "folder to write (default gcloud-snapshot)",
        commands: [.import, .collect]),
      OptionSpec(
        name: "only", short: nil, valueName: "REL,...",
        help: "select these relations instead of the output relations", commands: [.run]),
      OptionSpec(
        name: "threads", short: nil, valueName: "N",
        help: "worker threads for importing gcloud JSON and for evaluation (default: the number "
          + "of cores)",
        commands: loading),
      OptionSpec(
        name: "stats", short: nil, valueName: nil,
        help: "print per-stratum and per-rule timings and tuple counts (import: what was read "
          + "and where the time went)",
        commands: [.query, .explain, .audit, .run, .import]),
      OptionSpec(
        name: "limit", short: nil, valueName: "N",
        help: "print at most N answers (query), rows per relation (run) or repairs (explain, why)",
        commands: [.query, .run, .explain, .why]),
      OptionSpec(
        name: "explain", short: nil, valueName: nil,
        help: "print the proof of each answer under it (at most --limit, default 10)",
        commands: [.query]),
      OptionSpec(
        name: "query-file", short: "q", valueName: "FILE",
        help: "answer the `?-` queries of FILE (instead of GOAL), each as `run` prints them",
        commands: [.query]),
      OptionSpec(
        name: "depth", short: nil, valueName: "N",
        help: "how many rules deep the why-not search goes (default 12)",
        commands: [.explain, .why]),
      OptionSpec(
        name: "proof", short: nil, valueName: nil,
        help: "print everything: the proof tree, every cause and repair with its gcloud commands "
          + "and rule chain (by default one screen: verdict, cause, fix)",
        commands: [.explain, .why]),
      OptionSpec(
        name: "gateway", short: nil, valueName: "NAME",
        help: "the gateway of a canInvoke goal: full or short name, URL, or its service "
          + "account's email (no quoting needed)",
        commands: [.query, .explain, .why, .collect],
        commandHelp: [.collect: CollectOptions.gatewayHelp]),
      OptionSpec(
        name: "backend", short: nil, valueName: "NAME",
        help: "the backend of a canInvoke goal: full or short name, or URL",
        commands: [.query, .explain, .why]),
      OptionSpec(
        name: "timeout", short: nil, valueName: "S",
        help: "stop evaluation after S seconds (exit 3)", commands: evaluating),
      OptionSpec(
        name: "max-tuples", short: nil, valueName: "N",
        help: "stop evaluation after deriving N tuples (exit 3)", commands: evaluating),
      OptionSpec(
        name: "max-memory", short: nil, valueName: "SIZE",
        help: "stop evaluation when memory exceeds SIZE, such as 4G or 500M (exit 3)",
        commands: evaluating),
      OptionSpec(
        name: "at", short: nil, valueName: "TIME",
        help: "the evaluation time for IAM conditions, RFC 3339 (default: now)",
        commands: modelled),
      OptionSpec(
        name: "model", short: nil, valueName: nil,
        help: "load the built-in Google Cloud model (default for all but run); files under a "
          + "facts/gcp directory are then never loaded from disk",
        commands: programs),
      OptionSpec(
        name: "no-model", short: nil, valueName: nil,
        help: "do not load the built-in Google Cloud model", commands: programs),
      OptionSpec(
        name: "full", short: nil, valueName: nil,
        help: "evaluate the whole program even for a goal with constants (by default only "
          + "what the goal needs is computed, by a magic-set rewrite; --stats says which ran)",
        commands: [.query, .explain, .why]),
      OptionSpec(
        name: "read-all", short: nil, valueName: nil,
        help: "read every file of the folders even for a question about one backend (by "
          + "default only the backend's chain is opened; the output says how many were not)",
        commands: [.query, .explain]),
      OptionSpec(
        name: "assume-no-deny", short: nil, valueName: nil,
        help: "assume no deny policy is attached where none was listed (closes that gap in a "
          + "verdict; the output says it was assumed)",
        commands: modelled),
      OptionSpec(
        name: "keep-going", short: nil, valueName: nil,
        help: "skip a file that cannot be read or parsed, with its error (default when a "
          + "folder is read); the output then says how many files were skipped",
        commands: loading),
      OptionSpec(
        name: "strict", short: nil, valueName: nil,
        help: "stop at the first file that cannot be read or parsed (also: --no-keep-going)",
        commands: loading),
      OptionSpec(
        name: "no-keep-going", short: nil, valueName: nil,
        help: "the same as --strict", commands: loading),
      OptionSpec(
        name: "verbose", short: "v", valueName: nil,
        help: "list each file read, what it was recognised as, and each file skipped (stderr)",
        commands: loading),
      OptionSpec(
        name: "color", short: nil, valueName: "WHEN",
        help: "colour output: auto (default: only on a terminal, without NO_COLOR or "
          + "TERM=dumb), always or never",
        commands: printing + [.collect], choices: ColorChoice.allCases.map(\.rawValue)),
      OptionSpec(
        name: "no-color", short: nil, valueName: nil,
        help: "the same as --color=never", commands: printing + [.collect]),
      OptionSpec(
        name: "help", short: "h", valueName: nil, help: "show this help",
        commands: Subcommand.allCases),
      OptionSpec(
        name: "version", short: "V", valueName: nil,
        help: "print the version and the commit gwlog was built from", commands: []),
    ] + CollectOptions.specs

  /// The option with long name `name`, if any.
  static func named(_ name: String) -> OptionSpec? {
    all.first { $0.name == name }
  }

  /// The option spelled `-letter`, if any.
  static func short(_ letter: Character) -> OptionSpec? {
    all.first { $0.short == letter }
  }

  /// The options `command` reads, in table order (global ones excluded).
  static func options(of command: Subcommand) -> [OptionSpec] {
    all.filter { $0.commands.contains(command) }
  }

  /// The long spellings, for did-you-mean suggestions (a one-letter spelling is one edit
  /// from every other, so only its other case is ever suggested for it).
  static var longSpellings: [String] {
    all.map(\.longSpelling)
  }
}
