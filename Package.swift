// swift-tools-version:6.0
import PackageDescription

// gwlog: a Datalog engine with proofs, plus a Google Cloud gateway-permission model.
// No package dependencies: Foundation, Dispatch and the test libraries only.
let package = Package(
  name: "gwlog",
  products: [
    .library(name: "GwlogEngine", targets: ["GwlogEngine"]),
    .executable(name: "gwlog", targets: ["gwlog"]),
    .executable(name: "gwlog-bench", targets: ["gwlog-bench"]),
  ],
  targets: [
    .target(
      name: "GwlogEngine",
      // The storage and interpreter classes are accessed only from one task at a time;
      // dynamic exclusivity checks cost ~5% in the join loop (measured with perf on sg).
      swiftSettings: [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]
    ),
    .executableTarget(name: "gwlog", dependencies: ["GwlogEngine"]),
    .executableTarget(name: "gwlog-bench", dependencies: ["GwlogEngine"]),
    .target(name: "_GwlogTestSupport", dependencies: ["GwlogEngine"]),
    .testTarget(
      name: "GwlogEngineTests", dependencies: ["GwlogEngine", "_GwlogTestSupport"]),
    .testTarget(name: "GwlogCLITests", dependencies: ["GwlogEngine", "_GwlogTestSupport"]),
  ],
  swiftLanguageModes: [.v6]
)
