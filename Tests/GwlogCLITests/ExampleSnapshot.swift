import Foundation

/// A copy of `facts/example` in a temporary directory, changed for one test: files left out
/// or replaced by other bytes.
enum ExampleSnapshot {
  /// The copy, with `omitting` left out and each file of `replacing` holding its text.
  static func copy(omitting: Set<String> = [], replacing: [String: String] = [:]) throws
    -> TemporaryDirectory
  {
    let example = GoalDirectedEndToEndTests.example
    let snapshot = try TemporaryDirectory()
    for name in try FileManager.default.contentsOfDirectory(atPath: example)
    where !omitting.contains(name) {
      let target = snapshot.url.appendingPathComponent(name)
      if let text = replacing[name] {
        try Data(text.utf8).write(to: target)
      } else {
        try FileManager.default.copyItem(atPath: example + "/" + name, toPath: target.path)
      }
    }
    return snapshot
  }
}
