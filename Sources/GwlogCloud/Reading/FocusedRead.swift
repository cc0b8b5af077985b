/// Reads the files of a folder that a focused question needs, in rounds (docs/reading.md):
/// first every file whose name names no project, folder or resource (gateways, configs,
/// groups, service accounts, the organization, anything named otherwise) and the files of
/// the focus's backends; then, from what was read, the backends' projects, the folders above
/// them, and each newly reached node's files, until nothing new is reached.
///
/// The chain read is the chain the model walks for a pair: the backend's own files and
/// policies, every file of its project (describe, allow policy, deny listing and policies,
/// org policies, custom roles, App Engine, IAP, tags, and every resource file of the
/// project), and the same for each folder up to the organization. Groups are all read, so
/// that every group the gateway's account is in is known, and repairs through groups are
/// the same as on a full read.
struct FocusedRead {
  /// The files given, in load order, with their subjects (nil: always read).
  private let files: [(path: String, named: Bool)]
  private let subjects: [FileSubject?]
  private let focus: ReadFocus

  /// Projects reached (IDs or numbers as files name them), folders reached (numbers), and
  /// short names read in every project (a backend named without its project, or a name an
  /// unqualified file uses, so that ambiguity is found as on a full read).
  private var projects: Set<String> = []
  private var folders: Set<String> = []
  private var anyProjectNames: Set<String> = []
  /// The Cloud Run services under the focus's 2nd gen functions (their files are named
  /// after the service).
  private var serviceNames: Set<String> = []
  /// Project number → ID, from the projects read.
  private var ids: [String: String] = [:]
  private var numbers: [String: String] = [:]
  /// Every `parent` edge read: child name → parent names.
  private var parents: [String: Set<String>] = [:]
  /// Resources read whose last segment is a focus backend's name: name → their projects.
  private var backendProjects: [String: Set<String>] = [:]

  /// The gateways' service accounts (`serviceAccount:EMAIL`), and the projects the
  /// accounts' describes name.
  private var accounts: Set<String> = []
  private var accountProjects: [String: Set<String>] = [:]

  /// The sessions read, by file index.
  private(set) var sessions: [Int: ImportSession] = [:]

  init(files: [(path: String, named: Bool)], focus: ReadFocus) {
    self.files = files
    self.focus = focus
    subjects = files.map { $0.named || $0.path == "-" ? nil : FileSubject.of(path: $0.path) }
    for backend in focus.backends {
      if let project = backend.project {
        projects.insert(project)
      } else {
        anyProjectNames.insert(backend.name)
        // An App Engine app goes by its project's ID.
        projects.insert(backend.name)
      }
    }
  }

  /// Reads round after round with `read` (which imports the files at the given indexes, on
  /// several threads) until no new file is wanted.
  mutating func run(_ read: ([Int]) -> [ImportSession]) {
    var wanted = (0..<files.count).filter { subjects[$0] == nil || isWanted($0) }
    var describedAll = false
    while !wanted.isEmpty {
      let read = read(wanted)
      for (index, session) in zip(wanted, read) {
        sessions[index] = session
        learn(from: session)
        if case .resource(let name, nil) = subjects[index] {
          // An unqualified name resolves against every resource of that name.
          anyProjectNames.insert(name)
        }
      }
      reach()
      wanted = unread { isWanted($0) }
      if wanted.isEmpty, !describedAll, projects.contains(where: isUnmappedNumber) {
        // A project known only by its number: the describes say which ID it is.
        describedAll = true
        wanted = unread { index in
          guard case .project = subjects[index] else { return false }
          return Self.base(files[index].path).hasPrefix("projects-describe-")
        }
      }
    }
  }

  /// The indexes of the files not read yet that `test` accepts.
  private func unread(_ test: (Int) -> Bool) -> [Int] {
    (0..<files.count).filter { sessions[$0] == nil && test($0) }
  }

