/// The long help of each subcommand: what it does, and examples to copy.
extension Subcommand {
  /// The model paragraph the commands that load it share.
  private static let modelParagraph = """
    The built-in Google Cloud model (rules and predefined roles) is loaded first;
    `--no-model` leaves it out. While it is built in, files under a `facts/gcp`
    directory are never loaded from disk.
    """

  /// The paragraph on reading folders, `-` and bad files, for every command that loads.
  private static let readingParagraph = """
    A PATH is a file, a folder (read recursively) or `-` for standard input. When a
    folder is read, a file that cannot be read or parsed is skipped with its error and
    the output says how many were skipped (`--keep-going`, the default then; `--strict`
    stops at the first bad file instead). `-v` lists every file read, what it was
    recognised as, and those skipped.
    """

  private static let focusParagraph = """
    With the model, a `canInvoke` goal whose backend is a constant (a full or short name)
    opens only that backend's chain in a folder of gcloud output: its files, its project's,
    the folders' above it, and every file whose name names no project, folder or resource;
    the verdict is the same as on a full read. Hints about grants elsewhere come only from
    what was read, and the output says how many files were not opened; `--read-all` opens
    every file (docs/reading.md).
    """

  /// A longer description shown by `gwlog COMMAND --help`.
  var details: String {
    switch self {
    case .query:
      return """
        Loads the PATHs (`./facts` when none is given), evaluates, and prints the answers
        to GOAL, such as `path(1, X)`. A goal without variables prints `true` or `false`;
        with the model, `canInvoke(G, B)` answers `yes`, `no` or `unknown`. With
        `--explain`, each answer (at most `--limit`, default 10) is followed by its proof.

        A goal with constants is answered goal-directed: a magic-set rewrite computes only
        what the goal needs, with the same answers and proofs; `--stats` says what ran and
        `--full` evaluates the whole program.

        \(Self.focusParagraph)

        \(Self.modelParagraph) `--at TIME` sets the time IAM conditions are evaluated at
        (default now), and the output ends with the time used.

        \(Self.readingParagraph)
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

        \(Self.focusParagraph)

        \(Self.modelParagraph) `--at TIME` sets the time IAM conditions are evaluated at
        (default now), and the output ends with the time used.

        \(Self.readingParagraph)
        """
    case .why:
      return """
        Takes the URL of a call that failed (`https://GATEWAY-HOST/PATH`), finds the gateway
        by its default hostname, the API config operation whose path matches, and the
        backend its x-google-backend routes to, and explains that pair as `gwlog explain
        'canInvoke(G, B)'` does. Exits with 0 (yes), 4 (no) or 5 (unknown).

        The built-in Google Cloud model is loaded first; `--at TIME` sets the time IAM
        conditions are evaluated at (default now).

        \(Self.readingParagraph)
        """
    case .audit:
      return """
        Loads a snapshot of gcloud output with the Google Cloud model and lists every
        finding: each broken gateway/backend pair with its causes (`invokeProblem`), every
        configuration an organization policy rejects (`nonCompliant`) and every backend
        anyone may invoke (`publicBackend`), each located at the gcloud file and JSON
        pointer it rests on. `--format sarif` prints a SARIF 2.1.0 log for code scanning.
        The exit code is 0 whatever was found.

        \(Self.readingParagraph)
        """
    case .diff:
      return """
        Loads two snapshots of gcloud output (OLD_DIR and NEW_DIR, each with the Google
        Cloud model) and prints every gateway/backend pair whose verdict (yes, no or
        unknown) changed, with the causes on the side that does not work and the facts
        (file and JSON pointer) that changed it. Exit codes: 0 when no pair was lost, 4
        when a pair that was `yes` in OLD_DIR is not in NEW_DIR (errors keep 1 to 3).

        \(Self.readingParagraph)
        """
    case .check:
      return """
        Parses and analyses the PATHs (`./facts` when none is given) without evaluating.
        Exits with 1 when there is an error.

        \(Self.modelParagraph)

        \(Self.readingParagraph)
        """
    case .run:
      return """
        Evaluates the program in the PATHs. Without `-D` it prints the output relations
        (`.output` ones, else every derived relation) and the answers to the `?-` queries
        in the files. With `-D DIR` it writes one tab-separated `NAME.csv` per relation.
        `--model` adds the built-in Google Cloud model (then files under a `facts/gcp`
        directory are not loaded from disk).

        \(Self.readingParagraph)
        """
    case .import:
      return """
        Reads the gcloud JSON outputs in the PATHs (files, directories searched for
        `.json` / `.ndjson`, or `-` for standard input), recognises each by its shape
        (policies without a resource name by their file name, see the README) and writes
        the model's input facts as gwlog text, sorted, with a comment naming each source
        file: to FILE with `-o`, else to standard output. Loading the written file gives
        the same answers as the JSON.

        \(Self.readingParagraph)
        """
    case .version:
      return """
        Prints `gwlog VERSION` and, when the binary was built from a git checkout, the
        commit it was built from (read at build time; nothing is asked of git at run time).
        `gwlog --version` and `gwlog -V` print the same.
        """
    case .completions:
      return """
        Prints a completion script for the shell named, generated from the option table:
        the commands, each command's options, the formats of `--format` and file names
        for PATHs and option values.
        """
    case .collect: return CollectHelp.details
    case .man:
      return """
        Prints the manual page gwlog(1) in roff, generated from the option table. Read it
        with `gwlog man | man -l -`.
        """
    }
  }

