import GwlogEngine

/// The process exit codes (docs/language.md#exit-codes).
enum ExitCode {
  /// Success; a query may have no answers.
  static let success: Int32 = 0
  /// An error in the user's input (bad program, bad query, unreadable file).
  static let userError: Int32 = 1
  /// A malformed command line.
  static let usageError: Int32 = 2
  /// A resource limit was hit (`--timeout`, `--max-tuples`).
  static let limitHit: Int32 = 3
  /// A ground question's answer is no: the goal does not hold (`explain`, `why`, `query`).
  static let no: Int32 = 4
  /// A ground question's answer is unknown: it rests on inputs that were not loaded.
  static let unknown: Int32 = 5

  /// The exit code of a verdict (`yes`, `no`, `unknown`) when nothing went wrong.
  static func code(forVerdict verdict: String) -> Int32 {
    switch verdict {
    case "no": return no
    case "unknown": return unknown
    default: return success
    }
  }

  /// The exit code for a command that reported `diagnostics`: a limit beats a usage
  /// error, which beats any other error.
  static func code(for diagnostics: [Diagnostic]) -> Int32 {
    let errors = diagnostics.filter { $0.severity == .error }
    if errors.contains(where: { $0.code == .limit }) { return limitHit }
    if errors.contains(where: { $0.code == .usage }) { return usageError }
    return errors.isEmpty ? success : userError
  }
}

/// Where a command's results and diagnostics go, so that each format gets its contract.
///
/// In text and TSV modes results go to stdout as they are produced and diagnostics to
/// stderr (flushed before results, so warnings come first on a shared terminal). In JSON
/// mode nothing is written until `finish()`, which prints exactly one document on stdout
/// (its members plus `errors` and `warnings`) and nothing on stderr.
final class Reporter {
  /// The output format of the command.
  let format: OutputFormat
  /// The files diagnostics point into; set once a workspace exists.
  var sources = SourceRegistry()
  /// Every diagnostic reported, without duplicates, in the order reported.
  private(set) var diagnostics: [Diagnostic] = []
  private var seen: Set<String> = []
  private var flushedCount = 0
  private var members: [(String, JSONValue)] = []
  private var trailer: String?
  /// Lines for stderr before any diagnostic (`-v`), and after the last one (`N files
  /// skipped`); see Reporter+Inputs.swift.
  var leadingLines: [String] = []
  var closingLines: [String] = []
  /// Text for stdout after the results in text mode (the answer may be incomplete).
  var outputEnding: String?
  private let colorsDiagnostics: Bool
  /// The exit code when no error occurred, for commands whose result sets it (a ground
  /// question's verdict: 4 no, 5 unknown; `gwlog diff`: 4 when a pair was lost); nil for
  /// success.
  var outcome: Int32?

  /// Creates a reporter for `format`; colour applies to text diagnostics on a terminal.
  init(format: OutputFormat, colorsDiagnostics: Bool) {
    self.format = format
    self.colorsDiagnostics = colorsDiagnostics
  }

  /// Whether the command prints one JSON document.
  var isJSON: Bool { format == .json }

  /// Whether any error has been reported.
  var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

  /// Records diagnostics, dropping exact repeats (the engine may both record and throw
  /// the same one).
  func report(_ new: [Diagnostic]) {
    for diagnostic in new {
      let span = diagnostic.span.map { "\($0.file):\($0.start):\($0.end)" } ?? "-"
      let key = [
        diagnostic.code.rawValue, diagnostic.severity.rawValue, diagnostic.message, span,
      ].joined(separator: "\u{1F}")
      if seen.insert(key).inserted { diagnostics.append(diagnostic) }
    }
  }

  /// Records one diagnostic.
  func report(_ diagnostic: Diagnostic) {
    report([diagnostic])
  }

  /// Records what an engine call threw, as diagnostics.
  func report(error: any Error) {
    switch error {
    case let error as DiagnosticError: report(error.diagnostics)
    case let diagnostic as Diagnostic: report(diagnostic)
    default: report(.error(.io, "unexpected failure: \(error)"))
    }
  }

  /// Prints results: to stdout now in text and TSV modes, never in JSON mode.
  ///
  /// Pending diagnostics go to stderr first, unless `diagnosticsFirst` is false (`explain`,
  /// whose first line must come before anything else; they follow in `finish()`).
  func print(_ text: String, diagnosticsFirst: Bool = true) {
    guard !isJSON else { return }
    if diagnosticsFirst { flushDiagnostics() }
    Terminal.writeOutput(text)
  }

  /// Sets a top-level member of the JSON document (ignored in other modes).
  func setMember(_ key: String, _ value: JSONValue) {
    members.removeAll { $0.0 == key }
    members.append((key, value))
  }

  /// Appends `items` to the array member `key` (created when missing), for members that
  /// several loads add to (`skipped`, `inputs` of `gwlog diff`).
  func appendMember(_ key: String, _ items: [JSONValue]) {
    let existing = members.first { $0.0 == key }?.1
    if case .array(let old)? = existing {
      setMember(key, .array(old + items))
    } else {
      setMember(key, .array(items))
    }
  }

  /// Turns the spans of the diagnostics recorded so far into locations (file, line,
  /// column, with the position also in front of the message, as importers write it), so
  /// that they still render once `sources` is another workspace's (`gwlog diff`).
  func detachSpans() {
    let renderer = DiagnosticRenderer(sources: sources)
    diagnostics = diagnostics.map { d in
      guard let (file, line, column) = renderer.position(of: d.span) else { return d }
      var copy = d
      copy.message = "\(file):\(line):\(column): " + d.message
      copy.span = nil
      copy.notes = d.notes.map { note in
        guard let (f, l, c) = renderer.position(of: note.span) else { return note }
        return DiagnosticNote(span: nil, message: "\(f):\(l):\(c): " + note.message)
      }
      return copy.located(DiagnosticLocation(file: file, line: line, column: column))
    }
  }

  /// Text printed to stderr after every diagnostic, as the very last lines (`--stats`).
  func setTrailer(_ text: String) {
    trailer = text
  }

  /// Writes the pending diagnostics to stderr (text and TSV modes).
  func flushDiagnostics() {
    guard !isJSON else { return }
    for line in leadingLines { Terminal.writeError(line + "\n") }
    leadingLines = []
    let renderer = DiagnosticRenderer(sources: sources, useColor: colorsDiagnostics)
    while flushedCount < diagnostics.count {
      Terminal.writeError(renderer.text(diagnostics[flushedCount]))
      flushedCount += 1
    }
  }

  /// Ends the command: writes what is pending and returns the exit code.
  func finish() -> Int32 {
    if isJSON {
      let renderer = DiagnosticRenderer(sources: sources)
      var document = members
      let errors = diagnostics.filter { $0.severity == .error }
      let warnings = diagnostics.filter { $0.severity == .warning }
      document.append(("errors", .array(errors.map(renderer.json))))
      document.append(("warnings", .array(warnings.map(renderer.json))))
      // Every document names the schema it follows (docs/json-schema/gwlog-1.schema.json).
      document.append(("schema", .string(JSONSchemaVersion.current)))
      document.sort { $0.0 < $1.0 }
      Terminal.writeOutput(JSONValue.object(document).pretty + "\n")
    } else {
      if let outputEnding { Terminal.writeOutput(outputEnding) }
      flushDiagnostics()
      for line in closingLines { Terminal.writeError(line + "\n") }
      if let trailer { Terminal.writeError(trailer) }
    }
    let code = ExitCode.code(for: diagnostics)
    return code == ExitCode.success ? outcome ?? code : code
  }
}
