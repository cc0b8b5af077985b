/// Goal constants rewritten through an alias relation (`Workspace.aliasRelation`), so that a
/// user may name a resource by a short name or a number in a goal.
extension Workspace {
  /// `atom` with each symbol constant that is an alias replaced by its canonical name;
  /// throws `ambiguous-name` when a constant has two or more candidates.
  ///
  /// A constant is left alone when it is a canonical name itself or, when the goal's
  /// relation is complete (`goalRelationIsComplete`), a value of its column. Needs a database
  /// in which the alias relation is complete.
  func canonicalized(
    _ atom: Atom, relation: Int, in database: Database? = nil, goalRelationIsComplete: Bool = true
  ) throws -> Atom {
    guard let aliasName = aliasRelation, let db = database ?? self.database,
      let program = checked, let aliasID = program.relationIDs[aliasName], aliasID != relation,
      program.relations[aliasID].arity == 2
    else { return atom }
    let aliases = db.relations[aliasID]
    let goalRelation = db.relations[relation]
    var rewritten = atom
    for (c, term) in atom.arguments.enumerated() {
      guard case .symbol(let name, let span) = term, let id = pool.lookup(name),
        !goalRelationIsComplete || !Self.column(c, of: goalRelation, contains: id),
        !Self.column(1, of: aliases, contains: id)
      else { continue }
      var candidates: [UInt32] = []
      for row in 0..<aliases.count where aliases.rows[row * 2] == id {
        let canonical = aliases.rows[row * 2 + 1]
        if !candidates.contains(canonical) { candidates.append(canonical) }
      }
      // Several candidates are always an error: choosing the one that is present in the
      // goal's column would answer for whichever resource happens to satisfy the goal.
      let names = candidates.compactMap { pool.symbol($0) }.sorted { Value.bytesLess($0, $1) }
      if names.count == 1, let canonical = names.first {
        rewritten.arguments[c] = .symbol(canonical, span)
      } else if names.count > 1 {
        throw DiagnosticError([
          .error(
            .ambiguousName,
            "`\(name)` names \(names.count) resources: "
              + names.map { "`\($0)`" }.joined(separator: ", "), at: span,
            help: "write the full name of the one you mean")
        ])
      }
    }
    return rewritten
  }

  /// Whether some row of `r` has `id` in column `c`.
  private static func column(_ c: Int, of r: Relation, contains id: UInt32) -> Bool {
    let arity = r.arity
    guard c < arity else { return false }
    let rows = r.rows
    for row in 0..<r.count where rows[row * arity + c] == id { return true }
    return false
  }
}
