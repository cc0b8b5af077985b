import Dispatch
import Synchronization

/// Runs one job per file on several threads and keeps each result in the file's slot, so
/// that the caller merges them in file order whatever order they finished in.
///
/// SAFETY: every index is claimed once (an atomic counter hands out runs of indexes) and its
/// slot written only by the thread that claimed it; the slots are read after every thread is
/// done (`concurrentPerform` returns after its last iteration).
enum ParallelImport {
  /// Files a thread claims at a time: few enough to balance, enough to keep the counter cold.
  static let claim = 4

  /// `job(i)` for every `i` in `0..<count`, on up to `threads` threads, in index order.
  static func map<T>(_ count: Int, threads: Int, _ job: (Int) -> T) -> [T] {
    let workers = max(1, min(threads, (count + claim - 1) / claim))
    guard workers > 1 else { return (0..<count).map(job) }
    let slots = Slots<T>(count: count)
    let next = Atomic<Int>(0)
    withoutActuallyEscaping(job) { job in
      let run = UncheckedSendable(job)
      DispatchQueue.concurrentPerform(iterations: workers) { _ in
        while true {
          let first = next.wrappingAdd(claim, ordering: .relaxed).oldValue
          guard first < count else { return }
          for i in first..<min(first + claim, count) { slots.set(i, run.value(i)) }
        }
      }
    }
    return slots.values()
  }

  /// One slot per index, written by one thread each.
  private final class Slots<T>: @unchecked Sendable {
    private let storage: UnsafeMutablePointer<T?>
    private let count: Int

    init(count: Int) {
      self.count = count
      storage = .allocate(capacity: max(1, count))
      storage.initialize(repeating: nil, count: count)
    }

    deinit {
      storage.deinitialize(count: count)
      storage.deallocate()
    }

    func set(_ i: Int, _ value: T) { storage[i] = value }

    /// The values, once every slot is set.
    func values() -> [T] {
      (0..<count).compactMap { storage[$0] }
    }
  }

  /// A value handed to the worker threads, which only call it (the job reads shared state
  /// and writes only its own session).
  private struct UncheckedSendable<V>: @unchecked Sendable {
    let value: V
    init(_ value: V) { self.value = value }
  }
}
