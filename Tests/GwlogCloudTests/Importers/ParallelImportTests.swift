import Foundation
import GwlogEngine
import Testing

@testable import GwlogCloud

/// Files imported on several threads give what one thread gives: the same facts in the same
/// order, the same origins and the same problems, in the same order.
@Suite struct ParallelImportTests {
  /// A fact with its origin and authority, as one line.
  static func line(_ f: ImportedFact) -> String {
    ImportFixtures.line(f) + " @ \(f.origin.file) \(f.origin.line ?? -1) \(f.origin.path ?? "-")"
      + " \(f.authority) \(f.order)"
  }

  @Test func manyThreadsGiveTheFactsOfOne() throws {
    // Every fixture and the example at once: files that resolve against each other, that
    // disagree (warnings) and that are malformed or of unknown shapes (errors).
    let paths = ImportFixtures.gcloudFiles()
    #expect(paths.count > 60)
    let (one, oneProblems) = GcloudImport.read(paths: paths, threads: 1)
    #expect(one.count > 400)
    #expect(!oneProblems.isEmpty)
    for threads in [2, 3, 8] {
      let (many, problems) = GcloudImport.read(paths: paths, threads: threads)
      #expect(many.map(Self.line) == one.map(Self.line), "\(threads) threads")
      #expect(problems.map(\.message) == oneProblems.map(\.message), "\(threads) threads")
    }
  }

  @Test func jobsRunOncePerIndexInIndexOrder() {
    for threads in [1, 2, 5] {
      for count in [0, 1, 3, 17, 100] {
        let out = ParallelImport.map(count, threads: threads) { $0 * $0 }
        #expect(out == (0..<count).map { $0 * $0 }, "\(count) jobs on \(threads) threads")
      }
    }
  }
}
