import FlowModel

/// What differs between two flow versions, node by node: the value every renderer reads.
public struct FlowDiff: Hashable, Sendable {
  /// How the two sides are named in output (a file, `prod:orders@2`, an import name).
  var left: String
  var right: String
  /// Changes to the flow itself: name, description, mode, version number.
  public var flow: [PropertyChange]
  /// Node changes, in the right side's node order, then removed nodes in the left side's order.
  public var nodes: [NodeChange]
  /// Edges present on one side only, added ones and removed ones.
  public var edges: [EdgeChange]
  /// Connections (references and what the file says about them: a config node's host, a
  /// controller service's properties) added, removed or changed, in the right side's order,
  /// then removed ones; shown like nodes.
  public var connections: [NodeChange]
  /// Changes to what travels with the flow (subflows, events, variables, ...).
  var dependencies: [PropertyChange]
  /// Each subflow both sides carry under one name whose definition differs, as a diff of its
  /// own, both sides labelled with its name: a carried subflow changed on its own (a lookup's
  /// table) is a change to what the flow runs.
  public var subflows: [FlowDiff] = []
  /// Both sides' nodes and edges with their status, for the Graphviz view (built only when
  /// `DiffOptions.includeGraph` is set).
  public var graph = DiffGraph(nodes: [], edges: [])

  /// True when the two sides are the same flow for every purpose diff looks at.
  public var isEmpty: Bool {
    flow.isEmpty && nodes.isEmpty && edges.isEmpty && connections.isEmpty && dependencies.isEmpty && subflows.isEmpty
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
    for change in connections {
      switch change.kind {
      case .added: stat.connectionsAdded += 1
      case .removed: stat.connectionsRemoved += 1
      case .changed: stat.connectionsChanged += 1
      }
    }
    stat.otherChanges = flow.count + dependencies.count
    for subflow in subflows { stat.add(subflow.stat) }
    return stat
  }
}
