import Foundation

extension Workspace {
  /// What the workspace holds before a file is added, so that a bad file can be left out
  /// whole: counts of everything adding a source appends to.
  private struct LoadMark {
    var diagnostics: Int
    var programs: Int
    var pendingTSV: Int
    var bulkFacts: Int
    /// Per relation with bulk facts: rows, provenance tags and file runs.
    var bulkCounts: [(ids: Int, lines: Int, files: Int)]
  }

  private var loadMark: LoadMark {
    LoadMark(
      diagnostics: diagnostics.count, programs: programs.count, pendingTSV: pendingTSV.count,
      bulkFacts: bulkFacts.count,
      bulkCounts: bulkFacts.map { ($0.ids.count, $0.lines.count, $0.files.count) })
  }

  /// Loads one file (a `.dl` program, `.facts` file or `.tsv` relation) like `load(path:)`,
  /// but when reading or parsing it finds an error the file is left out whole: none of its
  /// rules or facts are added, and its diagnostics are returned instead of recorded.
  ///
  /// Returns an empty array when the file was loaded (its warnings are recorded as usual).
  /// Errors found later (analysis, tab-separated rows read at evaluation) are not covered.
  public func loadSkippingOnError(path: String) -> [Diagnostic] {
    let mark = loadMark
    load(path: path)
    return rollBackOnError(to: mark)
  }

  /// Adds a source text like `addSource(path:bytes:)`, left out whole (and its diagnostics
  /// returned) when parsing it finds an error; empty when it was added.
  public func addSourceSkippingOnError(path: String, bytes: [UInt8]) -> [Diagnostic] {
    let mark = loadMark
    addSource(path: path, bytes: bytes)
    return rollBackOnError(to: mark)
  }

  /// When the diagnostics recorded since `mark` hold an error, removes everything added
  /// since then and returns those diagnostics; otherwise returns nothing.
  private func rollBackOnError(to mark: LoadMark) -> [Diagnostic] {
    let found = Array(diagnostics[mark.diagnostics...])
    guard found.contains(where: { $0.severity == .error }) else { return [] }
    diagnostics.removeLast(diagnostics.count - mark.diagnostics)
    programs.removeLast(programs.count - mark.programs)
    pendingTSV.removeLast(pendingTSV.count - mark.pendingTSV)
    for removed in bulkFacts[mark.bulkFacts...] { bulkFactIndex[removed.name] = nil }
    bulkFacts.removeLast(bulkFacts.count - mark.bulkFacts)
    for (k, counts) in mark.bulkCounts.enumerated() {
      bulkFacts[k].ids.removeLast(bulkFacts[k].ids.count - counts.ids)
      bulkFacts[k].lines.removeLast(bulkFacts[k].lines.count - counts.lines)
      bulkFacts[k].files.removeLast(bulkFacts[k].files.count - counts.files)
    }
    invalidate()
    return found
  }
}
