import Foundation
import GwlogCloud
import GwlogEngine

/// The output formats of `--format`.
enum OutputFormat: String, CaseIterable, Sendable {
  case text
  case json
  case tsv
  case dot
  case sarif
}

/// The validated options of one subcommand: everything the commands read, with defaults.
struct Options: Sendable {
  /// The subcommand these options belong to.
  var command: Subcommand
  /// `--format`.
  var format: OutputFormat = .text
  /// `--threads`; defaults to the number of active cores.
  var threads: Int = max(1, ProcessInfo.processInfo.activeProcessorCount)
  /// `--stats`.
  var showsStatistics = false
  /// `--limit`: the most answers (query) or rows per relation (run) printed.
  var limit: Int?
  /// `--timeout`, in seconds.
  var timeoutSeconds: Double?
  /// `--max-tuples`.
  var maximumTuples: Int?
  /// `--max-memory`, in bytes.
  var maximumMemoryBytes: Int?
  /// `--at`: the evaluation time of IAM conditions in seconds since 1970 UTC; nil = now.
  var evaluationTime: Int64?
  /// `--model` / `--no-model`; nil means the subcommand's default.
  var usesModel: Bool?
  /// `-q` / `--query-file`: answer the `?-` queries of this file instead of a GOAL.
  var queryFile: String?

  /// Whether the built-in Google Cloud model is loaded: by default for all but `run`.
  var loadsModel: Bool { usesModel ?? (command != .run) }
  /// `--color` (`--no-color` is `never`).
  var color = ColorChoice.auto
  /// `--keep-going` (true) or `--strict` / `--no-keep-going` (false); nil: keep going when
  /// a folder is read.
  var keepsGoing: Bool?
  /// `-v` / `--verbose`: list the files read and skipped.
  var isVerbose = false
  /// The shell `gwlog completions` writes for.
  var shell: CompletionShell?
  /// `--only`, split at commas; nil when not given.
  var onlyRelations: [String]?
  /// `-F` / `--facts`.
  var factsDirectory: String?
  /// `-D` / `--output`.
  var outputDirectory: String?
  /// `-o FILE` of `import`.
  var importOutput: String?
  /// `--depth`: the why-not search bound of `explain`.
  var depth = 12
  /// `--full`: never evaluate goal-directed.
  var evaluatesInFull = false
  /// `--read-all`: open every file of the folders, even for a question about one backend.
  var readsAll = false
  /// Gaps in the snapshot the user closes explicitly (`--assume-no-deny`).
  var assumptions: [ModelAssumption] = []
  /// `--proof`: `explain` prints everything, not one screen.
  var showsEverything = false
  /// `--gateway`: the gateway of a `canInvoke` goal, as the user wrote it.
  var gateway: String?
  /// `--backend`: the backend of a `canInvoke` goal, as the user wrote it.
  var backend: String?
  /// The request URL of `why`.
  var requestURL: String?
  /// `--explain`: print a proof under each answer of `query`.
  var explainsAnswers = false
  /// The goal of `query` / `explain`.
  var goal: String?
  /// The PATHs to load.
  var paths: [String] = []

  /// Whether results on standard output are coloured (`--color`, a terminal, the
  /// environment).
  var colorsOutput: Bool { format == .text && Terminal.colorsOutput(color) }

  /// The engine options these flags ask for.
  var evaluationOptions: EvaluationOptions {
    var options = EvaluationOptions()
    options.threads = threads
    options.collectStatistics = showsStatistics
    if let maximumTuples { options.maximumTuples = maximumTuples }
    if let timeoutSeconds { options.timeoutSeconds = timeoutSeconds }
    if let maximumMemoryBytes { options.maximumMemoryBytes = maximumMemoryBytes }
    // `explain` prints nothing, not even progress, before its first line.
    if format == .text && Terminal.isErrorTerminal && !command.explains {
      options.progress = { status in Terminal.writeError("\r\u{1B}[2K" + status) }
    }
    return options
  }

