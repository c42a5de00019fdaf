import FlowModel

/// The union of both sides' graphs, each node and edge marked added, removed, changed or not.
public struct DiffGraph: Hashable, Sendable {
  /// How a node or edge of the union compares across the sides, which sets its colour in pictures.
  public enum Status: String, Hashable, Sendable {
    case added, removed, changed, unchanged
  }

  /// A node of the union, from either side or both.
  public struct Node: Hashable, Sendable {
    /// An id unique within the graph (not the flow's node id, which may differ per side).
    var id: String
    var name: String
    var type: String
    /// Whether the node was added, removed, changed or left alone.
    public var status: Status
  }

  struct Edge: Hashable, Sendable {
    var from: String
    var to: String
    var status: Status
  }

  /// Every node of both sides, a node present on both once.
  public var nodes: [Node]
  var edges: [Edge]
}
