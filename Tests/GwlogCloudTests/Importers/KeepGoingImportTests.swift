import Foundation
import GwlogEngine
import Testing

@testable import GwlogCloud

/// `--keep-going` in the importers: a file with an error is left out whole (the facts it
/// gave before the error and the names it mapped included), is listed as skipped with its
/// error, and the other files read as if it were not there.
@Suite struct KeepGoingImportTests {
  /// A project describe that maps number 123 to `p`, then fails on `parent`; a policy named
  /// by the number; a good describe of project `q`.
  static func folder() throws -> String {
    let dir = try ImportFixtures.temporaryDirectory()
    try ImportFixtures.write(
      #"{"projectId": "p", "projectNumber": "123", "parent": "organizations/1"}"#,
      to: dir + "/projects-describe-p.json")
    try ImportFixtures.write(
      #"{"bindings": [{"role": "roles/run.invoker", "members": ["user:a@example.com"]}]}"#,
      to: dir + "/projects-get-iam-policy-123.json")
    try ImportFixtures.write(
      #"{"projectId": "q", "projectNumber": "456"}"#, to: dir + "/projects-describe-q.json")
    return dir
  }

  @Test func aFileWithAnErrorIsLeftOutWhole() throws {
    let dir = try Self.folder()
    let (facts, problems, files) = GcloudImport.read(
      paths: [dir], settings: LoadSettings(keepsGoing: true))
    #expect(problems.allSatisfy { $0.severity != .error }, "\(problems.map(\.message))")
    let skipped = files.filter(\.isSkipped)
    #expect(skipped.map(\.path) == [dir + "/projects-describe-p.json"])
    #expect(skipped.first?.errors.first?.location?.pointer == "/parent")
    #expect(!facts.contains { $0.origin.file.hasSuffix("projects-describe-p.json") })
    // The number it mapped is forgotten: the policy stays on `projects/123`.
    let resources = Set(facts.filter { $0.relation == "binding" }.map { $0.values[0] })
    #expect(resources == ["projects/123"])
    #expect(
      facts.contains { $0.relation == "projectNumber" && $0.values == ["projects/q", "456"] })
    #expect(files.first { $0.path.hasSuffix("describe-q.json") }?.kind?.contains("project") == true)
  }

  @Test func withoutKeepGoingTheErrorStaysAndTheFileIsRead() throws {
    let dir = try Self.folder()
    let (facts, problems, files) = GcloudImport.read(paths: [dir], settings: LoadSettings())
    let error = try #require(problems.first { $0.severity == .error })
    #expect(error.location?.file == dir + "/projects-describe-p.json")
    #expect(error.location?.pointer == "/parent")
    #expect(error.location?.line == 1)
    #expect(files.allSatisfy { !$0.isSkipped })
    // Read as before: the mapping of the failing file applies.
    #expect(facts.contains { $0.relation == "binding" && $0.values[0] == "projects/p" })
  }

  @Test func standardInputIsReadAsOneNamedFile() throws {
    let bytes = Array(#"{"projectId": "s", "projectNumber": "789"}"#.utf8)
    let (facts, _, files) = GcloudImport.read(
      paths: ["-"], settings: LoadSettings(standardInput: bytes))
    #expect(files.map(\.path) == [LoadSettings.standardInputName])
    #expect(facts.contains { $0.relation == "projectNumber" && $0.origin.file == "<stdin>" })
  }
}
