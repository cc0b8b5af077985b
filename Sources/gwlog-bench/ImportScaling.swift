import Foundation

/// `gwlog-bench --import-scaling`: the regression check for an import whose time grows with
/// the square of a policy's size (one `get-iam-policy` with 100k members took over 120 s when
/// a binding's member set was copied on every insert).
///
/// It writes one policy of a single binding with N members, and one of N bindings of one
/// member each, at N = 25k and 100k, and times `gwlog import` of each (median of three runs,
/// whole process). A linear import takes about four times as long at 100k as at 25k, a
/// quadratic one sixteen: the check fails above eight, or above 30 s at 100k. The bounds are
/// deliberately generous (a timed check belongs here, not in the unit tests): they catch the
/// quadratic growth, not a slow machine.
enum ImportScaling {
  /// Policy sizes measured.
  static let sizes = [25_000, 100_000]
  /// The largest tolerated time ratio between the largest and the smallest size.
  static let maximumRatio = 8.0
  /// The largest tolerated time at the largest size, in seconds.
  static let maximumSeconds = 30.0

  /// Which policy: one binding of N members, or N bindings of one member.
  enum Shape: String, CaseIterable {
    case members, bindings
  }

  /// Runs the check with the gwlog CLI at `gwlog`, writing into `directory`; returns the exit
  /// code (1 when a bound is exceeded or an import fails).
  static func run(gwlog: String, directory: String) throws -> Int32 {
    print("import scaling: `gwlog import` of one get-iam-policy, median of 3 (wall s)")
    var failed = false
    for shape in Shape.allCases {
      var seconds: [Double] = []
      for size in sizes {
        let folder = directory + "/\(shape.rawValue)-\(size)"
        try write(shape, size: size, into: folder)
        var runs: [Double] = []
        for _ in 0..<3 {
          let run = try Subprocess.timed(
            gwlog, ["import", folder, "-o", "/dev/null"], stdout: "/dev/null",
            stderr: folder + ".stderr", timeout: 600)
          guard run.status == 0 else {
            print("  \(shape.rawValue) \(size): FAILED (exit \(run.status))")
            return 1
          }
          runs.append(run.wallSeconds)
        }
        seconds.append(Measure.median(runs))
      }
      let (first, last) = (seconds.first ?? 0, seconds.last ?? 0)
      let ratio = first > 0 ? last / first : 0
      let ok = ratio <= maximumRatio && last <= maximumSeconds
      failed = failed || !ok
      print(
        "  \(shape.rawValue): "
          + zip(sizes, seconds).map { String(format: "%dk %.2f s", $0 / 1000, $1) }.joined(
            separator: ", ")
          + String(format: "; ratio %.1f (linear 4, quadratic 16; bound %.0f)", ratio, maximumRatio)
          + (ok ? "" : "  EXCEEDED"))
    }
    return failed ? 1 : 0
  }

  /// Writes a project's describe output and its policy of `size` members or bindings.
  static func write(_ shape: Shape, size: Int, into folder: String) throws {
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let project = """
      {"lifecycleState": "ACTIVE", "name": "big", "parent": {"id": "1001", "type": "organization"},
       "projectId": "big", "projectNumber": "900000000001"}

      """
    try Data(project.utf8).write(to: URL(fileURLWithPath: folder + "/projects-describe-big.json"))
    var policy = #"{"etag": "x", "version": 1, "bindings": ["#
    switch shape {
    case .members:
      policy += #"{"role": "roles/viewer", "members": ["#
      policy += (0..<size).map { #""user:u\#($0)@example.com""# }.joined(separator: ",\n")
      policy += "]}"
    case .bindings:
      policy += (0..<size).map {
        #"{"role": "roles/custom\#($0 % 500)", "members": ["user:u\#($0)@example.com"]}"#
      }.joined(separator: ",\n")
    }
    policy += "]}\n"
    try Data(policy.utf8).write(
      to: URL(fileURLWithPath: folder + "/projects-get-iam-policy-big.json"))
  }
}
