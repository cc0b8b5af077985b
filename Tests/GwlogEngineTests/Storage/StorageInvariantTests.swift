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
