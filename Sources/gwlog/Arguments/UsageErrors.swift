import GwlogEngine

/// Every command-line error message, in one place (Cedar's message rules: one lowercase
/// sentence, user input in backticks, no final period; detail goes in `help`).
enum UsageErrors {
  /// An option nobody defines, with a did-you-mean when one is close: for a long spelling
  /// the closest long one, for a one-letter spelling only the same letter in the other case
  /// (`-f` for `-F`), since any two letters are one edit apart.
  static func unknownOption(_ spelling: String) -> Diagnostic {
    let suggestion: String?
    if spelling.hasPrefix("--") {
      suggestion = Suggestions.closest(to: spelling, among: OptionSpec.longSpellings)
    } else if let letter = spelling.dropFirst().first, OptionSpec.short(letter) != nil {
      suggestion = "-\(letter)"  // `-vv`, `-hx`: short options do not combine
    } else if let letter = spelling.dropFirst().first {
      let flipped = letter.isUppercase ? letter.lowercased() : letter.uppercased()
      suggestion = OptionSpec.all.compactMap(\.short).first { String($0) == flipped }
        .map { "-\($0)" }
    } else {
      suggestion = nil
    }
    return .error(
      .usage, "unknown option `\(spelling)`",
      help: suggestion.map { "did you mean `\($0)`?" }
        ?? "run `gwlog --help` to list the commands and their options")
  }

  /// A subcommand nobody defines, with a did-you-mean when one is close.
  static func unknownCommand(_ word: String) -> Diagnostic {
    let names = Subcommand.allCases.map(\.rawValue)
    // Command names are few and far apart, so two edits (a swapped pair of letters, as in
    // `qurey`) still make a safe suggestion where the generic threshold allows only one.
    let target = Array(word.lowercased().utf8)
    let suggestion = names.min { a, b in
      Suggestions.editDistance(target, Array(a.utf8))
        < Suggestions.editDistance(target, Array(b.utf8))
    }.flatMap { Suggestions.editDistance(target, Array($0.utf8)) <= 2 ? $0 : nil }
    return .error(
      .usage, "unknown command `\(word)`",
      help: suggestion.map { "did you mean `\($0)`?" }
        ?? "the commands are " + names.map { "`\($0)`" }.joined(separator: ", "))
  }

  /// `gwlog` with no subcommand.
  static let missingCommand = Diagnostic.error(
    .usage, "missing command", help: "run `gwlog --help` to list the commands")

  /// An option that needs a value came last or before another option.
  static func missingValue(_ spec: OptionSpec, spelling: String) -> Diagnostic {
    .error(
      .usage, "option `\(spelling)` needs a value",
      help: "write `\(spelling) \(spec.valueName ?? "VALUE")`")
  }

  /// A flag written with `=value`.
  static func unexpectedValue(_ spelling: String) -> Diagnostic {
    .error(.usage, "option `\(spelling)` does not take a value")
  }

  /// An option used with a subcommand it does not apply to.
  static func notApplicable(_ spelling: String, to command: Subcommand) -> Diagnostic {
    .error(
      .usage, "option `\(spelling)` does not apply to `gwlog \(command.rawValue)`",
      help: "run `gwlog \(command.rawValue) --help` to list its options")
  }

  /// A value that does not fit its option.
  static func invalidValue(_ value: String, for spec: OptionSpec, expected: String) -> Diagnostic {
    .error(
      .usage, "invalid value `\(value)` for `\(spec.longSpelling)`", help: "expected \(expected)")
  }

  /// `--format X` with an unknown X.
  static func unknownFormat(_ value: String) -> Diagnostic {
    let names = OutputFormat.allCases.map(\.rawValue)
    let suggestion = Suggestions.closest(to: value, among: names)
    return .error(
      .usage, "unknown format `\(value)`",
      help: suggestion.map { "did you mean `\($0)`?" }
        ?? "use one of " + names.map { "`\($0)`" }.joined(separator: ", "))
  }

  /// A format the subcommand cannot produce.
  static func unsupportedFormat(_ format: OutputFormat, for command: Subcommand) -> Diagnostic {
    let names = command.formats.map { "`\($0.rawValue)`" }
    let list =
      names.count > 1
      ? names.dropLast().joined(separator: ", ") + " or " + (names.last ?? "")
      : names.joined()
    return .error(
      .usage, "`gwlog \(command.rawValue)` cannot print format `\(format.rawValue)`",
      help: "use \(list)")
  }

  /// A `--color` value other than `auto`, `always` and `never`.
  static func unknownColorChoice(_ value: String) -> Diagnostic {
    .error(
      .usage, "invalid value `\(value)` for `--color`",
      help: "use `auto`, `always` or `never`")
  }

  /// A positional argument a subcommand does not take.
  static func unexpectedArgument(_ word: String, for command: Subcommand) -> Diagnostic {
    .error(
      .usage, "`gwlog \(command.rawValue)` takes no argument `\(word)`",
      help: "the usage is `gwlog \(command.synopsis)`")
  }

  /// `gwlog completions` without a known shell.
  static func unknownShell(_ word: String?) -> Diagnostic {
    let names = CompletionShell.allCases.map { "`\($0.rawValue)`" }.joined(separator: ", ")
    guard let word else {
      return .error(.usage, "`gwlog completions` needs a shell", help: "name one of \(names)")
    }
    return .error(.usage, "unknown shell `\(word)`", help: "name one of \(names)")
  }

  /// `gwlog diff` without exactly two folders.
  static func diffNeedsTwoPaths(_ count: Int) -> Diagnostic {
    .error(
      .usage, "`gwlog diff` compares two snapshots but was given \(count)",
      help: "for example `gwlog diff snapshots/old snapshots/new`")
  }

  /// `--explain` with `--format tsv`, which has no room for proof trees.
  static let explainNeedsTree = Diagnostic.error(
    .usage, "`--explain` cannot be combined with `--format tsv`",
    help: "use `--format text` or `--format json` to see proofs")

  /// `why` without a URL.
  static let missingURL = Diagnostic.error(
    .usage, "`gwlog why` needs the URL that was refused",
    help: "for example `gwlog why https://shop-gw-1a2b3c4d.uc.gateway.dev/pay facts/example`")

  /// `--gateway` / `--backend` with `-q`, which has no goal to build.
  static let pairWithQueryFile = Diagnostic.error(
    .usage, "`--gateway` and `--backend` cannot be combined with `--query-file`",
    help: "they build the goal `canInvoke(G, B)`; drop `-q` or write the goal in the file")

  /// `why`, `--gateway` or `--backend` with `--no-model`: routes and pairs are the model's.
  static let pairNeedsModel = Diagnostic.error(
    .usage, "`gwlog why`, `--gateway` and `--backend` need the Google Cloud model",
    help: "drop `--no-model`")

  /// `query`/`explain` without a goal.
  static func missingGoal(_ command: Subcommand) -> Diagnostic {
    .error(
      .usage, "`gwlog \(command.rawValue)` needs a goal",
      help: "for example `gwlog \(command.rawValue) 'path(1, X)' program.dl`")
  }
}
