/// What planning needs of the constant pool: the id of a constant written in a rule.
///
/// Plans hold interned ids, but the pool itself belongs to storage, a later folder;
/// `ConstantPool` conforms in `Storage/ConstantPool.swift`.
protocol ConstantInterning: AnyObject {
  /// The id of a symbol.
  func intern(_ symbol: String) -> UInt32
  /// The id of an integer.
  func intern(_ value: Int64) -> UInt32
}
