import GwlogEngine

/// The backends a question is about, so that loading a folder opens only the files of their
/// chain: the backend, its project, the folders above it, and every file whose name says
/// nothing (docs/reading.md).
///
/// A focus is made only from a backend the question names as a constant; a question about
/// every backend (a variable) reads every file.
public struct ReadFocus: Sendable, Equatable {
  /// A backend as the question names it: a short name (`orders-api`), or a resource's last
  /// segment with the project its full name gives.
  struct Backend: Hashable, Sendable {
    var name: String
    var project: String?
  }

  /// The backends named.
  var backends: [Backend]

  /// The focus on one backend as a goal or `--backend` writes it: a full name
  /// (`projects/P/locations/R/services/S`, `.../functions/F`, `apps/P`,
  /// `apps/P/services/S`) or a short name; nil for anything else (a URL, an email), which
  /// needs every file.
  public init?(backend written: String) {
    let parts = written.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
    if parts.count == 1 {
      guard Self.isShortName(written) else { return nil }
      backends = [Backend(name: written, project: nil)]
      return
    }
    if parts.count == 6, parts[0] == "projects", parts[2] == "locations",
      ["services", "functions"].contains(parts[4]), parts.allSatisfy({ !$0.isEmpty })
    {
      backends = [Backend(name: parts[5], project: parts[1])]
      return
    }
    if parts[0] == "apps", parts.count == 2 || (parts.count == 4 && parts[2] == "services"),
      parts.allSatisfy({ !$0.isEmpty })
    {
      // The app is the project's: its files are the project's.
      backends = [Backend(name: parts.last ?? parts[1], project: parts[1])]
      return
    }
    return nil
  }

  /// The focus of a `canInvoke(G, B)` goal's text: B when it is a constant this focus can
  /// name, else nil (the goal needs every file).
  public init?(goal text: String) {
    guard let atom = try? Workspace().parseGoal(text, path: "<goal>"),
      atom.name == "canInvoke", atom.arguments.count == 2,
      case .symbol(let backend, _) = atom.arguments[1]
    else { return nil }
    self.init(backend: backend)
  }

  /// Letters, digits, `-`, `_` and `.`: a resource's last segment, never a URL or an email.
  private static func isShortName(_ text: String) -> Bool {
    !text.isEmpty
      && text.utf8.allSatisfy { byte in
        (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A)
          || (byte >= 0x30 && byte <= 0x39) || byte == 0x2D || byte == 0x5F || byte == 0x2E
      }
  }
}
