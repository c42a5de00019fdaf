import FlowModel
import FlowStore

/// Short phrases about flows, shared by the commands that print them.
enum Describe {
  /// `5 nodes, 4 edges`.
  static func shape(_ version: FlowVersion) -> String {
    "\(count(version.nodes.count, "node")), \(count(version.edges.count, "edge"))"
  }

  /// `1 node`, `3 nodes`.
  static func count(_ number: Int, _ noun: String) -> String {
    count(number, noun, plural: noun + "s")
  }

  /// `1 entry`, `3 entries`: for a noun whose plural is not an `s` more.
  static func count(_ number: Int, _ noun: String, plural: String) -> String {
    "\(number) \(number == 1 ? noun : plural)"
  }

  /// `2 pending imports with 3 bindings, 1 staged change`: work not yet committed, naming only
  /// what there is (what quitting warns of, and what a left session offers back).
  static func pendingWork(imports: Int, bindings: Int, stagedChanges: Int, loadedExports: Int = 0) -> String {
    var parts: [String] = []
    if imports > 0 { parts.append("\(count(imports, "pending import")) with \(count(bindings, "binding"))") }
    if stagedChanges > 0 { parts.append(count(stagedChanges, "staged change")) }
    if loadedExports > 0 { parts.append(count(loadedExports, "loaded export")) }
    return parts.joined(separator: ", ")
  }

  /// `target changed since version 2 was imported from this file`: what the plan and `status`
  /// say of an import whose target flow got a version from elsewhere since (see
  /// `WorkspaceState.changedSince`).
  static func changedSince(_ version: Int) -> String {
    "target changed since version \(version) was imported from this file"
  }

  /// `created flow orders@1`, `added connection kafka-prod`: one journal change.
  static func change(_ change: JournalChange) -> FittedLine {
    "\(change.action.rawValue) \(name: change.subject)\(change.version.map { "@\($0)" } ?? "")"
  }

  /// `2 created flows, 1 added version, 1 added connection`: a commit's changes counted by
  /// action, in the order they first appear; `no changes` for none.
  static func tally(_ changes: [JournalChange]) -> String {
    var order: [String] = []
    var counts: [String: Int] = [:]
    for change in changes {
      if counts[change.action.rawValue] == nil { order.append(change.action.rawValue) }
      counts[change.action.rawValue, default: 0] += 1
    }
    guard !order.isEmpty else { return "no changes" }
    return order.map { action in
      let number = counts[action] ?? 0
      return "\(number) \(action)\(number == 1 ? "" : "s")"
    }.joined(separator: ", ")
  }
}
