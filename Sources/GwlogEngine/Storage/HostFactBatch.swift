/// Facts a host adds in one call (an importer's whole output): the distinct symbols once,
/// and per relation its rows as indexes into them, each row with an origin, so that adding a
/// million facts interns each distinct symbol once and builds no value or string per fact.
///
/// INVARIANT (checked by `problem`): symbol `i` is `symbolBytes[symbolStarts[i] ..<
/// symbolEnds[i]]`; each relation's `values` holds `arity` symbol indexes per row and its
/// `origins` one index into `origins` per row.
public struct HostFactBatch: Sendable {
  /// The rows of one relation.
  public struct Rows: Sendable {
    /// The relation's name.
    public var relation: String
    /// Columns per row.
    public var arity: Int
    /// `arity` symbol indexes per row.
    public var values: [UInt32] = []
    /// Per row, its entry in the batch's `origins`.
    public var origins: [UInt32] = []

    /// No rows yet of `relation`, of `arity` columns.
    public init(relation: String, arity: Int) {
      self.relation = relation
      self.arity = arity
    }
  }

  /// The UTF-8 bytes of the symbols (and whatever separates them).
  public var symbolBytes: [UInt8] = []
  /// Where each symbol starts in `symbolBytes`.
  public var symbolStarts: [UInt32] = []
  /// Where each symbol ends in `symbolBytes`.
  public var symbolEnds: [UInt32] = []
  /// The relations, in the order they are to be added (their first facts' order).
  public var relations: [Rows] = []
  /// Where the rows came from.
  public var origins = FactOriginTable()

  /// An empty batch.
  public init() {}

  /// What breaks the invariant, or nil when the batch is well formed.
  var problem: String? {
    guard symbolStarts.count == symbolEnds.count,
      zip(symbolStarts, symbolEnds).allSatisfy({ $0 <= $1 && Int($1) <= symbolBytes.count })
    else { return "a symbol of the imported facts lies outside its bytes" }
    let symbols = UInt32(symbolEnds.count)
    let origins = UInt32(self.origins.count)
    for rows in relations {
      guard rows.arity >= 0, rows.values.count == rows.origins.count * rows.arity,
        !rows.values.contains(where: { $0 >= symbols }),
        !rows.origins.contains(where: { $0 >= origins })
      else { return "the imported facts of `\(rows.relation)` are malformed" }
    }
    return nil
  }
}
