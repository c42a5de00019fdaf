import FlowModel

/// Computes a `FlowDiff` of two flow versions.
///
/// Nodes are paired by id, then the rest by name, so two exports of one flow from different
/// instances (every id different) diff cleanly; edges are compared over that pairing, so the
/// order of arrays in the files never shows as a change. Work is linear in the number of nodes
/// and edges: every lookup is a dictionary.
public enum FlowDiffer {
  /// The diff of `left` and `right`, named `leftLabel` and `rightLabel` in output, over what `options` leaves in.
  public static func diff(
    _ left: FlowVersion, _ right: FlowVersion, leftLabel: String, rightLabel: String,
    options: DiffOptions = DiffOptions()
  ) -> FlowDiff {
    let pairing = NodePairing(left: left.nodes, right: right.nodes)
    var result = FlowDiff(
      left: leftLabel, right: rightLabel, flow: flowChanges(left, right), nodes: [], edges: [], connections: [],
      dependencies: [])

    var changedRight: Set<Int> = []
    for (rightIndex, node) in right.nodes.enumerated() {
      guard let leftIndex = pairing.leftForRight[rightIndex] else {
        result.nodes.append(NodeChange(kind: .added, name: node.name, type: node.type, oldName: nil, changes: []))
        continue
      }
      let old = left.nodes[leftIndex]
      let changes = nodeChanges(old, node, options: options)
      if !changes.isEmpty || old.name != node.name {
        changedRight.insert(rightIndex)
        result.nodes.append(
          NodeChange(
            kind: .changed, name: node.name, type: node.type, oldName: old.name == node.name ? nil : old.name,
            changes: changes))
      }
    }
    for (leftIndex, node) in left.nodes.enumerated() where pairing.rightForLeft[leftIndex] == nil {
      result.nodes.append(NodeChange(kind: .removed, name: node.name, type: node.type, oldName: nil, changes: []))
    }
    result.edges = edgeChanges(left, right, pairing: pairing)
    result.connections = connectionChanges(left.connections, right.connections)
    JSONDiff.changes(
      dependencyValue(left.dependencies), dependencyValue(right.dependencies), path: "dependencies",
      into: &result.dependencies)
    result.connections.removeAll { options.ignores("connections." + $0.path) }
    result.dependencies.removeAll { options.ignores($0.path) }
    result.flow.removeAll { options.ignores($0.path) }
    if options.includeGraph { result.graph = graph(left, right, pairing: pairing, changedRight: changedRight) }
    return result
  }

  /// Every node and edge of both sides, each with its status, for pictures of the whole flow.
  private static func graph(_ left: FlowVersion, _ right: FlowVersion, pairing: NodePairing, changedRight: Set<Int>) -> DiffGraph {
    var nodes: [DiffGraph.Node] = right.nodes.enumerated().map { index, node in
      let status: DiffGraph.Status = pairing.leftForRight[index] == nil ? .added : changedRight.contains(index) ? .changed : .unchanged
      return DiffGraph.Node(id: "R\(index)", name: node.name, type: node.type, status: status)
    }
    var keyForLeft: [String: String] = [:]
    for (index, node) in left.nodes.enumerated() {
      if let paired = pairing.rightForLeft[index] {
        keyForLeft[node.id] = "R\(paired)"
      } else {
        keyForLeft[node.id] = "L\(index)"
        nodes.append(DiffGraph.Node(id: "L\(index)", name: node.name, type: node.type, status: .removed))
      }
    }
    var keyForRight: [String: String] = [:]
    for (index, node) in right.nodes.enumerated() where keyForRight[node.id] == nil { keyForRight[node.id] = "R\(index)" }
    struct EdgeKey: Hashable { let from: String, to: String }
    var edges: [EdgeKey: DiffGraph.Status] = [:]
    var order: [EdgeKey] = []
    for edge in right.edges {
      let key = EdgeKey(from: keyForRight[edge.from] ?? "?" + edge.from, to: keyForRight[edge.to] ?? "?" + edge.to)
      if edges[key] == nil { order.append(key) }
      edges[key] = .added
    }
    for edge in left.edges {
      let key = EdgeKey(from: keyForLeft[edge.from] ?? "?" + edge.from, to: keyForLeft[edge.to] ?? "?" + edge.to)
      if edges[key] == .added {
        edges[key] = .unchanged
      } else if edges[key] == nil {
        order.append(key)
        edges[key] = .removed
      }
    }
    let known = Set(nodes.map(\.id))
    return DiffGraph(
      nodes: nodes,
      edges: order.filter { known.contains($0.from) && known.contains($0.to) }.map {
        DiffGraph.Edge(from: $0.from, to: $0.to, status: edges[$0]!)
      })
  }

