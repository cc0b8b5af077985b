/// Runs one rule version on several threads by splitting its driving scan (the first atom
/// the plan iterates: the delta in a recursive stratum, the outermost atom of a run-once
/// rule) into contiguous slices, one task each.
///
/// Each task has its own `Interpreter` (registers are mutable) and its own `StagingBuffer`,
/// which keeps every tuple offered, repeats included; `ParallelMerge` eliminates repeats
/// and known tuples in parallel. The buffers are attached to the rule's staging buffer in
/// slice order, so the merge sees tuples in the order one thread would have produced them:
/// the same rows, in the same order, with the same (rule, height).
///
/// Only plans that read shared state run here: the constant pool is not thread-safe, so a
/// plan that may intern (arithmetic, built-in functions, `concat`, host built-ins,
/// aggregates) runs on one thread. Every index a plan probes is built before the tasks start.
final class ParallelRunner {
  /// Tasks per rule run (one per thread).
  let threads: Int
  /// Driving scans with fewer rows run on one thread: below this, starting tasks and
  /// merging their buffers costs more than the join saves.
  let threshold: Int
  private let interpreters: [Interpreter]
  /// Driving rows per round when the target takes tuples directly (bounds buffer memory).
  static let directRoundRows = 1 << 13

  /// Creates a runner with `threads` task interpreters, each set up by `configure`.
  init(
    threads: Int, threshold: Int, pool: ConstantPool, builtins: BuiltinRegistry,
    configure: (Interpreter) -> Void
  ) {
    self.threads = threads
    self.threshold = max(1, threshold)
    interpreters = (0..<threads).map { _ in
      let interpreter = Interpreter(pool: pool, builtins: builtins)
      configure(interpreter)
      return interpreter
    }
  }

  /// Runs `plan` split across threads when it is safe and large enough; false when the
  /// caller should run it on one thread instead.
  func runIfWorthwhile(
    _ plan: Plan, relations: [Relation], builtins: BuiltinRegistry, into target: StagingBuffer
  ) throws -> Bool {
    guard target.arity > 0, Self.isThreadSafe(plan, builtins: builtins),
      let scan = Self.drivingScan(plan, relations: relations),
      scan.rows + scan.extra >= threshold
    else { return false }
    for step in plan.steps where step.relation >= 0 && !step.keyColumns.isEmpty {
      _ = Interpreter.index(for: step, in: relations[step.relation])
    }
    let total = scan.rows + scan.extra
    // A direct target takes each round's tuples at once, so the buffers stay small.
    let round = target.isDirect ? max(threshold, Self.directRoundRows) : total
    let buffers = (0..<min(threads, total)).map { _ in
      let buffer = StagingBuffer(relation: target.relation)
      // The merge eliminates repeats and tuples the relation holds as low (in parallel
      // when large, which needs one probe per tuple instead of three).
      buffer.keepsRepeats = true
      return buffer
    }
    var start = 0
    while start < total {
      let end = min(total, start + round)
      let tasks = min(threads, end - start)
      let slices = (0..<tasks).map { k in
        Self.slice(
          step: scan.step, lo: scan.lo, rows: scan.rows,
          from: start + k * (end - start) / tasks, to: start + (k + 1) * (end - start) / tasks)
      }
      let failures = DisjointSlots<(any Error)?>(repeating: nil, count: tasks)
      let interpreters = self.interpreters
      ParallelFor.run(tasks) { k in
        do {
          try interpreters[k].run(
            plan, relations: relations, staging: buffers[k], slice: slices[k])
        } catch {
          failures[k] = error
        }
      }
      // The first slice's error is the one a single thread would have met first.
      if let failure = failures.elements.lazy.compactMap({ $0 }).first { throw failure }
      target.attach(Array(buffers.prefix(tasks)))
      if target.isDirect { for b in buffers { b.clear() } }
      start = end
    }
    return true
  }

  /// The slice of the driving scan's rows `from..<to`, counted over its range and then its
  /// improved rows.
  private static func slice(step: Int, lo: Int, rows: Int, from: Int, to: Int) -> ScanSlice {
    ScanSlice(
      step: step, lo: lo + min(from, rows), hi: lo + min(to, rows),
      extraLo: max(0, from - rows), extraHi: max(0, to - rows))
  }

  /// Whether running `plan` only reads shared state (never interns a value).
  static func isThreadSafe(_ plan: Plan, builtins: BuiltinRegistry) -> Bool {
    guard plan.aggregates.isEmpty else { return false }
    for expression in plan.expressions {
      for op in expression {
        guard case .push = op else { return false }
      }
    }
    for step in plan.steps where step.kind == .builtin {
      guard step.builtin >= 0, step.builtin < builtins.predicates.count,
        case .native(let native) = builtins.predicates[step.builtin].implementation,
        native != .concat
      else { return false }
    }
    return true
  }

  /// The plan's first iterating atom step when it is a scan, with its row range (`rows`
  /// rows from `lo`) and the number of improved rows it also reads.
  static func drivingScan(
    _ plan: Plan, relations: [Relation]
  ) -> (step: Int, lo: Int, rows: Int, extra: Int)? {
    for (i, step) in plan.steps.prefix(plan.mainStepCount).enumerated()
    where step.relation >= 0 && [.scan, .probe, .exists].contains(step.kind) {
      guard step.kind == .scan else { return nil }
      let r = relations[step.relation]
      switch step.range {
      case .full: return (i, 0, r.count, 0)
      case .old: return (i, 0, r.deltaStart, 0)
      case .delta: return (i, r.deltaStart, r.deltaEnd - r.deltaStart, r.improved.count)
      }
    }
    return nil
  }
}

/// One task's share of a driving scan: rows `lo..<hi` of its range and entries
/// `extraLo..<extraHi` of its improved rows.
struct ScanSlice {
  /// The scan step.
  let step: Int
  /// First row of the range.
  let lo: Int
  /// One past the last row of the range.
  let hi: Int
  /// First improved-row entry.
  let extraLo: Int
  /// One past the last improved-row entry.
  let extraHi: Int
}
