import Foundation

/// What one gcloud command printed and returned.
public struct GcloudResult: Sendable {
  /// The exit status (0 is success).
  public var status: Int32
  /// Everything written to standard output.
  public var stdout: [UInt8]
  /// Everything written to standard error.
  public var stderr: String
  /// Wall time in seconds.
  public var seconds: Double

  /// Creates a result.
  public init(status: Int32, stdout: [UInt8], stderr: String, seconds: Double = 0) {
    self.status = status
    self.stdout = stdout
    self.stderr = stderr
    self.seconds = seconds
  }
}

/// Runs one gcloud command (the arguments after `gcloud`): the real client in a child
/// process, or a script in unit tests.
public protocol GcloudRunner: Sendable {
  /// The program named in the collection log (`gcloud` or its path).
  var program: String { get }
  /// Runs `gcloud arguments…` to completion; never throws: a failure to start is a result
  /// with status 127 and the reason on standard error.
  func run(_ arguments: [String]) -> GcloudResult
}

/// The real gcloud, started as a child process with the inherited environment.
public struct ProcessGcloudRunner: GcloudRunner {
  /// The executable's path.
  public let program: String
  /// The environment of the child; nil inherits this process's.
  public let environment: [String: String]?

  /// A runner for the executable at `program`.
  public init(program: String, environment: [String: String]? = nil) {
    self.program = program
    self.environment = environment
  }

  /// Runs the command with standard input closed, reading both outputs to their end.
  public func run(_ arguments: [String]) -> GcloudResult {
    let start = Date()
    let process = Process()
    process.executableURL = URL(fileURLWithPath: program)
    process.arguments = arguments
    if let environment { process.environment = environment }
    let out = Pipe()
    let err = Pipe()
    process.standardInput = FileHandle.nullDevice
    process.standardOutput = out
    process.standardError = err
    do {
      try process.run()
    } catch {
      return GcloudResult(
        status: 127, stdout: [], stderr: "ERROR: cannot start `\(program)`: \(error)",
        seconds: 0)
    }
    // Read standard output on another thread so that neither pipe fills up and blocks.
    let collected = CollectedBytes()
    let reader = Thread {
      collected.set(out.fileHandleForReading.readDataToEndOfFile())
    }
    reader.start()
    let errorData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    let outputData = collected.wait()
    return GcloudResult(
      status: process.terminationStatus, stdout: [UInt8](outputData),
      stderr: String(decoding: errorData, as: UTF8.self),
      seconds: Date().timeIntervalSince(start))
  }

  /// The gcloud to run: `explicit` (`--gcloud PATH`), else `$GWLOG_GCLOUD`, else the first
  /// executable `gcloud` on `$PATH`; nil when there is none.
  public static func locate(explicit: String?, environment: [String: String]) -> String? {
    if let explicit, !explicit.isEmpty {
      return FileManager.default.isExecutableFile(atPath: explicit) ? explicit : nil
    }
    if let named = environment["GWLOG_GCLOUD"], !named.isEmpty {
      return FileManager.default.isExecutableFile(atPath: named) ? named : nil
    }
    for directory in (environment["PATH"] ?? "").split(separator: ":") where !directory.isEmpty {
      let candidate = String(directory) + "/gcloud"
      if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    }
    return nil
  }
}

/// Bytes handed from a reader thread to the thread that waits for them.
private final class CollectedBytes: @unchecked Sendable {
  private let condition = NSCondition()
  private var data: Data?

  func set(_ value: Data) {
    condition.lock()
    data = value
    condition.signal()
    condition.unlock()
  }

  func wait() -> Data {
    condition.lock()
    defer { condition.unlock() }
    while data == nil { condition.wait() }
    return data ?? Data()
  }
}

/// Runs commands on a fixed number of threads, results in the order of the commands.
enum ParallelRuns {
  /// `body(i)` for every `i` in `0..<count`, at most `jobs` at a time.
  static func map<T: Sendable>(
    _ count: Int, jobs: Int, _ body: @escaping @Sendable (Int) -> T
  ) -> [T] {
    let box = ResultsBox<T>(count: count)
    let workers = max(1, min(jobs, count))
    let group = DispatchGroup()
    for _ in 0..<workers {
      group.enter()
      let thread = Thread {
        while let index = box.next() { box.store(index, body(index)) }
        group.leave()
      }
      thread.start()
    }
    group.wait()
    return box.results()
  }
}

/// The shared state of `ParallelRuns.map`: the next index and the results so far.
private final class ResultsBox<T: Sendable>: @unchecked Sendable {
  private let lock = NSLock()
  private var nextIndex = 0
  private let count: Int
  private var values: [T?]

  init(count: Int) {
    self.count = count
    self.values = Array(repeating: nil, count: count)
  }

  func next() -> Int? {
    lock.lock()
    defer { lock.unlock() }
    guard nextIndex < count else { return nil }
    nextIndex += 1
    return nextIndex - 1
  }

  func store(_ index: Int, _ value: T) {
    lock.lock()
    values[index] = value
    lock.unlock()
  }

  func results() -> [T] {
    lock.lock()
    defer { lock.unlock() }
    return values.compactMap { $0 }
  }
}
