import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Thin helpers over `Process` for the generators, the peers and the measured children.
enum Subprocess {
  /// The exit statuses of a gwlog command that answered: 0 (yes, or no error), 4 (a ground
  /// question's no) and 5 (unknown), docs/language.md#exit-codes.
  static let answered: Set<Int32> = [0, 4, 5]

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

/// What `Subprocess.timed` measured of one process.
struct TimedRun: Sendable {
  /// The exit status in shell convention (128 + signal when killed).
  var status: Int32
  /// Wall time from spawn to exit, seconds.
  var wallSeconds: Double
  /// The process's own peak RSS in MiB (`ru_maxrss` from `wait4`).
  var peakMegabytes: Double
  /// Whether it was killed after the timeout.
  var timedOut: Bool
  /// Whether it was killed for exceeding the memory limit.
  var killedForMemory = false
  /// User plus system CPU seconds of the process (`ru_utime + ru_stime` from `wait4`).
  var cpuSeconds: Double = 0
}

extension Subprocess {
  /// Runs a program with its standard output and error sent to files, and measures it.
  ///
  /// `posix_spawn` plus `wait4` give the peak RSS of exactly this process, with no
  /// `/usr/bin/time` in between, and let a timeout kill it by its own id. The exit is polled
  /// every 2 ms, which bounds the wall-time error well below the figures shown. With
  /// `memoryLimitMegabytes`, its resident set is read from `/proc` every 50 ms and the process
  /// is killed once it exceeds the limit (a watchdog: `ulimit -v` counts reservations).
  static func timed(
    _ executable: String, _ arguments: [String], stdout: String, stderr: String,
    timeout: Double, memoryLimitMegabytes: Double? = nil
  ) throws -> TimedRun {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    let flags = O_WRONLY | O_CREAT | O_TRUNC
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, stdout, flags, 0o644)
    posix_spawn_file_actions_addopen(&actions, 2, stderr, flags, 0o644)
    let argv = ([executable] + arguments).map { strdup($0) }
    defer { for pointer in argv { free(pointer) } }
    // The C global `environ` is a mutable global that strict concurrency rejects.
    let environment = ProcessInfo.processInfo.environment.map { strdup("\($0.key)=\($0.value)") }
    defer { for pointer in environment { free(pointer) } }
    var pid: pid_t = 0
    let start = Measure.now()
    let spawned = posix_spawn(&pid, executable, &actions, nil, argv + [nil], environment + [nil])
    guard spawned == 0 else {
      throw BenchError("cannot start `\(executable)`: \(String(cString: strerror(spawned)))")
    }
    var status: Int32 = 0
    var usage = rusage()
    var timedOut = false
    var killedForMemory = false
    var polls = 0
    while true {
      let waited = wait4(pid, &status, WNOHANG, &usage)
      if waited == pid { break }
      if waited < 0 && errno != EINTR {
        throw BenchError("waiting for `\(executable)` failed: errno \(errno)")
      }
      if !timedOut, !killedForMemory, Measure.now() - start > timeout {
        timedOut = true
        kill(pid, SIGKILL)  // this process only; it was started here
      }
      polls += 1
      if let limit = memoryLimitMegabytes, !timedOut, !killedForMemory, polls % 25 == 0,
        let resident = residentMegabytes(pid), resident > limit
      {
        killedForMemory = true
        kill(pid, SIGKILL)  // this process only; it was started here
      }
      usleep(2000)
    }
    let wall = Measure.now() - start
    // WIFEXITED / WEXITSTATUS / WTERMSIG are macros that Swift does not import.
    let signal = status & 0x7f
    let code = signal == 0 ? (status >> 8) & 0xff : 128 + signal
    return TimedRun(
      status: code, wallSeconds: wall, peakMegabytes: Double(usage.ru_maxrss) / 1024,
      timedOut: timedOut, killedForMemory: killedForMemory,
      cpuSeconds: Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) * 1e-6
        + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) * 1e-6)
  }

  /// The resident set of process `pid` in MiB, from `/proc/PID/statm`; nil when unreadable.
  static func residentMegabytes(_ pid: pid_t) -> Double? {
    let fd = open("/proc/\(pid)/statm", O_RDONLY)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    var buffer = [UInt8](repeating: 0, count: 128)
    let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, 127) }
    guard count > 0 else { return nil }
    let fields = String(decoding: buffer[..<count], as: UTF8.self).split(separator: " ")
    guard fields.count > 1, let pages = Double(fields[1]) else { return nil }
    return pages * Double(sysconf(Int32(_SC_PAGESIZE))) / 1_048_576
  }
}
