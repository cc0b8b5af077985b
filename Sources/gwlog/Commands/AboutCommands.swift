/// The commands about gwlog itself, which load nothing: `version`, `completions SHELL` and
/// `man`.
enum AboutCommands {
  /// Runs one of them; the exit code comes from the reporter.
  static func run(_ options: Options, _ reporter: Reporter) {
    switch options.command {
    case .version:
      for (key, value) in GwlogVersion.members { reporter.setMember(key, value) }
      reporter.print(GwlogVersion.line + "\n")
    case .completions:
      guard let shell = options.shell else { return }
      reporter.print(ShellCompletions.script(for: shell))
    case .man:
      reporter.print(ManPage.text)
    default: break
    }
  }
}
