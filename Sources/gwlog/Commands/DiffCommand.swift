/// `gwlog diff OLD NEW`: placeholder.
enum DiffCommand {
  /// Runs the command.
  static func run(_ session: CommandSession) {}
}
