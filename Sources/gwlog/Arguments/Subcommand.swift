/// The subcommands of `gwlog` (docs/language.md#command-line), with the text their help shows.
enum Subcommand: String, CaseIterable, Sendable {
  case query
  case explain
  case check
  case run
  case `import`
  case collect

  /// The synopsis after `gwlog`, for the usage line.
  var synopsis: String {
    switch self {
    case .query: return "query (GOAL | -q FILE) [PATH ...] [options]"
    case .explain: return "explain GOAL [PATH ...] [options]"
    case .check: return "check [PATH ...] [options]"
    case .run: return "run [PATH ...] [-F DIR] [-D DIR] [options]"
    case .import: return "import PATH ... [-o FILE] [options]"
    case .collect: return CollectHelp.synopsis
    }
  }

  /// One line saying what the subcommand does.
  var summary: String {
    switch self {
    case .query: return "answer a goal as a table, one column per variable"
    case .explain: return "print the proof of a goal, or why it does not hold"
    case .check: return "parse and analyse only: print errors and warnings"
    case .run: return "evaluate a program and print or write its relations"
    case .import: return "turn gcloud JSON output into readable gwlog facts"
    case .collect: return CollectHelp.summary
    }
  }

  /// A longer description shown by `gwlog COMMAND --help`.
  var details: String {
    switch self {
    case .query:
      return """
        Loads the PATHs (files or directories; `./facts` when none is given), evaluates,
        and prints the answers to GOAL, such as `path(1, X)`. A goal without variables
        prints `true` or `false`. With `--explain`, each answer (at most `--limit`, default
        10) is followed by its proof. The exit code is 0 whether or not there are answers.

        A goal with constants is answered goal-directed: a magic-set rewrite computes only
        what the goal needs, with the same answers and proofs; `--stats` says what ran and
        `--full` evaluates the whole program.

        The built-in Google Cloud model (rules and predefined roles) is loaded first;
        `--no-model` leaves it out. While it is built in, files under a `facts/gcp`
        directory are never loaded from disk. `--at TIME` sets the time IAM conditions are
        evaluated at (default now), and the output ends with the time used.
        """
    case .explain:
      return """
        Loads the PATHs (`./facts` when none is given), evaluates, and prints a
        minimal-height proof of GOAL when it holds, or why it does not: every single-fact
        repair within `--depth` rules, best first. `--format` takes text (a tree), json or
        dot (Graphviz). The exit code is 0 whether or not GOAL holds.

        A goal with constants is explained goal-directed: a magic-set rewrite computes only
        what the proof or the why-not reads, with the same output; `--stats` says what ran
        and `--full` evaluates the whole program.

        The built-in Google Cloud model (rules and predefined roles) is loaded first;
        `--no-model` leaves it out. While it is built in, files under a `facts/gcp`
        directory are never loaded from disk. `--at TIME` sets the time IAM conditions are
        evaluated at (default now), and the output ends with the time used.
        """
    case .check:
      return """
        Parses and analyses the PATHs (`./facts` when none is given) without evaluating.
        Exits with 1 when there is an error.

        The built-in Google Cloud model (rules and predefined roles) is loaded first;
        `--no-model` leaves it out. While it is built in, files under a `facts/gcp`
        directory are never loaded from disk. `--at TIME` sets the time IAM conditions are
        evaluated at (default now), and the output ends with the time used.
        """
    case .run:
      return """
        Evaluates the program in the PATHs. Without `-D` it prints the output relations
        (`.output` ones, else every derived relation) and the answers to the `?-` queries
        in the files. With `-D DIR` it writes one tab-separated `NAME.csv` per relation.
        `--model` adds the built-in Google Cloud model (then files under a `facts/gcp`
        directory are not loaded from disk).
        """
    case .import:
      return """
        Reads the gcloud JSON outputs in the PATHs (files, or directories searched for
        `.json` / `.ndjson`), recognises each by its shape (policies without a resource
        name by their file name, see the README) and writes the model's input facts as
        gwlog text, sorted, with a comment naming each source file: to FILE with `-o`, else
        to standard output. Loading the written file gives the same answers as the JSON.
        """
    case .collect: return CollectHelp.details
    }
  }

  /// Whether the first positional argument is the goal.
  var takesGoal: Bool {
    self == .query || self == .explain
  }

  /// Whether `./facts` is loaded when no PATH is given.
  var loadsDefaultFacts: Bool {
    self != .run && self != .import && self != .collect
  }
}
