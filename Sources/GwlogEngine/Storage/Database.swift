/// All relations of a program by id, the constant pool they share, and the fact-origin table
/// that says where input rows came from.
final class Database {
  /// The shared constant pool.
  let pool: ConstantPool
  /// Relations, indexed by the analysis' relation ids.
  private(set) var relations: [Relation] = []
  /// Origins of input facts that are not plain `file:line` (JSON pointers from importers).
  private(set) var origins = FactOriginTable()

  init(pool: ConstantPool, relations: [RelationInfo]) {
    self.pool = pool
    self.relations = relations.enumerated().map {
      Relation(id: $0.offset, name: $0.element.name, arity: $0.element.arity)
    }
  }

  /// A database of relations built elsewhere (an input store's, shared or copied) and the
  /// origin table their input rows' tags index.
  init(pool: ConstantPool, relations: [Relation], origins: FactOriginTable) {
    self.pool = pool
    self.relations = relations
    self.origins = origins
  }

  /// Adds an origin and returns the provenance tag of rows that come from it.
  func addOrigin(_ origin: FactOrigin) -> UInt32 {
    let index = origins.append(origin)
    return Provenance.originEntry | UInt32(min(index, Int(Provenance.payloadMask)))
  }

  /// Total bytes of relation storage (rows, provenance, indexes) and the pool.
  var byteSize: Int { relations.reduce(pool.byteSize) { $0 + $1.byteSize } }

  /// Total rows in all relations.
  var totalRows: Int { relations.reduce(0) { $0 + $1.count } }
}

/// Where an input fact came from, beyond a `file:line`: for imported facts the file and a
/// JSON pointer (`iam-policy.json:/bindings/3/members/0`).
public struct FactOrigin: Sendable, Hashable {
  /// The source file path.
  public var file: String
  /// 1-based line, when known.
  public var line: Int?
  /// A JSON pointer or other locator inside the file.
  public var path: String?

  /// Creates an origin.
  public init(file: String, line: Int? = nil, path: String? = nil) {
    self.file = file
    self.line = line
    self.path = path
  }

  /// `file:line`, `file:/json/pointer`, or the file alone.
  public var description: String {
    if let path, !path.isEmpty { return "\(file):\(path)" }
    if let line { return "\(file):\(line)" }
    return file
  }
}
