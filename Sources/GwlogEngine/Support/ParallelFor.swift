import Dispatch

/// The engine's only concurrency primitive: runs `count` tasks on up to all cores and
/// returns when every task has finished.
///
/// SAFETY: each task `k` may write only to state that no other task touches (its own
/// interpreter, its own staging buffer, slot `k` of a `DisjointSlots`), and may read shared
/// storage (relations, indexes, the constant pool) only while nothing writes it: the caller
/// builds every index beforehand and merges results after this returns.
enum ParallelFor {
  /// Runs `body(0) … body(count - 1)`, concurrently when `count > 1`.
  static func run(_ count: Int, _ body: (Int) -> Void) {
    if count <= 1 {
      for k in 0..<count { body(k) }
      return
    }
    withoutActuallyEscaping(body) { body in
      let task = UncheckedTask(body: body)
      DispatchQueue.concurrentPerform(iterations: count) { k in task.body(k) }
    }
  }
}

/// A task body shared by the threads of one `ParallelFor.run`.
///
/// `@unchecked Sendable` because the closure captures non-`Sendable` engine objects; the
/// discipline in `ParallelFor` (disjoint writes, read-only shared storage) makes that sound.
private struct UncheckedTask: @unchecked Sendable {
  let body: (Int) -> Void
}

/// One result slot per task, written by that task only and read after the tasks finished.
///
/// `@unchecked Sendable` because tasks write through a shared reference; every slot has
/// exactly one writer and no reader until `ParallelFor.run` returns, so no access races.
final class DisjointSlots<Element>: @unchecked Sendable {
  private let storage: UnsafeMutablePointer<Element>
  let count: Int

  /// Creates `count` slots holding `value`.
  init(repeating value: Element, count: Int) {
    self.count = count
    storage = .allocate(capacity: max(1, count))
    storage.initialize(repeating: value, count: count)
  }

  /// Frees the slots.
  deinit {
    storage.deinitialize(count: count)
    storage.deallocate()
  }

  /// Slot `k`: set only by task `k`, read once every task has finished.
  subscript(k: Int) -> Element {
    @inline(__always) get { storage[k] }
    @inline(__always) set { storage[k] = newValue }
  }

  /// Every slot, in task order (read after the tasks finished).
  var elements: [Element] { (0..<count).map { storage[$0] } }
}
