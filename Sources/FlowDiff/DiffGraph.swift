import FlowModel

/// The union of both sides' graphs, each node and edge marked added, removed, changed or not.
public struct DiffGraph: Hashable, Sendable {
  public enum Status: String, Hashable, Sendable {
    case added, removed, changed, unchanged
  }

  public struct Node: Hashable, Sendable {
    /// An id unique within the graph (not the flow's node id, which may differ per side).
    public var id: String
    public var name: String
    public var type: String
    public var status: Status
  }

  public struct Edge: Hashable, Sendable {
    public var from: String
    public var to: String
    public var status: Status
  }

  public var nodes: [Node]
  public var edges: [Edge]
}
