/// How many things changed, by kind.
public struct DiffStat: Hashable, Sendable {
  var nodesAdded = 0
  var nodesRemoved = 0
  /// Nodes on both sides whose content or name differs.
  public var nodesChanged = 0
  var edgesAdded = 0
  var edgesRemoved = 0
  var connectionsAdded = 0
  var connectionsRemoved = 0
  var connectionsChanged = 0
  /// Flow and dependency changes.
  var otherChanges = 0

  /// `3 nodes changed, 1 node added, 2 edges removed`, or `no changes`.
  public var summary: String {
    var parts: [String] = []
    func add(_ count: Int, _ noun: String, _ verb: String) {
      guard count > 0 else { return }
      parts.append("\(count) \(noun)\(count == 1 ? "" : "s") \(verb)")
    }
    add(nodesChanged, "node", "changed")
    add(nodesAdded, "node", "added")
    add(nodesRemoved, "node", "removed")
    add(edgesAdded, "edge", "added")
    add(edgesRemoved, "edge", "removed")
    add(connectionsChanged, "connection", "changed")
    add(connectionsAdded, "connection", "added")
    add(connectionsRemoved, "connection", "removed")
    if otherChanges > 0 { parts.append("\(otherChanges) other change\(otherChanges == 1 ? "" : "s")") }
    return parts.isEmpty ? "no changes" : parts.joined(separator: ", ")
  }
}
