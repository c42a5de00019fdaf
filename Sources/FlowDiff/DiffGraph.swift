import FlowModel

/// The union of both sides' graphs, each node and edge marked added, removed, changed or not.
public struct DiffGraph: Hashable, Sendable {
  public enum Status: String, Hashable, Sendable {
    case added, removed, changed, unchanged
  }

  public struct Node: Hashable, Sendable {
    /// An id unique within the graph (not the flow's node id, which may differ per side).
    var id: String
    var name: String
    var type: String
    public var status: Status
  }

  struct Edge: Hashable, Sendable {
    var from: String
    var to: String
    var status: Status
  }

  public var nodes: [Node]
  var edges: [Edge]
}
