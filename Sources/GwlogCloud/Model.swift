import GwlogEngine

/// The built-in Google Cloud model: the rules of `facts/gcp/*.dl`, the predefined-role
/// catalog (`facts/gcp/roles.tsv`, relation `rolePermission`), compiled into the binary by
/// the EmbedModel plugin and handed to a `Workspace` here.
public enum GoogleCloudModel {
  /// The path prefix of every model source in diagnostics and proofs.
  public static let pathPrefix = "<model>/"
  /// The catalog file, loaded as rows of `catalogRelation`.
  public static let catalogPath = "facts/gcp/roles.tsv"
  /// The relation the catalog fills; fixed, so a why-not never proposes editing it.
  public static let catalogRelation = "rolePermission"
  /// The relation through which goal constants are rewritten (`alias(Name, Canonical)`).
  public static let aliasRelation = "alias"

  /// The model's repair rules (`facts/gcp/repairs.dl`): `cannotAdd_R` / `cannotRemove_R` list
  /// facts no fix may add or remove (`*` matches any value), `repairRank` orders the fixes.
  public static let repairPolicy = RepairPolicy(
    forbiddenAdditionsPrefix: "cannotAdd_", forbiddenRemovalsPrefix: "cannotRemove_",
    rankRelation: "repairRank", wildcard: "*")

  /// What the model asks along with explaining `canInvoke(G, B)`: the pair's causes, what
  /// its verdict is missing (`ModelSession.explain`) and its warnings (`PairReport`).
  @Sendable static func explanationCompanions(_ goal: Atom) -> [Atom] {
    guard goal.name == "canInvoke", goal.arguments.count == 2 else { return [] }
    let span = goal.span
    let (gateway, backend) = (goal.arguments[0], goal.arguments[1])
    return [
      Atom(
        name: "invokeProblem",
        arguments: [
          gateway, backend, .variable("Layer", span), .variable("Code", span),
          .variable("Detail", span),
        ], span: span, nameSpan: span),
      Atom(
        name: "canInvokeUnknown", arguments: [gateway, backend, .variable("Missing", span)],
        span: span, nameSpan: span),
      Atom(
        name: "invokeWarning",
        arguments: [gateway, backend, .variable("Code", span), .variable("Detail", span)],
        span: span, nameSpan: span),
    ]
  }

  /// Every embedded file but the tables: its path in the repository (`facts/gcp/run.dl`)
  /// and its bytes.
  public static var files: [(path: String, bytes: [UInt8])] {
    EmbeddedModelFiles.all.map { file in
      (file.path, file.text.withUTF8Buffer { Array($0) })
    }
  }

  /// Every embedded tab-separated table (the catalog): its path in the repository and its
  /// rows, compiled in pre-interned (`EmbeddedTable`).
  public static var tables: [(path: String, table: InternedTable)] {
    EmbeddedModelTables.all.map { entry in
      (
        entry.path,
        EmbeddedTable.decode(arity: entry.arity, symbols: entry.symbols, rows: entry.rows)
      )
    }
  }

  /// Adds the model to `workspace`: the rules, the catalog (fixed), an `evaluationTime`
  /// fact, the alias relation and the model's host built-ins.
  ///
  /// - Parameters:
  ///   - workspace: the workspace to add the model to, before the user's sources.
  ///   - evaluationTime: the time IAM conditions are evaluated at, in seconds since 1970
  ///     UTC.
  public static func load(into workspace: Workspace, evaluationTime: Int64) {
    ModelBuiltins.register(in: &workspace.builtins)
    FetchCommands.register(in: &workspace.builtins)
    FetchCommands.registerFixes(in: &workspace.builtins)
    FetchCommands.registerUnreadable(in: &workspace.builtins)
    workspace.aliasRelation = aliasRelation
    workspace.repairDescriber = RepairPhrasing.describe
    workspace.repairPolicy = repairPolicy
    workspace.unknownConstantsAreErrors = true
    workspace.explanationCompanions = explanationCompanions
    workspace.builtInSources = BuiltInSources(
      pathPrefix: pathPrefix,
      clashHelp: "the built-in Google Cloud model defines this relation differently: rename "
        + "yours, or pass `--no-model` to leave the model out")
    for file in EmbeddedModelFiles.all {
      let path = pathPrefix + file.path
      if file.path.hasSuffix(".dl") || file.path.hasSuffix(".facts") {
        workspace.addSource(path: path, bytes: file.text.withUTF8Buffer { Array($0) })
      }
    }
    for (path, table) in tables {
      // The catalog fills `rolePermission`; any other table, the relation its file names.
      let base = path.split(separator: "/").last.map { String($0.dropLast(".tsv".count)) } ?? path
      workspace.addInternedTable(
        relation: path == catalogPath ? catalogRelation : base, path: pathPrefix + path,
        table: table)
    }
    workspace.addSource(
      path: pathPrefix + "settings.dl",
      text: ".fixed \(catalogRelation)\nevaluationTime(\(evaluationTime)).\n")
  }

  /// Whether `path` lies under a `facts/gcp` directory: such files are never loaded from
  /// disk while the model is built in.
  public static func isModelPath(_ path: String) -> Bool {
    let components = path.split(separator: "/", omittingEmptySubsequences: true)
    guard components.count >= 3 else { return false }
    for i in 0..<(components.count - 2) where components[i] == "facts" && components[i + 1] == "gcp"
    {
      return true
    }
    return false
  }
}
