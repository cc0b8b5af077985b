import Foundation
import Testing

/// `gwlog completions bash|zsh|fish` and `gwlog man` are generated from the option table:
/// every option that some help lists appears in each, the scripts parse, and bash offers
/// what a command takes.
@Suite struct CompletionTests {
  /// Every command and every option spelling the helps list (the option table, read back
  /// through the binary).
  static func table() throws -> (commands: [String], long: Set<String>, short: Set<String>) {
    let overview = try GwlogProcess.run(["--help"]).stdout
    let commandBlock =
      overview.components(separatedBy: "commands:\n").last?
      .components(separatedBy: "\n\n").first ?? ""
    let commands = commandBlock.split(separator: "\n").compactMap { line in
      line.split(separator: " ").first.map(String.init)
    }
    var long = Set<String>()
    var short = Set<String>()
    for help in [overview] + (try commands.map { try GwlogProcess.run([$0, "--help"]).stdout }) {
      // Option lines are indented by two (`-F, --facts`) or six (`--format`) spaces; the
      // help text wrapped under them by more.
      for line in help.split(separator: "\n")
      where line.hasPrefix("  ") && line.prefix { $0 == " " }.count <= 6 {
        let words = line.split(separator: " ").map {
          $0.trimmingCharacters(in: CharacterSet(charactersIn: ","))
        }
        guard words.first?.hasPrefix("-") == true else { continue }
        for word in words.prefix(2) {
          if word.hasPrefix("--") {
            long.insert(word)
          } else if word.count == 2, word.hasPrefix("-") {
            short.insert(word)
          }
        }
      }
    }
    return (commands, long, short)
  }

  @Test func everyOptionAndCommandAppearsInEveryScriptAndTheManPage() throws {
    let (commands, long, short) = try Self.table()
    #expect(commands.count >= 10)
    #expect(long.contains("--keep-going") && long.contains("--version") && short.contains("-V"))
    for shell in ["bash", "zsh", "fish"] {
      let script = try GwlogProcess.run(["completions", shell])
      #expect(script.status == 0)
      for command in commands { #expect(script.stdout.contains(command), "\(shell): \(command)") }
      for option in long {
        let spelled = shell == "fish" ? "-l " + option.dropFirst(2) : option
        #expect(script.stdout.contains(spelled), "\(shell) lacks \(option)")
      }
      for option in short {
        let spelled = shell == "fish" ? "-s " + option.dropFirst() : option
        #expect(script.stdout.contains(spelled), "\(shell) lacks \(option)")
      }
    }
    let man = try GwlogProcess.run(["man"]).stdout
    #expect(man.hasPrefix(".\\\""))
    for command in commands { #expect(man.contains(".SS \(command)\n"), "man: \(command)") }
    for option in long.union(short) {
      #expect(man.contains(option.replacingOccurrences(of: "-", with: "\\-")), "man: \(option)")
    }
  }

  /// Runs `script` with `shell -n` (syntax only) when that shell is installed.
  static func parses(_ shell: String, _ flags: [String], _ script: String) throws -> Bool? {
    let path = ["/usr/bin/", "/bin/", "/usr/local/bin/"].map { $0 + shell }
      .first { FileManager.default.isExecutableFile(atPath: $0) }
    guard let path else { return nil }
    let directory = try TemporaryDirectory()
    let file = try directory.write("script", script)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = flags + [file.path]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    return process.terminationStatus == 0
  }

  @Test func theScriptsParseInTheirShells() throws {
    for (shell, flags) in [("bash", ["-n"]), ("zsh", ["-n"]), ("fish", ["--no-execute"])] {
      let script = try GwlogProcess.run(["completions", shell]).stdout
      if let parses = try Self.parses(shell, flags, script) { #expect(parses, "\(shell)") }
    }
  }

  /// What bash completes for the words of `line` (the last one being completed).
  static func bashCompletes(_ words: [String]) throws -> [String]? {
    guard FileManager.default.isExecutableFile(atPath: "/bin/bash") else { return nil }
    let directory = try TemporaryDirectory()
    let script = try directory.write(
      "gwlog.bash", try GwlogProcess.run(["completions", "bash"]).stdout)
    let quoted = words.map { "'\($0)'" }.joined(separator: " ")
    let driver = """
      source '\(script.path)'
      COMP_WORDS=(\(quoted)); COMP_CWORD=\(words.count - 1)
      cd '\(directory.url.path)'
      _gwlog
      printf '%s\\n' "${COMPREPLY[@]}"
      """
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/bash")
    process.arguments = ["-c", driver]
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
  }

  @Test func bashOffersWhatEachCommandTakes() throws {
    guard let commands = try Self.bashCompletes(["gwlog", "qu"]) else { return }
    #expect(commands == ["query"])
    #expect(
      try Self.bashCompletes(["gwlog", "audit", "--format", ""]) == ["text", "json", "sarif"])
    #expect(
      try Self.bashCompletes(["gwlog", "--format", "json", "explain", "--format", ""]) == [
        "text", "json", "dot",
      ])
    let check = try #require(try Self.bashCompletes(["gwlog", "check", "--"]))
    #expect(check.contains("--keep-going") && !check.contains("--timeout"))
    #expect(try Self.bashCompletes(["gwlog", "completions", "f"]) == ["fish"])
    #expect(
      try Self.bashCompletes(["gwlog", "run", "--color", "=", "a"])?.contains("always") == true)
  }

  @Test func theManPageFormatsWithoutWarnings() throws {
    let groff = "/usr/bin/groff"
    guard FileManager.default.isExecutableFile(atPath: groff) else { return }
    let directory = try TemporaryDirectory()
    let page = try directory.write("gwlog.1", try GwlogProcess.run(["man"]).stdout)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: groff)
    process.arguments = ["-man", "-Tutf8", "-ww", "-z", page.path]
    let errors = Pipe()
    process.standardError = errors
    try process.run()
    let data = errors.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
    #expect(data.isEmpty, "\(String(decoding: data, as: UTF8.self))")
  }
}
