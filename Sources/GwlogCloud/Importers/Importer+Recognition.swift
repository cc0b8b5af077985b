extension Importer {
  /// What a document was read as (for `-v`): the shape of the object, of a list's first
  /// element or wrapped list, or for `[]` the list the file name says it is; nil when unknown.
  static func recognisedShape(of root: JSONNode, path: String) -> Shape? {
    if let items = root.array {
      guard let first = items.first else { return FileNameConvention.target(of: path)?.listShape }
      return ShapeTable.entry(for: first)?.shape
    }
    if let (entry, _) = ShapeTable.wrapped(root) { return entry.shape }
    return ShapeTable.entry(for: root)?.shape
  }
}
