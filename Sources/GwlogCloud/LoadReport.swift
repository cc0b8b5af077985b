import GwlogEngine

/// How the files of a load are read (docs/language.md#files-and-how-they-are-read).
public struct LoadSettings: Sendable {
  /// Whether a file that cannot be read or parsed is left out, its errors returned in its
  /// `LoadedFile`, instead of being reported as errors.
  public var keepsGoing: Bool
  /// The bytes of standard input, read by the caller once, for a PATH `-`.
  public var standardInput: [UInt8]?
  /// The backend a question is about: folders of gcloud output are then read only for its
  /// chain (docs/reading.md); nil reads every file.
  public var focus: ReadFocus?

  /// Creates settings; by default a bad file is an error and every file is read.
  public init(keepsGoing: Bool = false, standardInput: [UInt8]? = nil, focus: ReadFocus? = nil) {
    self.keepsGoing = keepsGoing
    self.standardInput = standardInput
    self.focus = focus
  }

  /// The name standard input goes by in messages, proofs and fact origins.
  public static let standardInputName = "<stdin>"
}

/// One file a load read or skipped.
public struct LoadedFile: Sendable {
  /// The path (`<stdin>` for standard input).
  public var path: String
  /// What the file was read as (`gwlog program`, `gwlog facts`, the gcloud output it is);
  /// nil when it was skipped.
  public var kind: String?
  /// The errors it was skipped for; empty when it was read.
  public var errors: [Diagnostic]

  /// Whether the file was left out.
  public var isSkipped: Bool { !errors.isEmpty }

  /// Creates a record of one file.
  public init(path: String, kind: String?, errors: [Diagnostic] = []) {
    self.path = path
    self.kind = kind
    self.errors = errors
  }
}

/// What a load did: the problems to report, and every file read or skipped, in load order.
public struct LoadReport: Sendable {
  /// The importers' problems, other than those of skipped files (the engine's are in the
  /// workspace's diagnostics).
  public var problems: [Diagnostic] = []
  /// Every file, in load order.
  public var files: [LoadedFile] = []
  /// gcloud output files found in the folders that a focused read did not open.
  public var unopened = 0

  /// The files left out.
  public var skipped: [LoadedFile] { files.filter(\.isSkipped) }
}
