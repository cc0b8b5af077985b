import Testing
import _GwlogTestSupport

@testable import GwlogEngine

@Suite struct StorageInvariantTests {
  /// Random inserts keep rows distinct, indexes complete, and chains strictly decreasing.
  @Test(arguments: [1, 2, 3] as [UInt64])
  func randomInsertsKeepInvariants(seed: UInt64) {
    var rng = SeededRandom(seed: seed)
    let relation = Relation(id: 0, name: "r", arity: 3)
    let byFirst = relation.index(on: [0])
    var reference = Set<[UInt32]>()
    var tuple: [UInt32] = [0, 0, 0]
    for step in 0..<5_000 {
      for c in 0..<3 { tuple[c] = UInt32.random(in: 0..<12, using: &rng) }
      let (_, isNew) = relation.insert(tuple, rule: 0, height: UInt32(step))
      #expect(isNew == reference.insert(tuple).inserted)
      if step == 2_000 { _ = relation.index(on: [2, 1]) }
    }
    #expect(relation.count == reference.count)
    #expect(relation.checkInvariants())
    // Every row with first column 5 is reachable through the index chain.
    var key: UInt32 = 5
    var link = byFirst.find(key: &key, data: relation.rows, arity: 3)
    var viaIndex = 0
    while link != 0 {
      viaIndex += 1
      link = byFirst.nextLinks[Int(link - 1)]
    }
    #expect(viaIndex == reference.filter { $0[0] == 5 }.count)
  }

  /// The rule column stays one byte a row for few distinct tags, turns wide at the first tag
  /// past `RuleColumn.compactLimit` (as input rows bring), and keeps every row's tag either way.
  @Test func ruleColumnKeepsTagsThroughWidening() {
    let relation = Relation(id: 0, name: "r", arity: 1)
    var expected: [UInt32] = []
    var tuple: UInt32 = 0
    func add(_ tag: UInt32) {
      relation.insert(&tuple, rule: tag, height: 1)
      expected.append(tag)
      tuple += 1
    }
    for k in 0..<1_000 { add(UInt32(k % 3)) }
    relation.improve(row: 5, rule: 2, height: 0)
    expected[5] = 2
    #expect(relation.ruleOf.isCompact)
    for k in 0..<RuleColumn.compactLimit { add(Provenance.line(k + 1)) }
    #expect(!relation.ruleOf.isCompact)
    relation.improve(row: 7, rule: 9, height: 0)
    expected[7] = 9
    for k in 0..<100 { add(UInt32(k)) }
    #expect(relation.checkInvariants())
    #expect((0..<relation.count).map { relation.rule(ofRow: $0) } == expected)
    // Setting a new tag on a compact column with no room left widens it too.
    let full = Relation(id: 1, name: "s", arity: 1)
    tuple = 0
    for k in 0..<RuleColumn.compactLimit {
      full.insert(&tuple, rule: UInt32(k), height: 1)
      tuple += 1
    }
    #expect(full.ruleOf.isCompact)
    full.improve(row: 3, rule: 100_000, height: 0)
    #expect(!full.ruleOf.isCompact)
    #expect(full.rule(ofRow: 3) == 100_000 && full.rule(ofRow: 4) == 4)
  }

  @Test func constantPoolInternsByBytesAndOrdersNumbersFirst() {
    let pool = ConstantPool()
    let composed = pool.intern("\u{E9}")
    let decomposed = pool.intern("e\u{301}")
    #expect(composed != decomposed)
    #expect(pool.intern("\u{E9}") == composed)
    let big = pool.intern(Int64.max)
    #expect(pool.integer(big) == Int64.max)
    #expect(pool.intern(Int64.max) == big)
    #expect(pool.integer(pool.intern(-5)) == -5)
    #expect(pool.less(pool.intern(100), pool.intern("0")))
    #expect(pool.less(pool.intern(-3), pool.intern(2)))
    #expect(pool.less(pool.intern("a"), pool.intern("b")))
    #expect(pool.intern("1") != pool.intern(1))
  }
}
