// swift-tools-version:6.0
import PackageDescription

// gwlog: a Datalog engine with proofs, plus a Google Cloud gateway-permission model.
// No package dependencies: Foundation, Dispatch and the test libraries only.
let package = Package(
  name: "gwlog",
  products: [
    .library(name: "GwlogEngine", targets: ["GwlogEngine"]),
    .library(name: "GwlogCloud", targets: ["GwlogCloud"]),
    .executable(name: "gwlog", targets: ["gwlog"]),
    .executable(name: "gwlog-bench", targets: ["gwlog-bench"]),
  ],
  targets: [
    .target(
      name: "GwlogEngine",
      // The storage and interpreter classes are accessed only from one task at a time;
      // dynamic exclusivity checks cost ~5% in the join loop (measured with perf on sg).
      swiftSettings: [
        .unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))
      ]
    ),
    // The Google Cloud model: every file of `facts/gcp` is compiled in by the EmbedModel
    // plugin (no SwiftPM resources: their `Bundle.module` accessor traps when the bundle is
    // missing).
    .target(
      name: "GwlogCloud", dependencies: ["GwlogEngine"], plugins: ["EmbedModel"]),
    .executableTarget(name: "gwlog-embed"),
    .plugin(
      name: "EmbedModel", capability: .buildTool(), dependencies: ["gwlog-embed"]),
    // `gwlog --version` names the commit it was built from: the BuildInfo plugin reads the
    // git files at build time (no git at run time).
    .executableTarget(
      name: "gwlog", dependencies: ["GwlogEngine", "GwlogCloud"], plugins: ["BuildInfo"]),
    .executableTarget(name: "gwlog-buildinfo"),
    .plugin(
      name: "BuildInfo", capability: .buildTool(), dependencies: ["gwlog-buildinfo"]),
    .executableTarget(name: "gwlog-bench", dependencies: ["GwlogEngine"]),
    .target(name: "_GwlogTestSupport", dependencies: ["GwlogEngine"]),
    .testTarget(
      name: "GwlogEngineTests", dependencies: ["GwlogEngine", "_GwlogTestSupport"]),
    // Golden outputs and fixtures (the SARIF 2.1.0 schema) are read by path (`#filePath`).
    .testTarget(
      name: "GwlogCLITests", dependencies: ["GwlogEngine", "GwlogCloud", "_GwlogTestSupport"],
      exclude: ["Golden", "Fixtures"]),
    // The benchmark's pure logic (targets, ratios, tables); `@testable import gwlog_bench`.
    .testTarget(name: "GwlogBenchTests", dependencies: ["gwlog-bench"]),
    // The gcloud example files are read by path (`#filePath`), not as SwiftPM resources.
    .testTarget(
      name: "GwlogCloudTests", dependencies: ["GwlogCloud", "GwlogEngine", "_GwlogTestSupport"],
      exclude: ["Fixtures"]),
  ],
  swiftLanguageModes: [.v6]
)
