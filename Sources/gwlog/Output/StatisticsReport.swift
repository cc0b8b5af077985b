import GwlogEngine

/// The `--stats` report: per-stratum and per-rule figures, ending with the evaluation time
/// on the last line (text) or under `"stats"` with times in microseconds (JSON, whose
/// emitter has exact integers only).
enum StatisticsReport {
  /// The command's other phases, as the CLI measured them (seconds).
  struct Phases: Sendable {
    /// Loading the model and the PATHs (gcloud JSON imported) and checking the program.
    var read: Double = 0
    /// Answering after evaluation: proofs, why-nots and verdicts.
    var answer: Double = 0
  }

  /// The text report; `wallSeconds` is the evaluation time the CLI measured.
  static func text(
    _ statistics: EvaluationStatistics?, wallSeconds: Double, phases: Phases = Phases()
  ) -> String {
    var out = ""
    if let statistics {
      for (index, stratum) in statistics.strata.enumerated() {
        out += "stratum \(index + 1) [\(stratum.relations.joined(separator: ", "))]"
        out += stratum.isRecursive ? " recursive" : ""
        out += ": \(stratum.iterations) iterations, \(stratum.tuplesDerived) tuples, "
        out += seconds(stratum.seconds) + "\n"
      }
      for rule in statistics.rules {
        out += "rule \(rule.location) \(rule.head): \(rule.tuplesDerived) tuples, "
        out += seconds(rule.seconds) + "\n"
      }
      out += "loaded in \(seconds(statistics.loadSeconds)); "
      out += "\(statistics.totalTuples) tuples, \(statistics.derivedTuples) derived, "
      out += "storage \(statistics.storageBytes / 1_048_576) MiB\n"
      if let inputs = statistics.inputs { out += inputsLine(inputs) }
      if let line = statistics.goalDirected { out += line + "\n" }
    }
    out += "phases: read \(seconds(phases.read)), answer \(seconds(phases.answer))\n"
    out += "evaluated in \(seconds(wallSeconds))\n"
    return out
  }

  /// What the input store read, and how often: one line, then one line per file.
  private static func inputsLine(_ inputs: EvaluationStatistics.Inputs) -> String {
    let facts = inputs.files.reduce(0) { $0 + $1.facts }
    var out =
      "inputs: \(inputs.files.count) files read and interned "
      + (inputs.loads == 1 ? "once" : "\(inputs.loads) times") + " in \(seconds(inputs.seconds)), "
      + "\(facts) facts, shared by \(inputs.evaluations) evaluation"
      + (inputs.evaluations == 1 ? "" : "s") + "\n"
    for file in inputs.files { out += "  input \(file.path): \(file.facts) facts\n" }
    return out
  }

  /// The JSON report.
  static func json(
    _ statistics: EvaluationStatistics?, wallSeconds: Double, phases: Phases = Phases()
  ) -> JSONValue {
    var members: [(String, JSONValue)] = [
      ("evaluationMicroseconds", micros(wallSeconds)),
      ("readMicroseconds", micros(phases.read)), ("answerMicroseconds", micros(phases.answer)),
    ]
    if let statistics {
      let strata: [JSONValue] = statistics.strata.map { stratum in
        .object([
          ("iterations", .integer(Int64(stratum.iterations))),
          ("microseconds", micros(stratum.seconds)),
          ("recursive", .bool(stratum.isRecursive)),
          ("relations", .array(stratum.relations.map { .string($0) })),
          ("tuplesDerived", .integer(Int64(stratum.tuplesDerived))),
        ])
      }
      let rules: [JSONValue] = statistics.rules.map { rule in
        .object([
          ("head", .string(rule.head)),
          ("location", .string(rule.location)),
          ("microseconds", micros(rule.seconds)),
          ("tuplesDerived", .integer(Int64(rule.tuplesDerived))),
        ])
      }
      members += [
        ("derivedTuples", .integer(Int64(statistics.derivedTuples))),
        ("goalDirected", statistics.goalDirected.map { .string($0) } ?? .null),
        ("loadMicroseconds", micros(statistics.loadSeconds)),
        ("inputs", statistics.inputs.map(inputsJSON) ?? .null),
        ("rules", .array(rules)),
        ("strata", .array(strata)),
        ("totalTuples", .integer(Int64(statistics.totalTuples))),
      ]
    }
    members.sort { $0.0 < $1.0 }
    return .object(members)
  }

  /// The input store's figures as JSON.
  private static func inputsJSON(_ inputs: EvaluationStatistics.Inputs) -> JSONValue {
    .object([
      ("evaluations", .integer(Int64(inputs.evaluations))),
      (
        "files",
        .array(
          inputs.files.map {
            .object([("facts", .integer(Int64($0.facts))), ("path", .string($0.path))])
          })
      ),
      ("loads", .integer(Int64(inputs.loads))), ("microseconds", micros(inputs.seconds)),
    ])
  }

  /// Seconds with three decimals, `0.012s`.
  static func seconds(_ value: Double) -> String {
    guard value.isFinite, value >= 0, value < 1e12 else { return "?s" }
    let millis = Int64((value * 1000).rounded())
    let fraction = String(millis % 1000)
    return "\(millis / 1000)." + String(repeating: "0", count: 3 - fraction.count) + fraction + "s"
  }

  private static func micros(_ value: Double) -> JSONValue {
    guard value.isFinite, value >= 0, value < 1e12 else { return .null }
    return .integer(Int64((value * 1_000_000).rounded()))
  }
}
