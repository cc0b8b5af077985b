import Foundation
import GwlogEngine
import Testing

@testable import GwlogCloud

/// gcloud's default output format: `.yaml` files of the known shapes give the facts their
/// JSON gives, with line numbers in their origins; gcloud's error text and YAML saved as
/// `.json` get a message that says what they are.
@Suite struct ImportYAMLTests {
  static func read(_ files: [(String, String)]) throws -> ([ImportedFact], [Diagnostic]) {
    let folder = try ImportFixtures.temporaryDirectory()
    for (name, text) in files { try ImportFixtures.write(text, to: folder + "/" + name) }
    return ImportFixtures.facts(files.map { folder + "/" + $0.0 })
  }

  static let membersYAML = """
    ---
    name: groups/01/memberships/1
    preferredMemberKey:
      id: gw@p.iam.gserviceaccount.com
    roles:
    - name: MEMBER
    type: SERVICE_ACCOUNT
    ---
    name: groups/01/memberships/2
    preferredMemberKey:
      id: inner@example.com
    type: GROUP

    """

  @Test func aListPrintedAsDocumentsIsReadAsTheList() throws {
    let (facts, problems) = try Self.read([
      ("identity-groups-memberships-list-callers@example.com.yaml", Self.membersYAML)
    ])
    #expect(problems.isEmpty, "\(problems.map(\.message))")
    let lines = Set(facts.map(ImportFixtures.line))
    #expect(
      lines.contains(
        #"groupMember("serviceAccount:gw@p.iam.gserviceaccount.com", "group:callers@example.com")"#)
    )
    #expect(lines.contains(#"groupMember("group:inner@example.com", "group:callers@example.com")"#))
    #expect(lines.contains(#"groupMembersRead("group:callers@example.com")"#))
    // Origins name the line of the element (1-based) and its pointer as a list element.
    let inner = try #require(facts.first { $0.values.first == "group:inner@example.com" })
    #expect(inner.origin.line == 11)
    #expect(inner.origin.path?.hasPrefix("/1") == true)
  }

  @Test func aOneElementListAndAnEmptyListStillSayWhatTheyList() throws {
    let one =
      "---\n" + Self.membersYAML.split(separator: "---")[0].trimmingCharacters(in: .newlines)
    let (facts, problems) = try Self.read([
      ("identity-groups-memberships-list-one@example.com.yaml", one + "\n"),
      ("identity-groups-memberships-list-none@example.com.yaml", ""),
    ])
    #expect(problems.isEmpty, "\(problems.map(\.message))")
    let lines = Set(facts.map(ImportFixtures.line))
    #expect(
      lines.contains(
        #"groupMember("serviceAccount:gw@p.iam.gserviceaccount.com", "group:one@example.com")"#))
    #expect(lines.contains(#"groupMembersRead("group:none@example.com")"#))
  }

  @Test func aDescribeInYAMLGivesTheFactsOfItsJSON() throws {
    let json = """
      {"bindings": [{"role": "roles/run.invoker", "members": ["group:a@example.com"]}],
       "etag": "BwE=", "version": 1}
      """
    let yaml = """
      bindings:
      - members:
        - group:a@example.com
        role: roles/run.invoker
      etag: BwE=
      version: 1

      """
    let (fromJSON, _) = try Self.read([("projects-get-iam-policy-p.json", json)])
    let (fromYAML, problems) = try Self.read([("projects-get-iam-policy-p.yaml", yaml)])
    #expect(problems.isEmpty, "\(problems.map(\.message))")
    #expect(Set(fromYAML.map(ImportFixtures.line)) == Set(fromJSON.map(ImportFixtures.line)))
    let binding = try #require(fromYAML.first { $0.relation == "binding" })
    #expect((2...4).contains(binding.origin.line ?? 0), "\(binding.origin)")
  }

  @Test func gcloudsErrorTextSavedAsOutputIsNamedForWhatItIs() throws {
    let error =
      "ERROR: (gcloud.projects.get-iam-policy) [me@example.com] does not have permission to "
      + "access projects instance [p:getIamPolicy] (or it may not exist)\n"
    for name in ["projects-get-iam-policy-p.json", "projects-get-iam-policy-p.yaml"] {
      let (facts, problems) = try Self.read([(name, error)])
      #expect(facts.isEmpty)
      let problem = try #require(problems.first)
      #expect(problem.severity == .error)
      #expect(problem.message.contains("holds gcloud's error output, not its result"))
      #expect(problem.help?.contains("gcloud projects get-iam-policy … --format=json") == true)
    }
  }

  @Test func yamlInAJSONFileSaysToAskForJSON() throws {
    let (facts, problems) = try Self.read([
      ("projects-describe-p.json", "projectId: p\nprojectNumber: '1'\n")
    ])
    #expect(facts.isEmpty)
    let problem = try #require(problems.first)
    #expect(problem.message.contains("is YAML, not JSON"))
    #expect(problem.help?.contains("--format=json") == true)
    #expect(problem.help?.contains("projects-describe-p.yaml") == true)
  }
}
