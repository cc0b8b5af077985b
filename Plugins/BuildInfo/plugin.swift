import Foundation
import PackagePlugin

/// Compiles the git commit of the checkout into the target as `BuildInfo.commit`, so that
/// `gwlog --version` names it without asking git anything at run time.
///
/// Nothing runs git: the tool reads `HEAD` and the branch's ref (or `packed-refs`), and those
/// files are the command's inputs, so a new commit rebuilds the target. Outside a git
/// checkout the commit is nil.
@main
struct BuildInfo: BuildToolPlugin {
  /// Returns the one command that runs `gwlog-buildinfo` over the checkout's git files.
  func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
    let root = context.package.directoryURL
    let output = context.pluginWorkDirectoryURL.appending(path: "BuildInfo.swift")
    var arguments = [output.path]
    var inputs: [URL] = []
    if let git = GitFiles(root: root) {
      arguments += [git.head.path, git.common.path]
      inputs = git.inputs
    }
    return [
      .buildCommand(
        displayName: "Recording the git commit in \(target.name)",
        executable: try context.tool(named: "gwlog-buildinfo").url,
        arguments: arguments, inputFiles: inputs, outputFiles: [output])
    ]
  }
}

/// The files of a checkout that say which commit it is at: `HEAD` (per worktree), the
/// common directory, and the ref `HEAD` names.
struct GitFiles {
  /// The `HEAD` file.
  let head: URL
  /// The directory that holds `refs/` and `packed-refs` (the main `.git` of a worktree).
  let common: URL
  /// The files whose change means another commit: `HEAD`, the branch ref, `packed-refs`.
  let inputs: [URL]

  /// Finds the files of the checkout at `root`; nil when it is not one.
  init?(root: URL) {
    let dotGit = root.appending(path: ".git")
    let fileManager = FileManager.default
    var isDirectory: ObjCBool = false
    guard fileManager.fileExists(atPath: dotGit.path, isDirectory: &isDirectory) else {
      return nil
    }
    var gitDirectory = dotGit
    if !isDirectory.boolValue {
      // A worktree: `.git` is a file `gitdir: PATH`.
      guard let text = try? String(contentsOf: dotGit, encoding: .utf8),
        text.hasPrefix("gitdir: ")
      else { return nil }
      let path = text.dropFirst("gitdir: ".count).trimmingCharacters(in: .whitespacesAndNewlines)
      gitDirectory = path.hasPrefix("/") ? URL(fileURLWithPath: path) : root.appending(path: path)
    }
    head = gitDirectory.appending(path: "HEAD")
    var common = gitDirectory
    if let text = try? String(
      contentsOf: gitDirectory.appending(path: "commondir"), encoding: .utf8)
    {
      let path = text.trimmingCharacters(in: .whitespacesAndNewlines)
      common =
        path.hasPrefix("/") ? URL(fileURLWithPath: path) : gitDirectory.appending(path: path)
    }
    self.common = common.standardizedFileURL
    var inputs = [head]
    if let text = try? String(contentsOf: head, encoding: .utf8), text.hasPrefix("ref: ") {
      let ref = text.dropFirst("ref: ".count).trimmingCharacters(in: .whitespacesAndNewlines)
      inputs.append(self.common.appending(path: ref))
    }
    inputs.append(self.common.appending(path: "packed-refs"))
    self.inputs = inputs.filter { fileManager.fileExists(atPath: $0.path) }
  }
}
