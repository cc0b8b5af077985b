/// The subcommands of `gwlog` (docs/language.md#command-line), with the text their help shows.
enum Subcommand: String, CaseIterable, Sendable {
  case query
  case explain
  case why
  case check
  case run
  case `import`

  /// The synopsis after `gwlog`, for the usage line.
  var synopsis: String {
    switch self {
    case .query: return "query (GOAL | -q FILE) [PATH ...] [options]"
    case .explain: return "explain (GOAL | --gateway G --backend B) [PATH ...] [options]"
    case .why: return "why URL [PATH ...] [options]"
    case .check: return "check [PATH ...] [options]"
    case .run: return "run [PATH ...] [-F DIR] [-D DIR] [options]"
    case .import: return "import PATH ... [-o FILE] [options]"
    }
  }

  /// One line saying what the subcommand does.
  var summary: String {
    switch self {
    case .query: return "answer a goal as a table, one column per variable"
    case .explain: return "say whether a goal holds, why, and the fix (gcloud commands)"
    case .why: return "explain the call a gateway URL makes: gateway, route and backend"
    case .check: return "parse and analyse only: print errors and warnings"
    case .run: return "evaluate a program and print or write its relations"
    case .import: return "turn gcloud JSON output into readable gwlog facts"
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
        Loads the PATHs (`./facts` when none is given), evaluates, and says whether GOAL
        holds: first the verdict (yes, no or unknown), then for `canInvoke(G, B)` the failing
        layer and its cause, the recommended fix as gcloud commands with every flag filled
        in, and a few alternatives, in one screen of 100 columns. `--proof` adds the
        minimal-height proof tree, or every single-fact repair within `--depth` rules with
        its rule chain; `--limit N` shows at most N repairs. `--gateway` and `--backend`
        name the pair instead of GOAL. `--format` takes text, json or dot (Graphviz). A
        goal without variables exits with 0 (yes), 4 (no) or 5 (unknown).

        A goal with constants is explained goal-directed: a magic-set rewrite computes only
        what the proof or the why-not reads, with the same output; `--stats` says what ran
        and `--full` evaluates the whole program.

        The built-in Google Cloud model (rules and predefined roles) is loaded first;
        `--no-model` leaves it out. While it is built in, files under a `facts/gcp`
        directory are never loaded from disk. `--at TIME` sets the time IAM conditions are
        evaluated at (default now), and the output ends with the time used.
        """
    case .why:
      return """
        Takes the URL of a call that failed (`https://GATEWAY-HOST/PATH`), finds the gateway
        by its default hostname, the API config operation whose path matches, and the
        backend its x-google-backend routes to, and explains that pair as `gwlog explain
        'canInvoke(G, B)'` does. Exits with 0 (yes), 4 (no) or 5 (unknown).

        The built-in Google Cloud model is loaded first; `--at TIME` sets the time IAM
        conditions are evaluated at (default now).
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
    self != .run && self != .import
  }
}
