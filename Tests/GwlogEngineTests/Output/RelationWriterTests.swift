import Foundation
import Testing

@testable import GwlogEngine

/// The output forms of `RelationWriter`, with expectations written out by hand.
@Suite struct RelationWriterTests {
  let rows: [[Value]] = [[.integer(1), .symbol("a b")], [.integer(-2), .symbol("x\ty")]]

  @Test func factsAreSourceForm() {
    #expect(
      RelationWriter.facts("p", rows: rows) == "p(1, \"a b\").\np(-2, \"x\\ty\").\n")
    #expect(RelationWriter.facts("ok", rows: [[]]) == "ok().\n")
    #expect(RelationWriter.facts("none", rows: []).isEmpty)
  }

  @Test func tsvIsUnquotedAndKeepsRowsWhole() {
    #expect(RelationWriter.tsv(rows: rows) == "1\ta b\n-2\tx\\ty\n")
    #expect(RelationWriter.tsvField(.symbol("line\nbreak\r")) == "line\\nbreak\\r")
    #expect(RelationWriter.tsvField(.symbol("back\\slash")) == "back\\slash")
  }

  @Test func jsonKeepsKindsAndSortsRelations() {
    let object = RelationWriter.relationsObject([
      (name: "b", rows: [[.integer(1), .symbol("1")]]),
      (name: "a", rows: [[]]),
      (name: "c", rows: []),
    ])
    #expect(object.compact == #"{"a":[[]],"b":[[1,"1"]],"c":[]}"#)
  }

  @Test func csvFilesAreWrittenAndFailuresNameThePath() throws {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("gwlog-writer-" + UUID().uuidString).path
    defer { try? FileManager.default.removeItem(atPath: directory) }
    try RelationWriter.createDirectory(directory + "/out")
    let path = try RelationWriter.writeCSV("p", rows: rows, in: directory + "/out")
    #expect(path == directory + "/out/p.csv")
    let text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
    #expect(text == "1\ta b\n-2\tx\\ty\n")

    let missing = directory + "/no/such/dir"
    do {
      try RelationWriter.writeCSV("p", rows: rows, in: missing)
      Issue.record("writing into a missing directory succeeded")
    } catch {
      #expect(error.code == .io)
      #expect(error.message.contains(missing + "/p.csv"))
    }
  }
}
