import FlowModel

/// What differs between two flow versions, node by node: the value every renderer reads.
public struct FlowDiff: Hashable, Sendable {
  /// How the two sides are named in output (a file, `prod:orders@2`, an import name).
  public var left: String
  public var right: String
  /// Changes to the flow itself: name, description, mode, version number.
  public var flow: [PropertyChange]
  /// Node changes, in the right side's node order, then removed nodes in the left side's order.
  public var nodes: [NodeChange]
  public var edges: [EdgeChange]
  /// Changes to connection references, by key.
  public var connections: [PropertyChange]
  /// Changes to what travels with the flow (subflows, events, variables, ...).
  public var dependencies: [PropertyChange]
  /// Both sides' nodes and edges with their status, for the Graphviz view (built only when
  /// `DiffOptions.includeGraph` is set).
  public var graph = DiffGraph(nodes: [], edges: [])

  /// True when the two sides are the same flow for every purpose diff looks at.
  public var isEmpty: Bool {
    flow.isEmpty && nodes.isEmpty && edges.isEmpty && connections.isEmpty && dependencies.isEmpty
  }

  /// Counts for the summary line and `--stat`.
  public var stat: DiffStat {
    var stat = DiffStat()
    for change in nodes {
      switch change.kind {
      case .added: stat.nodesAdded += 1
      case .removed: stat.nodesRemoved += 1
      case .changed: stat.nodesChanged += 1
      }
    }
    for change in edges {
      if change.isAdded { stat.edgesAdded += 1 } else { stat.edgesRemoved += 1 }
    }
    stat.otherChanges = flow.count + connections.count + dependencies.count
    return stat
  }
}

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

/// One value that differs, at a path such as `config.query` or `nodes[2]`.
public struct PropertyChange: Hashable, Sendable {
  public var path: String
  /// The left side's value; nil when the right side added it.
  public var old: JSONValue?
  /// The right side's value; nil when the right side removed it.
  public var new: JSONValue?

  public init(path: String, old: JSONValue?, new: JSONValue?) {
    self.path = path
    self.old = old
    self.new = new
  }
}

/// A node that was added, removed, or changed (possibly renamed) between the sides.
public struct NodeChange: Hashable, Sendable {
  public enum Kind: String, Hashable, Sendable {
    case added, removed, changed
  }

  public var kind: Kind
  /// The node's name on the side that has it (the right side's for changed nodes).
  public var name: String
  public var type: String
  /// The left side's name when the node was renamed.
  public var oldName: String?
  /// For changed nodes, each differing property; empty for added and removed nodes.
  public var changes: [PropertyChange]
}

/// An edge present on only one side, named by node names so it reads without ids.
public struct EdgeChange: Hashable, Sendable {
  public var isAdded: Bool
  public var from: String
  public var fromPort: String
  public var to: String
  public var toPort: String
}

/// How many things changed, by kind.
public struct DiffStat: Hashable, Sendable {
  public var nodesAdded = 0
  public var nodesRemoved = 0
  public var nodesChanged = 0
  public var edgesAdded = 0
  public var edgesRemoved = 0
  /// Flow, connection and dependency changes.
  public var otherChanges = 0

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
    if otherChanges > 0 { parts.append("\(otherChanges) other change\(otherChanges == 1 ? "" : "s")") }
    return parts.isEmpty ? "no changes" : parts.joined(separator: ", ")
  }
}
