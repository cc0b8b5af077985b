/// Stable diagnostic codes (docs/language.md#diagnostic-codes); users and scripts see raw values.
public enum DiagnosticCode: String, Sendable, Hashable, CaseIterable {
  case syntax
  case arityMismatch = "arity-mismatch"
  case typeMismatch = "type-mismatch"
  case unsafeVariable = "unsafe-variable"
  case negationCycle = "negation-cycle"
  case unknownRelation = "unknown-relation"
  case badFact = "bad-fact"
  case badJSON = "bad-json"
  case arithmetic
  case io
  case usage
  case limit
  case singletonVariable = "singleton-variable"
  case redeclared
  /// A goal constant that is an alias of two or more canonical names.
  case ambiguousName = "ambiguous-name"
  /// A goal constant that occurs in nothing loaded (when the host asks for the check).
  case unknownName = "unknown-name"
  /// A bug in gwlog found at run time (for example a rule the planner cannot order),
  /// reported instead of a crash.
  case internalError = "internal"
}

/// Whether a diagnostic stops the command.
public enum Severity: String, Sendable {
  case error, warning
}

/// A secondary location with a short explanation (for example one edge of a negation cycle).
public struct DiagnosticNote: Sendable {
  /// Where the note points, if anywhere.
  public var span: SourceSpan?
  /// One lowercase sentence.
  public var message: String

  /// Creates a note.
  public init(span: SourceSpan?, message: String) {
    self.span = span
    self.message = message
  }
}

/// Where a problem is when no span points at it: a file a host read itself (such as gcloud
/// JSON), with the line, column and JSON pointer when known.
public struct DiagnosticLocation: Sendable, Hashable {
  /// The file's path as given.
  public var file: String
  /// 1-based line, when known.
  public var line: Int?
  /// 1-based column, when known.
  public var column: Int?
  /// The JSON pointer of the value at fault (`""` for the whole document), when known.
  public var pointer: String?

  /// Creates a location.
  public init(file: String, line: Int? = nil, column: Int? = nil, pointer: String? = nil) {
    self.file = file
    self.line = line
    self.column = column
    self.pointer = pointer
  }
}

/// A problem found in user input: a stable code, a position, one-sentence message, notes and
/// an optional fix suggestion.
///
/// It is a value (never a trap) and renders as text or JSON.
public struct Diagnostic: Error, Sendable {
  /// The stable code.
  public var code: DiagnosticCode
  /// Error or warning.
  public var severity: Severity
  /// One lowercase sentence, user input in backticks, no final period.
  public var message: String
  /// The primary location, when there is one.
  public var span: SourceSpan?
  /// Secondary locations and detail.
  public var notes: [DiagnosticNote]
  /// A suggested fix.
  public var help: String?
  /// Where the problem is when `span` is nil (a file the host read, not a loaded source).
  public var location: DiagnosticLocation?

  /// Creates a diagnostic.
  public init(
    _ code: DiagnosticCode, _ severity: Severity = .error, message: String,
    span: SourceSpan? = nil, notes: [DiagnosticNote] = [], help: String? = nil
  ) {
    self.code = code
    self.severity = severity
    self.message = message
    self.span = span
    self.notes = notes
    self.help = help
  }

  /// The same diagnostic located at `location`.
  public func located(_ location: DiagnosticLocation) -> Diagnostic {
    var copy = self
    copy.location = location
    return copy
  }

  /// Shorthand for an error.
  public static func error(
    _ code: DiagnosticCode, _ message: String, at span: SourceSpan? = nil,
    notes: [DiagnosticNote] = [], help: String? = nil
  ) -> Diagnostic {
    Diagnostic(code, .error, message: message, span: span, notes: notes, help: help)
  }

  /// Shorthand for a warning.
  public static func warning(
    _ code: DiagnosticCode, _ message: String, at span: SourceSpan? = nil,
    notes: [DiagnosticNote] = [], help: String? = nil
  ) -> Diagnostic {
    Diagnostic(code, .warning, message: message, span: span, notes: notes, help: help)
  }
}

/// A failure carrying one or more diagnostics (the usual way phases report errors).
public struct DiagnosticError: Error, Sendable {
  /// The diagnostics, errors first in source order.
  public var diagnostics: [Diagnostic]

  /// Wraps diagnostics.
  public init(_ diagnostics: [Diagnostic]) {
    self.diagnostics = diagnostics
  }
}
