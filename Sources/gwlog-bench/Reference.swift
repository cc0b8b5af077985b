import Foundation

/// Figures recorded in `SHARED/bench/PEERS.md` for one workload: Soufflé's medians (not
/// installable here) and the result counts every engine agreed on.
struct Reference: Sendable {
  /// Median wall seconds per engine (`souffle-interp`, `souffle-compiled`, `nemo`, …).
  var wallSeconds: [String: Double] = [:]
  /// Median peak RSS in MB per engine.
  var peakMegabytes: [String: Double] = [:]
  /// The agreed result counts (empty when the table has none for the workload).
  var counts: [String: Int] = [:]
  /// The agreed `can_invoke` digest (IAM only).
  var canInvokeDigest: String?

  /// Parses the markdown table of `PEERS.md`, keyed by workload; empty when unreadable.
  ///
  /// Rows read `| workload | engine | runs | 0.50 (0.47-0.68) | rss | extra | a=1, b=2,
  /// can_invoke#digest |`; a failed run's wall cell reads `error after …` and is skipped.
  static func load(peersFile: String) -> [String: Reference] {
    guard let data = FileManager.default.contents(atPath: peersFile) else { return [:] }
    var table: [String: Reference] = [:]
    for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
      let cells = line.split(separator: "|", omittingEmptySubsequences: false).map {
        $0.trimmingCharacters(in: .whitespaces)
      }
      // cells[0] is the text before the first bar, so a row has 9 cells.
      guard cells.count >= 9, line.hasPrefix("|"), cells[1] != "workload",
        !cells[1].hasPrefix("---")
      else { continue }
      let workload = cells[1]
      var reference = table[workload] ?? Reference()
      if let wall = cells[4].split(separator: " ").first.flatMap({ Double($0) }) {
        reference.wallSeconds[cells[2]] = wall
        if let peak = Double(cells[5]) { reference.peakMegabytes[cells[2]] = peak }
      }
      if reference.counts.isEmpty { parseCounts(cells[7], into: &reference) }
      table[workload] = reference
    }
    return table
  }

  private static func parseCounts(_ cell: String, into reference: inout Reference) {
    for item in cell.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) {
      if let hash = item.range(of: "can_invoke#") {
        reference.canInvokeDigest = String(item[hash.upperBound...])
      } else if let equals = item.firstIndex(of: "="),
        let n = Int(item[item.index(after: equals)...])
      {
        reference.counts[String(item[..<equals])] = n
      }
    }
  }
}

/// The machine the figures come from, printed above the table.
enum Machine {
  /// The output of `uptime` (time, up time and load averages), one line.
  static func uptime() -> String {
    let result = try? Subprocess.capture("/usr/bin/env", ["uptime"])
    guard let result, result.0 == 0 else { return "uptime unavailable" }
    return result.1.trimmingCharacters(in: .whitespacesAndNewlines)
  }

  /// `nproc`, CPU model and total memory, one line.
  static func summary() -> String {
    let cpu = field("/proc/cpuinfo", "model name") ?? "unknown CPU"
    let memory = field("/proc/meminfo", "MemTotal").flatMap { text in
      Double(text.split(separator: " ").first ?? "").map {
        String(format: "%.1f GiB", $0 / 1_048_576)
      }
    }
    return "\(ProcessInfo.processInfo.activeProcessorCount) cores (nproc), \(cpu), "
      + "\(memory ?? "unknown") memory"
  }

  /// The value after `key:` on the first matching line of a `/proc` file.
  private static func field(_ path: String, _ key: String) -> String? {
    guard let data = FileManager.default.contents(atPath: path) else { return nil }
    for line in String(decoding: data, as: UTF8.self).split(separator: "\n")
    where line.hasPrefix(key) {
      if let colon = line.firstIndex(of: ":") {
        return line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
      }
    }
    return nil
  }
}
