import Foundation
import GwlogEngine
import Testing

@testable import GwlogCloud

/// The embedded model: complete, byte-identical to `facts/gcp`, the catalog loaded and
/// fixed, goal constants rewritten through `alias`.
@Suite struct ModelLoadingTests {
  /// The repository's `facts/gcp` directory (tests must not reach outside the repo).
  static let modelDirectory = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("facts/gcp")
  static let january31: Int64 = 1_769_817_600

  @Test func everyFileOfFactsGCPIsEmbeddedByteForByte() throws {
    let root = Self.modelDirectory.path
    var onDisk: [String: [UInt8]] = [:]
    let enumerator = FileManager.default.enumerator(atPath: root)
    while let item = enumerator?.nextObject() as? String {
      var isDirectory: ObjCBool = false
      let full = root + "/" + item
      if FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory),
        !isDirectory.boolValue, !(item.split(separator: "/").last?.hasPrefix(".") ?? false)
      {
        onDisk["facts/gcp/" + item] = [UInt8](try Data(contentsOf: URL(fileURLWithPath: full)))
      }
    }
    let embedded = GoogleCloudModel.files
    let tables = GoogleCloudModel.tables
    #expect(onDisk["facts/gcp/inputs.dl"] != nil)
    #expect(onDisk["facts/gcp/roles.tsv"] != nil)
    #expect(tables.map(\.path) == ["facts/gcp/roles.tsv"])
    #expect(Set(embedded.map(\.path) + tables.map(\.path)) == Set(onDisk.keys))
    for file in embedded {
      #expect(file.bytes == onDisk[file.path], "\(file.path) differs from the file on disk")
    }
    for (path, table) in tables {
      let expected = Self.rows(ofTSV: onDisk[path] ?? [])
      #expect(Self.rows(of: table) == expected, "\(path) differs from the file on disk")
      #expect(table.count == expected.count)
    }
  }

  /// The distinct rows of a tab-separated text with their lines, as the engine reads a
  /// `.tsv` file (`#` and empty lines skipped, the first of equal rows kept), written
  /// `LINE<TAB>FIELDS`.
  static func rows(ofTSV bytes: [UInt8]) -> [String] {
    var seen = Set<String>()
    var out: [String] = []
    for (k, line) in String(decoding: bytes, as: UTF8.self).split(
      separator: "\n", omittingEmptySubsequences: false
    ).enumerated() {
      let text = line.hasSuffix("\r") ? String(line.dropLast()) : String(line)
      guard !text.isEmpty, !text.hasPrefix("#"), seen.insert(text).inserted else { continue }
      out.append("\(k + 1)\t\(text)")
    }
    return out
  }

  /// The rows of a decoded table in the form of `rows(ofTSV:)`.
  static func rows(of table: InternedTable) -> [String] {
    let symbols = zip(table.symbolStarts, table.symbolEnds).map { start, end in
      String(decoding: table.symbolBytes[Int(start)..<Int(end)], as: UTF8.self)
    }
    var lines = [Int](repeating: 0, count: table.count)
    for (k, run) in table.lineRuns.enumerated() {
      let end = k + 1 < table.lineRuns.count ? table.lineRuns[k + 1].firstRow : table.count
      for row in run.firstRow..<min(end, table.count) {
        lines[row] = run.firstLine + row - run.firstRow
      }
    }
    return (0..<table.count).map { row in
      let fields = (0..<table.arity).map { symbols[Int(table.rows[row * table.arity + $0])] }
      return "\(lines[row])\t" + fields.joined(separator: "\t")
    }
  }

  @Test func catalogLoadsEveryPairAndIsFixed() throws {
    let workspace = Workspace()
    GoogleCloudModel.load(into: workspace, evaluationTime: Self.january31)
    workspace.addSource(
      path: "user.dl", text: "grants(R) :- rolePermission(R, \"nope.things.do\").")
    try workspace.evaluate()
    #expect(workspace.diagnostics.filter { $0.severity == .error }.isEmpty)
    #expect(workspace.tuples(of: "rolePermission").count == 163_770)
    let invoker = try workspace.query(#"rolePermission("roles/run.invoker", "run.routes.invoke")"#)
    #expect(invoker.rows.count == 1)
    #expect(try workspace.query("evaluationTime(T)").rows == [[.integer(Self.january31)]])
    // `.fixed`: the why-not never proposes adding a predefined role's permission.
    guard case .whyNot(let whyNot) = try workspace.explain(#"grants("roles/run.invoker")"#) else {
      Issue.record("the goal should not hold")
      return
    }
    #expect(!whyNot.repairs.contains { $0.relation == "rolePermission" })
    #expect(!workspace.relationNames.isEmpty)
  }

  @Test func modelSourcesAreNamedUnderTheModelPrefix() throws {
    let workspace = Workspace()
    GoogleCloudModel.load(into: workspace, evaluationTime: 0)
    let paths = workspace.sources.files.map(\.path)
    #expect(paths.contains("<model>/facts/gcp/inputs.dl"))
    #expect(paths.contains("<model>/facts/gcp/roles.tsv"))
    #expect(paths.allSatisfy { $0.hasPrefix(GoogleCloudModel.pathPrefix) })
  }

  static let aliasFacts = """
    reaches("gw", "projects/shop/locations/r/services/orders-api").
    alias("orders-api", "projects/shop/locations/r/services/orders-api").
    alias("projects/1234/locations/r/services/orders-api", "projects/shop/locations/r/services/orders-api").
    alias("status", "projects/shop/locations/r/services/status").
    alias("status", "projects/bank/locations/r/services/status").
    alias("gw", "projects/shop/locations/r/gateways/gw").
    """

  @Test func uniqueAliasesAreRewritten() throws {
    let workspace = Workspace()
    GoogleCloudModel.load(into: workspace, evaluationTime: 0)
    workspace.addSource(path: "user.dl", text: Self.aliasFacts)
    #expect(try workspace.query(#"reaches(G, "orders-api")"#).rows == [[.symbol("gw")]])
    #expect(
      try workspace.query(#"reaches(G, "projects/1234/locations/r/services/orders-api")"#).rows
        == [[.symbol("gw")]])
    // `gw` is a value of the goal's column itself, so it is not rewritten.
    #expect(try workspace.query("reaches(gw, B)").rows.count == 1)
  }

  @Test func ambiguousAliasIsAnErrorListingTheCandidates() throws {
    let workspace = Workspace()
    GoogleCloudModel.load(into: workspace, evaluationTime: 0)
    workspace.addSource(path: "user.dl", text: Self.aliasFacts)
    do {
      _ = try workspace.query("reaches(G, status)")
      Issue.record("an ambiguous name should be an error")
    } catch let error as DiagnosticError {
      let diagnostic = try #require(error.diagnostics.first)
      #expect(diagnostic.code == .ambiguousName)
      #expect(diagnostic.message.contains("`projects/bank/locations/r/services/status`"))
      #expect(diagnostic.message.contains("`projects/shop/locations/r/services/status`"))
    }
  }

  /// Two services share the short name `status` and only one of them reaches the gateway:
  /// answering for that one would be a yes about a resource the user may not have meant.
  @Test func ambiguousAliasIsAnErrorEvenWhenOneCandidateHolds() throws {
    for goalDirected in [false, true] {
      let workspace = Workspace()
      GoogleCloudModel.load(into: workspace, evaluationTime: 0)
      workspace.addSource(
        path: "user.dl",
        text: Self.aliasFacts + #"reaches("gw", "projects/shop/locations/r/services/status")."#)
      do {
        if goalDirected {
          _ = try workspace.explain(#"reaches("gw", status)"#)
        } else {
          _ = try workspace.query(#"reaches("gw", status)"#)
        }
        Issue.record("an ambiguous name should be an error (goal-directed: \(goalDirected))")
      } catch let error as DiagnosticError {
        #expect(error.diagnostics.first?.code == .ambiguousName)
      }
    }
  }

  @Test func clashWithAModelRelationSuggestsNoModel() throws {
    let workspace = Workspace()
    GoogleCloudModel.load(into: workspace, evaluationTime: 0)
    workspace.addSource(path: "user.dl", text: "binding(\"a\", \"b\").\n.decl alias(x: number)")
    #expect(!workspace.check())
    let clashes = workspace.diagnostics.filter {
      $0.code == .arityMismatch || $0.code == .redeclared
    }
    #expect(clashes.count == 2)
    #expect(clashes.allSatisfy { $0.help?.contains("--no-model") ?? false })
  }

  @Test(arguments: [
    ("facts/gcp/run.dl", true), ("./facts/gcp/sub/x.dl", true), ("/repo/facts/gcp/roles.tsv", true),
    ("facts/example/gcp.dl", false), ("gcp/facts/x.dl", false), ("facts/gcp", false),
  ])
  func modelPaths(path: String, isModel: Bool) {
    #expect(GoogleCloudModel.isModelPath(path) == isModel)
  }
}