  private static func flowChanges(_ left: FlowVersion, _ right: FlowVersion) -> [PropertyChange] {
    var changes: [PropertyChange] = []
    func compare(_ path: String, _ old: String?, _ new: String?) {
      if old != new { changes.append(PropertyChange(path: path, old: old.map(JSONValue.string), new: new.map(JSONValue.string))) }
    }
    compare("name", left.name, right.name)
    compare("description", left.description, right.description)
    compare("mode", left.mode, right.mode)
    if left.number != right.number {
      changes.append(
        PropertyChange(path: "version", old: .number(JSONNumber(left.number)), new: .number(JSONNumber(right.number))))
    }
    compare("format", left.source?.dialect ?? "flowport/1", right.source?.dialect ?? "flowport/1")
    JSONDiff.changes(.object(left.extensions), .object(right.extensions), path: "", into: &changes)
    JSONDiff.changes(.object(left.metadata), .object(right.metadata), path: "", into: &changes)
    return changes
  }

  /// A name change is not listed: the node's change already carries `oldName`, and a node
  /// renamed but otherwise equal still counts as changed.
  private static func nodeChanges(_ old: Node, _ new: Node, options: DiffOptions) -> [PropertyChange] {
    var changes: [PropertyChange] = []
    if options.includeVolatile {
      JSONDiff.changes(.string(old.id), .string(new.id), path: "id", into: &changes)
    }
    JSONDiff.changes(.string(old.type), .string(new.type), path: "type", into: &changes)
    JSONDiff.changes(old.connection.map(JSONValue.string), new.connection.map(JSONValue.string), path: "connection", into: &changes)
    JSONDiff.changes(.object(old.config), .object(new.config), path: "config", into: &changes)
    if options.includeVolatile {
      JSONDiff.changes(positionValue(old.position), positionValue(new.position), path: "position", into: &changes)
    }
    return changes.filter { !options.ignores($0.path) }
  }

  private static func positionValue(_ position: Position?) -> JSONValue? {
    position.map { ["x": .number($0.x), "y": .number($0.y)] }
  }

  /// Edges as (source, port, target, port) over paired nodes, named by node names.
  private static func edgeChanges(_ left: FlowVersion, _ right: FlowVersion, pairing: NodePairing) -> [EdgeChange] {
    let leftIndexById = Dictionary(left.nodes.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
    let rightIndexById = Dictionary(right.nodes.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })

    /// A node identity both sides share: the right index for paired nodes, a side-tagged index for
    /// unpaired ones, and the bare id for ends outside the flow (a wire to a node not in the file).
    func leftKey(_ id: String) -> String {
      guard let index = leftIndexById[id] else { return "?" + id }
      if let paired = pairing.rightForLeft[index] { return "R\(paired)" }
      return "L\(index)"
    }
    func rightKey(_ id: String) -> String {
      guard let index = rightIndexById[id] else { return "?" + id }
      return "R\(index)"
    }
    func leftName(_ id: String) -> String { leftIndexById[id].map { left.nodes[$0].name } ?? id }
    func rightName(_ id: String) -> String { rightIndexById[id].map { right.nodes[$0].name } ?? id }

    struct Key: Hashable {
      let from: String, fromPort: String, to: String, toPort: String
    }
    let leftKeys = Set(left.edges.map { Key(from: leftKey($0.from), fromPort: $0.fromPort, to: leftKey($0.to), toPort: $0.toPort) })
    let rightKeys = Set(right.edges.map { Key(from: rightKey($0.from), fromPort: $0.fromPort, to: rightKey($0.to), toPort: $0.toPort) })

    var changes: [EdgeChange] = []
    for edge in right.edges {
      let key = Key(from: rightKey(edge.from), fromPort: edge.fromPort, to: rightKey(edge.to), toPort: edge.toPort)
      if !leftKeys.contains(key) {
        changes.append(
          EdgeChange(isAdded: true, from: rightName(edge.from), fromPort: edge.fromPort, to: rightName(edge.to), toPort: edge.toPort))
      }
    }
    for edge in left.edges {
      let key = Key(from: leftKey(edge.from), fromPort: edge.fromPort, to: leftKey(edge.to), toPort: edge.toPort)
      if !rightKeys.contains(key) {
        changes.append(
          EdgeChange(isAdded: false, from: leftName(edge.from), fromPort: edge.fromPort, to: leftName(edge.to), toPort: edge.toPort))
      }
    }
    return changes
  }

  private static func connectionChanges(_ left: [ConnectionRef], _ right: [ConnectionRef]) -> [PropertyChange] {
    func value(_ ref: ConnectionRef) -> JSONValue {
      ["type": .string(ref.type), "name": .string(ref.name), "properties": .object(ref.properties)]
    }
    let old = JSONObject(left.map { JSONObject.Member($0.key, value($0)) })
    let new = JSONObject(right.map { JSONObject.Member($0.key, value($0)) })
    var changes: [PropertyChange] = []
    JSONDiff.changes(.object(old), .object(new), path: "", into: &changes)
    return changes
  }

  private static func dependencyValue(_ dependencies: Dependencies) -> JSONValue {
    [
      "subflows": .array(dependencies.subflows.map(JSONValue.string)), "events": .array(dependencies.events),
      "forms": .array(dependencies.forms), "rules": .array(dependencies.rules),
      "variables": .array(dependencies.variables), "environment": .array(dependencies.environment.map(Dependencies.withoutSecretValue)),
      "guardrails": .array(dependencies.guardrails), "schedule": dependencies.schedule ?? .null,
      "slaGoals": .array(dependencies.slaGoals),
    ]
  }
}
