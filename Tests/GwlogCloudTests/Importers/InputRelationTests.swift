import Foundation
import Testing

@testable import GwlogCloud

/// The relations the importers write (`InputRelation`) are those `facts/gcp/inputs.dl`
/// declares, with the same arity and symbol columns, and the facts they write have that arity.
@Suite struct InputRelationTests {
  /// Relations `facts/gcp/inputs.dl` declares that no importer writes, and why.
  static let notImported: [String: String] = [
    "evaluationTime": "added by `GoogleCloudModel.load` from `--at` (default now)",
    "inputSkipped": "added by `ModelSession` for each file `--keep-going` skipped",
  ]

  /// Relations the importers write that no fixture gives a fact of.
  static let notInFixtures: Set<InputRelation> = [.exceptionPermission, .inputUnreadable]

  /// `name → column types` of every `.decl` of `facts/gcp/inputs.dl`.
  static func declarations() throws -> [String: [String]] {
    let path = ImportFixtures.repositoryRoot + "/facts/gcp/inputs.dl"
    let text = try String(contentsOf: URL(fileURLWithPath: path), encoding: .utf8)
    var out: [String: [String]] = [:]
    // A declaration may span lines: join each `.decl` with what follows up to its `)`.
    for chunk in text.components(separatedBy: ".decl ").dropFirst() {
      guard let open = chunk.firstIndex(of: "("), let close = chunk.firstIndex(of: ")") else {
        Issue.record("unparsed declaration: \(chunk.prefix(60))")
        continue
      }
      let name = chunk[..<open].trimmingCharacters(in: .whitespacesAndNewlines)
      let columns = chunk[chunk.index(after: open)..<close].split(separator: ",").map {
        column in
        String(column.split(separator: ":").last ?? "").trimmingCharacters(in: .whitespaces)
      }
      #expect(out[name] == nil, "`\(name)` is declared twice")
      out[name] = columns
    }
    return out
  }

  @Test func everyImportedRelationIsDeclaredWithItsArity() throws {
    let declared = try Self.declarations()
    #expect(declared.count > 30)
    for relation in InputRelation.allCases {
      guard let columns = declared[relation.name] else {
        Issue.record("`\(relation.name)` is written by the importers but not declared")
        continue
      }
      #expect(columns.count == relation.arity, "`\(relation.name)` has \(columns.count) columns")
      #expect(
        columns.allSatisfy { $0 == "symbol" }, "`\(relation.name)` has non-symbol columns")
    }
  }

  @Test func everyDeclaredRelationIsImportedOrListed() throws {
    let declared = Set(try Self.declarations().keys)
    let imported = Set(InputRelation.allCases.map(\.name))
    #expect(declared.subtracting(imported) == Set(Self.notImported.keys))
    #expect(imported.isSubset(of: declared))
  }

  @Test func importedFactsHaveTheDeclaredArity() {
    // Each file alone (the conflict rules drop some facts when files are loaded together),
    // then all together (`memberDomain` needs the organizations and the principals).
    let files = ImportFixtures.gcloudFiles()
    let facts = (files.map { [$0] } + [files]).flatMap { ImportFixtures.facts($0).facts }
    #expect(facts.count > 100)
    for fact in facts where fact.values.count != fact.inputRelation.arity {
      Issue.record("\(ImportFixtures.line(fact)) at \(fact.origin)")
    }
    let written = Set(facts.map(\.inputRelation))
    #expect(Set(InputRelation.allCases).subtracting(written) == Self.notInFixtures)
  }
}
