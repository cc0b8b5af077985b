import Foundation

/// What one `gwlog ... --stats` run printed on standard error about where its time went
/// (Sources/gwlog/Output/StatisticsReport.swift): the phases the CLI measured, the input
/// store, and the most expensive strata and rules.
struct CLIStatistics: Sendable, Equatable {
  /// One stratum or rule line: its label, tuples derived and seconds.
  struct Cost: Sendable, Equatable {
    /// `stratum 5 [conditionValue]` or `rule <model>/facts/gcp/roles.dl:13 roleGrants`.
    var label: String
    /// Tuples it derived.
    var tuples: Int
    /// Seconds it took.
    var seconds: Double
  }

  /// `evaluated in`: evaluation, including a goal-directed re-evaluation for a why-not.
  var evaluationSeconds: Double?
  /// `loaded in`: building the input store (interning the facts) inside evaluation.
  var storeSeconds: Double?
  /// `phases: read`: the model, the files (gcloud JSON imported) and the check.
  var readSeconds: Double?
  /// `phases: answer`: proofs, why-nots and verdicts after evaluation.
  var answerSeconds: Double?
  /// Tuples in all relations after evaluation (`loaded in ...; N tuples`).
  var totalTuples: Int?
  /// The `goal-directed:` line without its prefix.
  var goalDirected: String?
  /// Every stratum line.
  var strata: [Cost] = []
  /// Every rule line.
  var rules: [Cost] = []

  /// Parses the standard error of a `--stats` run; lines it does not know are skipped.
  init(parsing text: String) {
    for raw in text.split(separator: "\n") {
      let line = raw.trimmingCharacters(in: .whitespaces)
      if line.hasPrefix("evaluated in ") {
        evaluationSeconds = Self.seconds(after: "evaluated in ", in: line[...])
      } else if line.hasPrefix("loaded in ") {
        storeSeconds = Self.seconds(after: "loaded in ", in: line[...])
        if let semicolon = line.firstIndex(of: ";") {
          let rest = line[line.index(after: semicolon)...].drop { $0 == " " }
          totalTuples = Int(rest.prefix { $0.isNumber })
        }
      } else if line.hasPrefix("phases: ") {
        for part in line.dropFirst("phases: ".count).split(separator: ",") {
          let item = part.trimmingCharacters(in: .whitespaces)
          if item.hasPrefix("read ") {
            readSeconds = Self.seconds(after: "read ", in: item[...])
          } else if item.hasPrefix("answer ") {
            answerSeconds = Self.seconds(after: "answer ", in: item[...])
          }
        }
      } else if line.hasPrefix("goal-directed: ") {
        goalDirected = String(line.dropFirst("goal-directed: ".count))
      } else if line.hasPrefix("stratum "), let cost = Self.cost(line) {
        strata.append(cost)
      } else if line.hasPrefix("rule "), let cost = Self.cost(line) {
        rules.append(cost)
      }
    }
  }

  /// The `count` costliest strata and rules, most expensive first.
  func costliest(_ count: Int) -> [Cost] {
    Array((strata + rules).sorted { $0.seconds > $1.seconds }.prefix(count))
  }

  /// The number in `0.537s` right after `prefix`, or nil (`?s`, no number).
  static func seconds(after prefix: String, in line: Substring) -> Double? {
    guard line.hasPrefix(prefix) else { return nil }
    let rest = line.dropFirst(prefix.count).prefix { $0.isNumber || $0 == "." }
    return Double(rest)
  }

  /// `LABEL: ... N tuples, T s` (strata have `K iterations, ` before the tuples).
  private static func cost(_ line: String) -> Cost? {
    guard let colon = line.range(of: ": ", options: .backwards) else { return nil }
    let label = String(line[..<colon.lowerBound])
    let fields = line[colon.upperBound...].split(separator: ",").map {
      $0.trimmingCharacters(in: .whitespaces)
    }
    guard let tuplesField = fields.first(where: { $0.hasSuffix(" tuples") }),
      let tuples = Int(tuplesField.dropLast(" tuples".count)),
      let last = fields.last, last.hasSuffix("s"), let seconds = Double(last.dropLast())
    else { return nil }
    return Cost(label: label, tuples: tuples, seconds: seconds)
  }
}