  /// Validates the split command line for `command`; the usage errors found, if any, are
  /// appended to `errors` and the offending options keep their defaults.
  init(command: Subcommand, arguments: SplitArguments, errors: inout [Diagnostic]) {
    self.command = command
    for option in arguments.options {
      guard option.spec.commands.contains(command) else {
        errors.append(UsageErrors.notApplicable(option.spelling, to: command))
        continue
      }
      if let error = apply(option) { errors.append(error) }
    }
    var positionals = arguments.positionals.dropFirst()
    let namesPair = gateway != nil || backend != nil
    if command == .why && !namesPair {
      if let url = positionals.popFirst() {
        requestURL = url
      } else {
        errors.append(UsageErrors.missingURL)
      }
    } else if command.takesGoal && queryFile == nil && !namesPair {
      if let goal = positionals.popFirst() {
        self.goal = goal
      } else {
        errors.append(UsageErrors.missingGoal(command))
      }
    }
    if namesPair && queryFile != nil { errors.append(UsageErrors.pairWithQueryFile) }
    if (command == .why || namesPair) && !loadsModel { errors.append(UsageErrors.pairNeedsModel) }
    switch command {
    case .completions:
      let word = positionals.popFirst()
      shell = word.flatMap(CompletionShell.init(rawValue:))
      if shell == nil { errors.append(UsageErrors.unknownShell(word)) }
    case .diff where positionals.count != 2:
      errors.append(UsageErrors.diffNeedsTwoPaths(positionals.count))
    default: break
    }
    if !command.readsPaths, let extra = positionals.first {
      errors.append(UsageErrors.unexpectedArgument(extra, for: command))
    }
    paths = Array(positionals)
    if explainsAnswers && limit == nil { limit = 10 }
    if !command.formats.contains(format) && !command.formats.isEmpty {
      errors.append(UsageErrors.unsupportedFormat(format, for: command))
    }
    if format == .tsv && explainsAnswers {
      errors.append(UsageErrors.explainNeedsTree)
    }
  }

  /// Stores one option's value; returns the usage error when the value does not fit.
  private mutating func apply(_ option: ParsedOption) -> Diagnostic? {
    let spec = option.spec
    let value = option.value ?? ""
    switch spec.name {
    case "format":
      guard let format = OutputFormat(rawValue: value) else {
        return UsageErrors.unknownFormat(value)
      }
      self.format = format
    case "facts": factsDirectory = value
    case "output": outputDirectory = value
    case "out": importOutput = value
    case "only":
      let names = value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
      onlyRelations = (onlyRelations ?? []) + names.filter { !$0.isEmpty }
    case "threads":
      guard let n = Int(value), n >= 1, n <= 4096 else {
        return UsageErrors.invalidValue(value, for: spec, expected: "a whole number from 1")
      }
      threads = n
    case "limit":
      guard let n = Int(value), n >= 0 else {
        return UsageErrors.invalidValue(value, for: spec, expected: "a whole number from 0")
      }
      limit = n
    case "depth":
      guard let n = Int(value), n >= 1, n <= 1000 else {
        return UsageErrors.invalidValue(value, for: spec, expected: "a whole number from 1 to 1000")
      }
      depth = n
    case "explain": explainsAnswers = true
    case "proof": showsEverything = true
    case "gateway": gateway = value
    case "backend": backend = value
    case "max-tuples":
      guard let n = Int(value), n >= 1 else {
        return UsageErrors.invalidValue(value, for: spec, expected: "a whole number from 1")
      }
      maximumTuples = n
    case "timeout":
      guard let seconds = Double(value), seconds.isFinite, seconds > 0 else {
        return UsageErrors.invalidValue(value, for: spec, expected: "a positive number of seconds")
      }
      timeoutSeconds = seconds
    case "max-memory":
      guard let bytes = EvaluationOptions.memorySize(value) else {
        return UsageErrors.invalidValue(
          value, for: spec, expected: "a size such as `4G`, `500M` or `65536`")
      }
      maximumMemoryBytes = bytes
    case "at":
      guard let seconds = RFC3339.seconds(from: value) else {
        return UsageErrors.invalidValue(
          value, for: spec, expected: "an RFC 3339 time such as `2026-01-31T00:00:00Z`")
      }
      evaluationTime = seconds
    case "query-file": queryFile = value
    case "stats": showsStatistics = true
    case "model": usesModel = true
    case "no-model": usesModel = false
    case "color":
      guard let choice = ColorChoice(rawValue: value) else {
        return UsageErrors.unknownColorChoice(value)
      }
      color = choice
    case "no-color": color = .never
    case "keep-going": keepsGoing = true
    case "strict", "no-keep-going": keepsGoing = false
    case "verbose": isVerbose = true
    case "full": evaluatesInFull = true
    case "read-all": readsAll = true
    case "assume-no-deny": assumptions.append(.noDenyPolicies)
    default: break  // `--help` and `--version` are handled before validation.
    }
    return nil
  }
}
