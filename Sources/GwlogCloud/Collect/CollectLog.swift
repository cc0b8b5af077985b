import GwlogEngine

/// What one read makes known, in the terms of the model's missing inputs: the kinds of
/// `gcloudFetch` (docs/google-cloud-model.md#verdicts) plus `backend` (a route's address)
/// and `describe` (anything else), and the canonical name it is about.
public struct CollectInput: Sendable, Hashable {
  /// `deny-listing`, `deny-policy`, `allow-policy`, `group`, `service-account`, `tags`,
  /// `ancestors`, `backend`, `org-policy` or `describe`.
  public var kind: String
  /// The node, resource, group (`group:EMAIL`), account (`serviceAccount:EMAIL`) or address.
  public var target: String

  /// Creates an input.
  public init(kind: String, target: String) {
    self.kind = kind
    self.target = target
  }
}

/// One line of the collection log (`gwlog-collect.jsonl`, docs/collect.md#the-log): a gcloud
/// command, its exit status, the file it wrote (or would have written) and why it failed.
public struct CollectLogEntry: Sendable {
  /// The arguments after `gcloud`; empty for an address no command could be chosen for.
  public var arguments: [String]
  /// The exit status; nil when no command ran.
  public var status: Int32?
  /// The output file in the folder: written when the command succeeded, the name it would
  /// have had otherwise.
  public var output: String?
  /// Whether `output` was written.
  public var written: Bool
  /// What the command reads, when a failure leaves the model an input unknown.
  public var reads: CollectInput?
  /// Why it failed.
  public var failure: GcloudFailure?
  /// How the command was chosen, when that is worth saying (an address matched by a
  /// listing of a `--backend-project`).
  public var note: String?
  /// The route addresses that led to this command (a backend's describe): a failure leaves
  /// each of them unknown.
  public var addresses: [String] = []
  /// Wall time in milliseconds.
  public var milliseconds: Int64

  /// Creates an entry.
  public init(
    arguments: [String], status: Int32?, output: String?, written: Bool, reads: CollectInput?,
    failure: GcloudFailure?, note: String? = nil, milliseconds: Int64 = 0
  ) {
    self.arguments = arguments
    self.status = status
    self.output = output
    self.written = written
    self.reads = reads
    self.failure = failure
    self.note = note
    self.milliseconds = milliseconds
  }

  /// The command as one shell-quoted line (`gcloud iam policies list …`).
  public var commandLine: String {
    (["gcloud"] + arguments).map(CollectLog.shellQuoted).joined(separator: " ")
  }

  /// The entry as one JSON object.
  var json: JSONValue {
    var members: [(String, JSONValue)] = [
      ("argv", .array((["gcloud"] + arguments).map { .string($0) })),
      ("status", status.map { .integer(Int64($0)) } ?? .null),
      ("output", output.map { .string($0) } ?? .null),
      ("written", .bool(written)),
    ]
    if let reads {
      members.append(
        ("reads", .object([("kind", .string(reads.kind)), ("target", .string(reads.target))])))
    }
    if let failure {
      members.append(
        (
          "error",
          .object([("code", .string(failure.code)), ("message", .string(failure.message))])
        ))
    }
    if !addresses.isEmpty { members.append(("for", .array(addresses.map { .string($0) }))) }
    if let note { members.append(("note", .string(note))) }
    members.append(("ms", .integer(milliseconds)))
    return .object(members)
  }
}

/// The collection log: one JSON object per line, in the order the commands were chosen.
public enum CollectLog {
  /// The log's file name in the collected folder; the importers read it by this name.
  public static let fileName = "gwlog-collect.jsonl"

  /// The log's text.
  public static func text(_ entries: [CollectLogEntry]) -> String {
    entries.map { $0.json.compact + "\n" }.joined()
  }

  /// The output files a log says were written (to find stale files on a new run).
  static func writtenOutputs(_ bytes: [UInt8]) -> [String] {
    guard case .success(let records) = JSONReader.parseLines(bytes) else { return [] }
    return records.compactMap { record in
      guard record["written"]?.bool == true, let output = record["output"]?.string else {
        return nil
      }
      return output
    }
  }

  /// `word` quoted for a POSIX shell when it needs it.
  static func shellQuoted(_ word: String) -> String {
    let plain = word.unicodeScalars.allSatisfy {
      shellWordScalars.contains($0)
    }
    if plain && !word.isEmpty { return word }
    return "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
  }

  /// Characters a shell word may hold unquoted.
  private static let shellWordScalars: Set<Unicode.Scalar> = Set(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./=:@,+%".unicodeScalars)
}