  /// Command lines to copy, each with what it does; run in a checkout of gwlog.
  var examples: [(command: String, effect: String)] {
    switch self {
    case .query:
      return [
        ("gwlog query 'canInvoke(shop-gw, orders-api)' facts/example", "yes, no or unknown"),
        ("gwlog query 'canInvoke(G, B)' facts/example", "every pair that works"),
        ("gwlog query -q queries/broken-routes.dl facts/example", "the queries of a file"),
        ("gwlog query 'path(1, X)' prog.dl --format tsv", "answers as tab-separated rows"),
      ]
    case .explain:
      return [
        ("gwlog explain 'canInvoke(shop-gw, payments-api)' facts/example", "why it fails"),
        (
          "gwlog explain --gateway shop-gw --backend payments-api facts/example --proof",
          "the same pair without quoting, with the proof and every repair"
        ),
        (
          "gwlog explain 'canInvoke(shop-gw, orders-api)' facts/example --format dot > proof.dot",
          "the proof for Graphviz"
        ),
      ]
    case .why:
      return [
        ("gwlog why https://shop-gw-1a2b3c4d.uc.gateway.dev/pay facts/example", "the URL's pair")
      ]
    case .audit:
      return [
        ("gwlog audit facts/example", "every finding, one per line"),
        ("gwlog audit dumps/ --format sarif > gwlog.sarif", "a SARIF log for code scanning"),
      ]
    case .diff:
      return [
        ("gwlog diff snapshots/monday snapshots/tuesday", "what changed, and why"),
        ("gwlog diff main-dumps/ pr-dumps/ --format json", "the same as one JSON document"),
      ]
    case .check:
      return [
        ("gwlog check prog.dl", "syntax, safety and stratification errors"),
        ("gwlog check facts/example -v", "also list each file and what it was read as"),
      ]
    case .run:
      return [
        ("gwlog run prog.dl", "print the output relations"),
        ("gwlog run prog.dl -F input/ -D output/", "Souffle-style TSV in and out"),
        ("gwlog run --model facts/example --only canInvoke", "one relation of the model"),
      ]
    case .import:
      return [
        ("gwlog import facts/example -o example.facts", "gcloud JSON to gwlog facts"),
        (
          "gcloud run services describe orders-api --region=us-central1 --format=json | gwlog import -",
          "from a pipe"
        ),
      ]
    case .version:
      return [("gwlog --version", "gwlog 0.1.0 (commit ...)")]
    case .completions:
      return [
        ("gwlog completions bash > /etc/bash_completion.d/gwlog", "bash"),
        ("gwlog completions zsh > \"${fpath[1]}/_gwlog\"", "zsh"),
        ("gwlog completions fish > ~/.config/fish/completions/gwlog.fish", "fish"),
      ]
    case .man:
      return [("gwlog man | man -l -", "read the manual page")]
    case .collect:
      return [
        (
          "gwlog collect --gateway shop-gw --project gw-prod --location us-central1 -o snap",
          "one gateway's chain into snap/"
        ),
        ("gwlog collect --all-gateways --project gw-prod --dry-run", "the first commands only"),
        ("gwlog collect --organization 1001 -o org", "a whole organization from Cloud Asset"),
        ("gwlog explain --gateway shop-gw --backend orders-api snap", "then ask"),
      ]
    }
  }
}
