import Foundation

/// Everything measured for one workload: gwlog's median run, the peers, and the counts of
/// `PEERS.md`.
struct WorkloadReport: Sendable {
  /// The workload.
  var workload: Workload
  /// gwlog's median over the repetitions.
  var gwlog: SingleRun
  /// The peers run here, in column order.
  var peers: [PeerResult]
  /// The `PEERS.md` figures, when the table has the workload.
  var reference: Reference?

  /// Disagreements of gwlog's counts (and `can_invoke` digest) with `PEERS.md` and with each
  /// peer that reported counts; empty when everything agrees.
  var mismatches: [String] {
    guard gwlog.error == nil else { return [] }
    var found: [String] = []
    if let reference, !reference.counts.isEmpty {
      found += Self.differences(
        gwlog, reference.counts, reference.canInvokeDigest, against: "PEERS.md")
    }
    for peer in peers where peer.status == "ok" && !peer.counts.isEmpty {
      found += Self.differences(gwlog, peer.counts, peer.canInvokeDigest, against: peer.engine)
    }
    return found
  }

  /// The names gwlog's counts were checked against (`PEERS.md`, `nemo`, …).
  var checkedAgainst: [String] {
    var names: [String] = []
    if let reference, !reference.counts.isEmpty { names.append("ref") }
    names += peers.filter { $0.status == "ok" && !$0.counts.isEmpty }.map(\.engine)
    return names
  }

  /// The counts cell: `ok (ref,nemo,…)`, `MISMATCH`, `unchecked`, or `-` after a failure.
  var countsVerdict: String {
    if gwlog.error != nil { return "-" }
    if !mismatches.isEmpty { return "MISMATCH" }
    let against = checkedAgainst
    return against.isEmpty ? "unchecked" : "ok (" + against.joined(separator: ",") + ")"
  }

  private static func differences(
    _ run: SingleRun, _ counts: [String: Int], _ digest: String?, against source: String
  ) -> [String] {
    var found: [String] = []
    for name in Set(counts.keys).union(run.counts.keys).sorted()
    where counts[name] != run.counts[name] {
      let theirs = counts[name].map(String.init) ?? "none"
      let ours = run.counts[name].map(String.init) ?? "none"
      found.append("\(run.workload): \(name) gwlog=\(ours) \(source)=\(theirs)")
    }
    if let digest, let ours = run.canInvokeDigest, digest != ours {
      found.append("\(run.workload): can_invoke digest gwlog=\(ours) \(source)=\(digest)")
    }
    return found
  }
}

/// A table of text cells, printed aligned (first column left, the rest right) or as
/// markdown.
struct TextTable: Sendable {
  /// The column titles.
  var header: [String]
  /// The rows, each as many cells as `header`.
  var rows: [[String]] = []

  /// The table's lines, header first.
  func lines(markdown: Bool) -> [String] {
    if markdown {
      let rule = "|" + header.map { _ in "---|" }.joined()
      return [Self.markdownRow(header), rule] + rows.map(Self.markdownRow)
    }
    var widths = header.map(\.count)
    for row in rows {
      for (i, cell) in row.enumerated() where i < widths.count {
        widths[i] = max(widths[i], cell.count)
      }
    }
    let render = { (row: [String]) in
      row.enumerated().map { i, cell in
        let pad = String(
          repeating: " ", count: max(0, widths[min(i, widths.count - 1)] - cell.count))
        return i == 0 ? cell + pad : pad + cell
      }.joined(separator: " | ")
    }
    let rule = widths.map { String(repeating: "-", count: $0) }.joined(separator: "-+-")
    return [render(header), rule] + rows.map(render)
  }

  private static func markdownRow(_ cells: [String]) -> String {
    "| " + cells.map { $0.replacingOccurrences(of: "|", with: "\\|") }.joined(separator: " | ")
      + " |"
  }
}

/// The report's tables, built from the measurements.
enum Tables {
  /// gwlog's own figures per workload (the in-process child) and whether its counts agree
  /// with `PEERS.md` and the peers.
  ///
  /// No figure of another run appears here: Soufflé's are in
  /// the side-by-side table (`sideBySide`), measured in the same run.
  static func gwlog(_ reports: [WorkloadReport]) -> TextTable {
    var table = TextTable(header: [
      "workload", "gw load s", "gw eval s", "gw wall s", "gw peak MB", "derived", "counts",
    ])
    for report in reports {
      let run = report.gwlog
      var cells = [report.workload.name]
      if let error = run.error {
        cells += ["FAILED: \(error)", "-", seconds(run.processWallSeconds), "-", "-"]
      } else {
        cells += [
          String(format: "%.3f", run.loadSeconds), seconds(run.evaluationSeconds),
          seconds(run.processWallSeconds), megabytes(run.peakMegabytes),
          String(run.derivedTuples),
        ]
      }
      cells.append(report.countsVerdict)
      table.rows.append(cells)
    }
    return table
  }

  /// gwlog against each peer measured in this run: seconds, MB and gwlog / peer.
  static func peers(_ reports: [WorkloadReport], peerNames: [String]) -> TextTable {
    var header = ["workload", "gw wall s", "gw peak MB"]
    for peer in peerNames { header += ["\(peer) s", "\(peer) MB", "gw/\(peer)"] }
    var table = TextTable(header: header)
    for report in reports {
      let run = report.gwlog
      var cells = [report.workload.name, seconds(run.processWallSeconds)]
      cells.append(run.error == nil ? megabytes(run.peakMegabytes) : "FAILED")
      for name in peerNames {
        guard let peer = report.peers.first(where: { $0.engine == name }) else {
          cells += ["not run", "-", "-"]
          continue
        }
        if peer.status == "ok" {
          let ratio =
            run.error == nil ? Targets.ratio(run.processWallSeconds, peer.wallSeconds) : nil
          cells += [seconds(peer.wallSeconds), megabytes(peer.peakMegabytes), Targets.text(ratio)]
        } else {
          cells += [
            "\(peer.status) \(seconds(peer.wallSeconds))", megabytes(peer.peakMegabytes), "-",
          ]
        }
      }
      table.rows.append(cells)
    }
    return table
  }

  /// The goal-directed figures: explain and query against the full run, all through the CLI.
  static func goals(_ measurements: [GoalMeasurement]) -> TextTable {
    var table = TextTable(header: [
      "workload", "run s", "run MB", "explain holds s", "/run", "explain fails s", "/run",
      "query s", "/run", "query MB", "answers",
    ])
    for m in measurements {
      let base = m.run.error == nil ? m.run.wallSeconds : nil
      var cells = [m.workload, cli(m.run), megabytes(m.run.peakMegabytes)]
      for run in [m.explainHolding, m.explainFailing, m.query] {
        cells += [
          cli(run), run.error == nil ? Targets.text(Targets.ratio(run.wallSeconds, base)) : "-",
        ]
      }
      cells += [
        megabytes(m.query.peakMegabytes), "\(m.query.outputLines.count)/\(m.sample.answers)",
      ]
      table.rows.append(cells)
    }
    return table
  }

  private static func cli(_ run: CLIRun) -> String {
    run.error.map { "FAILED: \($0)" } ?? seconds(run.wallSeconds)
  }

  /// Seconds with two decimals.
  static func seconds(_ s: Double) -> String { String(format: "%.2f", s) }

  /// Megabytes without decimals.
  static func megabytes(_ mb: Double) -> String { String(format: "%.0f", mb) }
}
