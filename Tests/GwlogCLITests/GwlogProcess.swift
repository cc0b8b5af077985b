import Foundation

/// What one run of the `gwlog` binary printed and returned.
struct Execution: Sendable {
  /// Everything written to standard output.
  var stdout: String
  /// Everything written to standard error.
  var stderr: String
  /// The exit code.
  var status: Int32

  /// Standard output parsed as one JSON object, nil when it is not one.
  var json: [String: Any]? {
    guard let data = stdout.data(using: .utf8) else { return nil }
    return (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
  }
}

/// Errors of the test harness itself (not of `gwlog`).
enum HarnessError: Error, CustomStringConvertible {
  /// The built binary was not found.
  case binaryNotFound([String])

  var description: String {
    switch self {
    case .binaryNotFound(let paths):
      return "gwlog binary not found; looked at " + paths.joined(separator: ", ")
    }
  }
}

/// Runs the built `gwlog` executable as a subprocess, in the manner of argument-parser's
/// `AssertExecuteCommand`: the binary sits in the products directory next to the test
/// bundle (`Bundle.main.bundleURL` on Linux, the `.xctest` bundle's parent on macOS).
enum GwlogProcess {
  /// Where the binary may be, most likely first; `GWLOG_BINARY` overrides.
  static var candidates: [URL] {
    if let path = ProcessInfo.processInfo.environment["GWLOG_BINARY"] {
      return [URL(fileURLWithPath: path)]
    }
    var directories = [Bundle.main.bundleURL]
    if let executable = Bundle.main.executableURL {
      directories.append(executable.deletingLastPathComponent())
    }
    for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
      directories.append(bundle.bundleURL.deletingLastPathComponent())
    }
    return directories.map { $0.appendingPathComponent("gwlog") }
  }

  /// The binary to run.
  static func binary() throws -> URL {
    let urls = candidates
    guard let found = urls.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) })
    else { throw HarnessError.binaryNotFound(urls.map(\.path)) }
    return found
  }

  /// Runs `gwlog arguments…` in `directory` (the current one when nil) with colour off
  /// (`NO_COLOR=1`), in the inherited environment or the one `replaced` gives, changed by
  /// `environment` (nil removes a variable), and `input` on standard input (none when nil).
  static func run(
    _ arguments: [String], in directory: URL? = nil, replacing replaced: [String: String]? = nil,
    environment changes: [String: String?] = [:], input: String? = nil
  ) throws -> Execution {
    let scratch = try TemporaryDirectory()
    let outURL = scratch.url.appendingPathComponent("stdout")
    let errURL = scratch.url.appendingPathComponent("stderr")
    try Data().write(to: outURL)
    try Data().write(to: errURL)
    let out = try FileHandle(forWritingTo: outURL)
    let err = try FileHandle(forWritingTo: errURL)
    let process = Process()
    process.executableURL = try binary()
    process.arguments = arguments
    if let directory { process.currentDirectoryURL = directory }
    var environment = replaced ?? ProcessInfo.processInfo.environment
    environment["NO_COLOR"] = "1"
    for (name, value) in changes { environment[name] = value }
    process.environment = environment
    if let input {
      let inputURL = scratch.url.appendingPathComponent("stdin")
      try Data(input.utf8).write(to: inputURL)
      process.standardInput = try FileHandle(forReadingFrom: inputURL)
    } else {
      process.standardInput = FileHandle.nullDevice
    }
    process.standardOutput = out
    process.standardError = err
    try process.run()
    process.waitUntilExit()
    try out.close()
    try err.close()
    return Execution(
      stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
      stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self),
      status: process.terminationStatus)
  }
}

/// A fresh directory under the system temporary directory, removed when released.
final class TemporaryDirectory {
  /// The directory.
  let url: URL

  /// Creates the directory.
  init() throws {
    url = FileManager.default.temporaryDirectory
      .appendingPathComponent("gwlog-cli-tests-" + UUID().uuidString)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }

  /// Writes `text` to the file `name` inside the directory and returns its URL.
  @discardableResult
  func write(_ name: String, _ text: String) throws -> URL {
    let file = url.appendingPathComponent(name)
    try Data(text.utf8).write(to: file)
    return file
  }

  /// The text of the file `name` inside the directory.
  func read(_ name: String) throws -> String {
    String(decoding: try Data(contentsOf: url.appendingPathComponent(name)), as: UTF8.self)
  }

  deinit {
    try? FileManager.default.removeItem(at: url)
  }
}
