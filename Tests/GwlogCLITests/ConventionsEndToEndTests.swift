import Foundation
import Testing

/// The command-line conventions of issue 17: `--version`, help with examples and only the
/// options a command reads, one-letter suggestions, colour choices, formats refused with a
/// usage error rather than printed empty.
@Suite struct ConventionsEndToEndTests {
  @Test func versionNamesTheNumberAndTheSameCommandEverywhere() throws {
    let line = try GwlogProcess.run(["--version"])
    #expect(line.status == 0)
    #expect(
      line.stdout.range(
        of: #"^gwlog [0-9]+\.[0-9]+\.[0-9]+( \(commit [0-9a-f]{12}\))?\n$"#,
        options: .regularExpression) != nil, "\(line.stdout)")
    for arguments in [["-V"], ["version"], ["query", "--version"]] {
      #expect(try GwlogProcess.run(arguments).stdout == line.stdout, "\(arguments)")
    }
    let json = try #require(try GwlogProcess.run(["version", "--format", "json"]).json)
    #expect(json["command"] as? String == "version")
    #expect(line.stdout.contains(try #require(json["version"] as? String)))
    if let commit = json["commit"] as? String { #expect(line.stdout.contains(commit)) }
  }

  /// The options each command's help lists (its `  -X, --name VALUE` lines), and whether
  /// each takes a value.
  static func listedOptions(_ help: String) -> [(name: String, takesValue: Bool)] {
    help.split(separator: "\n").compactMap { line in
      guard line.hasPrefix("  "), line.trimmingCharacters(in: .whitespaces).hasPrefix("-") else {
        return nil
      }
      let words = line.split(separator: " ")
      guard let k = words.firstIndex(where: { $0.hasPrefix("--") }) else { return nil }
      let next = k + 1 < words.count ? words[k + 1] : ""
      return (String(words[k]), !next.isEmpty && next.allSatisfy { $0.isUppercase || $0 == "_" })
    }
  }

  @Test(arguments: ["query", "explain", "audit", "diff", "check", "run", "import", "version"])
  func everyHelpHasExamplesAndListsOptionsTheCommandTakes(command: String) throws {
    let help = try GwlogProcess.run([command, "--help"]).stdout
    let examples = try #require(help.components(separatedBy: "\nexamples:\n").last)
    #expect(examples.contains("gwlog \(command)") || examples.contains("gwlog --version"))
    #expect(help.split(separator: "\n").allSatisfy { $0.count <= 100 })
    // Every option listed is one the command takes: with an unknown option added, the
    // command line fails for that one only, never with "does not apply".
    var arguments = [command]
    for option in Self.listedOptions(help) where option.name != "--help" {
      arguments.append(option.takesValue ? option.name + "=1" : option.name)
    }
    let result = try GwlogProcess.run(arguments + ["--no-such-option"])
    #expect(result.status == 2)
    #expect(result.stderr.contains("unknown option `--no-such-option`"))
    #expect(!result.stderr.contains("does not apply"), "\(result.stderr)")
  }

  @Test func checkAndImportListOnlyWhatTheyRead() throws {
    // Both import gcloud JSON on `--threads` threads; `import --stats` reports the import.
    let unread = [
      "check": ["--at", "--timeout", "--max-tuples", "--limit", "--stats"],
      "import": ["--at", "--timeout", "--max-tuples", "--limit"],
    ]
    for (command, options) in unread.sorted(by: { $0.key < $1.key }) {
      let listed = Self.listedOptions(try GwlogProcess.run([command, "--help"]).stdout).map(\.name)
      #expect(listed.contains("--threads"))
      for option in options {
        #expect(!listed.contains(option), "\(command) lists \(option)")
        let result = try GwlogProcess.run([command, option + (option == "--stats" ? "" : "=1")])
        #expect(result.status == 2, "\(command) \(option)")
        #expect(result.stderr.contains("does not apply"))
      }
    }
  }

  @Test func oneLetterOptionsSuggestOnlyTheirOtherCase() throws {
    let unknown = try GwlogProcess.run(["check", "-x"])
    #expect(unknown.status == 2)
    #expect(!unknown.stderr.contains("did you mean"))
    let lower = try GwlogProcess.run(["run", "-f", "dir"])
    #expect(lower.stderr.contains("did you mean `-F`?"))
    let version = try GwlogProcess.run(["-V"])
    #expect(version.status == 0)
  }

  @Test(arguments: [
    ["import", "x.json", "--format", "tsv"], ["explain", "p(1)", "--format", "tsv"],
    ["check", "--format", "tsv"], ["audit", "--format", "dot"],
    ["diff", "a", "b", "--format", "sarif"],
    ["query", "p(X)", "--format", "sarif"], ["completions"], ["completions", "tcsh"],
    ["man", "extra"], ["diff", "only-one"], ["man", "--format", "text"],
  ])
  func formatsAndArgumentsACommandCannotTakeAreUsageErrors(arguments: [String]) throws {
    let result = try GwlogProcess.run(arguments)
    #expect(result.status == 2, "\(arguments)")
    #expect(result.stdout.isEmpty)
    #expect(result.stderr.contains("error[usage]"))
  }

  @Test func colorFollowsTheChoiceAndTheEnvironment() throws {
    let escape = "\u{1B}["
    // Into a pipe: colour only when forced, which beats NO_COLOR.
    #expect(try GwlogProcess.run(["check", "-x"]).stderr.contains(escape) == false)
    #expect(try GwlogProcess.run(["check", "-x", "--color=always"]).stderr.contains(escape))
    #expect(!(try GwlogProcess.run(["check", "-x", "--color", "never"]).stderr.contains(escape)))
    #expect(try GwlogProcess.run(["check", "--color=sometimes"]).status == 2)
    // On a terminal (script(1) gives one): auto colours unless NO_COLOR or TERM=dumb.
    guard FileManager.default.isExecutableFile(atPath: "/usr/bin/script") else { return }
    let binary = try GwlogProcess.binary().path
    func onTerminal(_ environment: [String: String?]) throws -> String {
      let process = Process()
      process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
      process.arguments = ["-q", "-e", "-c", "'\(binary)' check -x", "/dev/null"]
      var env = ProcessInfo.processInfo.environment
      for (name, value) in environment { env[name] = value }
      process.environment = env
      let pipe = Pipe()
      process.standardOutput = pipe
      process.standardInput = FileHandle.nullDevice
      try process.run()
      let data = pipe.fileHandleForReading.readDataToEndOfFile()
      process.waitUntilExit()
      return String(decoding: data, as: UTF8.self)
    }
    #expect(try onTerminal(["NO_COLOR": nil, "TERM": "xterm"]).contains(escape))
    #expect(!(try onTerminal(["NO_COLOR": "1", "TERM": "xterm"]).contains(escape)))
    #expect(!(try onTerminal(["NO_COLOR": nil, "TERM": "dumb"]).contains(escape)))
  }
}
