/// The subcommands of `gwlog` (docs/language.md#command-line), with the text their help shows.
enum Subcommand: String, CaseIterable, Sendable {
  case query
  case explain
  case why
  case audit
  case diff
  case check
  case run
  case `import`
  case version
  case completions
  case man
  case collect

  /// The synopsis after `gwlog`, for the usage line.
  var synopsis: String {
    switch self {
    case .query: return "query (GOAL | -q FILE) [PATH ...] [options]"
    case .explain: return "explain (GOAL | --gateway G --backend B) [PATH ...] [options]"
    case .why: return "why URL [PATH ...] [options]"
    case .audit: return "audit [PATH ...] [options]"
    case .diff: return "diff OLD_DIR NEW_DIR [options]"
    case .check: return "check [PATH ...] [options]"
    case .run: return "run [PATH ...] [-F DIR] [-D DIR] [options]"
    case .import: return "import PATH ... [-o FILE] [options]"
    case .version: return "version [--format json]"
    case .completions: return "completions (bash | zsh | fish)"
    case .man: return "man"
    case .collect: return CollectHelp.synopsis
    }
  }

  /// One line saying what the subcommand does.
  var summary: String {
    switch self {
    case .query: return "answer a goal as a table, one column per variable"
    case .explain: return "say whether a goal holds, why, and the fix (gcloud commands)"
    case .why: return "explain the call a gateway URL makes: gateway, route and backend"
    case .audit: return "list broken routes, non-compliant resources and public backends"
    case .diff: return "compare the verdicts of two snapshots (a gate for CI)"
    case .check: return "parse and analyse only: print errors and warnings"
    case .run: return "evaluate a program and print or write its relations"
    case .import: return "turn gcloud JSON output into readable gwlog facts"
    case .version: return "print the version and the commit it was built from"
    case .completions: return "print a shell completion script for bash, zsh or fish"
    case .man: return "print the manual page (roff)"
    case .collect: return CollectHelp.summary
    }
  }

  /// The formats `--format` accepts for the subcommand, the default first; empty when the
  /// subcommand has no `--format` (its output is a script or a page).
  var formats: [OutputFormat] {
    switch self {
    case .query, .run: return [.text, .json, .tsv]
    case .explain, .why: return [.text, .json, .dot]
    case .audit: return [.text, .json, .sarif]
    case .diff, .check, .import, .version: return [.text, .json]
    case .completions, .man, .collect: return []
    }
  }

  /// Whether the first positional argument is the goal.
  var takesGoal: Bool {
    self == .query || self == .explain
  }

  /// Whether the command explains one goal (`explain`, and `why` for the goal it builds).
  var explains: Bool {
    self == .explain || self == .why
  }

  /// Whether `./facts` is loaded when no PATH is given.
  var loadsDefaultFacts: Bool {
    self == .query || self == .explain || self == .why || self == .check || self == .audit
  }

  /// Whether the subcommand reads PATHs (files, folders or `-`).
  var readsPaths: Bool {
    switch self {
    case .query, .explain, .why, .audit, .diff, .check, .run, .import: return true
    case .version, .completions, .man, .collect: return false
    }
  }

  /// Whether the subcommand evaluates a program (and so reads the evaluation options).
  var evaluates: Bool {
    switch self {
    case .query, .explain, .why, .audit, .diff, .run: return true
    case .check, .import, .version, .completions, .man, .collect: return false
    }
  }
}
