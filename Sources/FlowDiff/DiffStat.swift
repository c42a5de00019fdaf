/// How many things changed, by kind.
public struct DiffStat: Hashable, Sendable {
  /// Nodes only on the right side.
  public var nodesAdded = 0
  /// Nodes only on the left side.
  public var nodesRemoved = 0
  /// Nodes on both sides whose content or name differs.
  public var nodesChanged = 0
  /// Edges only on the right side.
  public var edgesAdded = 0
  /// Edges only on the left side.
  public var edgesRemoved = 0
  /// Connections only on the right side.
  public var connectionsAdded = 0
  /// Connections only on the left side.
  public var connectionsRemoved = 0
  /// Connections on both sides whose settings differ.
  public var connectionsChanged = 0
  /// Flow and dependency changes.
  public var otherChanges = 0

  /// Adds another's counts: a carried subflow's nodes count with the flow's.
  mutating func add(_ other: DiffStat) {
    nodesAdded += other.nodesAdded
    nodesRemoved += other.nodesRemoved
    nodesChanged += other.nodesChanged
    edgesAdded += other.edgesAdded
    edgesRemoved += other.edgesRemoved
    connectionsAdded += other.connectionsAdded
    connectionsRemoved += other.connectionsRemoved
    connectionsChanged += other.connectionsChanged
    otherChanges += other.otherChanges
  }

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
