import Foundation

extension Workspace {
  /// Adds a source text; `.facts` paths hold ground facts only, `.tsv` paths are
  /// tab-separated rows of the relation named by the file, anything else is a program.
  public func addSource(path: String, bytes: [UInt8]) {
    let file = SourceFile(path: path, bytes: bytes)
    let id = sources.add(file)
    invalidate()
    if path.hasSuffix(".facts") {
      diagnostics += FactsReader.readFacts(file, fileID: id, pool: pool) { name, ids, span in
        addBulkFact(name, ids, line: file.location(of: Int(span.start)).line, file: id, span: span)
      }
    } else if path.hasSuffix(".tsv") {
      pendingTSV.append((id, Self.relationName(fromPath: path)))
    } else {
      let (program, found) = Parser.parse(file, fileID: id)
      diagnostics += found
      programs.append(program)
    }
  }

  /// Adds tab-separated rows of `relation` (read once column types are known); `path` names
  /// the text in diagnostics and proofs, and `#` lines are comments.
  public func addTSV(relation: String, path: String, bytes: [UInt8]) {
    let id = sources.add(SourceFile(path: path, bytes: bytes))
    invalidate()
    pendingTSV.append((id, relation))
  }

  /// Adds pre-interned rows of `relation` (a host's compiled-in table, read like a `.tsv`
  /// file of that relation but without parsing); `path` names the table in diagnostics and
  /// proofs, which show each row's line.
  public func addInternedTable(relation: String, path: String, table: InternedTable) {
    let id = sources.add(SourceFile(path: path, bytes: []))
    invalidate()
    if let problem = table.problem {
      diagnostics.append(.error(.badFact, "`\(path)`: \(problem)"))
      return
    }
    pendingTables[id] = table
    pendingTSV.append((id, relation))
  }

  /// Adds an in-memory source text.
  public func addSource(path: String, text: String) {
    addSource(path: path, bytes: Array(text.utf8))
  }

  /// Adds an already parsed program (tests and generators).
  public func addProgram(_ program: Program) {
    invalidate()
    programs.append(program)
  }

