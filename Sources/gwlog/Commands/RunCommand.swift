import GwlogEngine

/// `gwlog run [PATH ...] [-F DIR] [-D DIR]`: evaluate, then print the selected relations
/// (or write them as `NAME.csv` files) and answer the `?-` queries of the files.
enum RunCommand {
  /// Runs the command; the exit code comes from the reporter.
  static func run(_ session: CommandSession) {
    guard session.loadAndCheck(), session.evaluate(),
      let relations = selectedRelations(session)
    else { return }
    if let directory = session.options.outputDirectory {
      write(relations, to: directory, session)
    } else {
      show(relations, session)
    }
    answerFileQueries(session)
  }

  /// The `--only` relations if given (an unknown one is an error), else the program's
  /// output relations; nil after reporting an unknown name.
  private static func selectedRelations(_ session: CommandSession) -> [String]? {
    let workspace = session.workspace
    guard let only = session.options.onlyRelations else { return workspace.outputRelations }
    let known = workspace.relationNames
    var selected: [String] = []
    for name in only where !selected.contains(name) {
      if known.contains(name) {
        selected.append(name)
      } else {
        let suggestion = Suggestions.closest(to: name, among: known)
        session.reporter.report(
          .error(
            .unknownRelation, "unknown relation `\(name)` in `--only`",
            help: suggestion.map { "did you mean `\($0)`?" }))
      }
    }
    return selected.count == Set(only).count ? selected : nil
  }

  private static func write(_ relations: [String], to directory: String, _ session: CommandSession)
  {
    var written: [JSONValue] = []
    do {
      try RelationWriter.createDirectory(directory)
      for name in relations {
        let rows = session.workspace.tuples(of: name)
        written.append(.string(try RelationWriter.writeCSV(name, rows: rows, in: directory)))
      }
    } catch {
      session.reporter.report(error)
    }
    session.reporter.setMember("files", .array(written))
  }

  private static func show(_ relations: [String], _ session: CommandSession) {
    let limit = session.options.limit ?? Int.max
    var json: [(name: String, rows: [[Value]])] = []
    for (index, name) in relations.enumerated() {
      let allRows = session.workspace.tuples(of: name)
      let rows = Array(allRows.prefix(limit))
      json.append((name, rows))
      switch session.options.format {
      case .json, .dot, .sarif: break
      case .tsv:
        session.reporter.print("# \(name)\n" + RelationWriter.tsv(rows: rows))
      case .text:
        var text = index > 0 ? "\n" : ""
        text += "% \(name) (\(allRows.count) \(allRows.count == 1 ? "tuple" : "tuples")"
        text += rows.count < allRows.count ? "; first \(rows.count) shown)\n" : ")\n"
        session.reporter.print(text + RelationWriter.facts(name, rows: rows))
      }
    }
    session.reporter.setMember("relations", RelationWriter.relationsObject(json))
  }

  /// Answers the `?-` queries of the loaded files (only those of the file loaded as `path`
  /// when given), printing each goal and its answers.
  static func answerFileQueries(_ session: CommandSession, from path: String? = nil) {
    let workspace = session.workspace
    let queries = workspace.fileQueries.filter { query in
      path == nil || workspace.sources.file(query.goal.span.file)?.path == path
    }
    guard !queries.isEmpty else { return }
    let limit = session.options.limit ?? Int.max
    var json: [JSONValue] = []
    for query in queries {
      let goal = session.goalText(of: query)
      guard let answers = session.answer(query.goal, text: goal) else { continue }
      let rows = Array(answers.rows.prefix(limit))
      json.append(
        .object([
          ("answers", AnswerTable.json(variables: answers.variables, rows: rows)),
          ("query", .string(goal)),
        ]))
      switch session.options.format {
      case .tsv:
        session.reporter.print(
          "# ?- \(goal).\n" + AnswerTable.tsv(variables: answers.variables, rows: rows))
      default:
        session.reporter.print(
          "\n?- \(goal).\n" + AnswerTable.text(variables: answers.variables, rows: rows))
      }
    }
    session.reporter.setMember("queries", .array(json))
  }
}
