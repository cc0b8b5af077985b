/// One option `gwlog` understands: its spellings, whether it takes a value, its help line
/// and the subcommands it applies to.
struct OptionSpec: Sendable {
  /// The long name without the leading `--` (`format`).
  let name: String
  /// The one-letter spelling without `-` (`F` for `-F`), if any.
  let short: Character?
  /// The placeholder of the value (`DIR`); nil for a flag.
  let valueName: String?
  /// One line for `--help`.
  let help: String
  /// The subcommands that accept the option.
  let commands: [Subcommand]

  /// Whether the option takes a value (`--format json`).
  var takesValue: Bool { valueName != nil }

  /// The long spelling, `--name`.
  var longSpelling: String { "--" + name }

  /// The spelling used in help: `-F, --facts DIR`.
  var helpSpelling: String {
    var text = short.map { "-\($0), " } ?? "    "
    text += longSpelling
    if let valueName { text += " " + valueName }
    return text
  }
}

extension OptionSpec {
  /// Every subcommand, for the common options.
  private static let everyCommand = Subcommand.allCases.filter { $0 != .collect }

  /// The option table, in the order help lists it.
  static let all: [OptionSpec] = [
    OptionSpec(
      name: "format", short: nil, valueName: "FORMAT",
      help: "output format: text (default), json, tsv, or dot (explain only)",
      commands: everyCommand),
    OptionSpec(
      name: "facts", short: "F", valueName: "DIR",
      help: "load every NAME.facts / NAME.tsv in DIR as rows of relation NAME",
      commands: everyCommand),
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
      help: "worker threads for evaluation (default: the number of cores)",
      commands: everyCommand),
    OptionSpec(
      name: "stats", short: nil, valueName: nil,
      help: "print per-stratum and per-rule timings and tuple counts", commands: everyCommand),
    OptionSpec(
      name: "limit", short: nil, valueName: "N",
      help: "print at most N answers (query) or N rows per relation (run)",
      commands: everyCommand),
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
      help: "how many rules deep the why-not search goes (default 12)", commands: [.explain]),
    OptionSpec(
      name: "timeout", short: nil, valueName: "S",
      help: "stop evaluation after S seconds (exit 3)", commands: everyCommand),
    OptionSpec(
      name: "max-tuples", short: nil, valueName: "N",
      help: "stop evaluation after deriving N tuples (exit 3)", commands: everyCommand),
    OptionSpec(
      name: "at", short: nil, valueName: "TIME",
      help: "the evaluation time for IAM conditions, RFC 3339 (default: now)",
      commands: everyCommand),
    OptionSpec(
      name: "model", short: nil, valueName: nil,
      help: "load the built-in Google Cloud model (default for all but run); files under a "
        + "facts/gcp directory are then never loaded from disk",
      commands: everyCommand),
    OptionSpec(
      name: "no-model", short: nil, valueName: nil,
      help: "do not load the built-in Google Cloud model", commands: everyCommand),
    OptionSpec(
      name: "full", short: nil, valueName: nil,
      help: "evaluate the whole program even for a goal with constants (by default only "
        + "what the goal needs is computed, by a magic-set rewrite; --stats says which ran)",
      commands: [.query, .explain]),
    OptionSpec(
      name: "assume-no-deny", short: nil, valueName: nil,
      help: "assume no deny policy is attached where none was listed (closes that gap in a "
        + "verdict; the output says it was assumed)",
      commands: [.query, .explain, .run]),
    OptionSpec(
      name: "no-color", short: nil, valueName: nil,
      help: "never colour output or diagnostics (also: NO_COLOR in the environment)",
      commands: everyCommand + [.collect]),
    OptionSpec(
      name: "help", short: "h", valueName: nil, help: "show this help",
      commands: everyCommand + [.collect]),
  ] + CollectOptions.specs

  /// The option with long name `name`, if any.
  static func named(_ name: String) -> OptionSpec? {
    all.first { $0.name == name }
  }

  /// The option spelled `-letter`, if any.
  static func short(_ letter: Character) -> OptionSpec? {
    all.first { $0.short == letter }
  }

  /// Every spelling (`--format`, `-F`, …), for did-you-mean suggestions.
  static var allSpellings: [String] {
    all.map(\.longSpelling) + all.compactMap { spec in spec.short.map { "-\($0)" } }
  }
}
