import Foundation
import GwlogEngine

/// The calls that compose a session with the Google Cloud model: one load of the model, the
/// user's programs and fact files and their gcloud JSON (every folder walked once), and an
/// explanation that carries the model's own diagnosis.
public enum ModelSession {
  /// Loads the model (unless `withModel` is false), then every path: `.dl`, `.facts` and
  /// `.tsv` files through the engine, gcloud `.json` / `.ndjson` output through the
  /// importers; returns the importers' problems (the engine's are in
  /// `workspace.diagnostics`).
  ///
  /// Folders are searched recursively, once, in byte order of the paths; model rule files
  /// found on disk (`facts/gcp/...`) are skipped while the model is built in. Without the
  /// model, every path goes to the engine.
  public static func load(
    paths: [String], into workspace: Workspace, evaluationTime: Int64, withModel: Bool = true
  ) -> [Diagnostic] {
    guard withModel else {
      for path in paths { workspace.load(path: path) }
      return []
    }
    GoogleCloudModel.load(into: workspace, evaluationTime: evaluationTime)
    var engineFiles: [String] = []
    var gcloudFiles: [(path: String, named: Bool)] = []
    for path in paths {
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
        engineFiles.append(path)  // reported as missing by the engine
        continue
      }
      guard isDirectory.boolValue else {
        if GcloudImport.isImportable(path) {
          gcloudFiles.append((path, true))
        } else if !GoogleCloudModel.isModelPath(path) {
          engineFiles.append(path)
        }
        continue
      }
      for file in Workspace.files(under: path, endingIn: sourceSuffixes) {
        if GcloudImport.isImportable(file) {
          gcloudFiles.append((file, false))
        } else if !GoogleCloudModel.isModelPath(file) {
          engineFiles.append(file)
        }
      }
    }
    for file in engineFiles { workspace.load(path: file) }
    return GcloudImport.load(files: gcloudFiles, into: workspace)
  }

  /// File name endings read from folders: the engine's sources and gcloud output.
  static let sourceSuffixes = [".dl", ".facts", ".tsv", ".json", ".ndjson"]

  /// Explains `goal` like `Workspace.explain`, and for a `canInvoke(G, B)` that does not
  /// hold adds the model's causes (every `invokeProblem` of the pair) as the why-not's
  /// findings.
  public static func explain(_ goal: Atom, in workspace: Workspace, depth: Int) throws
    -> Explanation
  {
    let explanation = try workspace.explain(goal, depth: depth)
    guard case .whyNot(var whyNot) = explanation, goal.name == "canInvoke",
      whyNot.goalValues.count == 2, let gateway = whyNot.goalValues[0],
      let backend = whyNot.goalValues[1]
    else { return explanation }
    let causes = Causes.of(gateway: gateway, backend: backend, in: workspace)
    if !causes.isEmpty {
      whyNot.findings = Findings(
        title: "causes found by the Google Cloud model", key: "causes",
        items: causes.map { cause in
          Findings.Item(
            fields: [("layer", cause.layer), ("code", cause.code), ("detail", cause.detail)],
            text: "\(cause.layer) \(cause.code): \(cause.detail)")
        })
    }
    return .whyNot(whyNot)
  }
}

extension GcloudImport {
  /// Imports the given files in one import session (so that files resolve against each
  /// other) and returns the problems found; `named` files must be of a known shape, others
  /// (found in a folder) are skipped with a warning when they are not.
  static func load(files: [(path: String, named: Bool)], into workspace: Workspace)
    -> [Diagnostic]
  {
    guard !files.isEmpty else { return [] }
    let session = ImportSession()
    for file in files { importFile(file.path, named: file.named, session: session) }
    for fact in session.resolve() {
      workspace.addFact(
        relation: fact.relation, values: fact.values.map { .symbol($0) }, origin: fact.origin)
    }
    return session.diagnostics
  }
}
