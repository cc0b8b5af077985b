import Testing

@testable import GwlogCloud

/// The pieces of `gwlog collect` that read text: backend addresses and gcloud's errors.
@Suite struct CollectParsingTests {
  @Test func everyAddressFormSaysWhatItCan() {
    #expect(
      BackendAddress.parse("https://orders-api-200000000001.us-central1.run.app")
        == .runNumbered(service: "orders-api", projectNumber: "200000000001", region: "us-central1")
    )
    #expect(
      BackendAddress.parse("https://orders-api-x7k2m9pq-uc.a.run.app/v1")
        == .runHashed(host: "orders-api-x7k2m9pq-uc.a.run.app"))
    #expect(
      BackendAddress.parse("https://us-central1-legacy-backend.cloudfunctions.net/report-fn")
        == .function(project: "legacy-backend", region: "us-central1", name: "report-fn"))
    #expect(
      BackendAddress.parse("https://europe-west1-p.cloudfunctions.net/f/sub")
        == .function(project: "p", region: "europe-west1", name: "f"))
    #expect(
      BackendAddress.parse("https://legacy-backend.uc.r.appspot.com")
        == .appEngine(project: "legacy-backend"))
    #expect(
      BackendAddress.parse("https://v2-dot-api-dot-legacy.appspot.com")
        == .appEngine(project: "legacy"))
    #expect(BackendAddress.parse("https://maps.googleapis.com/maps/api") == .googleAPI)
    #expect(BackendAddress.parse("https://api.example.com") == .other(host: "api.example.com"))
    // A cloudfunctions.net host without a region prefix names no function.
    #expect(
      BackendAddress.parse("https://legacy.cloudfunctions.net/f")
        == .other(host: "legacy.cloudfunctions.net"))
    #expect(BackendAddress.parse("") == nil)
  }

  @Test func gcloudErrorsAreClassifiedHoweverGcloudWordsThem() {
    let cases: [(String, String)] = [
      (
        "ERROR: (gcloud.resource-manager.folders.get-iam-policy) [None] does not have permission "
          + "to access folders instance [2002:getIamPolicy] (or it may not exist): API has not "
          + "been used in this project before or it is disabled.\n- reason: SERVICE_DISABLED",
        "SERVICE_DISABLED"
      ),
      (
        "ERROR: (gcloud.iam.policies.list) [a@b.c] does not have permission to access policies "
          + "instance [x] (or it may not exist): The caller does not have permission",
        "PERMISSION_DENIED"
      ),
      (
        "ERROR: (gcloud.functions.describe) ResponseError: status=[403], code=[Ok]",
        "PERMISSION_DENIED"
      ),
      (
        "ERROR: (gcloud.org-policies.describe) NOT_FOUND: Requested entity was not found.",
        "NOT_FOUND"
      ),
      (
        "ERROR: (gcloud.identity.groups.memberships.list) Invalid value for [--group-email]: "
          + "There is no such a group associated with the specified argument:g@x.com",
        "NOT_FOUND"
      ),
      (
        "ERROR: (gcloud.projects.describe) You do not currently have an active account "
          + "selected.\nPlease run:\n\n  $ gcloud auth login",
        "UNAUTHENTICATED"
      ),
      ("Traceback (most recent call last):\nboom", "FAILED"),
    ]
    for (stderr, code) in cases {
      #expect(GcloudFailure.classify(status: 1, stderr: stderr).code == code, "\(stderr)")
    }
    let failure = GcloudFailure.classify(
      status: 1,
      stderr: "WARNING: x\nERROR: (gcloud.iam.policies.get) NOT_FOUND: gone. This command is "
        + "authenticated with an access token from the CLOUDSDK_AUTH_ACCESS_TOKEN environment variable."
    )
    #expect(failure.message == "NOT_FOUND: gone.")
    #expect(
      GcloudFailure.classify(status: 127, stderr: "ERROR: cannot start").code == "NOT_STARTED")
  }
}
