import Foundation

@testable import GwlogCloud

/// A gcloud that answers from a table (the command without `--format=json` → what it
/// prints), and records every command it was asked to run; a command not in the table fails
/// as gcloud does for a missing resource.
final class ScriptedGcloud: GcloudRunner, @unchecked Sendable {
  /// What one command does.
  enum Answer {
    case prints(String)
    case fails(String)
  }

  let program = "gcloud"
  private let lock = NSLock()
  private var answers: [String: Answer]
  private var ran: [String] = []

  init(_ answers: [String: Answer]) {
    self.answers = answers
  }

  /// Replaces one command's answer (between two collections).
  func set(_ command: String, _ answer: Answer) {
    lock.lock()
    answers[command] = answer
    lock.unlock()
  }

  /// Every command run so far, without `--format=json`, sorted.
  var commands: [String] {
    lock.lock()
    defer { lock.unlock() }
    return ran.sorted()
  }

  func run(_ arguments: [String]) -> GcloudResult {
    let key = arguments.filter { $0 != "--format=json" }.joined(separator: " ")
    lock.lock()
    ran.append(key)
    let answer = answers[key]
    lock.unlock()
    switch answer {
    case .prints(let text)?: return GcloudResult(status: 0, stdout: Array(text.utf8), stderr: "")
    case .fails(let stderr)?:
      return GcloudResult(status: 1, stdout: Array("[]".utf8), stderr: stderr)
    case nil:
      return GcloudResult(
        status: 1, stdout: [],
        stderr: "ERROR: (gcloud.test) NOT_FOUND: nothing scripted for `\(key)`")
    }
  }
}

/// A small organisation as gcloud prints it: organizations/1 holds project `gwp` (number 100,
/// gateway `gw`) and project `bp` (number 200, Cloud Run service `svc` that the gateway's
/// account may invoke); the config also routes to a `*.a.run.app` service `hashed` of `bp`
/// and to a 1st gen function `fn` of project `fnp`.
enum ScriptedOrg {
  static let account = "gw@gwp.iam.gserviceaccount.com"
  static let svcURL = "https://svc-200.us-central1.run.app"
  static let hashedURL = "https://hashed-abcdefghij-uc.a.run.app"
  static let functionURL = "https://us-central1-fnp.cloudfunctions.net/fn"
  static let gateway = "projects/gwp/locations/us-central1/gateways/gw"
  static let service = "projects/bp/locations/us-central1/services/svc"
  static let empty = #"{"etag": "BwE="}"#

  static var openapi: String {
    let document = """
      {"swagger": "2.0", "info": {"title": "t", "version": "1"},
       "x-google-backend": {"address": "\(svcURL)"},
       "paths": {
         "/s": {"get": {"operationId": "s"}},
         "/h": {"get": {"operationId": "h", "x-google-backend": {"address": "\(hashedURL)"}}},
         "/f": {"get": {"operationId": "f", "x-google-backend": {"address": "\(functionURL)"}}}}}
      """
    return Data(document.utf8).base64EncodedString()
  }

  static func knative(_ name: String, project: String, number: String, url: String) -> String {
    """
    {"apiVersion": "serving.knative.dev/v1", "kind": "Service",
     "metadata": {"name": "\(name)", "namespace": "\(number)",
       "labels": {"cloud.googleapis.com/location": "us-central1"},
       "annotations": {"run.googleapis.com/ingress": "all"}},
     "spec": {"template": {"spec": {"containers": [{"image": "x"}]}}},
     "status": {"url": "\(url)", "conditions": [{"type": "Ready", "status": "True"}]}}
    """
  }

  /// The answers of a complete snapshot.
  static var answers: [String: ScriptedGcloud.Answer] {
    let deny = "--kind=denypolicies"
    let point = "--attachment-point=cloudresourcemanager.googleapis.com/"
    var table: [String: ScriptedGcloud.Answer] = [
      "api-gateway gateways describe gw --location=us-central1 --project=gwp": .prints(
        #"{"name": "\#(gateway)", "apiConfig": "projects/100/locations/global/apis/a/configs/c1"}"#
      ),
      "api-gateway api-configs describe projects/100/locations/global/apis/a/configs/c1 --view=FULL":
        .prints(
          """
          {"name": "projects/gwp/locations/global/apis/a/configs/c1", "state": "ACTIVE",
           "gatewayServiceAccount": "projects/-/serviceAccounts/\(account)",
           "openapiDocuments": [{"document": {"path": "o.json", "contents": "\(openapi)"}}]}
          """),
      "iam service-accounts describe \(account)": .prints(
        #"{"email": "\#(account)", "uniqueId": "1", "name": "projects/gwp/serviceAccounts/\#(account)"}"#
      ),
      "projects describe gwp": .prints(
        #"{"projectId": "gwp", "projectNumber": "100", "parent": {"type": "organization", "id": "1"}}"#
      ),
      "projects describe 200": .prints(
        #"{"projectId": "bp", "projectNumber": "200", "parent": {"type": "organization", "id": "1"}}"#
      ),
      "projects describe fnp": .prints(
        #"{"projectId": "fnp", "projectNumber": "300", "parent": {"type": "organization", "id": "1"}}"#
      ),
      "organizations describe 1": .prints(
        #"{"name": "organizations/1", "displayName": "example.com", "owner": {"directoryCustomerId": "C0"}}"#
      ),
      "run services describe svc --region=us-central1 --project=bp": .prints(
        knative("svc", project: "bp", number: "200", url: svcURL)),
      "run services describe hashed --region=us-central1 --project=bp": .prints(
        knative("hashed", project: "bp", number: "200", url: hashedURL)),
      "run services list --project=bp": .prints(
        "[" + knative("hashed", project: "bp", number: "200", url: hashedURL) + "]"),
      "run services get-iam-policy svc --region=us-central1 --project=bp": .prints(
        #"{"bindings": [{"role": "roles/run.invoker", "members": ["serviceAccount:\#(account)"]}], "etag": "BwE="}"#
      ),
      "run services get-iam-policy hashed --region=us-central1 --project=bp": .prints(empty),
      "functions describe fn --region=us-central1 --project=fnp": .prints(
        """
        {"name": "projects/fnp/locations/us-central1/functions/fn", "status": "ACTIVE",
         "httpsTrigger": {"url": "\(functionURL)"}, "ingressSettings": "ALLOW_ALL"}
        """),
      "functions get-iam-policy fn --region=us-central1 --project=fnp": .prints(empty),
      "organizations get-iam-policy 1": .prints(empty),
      "iam policies list \(point)organizations/1 \(deny)": .prints("{}"),
      "org-policies list --organization=1": .prints("[]"),
    ]
    for project in ["bp", "fnp"] {
      table["projects get-iam-policy \(project)"] = .prints(empty)
      table["iam policies list \(point)projects/\(project) \(deny)"] = .prints("{}")
      table["org-policies list --project=\(project)"] = .prints("[]")
    }
    return table
  }
}
