import Foundation
import PackagePlugin

/// Compiles every file of `facts/gcp` into the target as Swift string literals.
///
/// Each file is declared as an input, so editing or adding one rebuilds the target (checked);
/// after deleting one, SwiftPM reports "missing inputs" until `Package.swift` is touched.
@main
struct EmbedModel: BuildToolPlugin {
  /// Returns the one command that runs `gwlog-embed` over `facts/gcp`.
  func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
    let root = context.package.directoryURL
    let directory = root.appending(path: "facts/gcp")
    var inputs: [URL] = []
    if let enumerator = FileManager.default.enumerator(
      at: directory, includingPropertiesForKeys: [.isRegularFileKey])
    {
      for case let url as URL in enumerator {
        let values = try url.resourceValues(forKeys: [.isRegularFileKey])
        if values.isRegularFile == true, !url.lastPathComponent.hasPrefix(".") {
          inputs.append(url)
        }
      }
    }
    inputs.sort { $0.path < $1.path }
    let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedModel.swift")
    return [
      .buildCommand(
        displayName: "Embedding facts/gcp (\(inputs.count) files) into \(target.name)",
        executable: try context.tool(named: "gwlog-embed").url,
        arguments: [output.path, root.path] + inputs.map(\.path),
        inputFiles: inputs, outputFiles: [output])
    ]
  }
}