  /// Whether `p` is a project number that no project read maps to its ID.
  private func isUnmappedNumber(_ p: String) -> Bool {
    !p.isEmpty && p.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } && ids[p] == nil
  }

  private static func base(_ path: String) -> Substring {
    path.split(separator: "/").last ?? Substring(path)
  }

  /// The files never opened.
  var unopened: Int { files.count - sessions.count }

  /// Whether the file at `index` is of a subject reached so far.
  private func isWanted(_ index: Int) -> Bool {
    switch subjects[index] {
    case nil: return true
    case .project(let p): return isReached(project: p)
    case .folder(let f): return folders.contains(f)
    case .resource(let name, let project):
      if anyProjectNames.contains(name) { return true }
      if let project { return isReached(project: project) }
      // Unqualified: any resource of this name in a reached project, or a project's tags.
      return isReached(project: name) || serviceNames.contains(name)
        || focus.backends.contains { $0.name == name }
    }
  }

  private func isReached(project p: String) -> Bool {
    if projects.contains(p) { return true }
    if let id = ids[p] { return projects.contains(id) }
    return false
  }

  /// Takes the parents, project numbers and backends' projects a session read.
  private mutating func learn(from session: ImportSession) {
    for n in session.numbers {
      ids[n.number] = n.id
      numbers[n.id] = n.number
    }
    for fact in session.facts {
      switch (fact.relation, fact.count) {
      case (.apiConfig, 3):
        // The gateway's account: its project's ancestors decide which principal sets hold it.
        if let account = text(session, fact, 2), !account.isEmpty { accounts.insert(account) }
      case (.serviceAccount, 3):
        if let account = text(session, fact, 0), let project = text(session, fact, 1) {
          accountProjects[account, default: []].insert(project)
        }
      case (.functionService, 2):
        // A 2nd gen function's Cloud Run service: its files are the backend's too.
        if let function = text(session, fact, 0), isFocusBackend(lastSegment(function)),
          let service = text(session, fact, 1)
        {
          serviceNames.insert(lastSegment(service))
        }
      case (.parent, 2):
        guard let child = text(session, fact, 0), let parent = text(session, fact, 1) else {
          continue
        }
        parents[child, default: []].insert(parent)
        let name = lastSegment(child)
        if isFocusBackend(name), parent.hasPrefix("projects/") {
          backendProjects[name, default: []].insert(String(parent.dropFirst(9)))
        }
      default: continue
      }
    }
  }

  /// The last `/`-separated segment of a name.
  private func lastSegment(_ name: String) -> String {
    name.split(separator: "/").last.map(String.init) ?? name
  }

  /// Whether a resource's last segment is the name of one of the focus's backends.
  private func isFocusBackend(_ name: String) -> Bool {
    focus.backends.contains { $0.name == name }
  }

  /// Extends the reached projects and folders along the parents read.
  private mutating func reach() {
    for account in accounts {
      var owners = accountProjects[account] ?? []
      // `serviceAccount:NAME@PROJECT.iam.gserviceaccount.com`: the project it was made in.
      if let at = account.lastIndex(of: "@"),
        account[account.index(after: at)...].hasSuffix(".iam.gserviceaccount.com")
      {
        owners.insert("projects/" + account[account.index(after: at)...].dropLast(24))
      }
      for owner in owners where owner.hasPrefix("projects/") {
        projects.insert(String(owner.dropFirst(9)))
      }
    }
    for backend in focus.backends {
      for project in backendProjects[backend.name] ?? []
      where backend.project == nil || backend.project == project
        || ids[project] == backend.project || numbers[project] == backend.project
      {
        projects.insert(project)
      }
    }
    var frontier = projects.map { "projects/" + $0 } + folders.map { "folders/" + $0 }
    var seen = Set(frontier)
    while let node = frontier.popLast() {
      var spellings = [node]
      if node.hasPrefix("projects/") {
        let p = String(node.dropFirst(9))
        if let number = numbers[p] { spellings.append("projects/" + number) }
        if let id = ids[p] { spellings.append("projects/" + id) }
      }
      for spelling in spellings {
        for parent in parents[spelling] ?? [] where seen.insert(parent).inserted {
          if parent.hasPrefix("folders/") {
            folders.insert(String(parent.dropFirst(8)))
          } else if parent.hasPrefix("projects/") {
            projects.insert(String(parent.dropFirst(9)))
          }
          frontier.append(parent)
        }
      }
    }
    for p in Array(projects) {
      if let id = ids[p] { projects.insert(id) }
    }
  }

  /// The text of a fact's `k`th term when it is a plain symbol or a name.
  private func text(_ session: ImportSession, _ fact: PendingFact, _ k: Int) -> String? {
    let term = session.terms[Int(fact.firstTerm) + k]
    switch term.kind {
    case .symbol, .name: return session.symbols.string(term.index)
    case .other: return nil
    }
  }
}
