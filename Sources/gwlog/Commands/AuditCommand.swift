/// `gwlog audit [PATH ...]`: placeholder.
enum AuditCommand {
  /// Runs the command.
  static func run(_ session: CommandSession) {}
}
