import FlowModel

/// The `--json` view: a stable document for scripts and CI.
///
///     {"left": "...", "right": "...", "equal": false,
///      "summary": {"nodesAdded": 1, "nodesRemoved": 0, "nodesChanged": 2, "edgesAdded": 0, "edgesRemoved": 1, "otherChanges": 0},
///      "flow": [change], "nodes": [{"kind": "changed", "name": "...", "type": "...", "oldName": "...", "changes": [change]}],
///      "edges": [{"kind": "added", "from": "...", "fromPort": "0", "to": "...", "toPort": "0"}],
///      (with "fromId"/"toId" where another node of that side has the same name)
///      "connections": [{"kind": "changed", "name": "...", "type": "...", "oldName": "...", "changes": [change]}],
///      "dependencies": [change],
///      "subflows": [a document like this one for each carried subflow that changed]}
///
/// where a change is `{"path": ["config", "rules", 0, "v"], "old": value, "new": value}` (keys
/// and indices), a missing side is left out, and a secret is `"secret": true` with `"(secret)"`
/// for its values. Members are only ever added, never renamed or removed.
enum DiffJSON {
  static func encode(_ diff: FlowDiff) -> JSONValue {
    let stat = diff.stat
    return [
      "left": .string(diff.left),
      "right": .string(diff.right),
      "equal": .bool(diff.isEmpty),
      "summary": [
        "nodesAdded": .number(JSONNumber(stat.nodesAdded)), "nodesRemoved": .number(JSONNumber(stat.nodesRemoved)),
        "nodesChanged": .number(JSONNumber(stat.nodesChanged)), "edgesAdded": .number(JSONNumber(stat.edgesAdded)),
        "edgesRemoved": .number(JSONNumber(stat.edgesRemoved)), "connectionsAdded": .number(JSONNumber(stat.connectionsAdded)),
        "connectionsRemoved": .number(JSONNumber(stat.connectionsRemoved)),
        "connectionsChanged": .number(JSONNumber(stat.connectionsChanged)), "otherChanges": .number(JSONNumber(stat.otherChanges)),
      ],
      "flow": .array(diff.flow.map(encode)),
      "nodes": .array(diff.nodes.map(encode)),
      "edges": .array(diff.edges.map(encode)),
      "connections": .array(diff.connections.map(encode)),
      "dependencies": .array(diff.dependencies.map(encode)),
      "subflows": .array(diff.subflows.map(encode)),
    ]
  }

  static func encode(_ change: PropertyChange) -> JSONValue {
    var object: JSONObject = [
      "path": .array(
        change.shownComponents.map {
          switch $0 {
          case .key(let key): .string(key)
          case .index(let index): .number(JSONNumber(index))
          }
        })
    ]
    object["old"] = change.old
    object["new"] = change.new
    if change.isSecret { object["secret"] = .bool(true) }
    if change.secretChangedWithin { object["secretChangedWithin"] = .bool(true) }
    return .object(object)
  }

  static func encode(_ node: NodeChange) -> JSONValue {
    var object: JSONObject = ["kind": .string(node.kind.rawValue), "name": .string(node.name), "type": .string(node.type)]
    object["oldName"] = node.oldName.map(JSONValue.string)
    if node.kind == .changed { object["changes"] = .array(node.changes.map(encode)) }
    return .object(object)
  }

  static func encode(_ edge: EdgeChange) -> JSONValue {
    var object: JSONObject = [
      "kind": .string(edge.isAdded ? "added" : "removed"), "from": .string(edge.from),
      "fromPort": .string(edge.fromPort), "to": .string(edge.to), "toPort": .string(edge.toPort),
    ]
    object["fromId"] = edge.fromID.map(JSONValue.string)
    object["toId"] = edge.toID.map(JSONValue.string)
    return .object(object)
  }
}
