import Foundation
import GwlogEngine

extension ModelSession {
  /// Loads the model (unless `withModel` is false), then every path under `settings`.
  ///
  /// `.dl`, `.facts` and `.tsv` files go through the engine, gcloud `.json` / `.ndjson`
  /// output through the importers, and `-` is `settings.standardInput` (gcloud JSON when it
  /// starts with `{` or `[` and the model is loaded, else a gwlog program). Returns the
  /// importers' problems and every file read or skipped.
  ///
  /// Folders are searched recursively, once, in byte order of the paths; model rule files
  /// found on disk (`facts/gcp/...`) are skipped while the model is built in. With
  /// `settings.keepsGoing` a file with a read or parse error is left out whole; with the
  /// model, each such file becomes an `inputUnreadable` fact, so that no verdict rests on
  /// what it did not say (facts/gcp/verdicts.dl).
  public static func load(
    paths: [String], into workspace: Workspace, evaluationTime: Int64, withModel: Bool = true,
    assumptions: [ModelAssumption] = [], threads: Int? = nil, settings: LoadSettings
  ) -> LoadReport {
    if withModel {
      GoogleCloudModel.load(into: workspace, evaluationTime: evaluationTime)
      if !assumptions.isEmpty {
        let facts = assumptions.map { "assumed(\"\($0.rawValue)\").\n" }.joined()
        workspace.addSource(path: GoogleCloudModel.pathPrefix + "assumptions.dl", text: facts)
      }
    }
    var engineFiles: [String] = []
    var gcloudFiles: [(path: String, named: Bool)] = []
    for path in paths {
      if path == "-" {
        if withModel && looksLikeJSON(settings.standardInput ?? []) {
          gcloudFiles.append((path, true))
        } else {
          engineFiles.append(path)
        }
        continue
      }
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
        engineFiles.append(path)  // reported as missing by the engine
        continue
      }
      let found =
        isDirectory.boolValue
        ? Workspace.files(
          under: path, endingIn: withModel ? sourceSuffixes : [".dl", ".facts", ".tsv"])
        : [path]
      for file in found {
        if withModel && GcloudImport.isImportable(file) {
          gcloudFiles.append((file, !isDirectory.boolValue))
        } else if !(withModel && GoogleCloudModel.isModelPath(file)) {
          engineFiles.append(file)
        }
      }
    }
    var report = LoadReport()
    for file in engineFiles {
      report.files.append(loadEngineFile(file, into: workspace, settings: settings))
    }
    let (problems, loaded, unopened) = GcloudImport.load(
      files: gcloudFiles, into: workspace, threads: threads, settings: settings)
    report.problems += problems
    report.files += loaded
    report.unopened = unopened
    if withModel {
      for file in report.skipped {
        let error = file.errors.first?.message ?? "it could not be read"
        workspace.addFact(
          relation: "inputSkipped", values: [.symbol(file.path), .symbol(error)],
          origin: FactOrigin(file: file.path))
      }
    }
    return report
  }

  /// Loads one program, facts or TSV file (or standard input, `-`, as a program).
  private static func loadEngineFile(
    _ path: String, into workspace: Workspace, settings: LoadSettings
  ) -> LoadedFile {
    let name = path == "-" ? LoadSettings.standardInputName : path
    let kind: String
    if path.hasSuffix(".facts") {
      kind = "gwlog facts"
    } else if path.hasSuffix(".tsv") {
      let base = path.split(separator: "/").last.map(String.init) ?? path
      kind = "tab-separated rows of `\(base.dropLast(4))`"
    } else {
      kind = "gwlog program"
    }
    let bytes = settings.standardInput ?? []
    guard settings.keepsGoing else {
      if path == "-" {
        workspace.addSource(path: name, bytes: bytes)
      } else {
        workspace.load(path: path)
      }
      return LoadedFile(path: name, kind: kind)
    }
    let errors =
      path == "-"
      ? workspace.addSourceSkippingOnError(path: name, bytes: bytes)
      : workspace.loadSkippingOnError(path: path)
    return LoadedFile(path: name, kind: errors.isEmpty ? kind : nil, errors: errors)
  }

  /// Whether bytes read from standard input are JSON: the first byte that is not blank is
  /// `{` or `[`.
  static func looksLikeJSON(_ bytes: [UInt8]) -> Bool {
    let first = bytes.first { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }
    return first == UInt8(ascii: "{") || first == UInt8(ascii: "[")
  }
}
