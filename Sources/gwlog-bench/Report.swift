import Foundation

/// Everything measured for one workload: gwlog's median run, the peers, and `PEERS.md`.
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

/// Renders the reports as one aligned text table.
enum Table {
  /// The table's lines, header first; peer columns follow `peerNames`.
  static func render(_ reports: [WorkloadReport], peerNames: [String]) -> [String] {
    var header = [
      "workload", "gw load s", "gw eval s", "gw total s", "gw peak MB", "derived", "tuples",
      "souffle-i s*", "souffle-c s*", "souffle-i/gw",
    ]
    for peer in peerNames { header += ["\(peer) s", "\(peer) MB", "\(peer)/gw"] }
    header.append("counts")
    var rows = [header]
    for report in reports { rows.append(row(report, peerNames: peerNames)) }
    var widths = [Int](repeating: 0, count: header.count)
    for row in rows {
      for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) }
    }
    let lines = rows.map { row in
      row.enumerated().map { i, cell in
        let pad = String(repeating: " ", count: widths[i] - cell.count)
        return i == 0 || i == row.count - 1 ? cell + pad : pad + cell
      }.joined(separator: " | ")
    }
    let rule = widths.map { String(repeating: "-", count: $0) }.joined(separator: "-+-")
    return [lines[0], rule] + lines.dropFirst()
  }

  private static func row(_ report: WorkloadReport, peerNames: [String]) -> [String] {
    let run = report.gwlog
    let total = run.processWallSeconds
    var cells = [report.workload.name]
    if let error = run.error {
      cells += ["-", "-", seconds(total), "-", "-", "-"]
      cells[1] = "FAILED: \(error)"
    } else {
      cells += [
        String(format: "%.3f", run.loadSeconds), seconds(run.evaluationSeconds), seconds(total),
        String(format: "%.0f", run.peakMegabytes), String(run.derivedTuples),
        String(run.totalTuples),
      ]
    }
    let interp = report.reference?.wallSeconds["souffle-interp"]
    let compiled = report.reference?.wallSeconds["souffle-compiled"]
    cells += [
      interp.map(seconds) ?? "-", compiled.map(seconds) ?? "-",
      interp.map { ratio($0, total, run) } ?? "-",
    ]
    for name in peerNames {
      guard let peer = report.peers.first(where: { $0.engine == name }) else {
        cells += ["-", "-", "-"]
        continue
      }
      if peer.status == "ok" {
        cells += [
          seconds(peer.wallSeconds), String(format: "%.0f", peer.peakMegabytes),
          ratio(peer.wallSeconds, total, run),
        ]
      } else {
        cells += ["\(peer.status) \(seconds(peer.wallSeconds))", "-", "-"]
      }
    }
    let mismatches = report.mismatches
    if run.error != nil {
      cells.append("-")
    } else if !mismatches.isEmpty {
      cells.append("MISMATCH")
    } else {
      let against = report.checkedAgainst
      cells.append(against.isEmpty ? "unchecked" : "ok (" + against.joined(separator: ",") + ")")
    }
    return cells
  }

  private static func seconds(_ s: Double) -> String { String(format: "%.2f", s) }

  private static func ratio(_ peer: Double, _ gwlog: Double, _ run: SingleRun) -> String {
    guard run.error == nil, gwlog > 0 else { return "-" }
    return String(format: "%.2fx", peer / gwlog)
  }
}
