import Foundation
import Testing

/// Reading inputs the way issue 17 asks: a bad file in a folder is skipped with its error
/// and a closing line, the answer says it may be incomplete and no pair is `yes` while a file
/// it could rest on was not read; `--strict` stops instead; `-` is standard input; `-v` lists
/// what was read.
@Suite struct KeepGoingEndToEndTests {
  static let at = ["--at", "2026-11-25T00:00:00Z"]

  @Test func aSkippedFileLeavesNoPairYes() throws {
    let directory = try TemporaryDirectory()
    let snapshot = directory.url.appendingPathComponent("snap")
    try FileManager.default.copyItem(
      at: Schemas.root.appendingPathComponent("facts/example"), to: snapshot)
    // A file orders-api's `yes` does not read: what it would have said is still unknown
    // when every file is read ...
    try directory.write("snap/app-describe-legacy-backend.json", "{\"name\": \n")
    let goal = "canInvoke(shop-gw, orders-api)"
    let result = try GwlogProcess.run(
      ["query", goal, "snap", "--read-all"] + Self.at, in: directory.url)
    #expect(result.status == 5, "a ground question answered unknown exits 5")
    let lines = result.stdout.split(separator: "\n").map(String.init)
    #expect(lines.first == "unknown", "\(result.stdout)")
    #expect(
      lines.contains {
        $0.hasPrefix("  needs `snap/app-describe-legacy-backend.json`, which was skipped")
      })
    #expect(lines.last == "the answer may be incomplete: 1 file could not be read and was skipped")
    #expect(result.stderr.contains("warning[bad-json]"))
    #expect(result.stderr.split(separator: "\n").last?.hasPrefix("gwlog: 1 file skipped") == true)

    let strict = try GwlogProcess.run(
      ["query", goal, "snap", "--strict", "--read-all"] + Self.at, in: directory.url)
    #expect(strict.status == 1)
    #expect(strict.stdout.isEmpty)
    #expect(strict.stderr.contains("error[bad-json]"))

    // ... while a question about orders-api alone never opens another project's file, whose
    // name says it describes the App Engine app of legacy-backend (docs/reading.md).
    let focused = try GwlogProcess.run(["query", goal, "snap"] + Self.at, in: directory.url)
    #expect(focused.status == 0)
    #expect(focused.stdout.hasPrefix("yes\n"))
    #expect(!focused.stderr.contains("bad-json"))
  }

  @Test func aBadProgramInAFolderIsSkippedAndListed() throws {
    let directory = try TemporaryDirectory()
    try FileManager.default.createDirectory(
      at: directory.url.appendingPathComponent("dir"), withIntermediateDirectories: true)
    try directory.write("dir/good.dl", pathProgram)
    try directory.write("dir/bad.dl", "edge(3, 4).\npath(X :- edge(X).\n")
    let run = try GwlogProcess.run(["run", "dir", "--only", "path", "-v"], in: directory.url)
    #expect(run.status == 0)
    #expect(run.stdout.contains("path(1, 3)."))
    #expect(!run.stdout.contains("path(3, 4)"), "a fact of the skipped file was kept")
    #expect(run.stderr.contains("read dir/good.dl: gwlog program"))
    #expect(run.stderr.contains("skipped dir/bad.dl: "))
    #expect(run.stderr.contains("dir/bad.dl:2:"))
    #expect(
      run.stdout.hasSuffix(
        "the answer may be incomplete: 1 file could not be read and was skipped\n"))
    for flag in ["--strict", "--no-keep-going"] {
      let strict = try GwlogProcess.run(["run", "dir", flag], in: directory.url)
      #expect(strict.status == 1)
      #expect(strict.stderr.contains("error[syntax]"))
    }
    // A file named on its own is strict unless asked.
    #expect(
      try GwlogProcess.run(["check", "dir/bad.dl", "--no-model"], in: directory.url).status == 1)
    #expect(
      try GwlogProcess.run(
        ["check", "dir/bad.dl", "--no-model", "--keep-going"], in: directory.url
      )
      .status == 0)
  }

  @Test func standardInputIsAProgramOrGcloudJSON() throws {
    let query = try GwlogProcess.run(
      ["query", "path(1, X)", "-", "--no-model", "-v"], input: pathProgram)
    #expect(query.status == 0)
    #expect(query.stdout == "X\n2\n3\n")
    #expect(query.stderr.contains("read <stdin>: gwlog program"))
    let describe = try String(
      contentsOf: Schemas.root.appendingPathComponent(
        "facts/example/run-services-describe-orders-api.json"), encoding: .utf8)
    let imported = try GwlogProcess.run(["import", "-"], input: describe)
    #expect(imported.status == 0)
    #expect(imported.stdout.contains("% from <stdin>\n"))
    #expect(imported.stdout.contains("runService("))
  }
}
