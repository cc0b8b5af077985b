import Foundation

/// When output is coloured: the `--color` choices.
enum ColorChoice: String, CaseIterable, Sendable {
  /// On a terminal only, and not when `NO_COLOR` is set or `TERM` is `dumb`.
  case auto
  /// Always, even into a pipe or with `NO_COLOR` (a flag overrides the environment).
  case always
  /// Never.
  case never
}

extension Terminal {
  /// Whether a stream that is a terminal (`isTerminal`) gets colour under `choice`, given
  /// the environment: `auto` colours a terminal unless `NO_COLOR` is set to anything but the
  /// empty string (no-color.org) or `TERM` is `dumb`.
  static func colors(
    _ choice: ColorChoice, isTerminal: Bool,
    environment: [String: String] = ProcessInfo.processInfo.environment
  ) -> Bool {
    switch choice {
    case .always: return true
    case .never: return false
    case .auto:
      if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return false }
      if environment["TERM"] == "dumb" { return false }
      return isTerminal
    }
  }

  /// Whether results on standard output are coloured under `choice`.
  static func colorsOutput(_ choice: ColorChoice) -> Bool {
    colors(choice, isTerminal: isOutputTerminal)
  }

  /// Whether diagnostics on standard error are coloured under `choice`.
  static func colorsDiagnostics(_ choice: ColorChoice) -> Bool {
    colors(choice, isTerminal: isErrorTerminal)
  }
}