  /// Loads a file, or every `.dl`/`.facts`/`.tsv` file under a directory (sorted, recursive);
  /// files for which `isExcluded` holds are skipped.
  public func load(path: String, excluding isExcluded: (String) -> Bool = { _ in false }) {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      diagnostics.append(
        .error(.io, "cannot read `\(path)`: no such file or directory", help: "check the path")
          .located(DiagnosticLocation(file: path)))
      return
    }
    if isDirectory.boolValue {
      for file in Self.sourceFiles(under: path) where !isExcluded(file) { loadFile(file) }
    } else if !isExcluded(path) {
      loadFile(path)
    }
  }

  private func loadFile(_ path: String) {
    let known = [".dl", ".facts", ".tsv"]
    guard known.contains(where: { path.hasSuffix($0) }) else {
      diagnostics.append(
        .error(
          .io, "cannot load `\(path)`: unsupported file kind",
          help: "gwlog reads `.dl` programs, `.facts` fact files and `.tsv` relations"
        ).located(DiagnosticLocation(file: path)))
      return
    }
    guard let data = FileManager.default.contents(atPath: path) else {
      diagnostics.append(
        .error(.io, "cannot read `\(path)`", help: "check the file's permissions")
          .located(DiagnosticLocation(file: path)))
      return
    }
    addSource(path: path, bytes: [UInt8](data))
  }

  /// Every loadable file under a directory, recursively, in byte order of their paths.
  static func sourceFiles(under directory: String) -> [String] {
    files(under: directory, endingIn: [".dl", ".facts", ".tsv"])
  }

  /// Every file under a directory, recursively, whose name ends in one of `suffixes`, in
  /// byte order of their paths (hosts that read more kinds of file walk a folder once).
  ///
  /// Hidden files count; a symbolic link counts as what it points to, but a linked folder is
  /// not entered. Entries are read with `readdir` and their kinds from the entry itself, so a
  /// folder of thousands of files costs no `stat` per file.
  public static func files(under directory: String, endingIn suffixes: [String]) -> [String] {
    var found: [String] = []
    var folders: [String] = [""]
    let root = directory.hasSuffix("/") ? directory : directory + "/"
    while let folder = folders.popLast() {
      guard let stream = opendir(folder.isEmpty ? directory : root + folder) else { continue }
      defer { closedir(stream) }
      while let entry = readdir(stream) {
        let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
          String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }
        if name == "." || name == ".." { continue }
        let item = folder.isEmpty ? name : folder + "/" + name
        let full = root + item
        var isFolder = false
        var isFile = false
        switch Int32(entry.pointee.d_type) {
        case Int32(DT_DIR): isFolder = true
        case Int32(DT_REG): isFile = true
        case Int32(DT_LNK): isFile = kind(of: full, following: true) == S_IFREG
        default:
          let own = kind(of: full, following: false)
          isFolder = own == S_IFDIR
          isFile = own == S_IFREG || (own == S_IFLNK && kind(of: full, following: true) == S_IFREG)
        }
        if isFolder { folders.append(item) }
        if isFile && suffixes.contains(where: { item.hasSuffix($0) }) { found.append(full) }
      }
    }
    return found.sorted { Value.bytesLess($0, $1) }
  }

  /// The file type bits of `path` (of the link itself unless `following`), or nil.
  private static func kind(of path: String, following: Bool) -> mode_t? {
    var info = stat()
    let status = following ? stat(path, &info) : lstat(path, &info)
    return status == 0 ? info.st_mode & S_IFMT : nil
  }

  /// `dir/edge.facts` → `edge`.
  static func relationName(fromPath path: String) -> String {
    let base = path.split(separator: "/").last.map(String.init) ?? path
    if let dot = base.lastIndex(of: ".") { return String(base[..<dot]) }
    return base
  }

  func addBulkFact(
    _ name: String, _ ids: UnsafeBufferPointer<UInt32>, line: Int, file: Int32, span: SourceSpan
  ) {
    let k: Int
    if let existing = bulkFactIndex[name] {
      k = existing
    } else {
      k = bulkFacts.count
      bulkFactIndex[name] = k
      bulkFacts.append(BulkFacts(name: name, arity: ids.count, span: span))
    }
    guard bulkFacts[k].arity == ids.count else {
      diagnostics.append(
        .error(
          .arityMismatch,
          "relation `\(name)` has \(bulkFacts[k].arity) arguments but this fact has \(ids.count)",
          at: span))
      return
    }
    if bulkFacts[k].files.last?.file != file {
      bulkFacts[k].files.append((bulkFacts[k].lines.count, file))
    }
    bulkFacts[k].ids.append(contentsOf: ids)
    bulkFacts[k].lines.append(Provenance.line(line))
  }

  /// Adds one input fact produced by a host (an importer), remembering where it came from
  /// (for example a JSON file and pointer); proofs show the origin at the leaf.
  public func addFact(relation: String, values: [Value], origin: FactOrigin) {
    invalidate()
    let ids = values.map { pool.intern($0) }
    let file: Int32
    if let known = hostFileIDs[origin.file] {
      file = known
    } else {
      file = sources.add(SourceFile(path: origin.file, bytes: []))
      hostFileIDs[origin.file] = file
    }
    ids.withUnsafeBufferPointer { buffer in
      addBulkFact(
        relation, buffer, line: 0, file: file, span: SourceSpan(file: file, start: 0, end: 0))
    }
    if let k = bulkFactIndex[relation], bulkFacts[k].lines.count > 0,
      bulkFacts[k].ids.count == bulkFacts[k].lines.count * bulkFacts[k].arity
    {
      let index = pendingOrigins.append(origin)
      bulkFacts[k].lines[bulkFacts[k].lines.count - 1] =
        Provenance.originEntry | UInt32(min(index, Int(Provenance.payloadMask)))
    }
  }

  /// Adds every fact of `batch` (a host's import), as one `addFact` per row in the batch's
  /// order would, interning each distinct symbol once.
  public func addFacts(_ batch: HostFactBatch) {
    invalidate()
    if let problem = batch.problem {
      diagnostics.append(.error(.badFact, problem))
      return
    }
    pool.reserveCapacity(batch.symbolEnds.count, bytes: batch.symbolBytes.count)
    var ids = [UInt32](repeating: 0, count: batch.symbolEnds.count)
    batch.symbolBytes.withUnsafeBufferPointer { bytes in
      for i in ids.indices {
        let symbol = bytes[Int(batch.symbolStarts[i])..<Int(batch.symbolEnds[i])]
        ids[i] = pool.intern(bytes: UnsafeBufferPointer(rebasing: symbol))
      }
    }
    // The batch's files, registered in their order of first use, as `addFact` does.
    let fileIDs = batch.origins.files.map { path -> Int32 in
      if let known = hostFileIDs[path] { return known }
      let id = sources.add(SourceFile(path: path, bytes: []))
      hostFileIDs[path] = id
      return id
    }
    let base = pendingOrigins.append(contentsOf: batch.origins)
    for rows in batch.relations {
      let n = rows.origins.count
      guard n > 0 else { continue }
      let firstFile = fileIDs[batch.origins.file(of: Int(rows.origins[0]))]
      let k: Int
      if let existing = bulkFactIndex[rows.relation] {
        k = existing
      } else {
        k = bulkFacts.count
        bulkFactIndex[rows.relation] = k
        bulkFacts.append(
          BulkFacts(
            name: rows.relation, arity: rows.arity,
            span: SourceSpan(file: firstFile, start: 0, end: 0)))
      }
      guard bulkFacts[k].arity == rows.arity else {
        let message =
          "relation `\(rows.relation)` has \(bulkFacts[k].arity) arguments but this fact has "
          + "\(rows.arity)"
        for row in 0..<n {
          let file = fileIDs[batch.origins.file(of: Int(rows.origins[row]))]
          diagnostics.append(
            .error(.arityMismatch, message, at: SourceSpan(file: file, start: 0, end: 0)))
        }
        continue
      }
      for v in rows.values { bulkFacts[k].ids.append(ids[Int(v)]) }
      for row in 0..<n {
        let origin = Int(rows.origins[row])
        let file = fileIDs[batch.origins.file(of: origin)]
        if bulkFacts[k].files.last?.file != file {
          bulkFacts[k].files.append((bulkFacts[k].lines.count, file))
        }
        bulkFacts[k].lines.append(
          Provenance.originEntry | UInt32(min(base + origin, Int(Provenance.payloadMask))))
      }
    }
  }

  /// Forgets analysis and evaluation results after the sources changed.
  func invalidate() {
    compilation = nil
  }

  /// Resolves `-F` and `.input`: the tab-separated files to read, per relation.
  func inputFiles(
    inputs: [(name: String, parameters: [(key: String, value: String)])], withFacts: Set<String>
  ) -> [Diagnostic] {
    var problems: [Diagnostic] = []
    var named = Set(pendingTSV.map(\.relation))
    if let directory = factsDirectory {
      var isDirectory: ObjCBool = false
      if !FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory)
        || !isDirectory.boolValue
      {
        problems.append(
          .error(.io, "facts directory `\(directory)` does not exist", help: "check `-F`"))
      } else {
        let entries =
          (try? FileManager.default.contentsOfDirectory(atPath: directory))?.sorted {
            Value.bytesLess($0, $1)
          } ?? []
        for entry in entries where entry.hasSuffix(".facts") || entry.hasSuffix(".tsv") {
          let relation = Self.relationName(fromPath: entry)
          if named.contains(relation) { continue }
          if let id = readFile(directory + "/" + entry, into: &problems) {
            pendingTSV.append((id, relation))
            named.insert(relation)
          }
        }
      }
    }
    for info in inputs where !named.contains(info.name) {
      let directory = factsDirectory ?? "."
      let fileName =
        info.parameters.first { $0.key == "filename" }?.value ?? "\(info.name).facts"
      let path = fileName.hasPrefix("/") ? fileName : directory + "/" + fileName
      if FileManager.default.fileExists(atPath: path) {
        if let id = readFile(path, into: &problems) {
          pendingTSV.append((id, info.name))
          named.insert(info.name)
        }
      } else if !withFacts.contains(info.name) {
        problems.append(
          .error(
            .io, "cannot read `\(path)` for `.input \(info.name)`",
            help: "pass `-F DIR` with the directory that holds `\(fileName)`"))
      }
    }
    return problems
  }

  private func readFile(_ path: String, into problems: inout [Diagnostic]) -> Int32? {
    guard let data = FileManager.default.contents(atPath: path) else {
      problems.append(.error(.io, "cannot read `\(path)`"))
      return nil
    }
    return sources.add(SourceFile(path: path, bytes: [UInt8](data)))
  }
}
