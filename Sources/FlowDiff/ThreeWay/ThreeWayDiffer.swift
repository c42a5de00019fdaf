import FlowModel

/// Computes a `ThreeWayDiff`: what a new export changes relative to the base a target was
/// built from, and what the target changed on its own since (promotion: test's new export
/// against production, which was built from test's previous one).
///
/// Two two-way diffs from the base, to the target and to the new export, are merged: nodes and
/// connections by the base node they pair with (whatever either side renamed it to), or by name
/// and type where both sides added one; properties by path (`PropertySplit`). Edges, named by
/// their nodes, are on one side, or on both alike; they cannot conflict.
public enum ThreeWayDiffer {
  /// The three-way diff of `target` and `new` over `base`, the sides named by `labels` in output.
  public static func diff(
    base: FlowVersion, target: FlowVersion, new: FlowVersion, labels: (base: String, target: String, new: String),
    options: DiffOptions = DiffOptions()
  ) -> ThreeWayDiff {
    // Version numbers count each side's own history, not content: a target at version 7 built
    // from test's version 3 changed nothing by being numbered so.
    var (target, new) = (target, new)
    (target.number, new.number) = (base.number, base.number)
    let ours = FlowDiffer.diff(base, target, leftLabel: labels.base, rightLabel: labels.target, options: options)
    let theirs = FlowDiffer.diff(base, new, leftLabel: labels.base, rightLabel: labels.new, options: options)
    // Nodes both sides added under one name are compared with each other directly, once, and
    // only when there are any: the two sides may come from different instances.
    var direct: FlowDiff?
    func addedAlike(_ name: String, _ place: MergeConflict.Place) -> Bool {
      let diff = direct ?? FlowDiffer.diff(target, new, leftLabel: labels.target, rightLabel: labels.new, options: options)
      direct = diff
      return !(place == .node ? diff.nodes : diff.connections).contains { $0.name == name || $0.oldName == name }
    }

    var result = ThreeWayDiff(
      base: labels.base, target: labels.target, new: labels.new, conflicts: [],
      targetOnly: .empty(left: labels.base, right: labels.target), incoming: .empty(left: labels.base, right: labels.new),
      agreed: .empty(left: labels.base, right: labels.new))

    let flow = PropertySplit(target: ours.flow, new: theirs.flow)
    (result.targetOnly.flow, result.incoming.flow, result.agreed.flow) = (flow.targetOnly, flow.incoming, flow.agreed)
    result.conflicts += conflict(flow, at: .flow)

    let nodes = EntityMerge(ours.nodes, theirs.nodes, place: .node) { addedAlike($0, .node) }
    (result.targetOnly.nodes, result.incoming.nodes, result.agreed.nodes) = (nodes.targetOnly, nodes.incoming, nodes.agreed)
    result.conflicts += nodes.conflicts

    let (ourEdges, theirEdges) = (Set(ours.edges), Set(theirs.edges))
    result.targetOnly.edges = ours.edges.filter { !theirEdges.contains($0) }
    result.incoming.edges = theirs.edges.filter { !ourEdges.contains($0) }
    result.agreed.edges = theirs.edges.filter { ourEdges.contains($0) }

    let connections = EntityMerge(ours.connections, theirs.connections, place: .connection) { addedAlike($0, .connection) }
    (result.targetOnly.connections, result.incoming.connections, result.agreed.connections) =
      (connections.targetOnly, connections.incoming, connections.agreed)
    result.conflicts += connections.conflicts

    let dependencies = PropertySplit(target: ours.dependencies, new: theirs.dependencies)
    (result.targetOnly.dependencies, result.incoming.dependencies, result.agreed.dependencies) =
      (dependencies.targetOnly, dependencies.incoming, dependencies.agreed)
    result.conflicts += conflict(dependencies, at: .dependencies)
    return result
  }

  /// The conflict of the flow's own settings or its dependencies, if their split has one.
  private static func conflict(_ split: PropertySplit, at place: MergeConflict.Place) -> [MergeConflict] {
    guard split.hasConflicts else { return [] }
    func side(_ changes: [PropertyChange]) -> NodeChange {
      NodeChange(kind: .changed, name: "", type: "", oldName: nil, changes: changes)
    }
    return [
      MergeConflict(
        place: place, name: "", type: "", target: side(split.targetConflicts), incoming: side(split.incomingConflicts))
    ]
  }
}

extension FlowDiff {
  /// A diff of `left` and `right` with nothing in it yet, for the parts of a three-way diff.
  static func empty(left: String, right: String) -> FlowDiff {
    FlowDiff(left: left, right: right, flow: [], nodes: [], edges: [], connections: [], dependencies: [])
  }
}
