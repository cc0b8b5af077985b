import Foundation

/// Thin helpers over `Process` for the generators, the peers and the measured children.
enum Subprocess {
  /// Runs a program to completion and returns its exit status.
  ///
  /// A killed program's status is 128 plus the signal. `quiet` sends its standard output to
  /// /dev/null.
  static func run(
    _ executable: String, _ arguments: [String], environment: [String: String]? = nil,
    quiet: Bool = false
  ) throws -> Int32 {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    if let environment { process.environment = environment }
    if quiet { process.standardOutput = FileHandle.nullDevice }
    try process.run()
    process.waitUntilExit()
    return exitStatus(process)
  }

  /// Runs a program and returns its exit status and standard output (stderr is inherited).
  static func capture(_ executable: String, _ arguments: [String]) throws -> (Int32, String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = FileHandle.nullDevice
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (exitStatus(process), String(decoding: data, as: UTF8.self))
  }

  /// Whether `python3 -c CODE` exits with 0 (used to find installed Python packages).
  static func pythonSucceeds(_ code: String) -> Bool {
    (try? capture("/usr/bin/env", ["python3", "-c", code]).0) == 0
  }

  /// The absolute path of `name` on `PATH`, if any.
  static func onPath(_ name: String) -> String? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    for directory in path.split(separator: ":") {
      let candidate = "\(directory)/\(name)"
      if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    }
    return nil
  }

  /// The exit status in shell convention: the code, or 128 + signal when uncaught.
  static func exitStatus(_ process: Process) -> Int32 {
    process.terminationReason == .uncaughtSignal
      ? 128 + process.terminationStatus : process.terminationStatus
  }
}
