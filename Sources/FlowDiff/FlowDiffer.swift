import FlowModel

/// Computes a `FlowDiff` of two flow versions.
///
/// Nodes are paired by id, then the rest by name, so two exports of one flow from different
/// instances (every id different) diff cleanly; edges are compared over that pairing, so the
/// order of arrays in the files never shows as a change. Work is linear in the number of nodes
/// and edges: every lookup is a dictionary.
public enum FlowDiffer {
  /// The diff of `left` and `right`, named `leftLabel` and `rightLabel` in output, over what
  /// `options` leaves in; its parts on every core unless `usingCores` is false, for a caller
  /// that already keeps every core busy (a commit plan compares its imports so).
  public static func diff(
    _ left: FlowVersion, _ right: FlowVersion, leftLabel: String, rightLabel: String,
    options: DiffOptions = DiffOptions(), usingCores: Bool = true
  ) -> FlowDiff {
    let pairing = Pairing(left: left, right: right, embeddedIDs: options.embeddedIDs, usingCores: usingCores)
    var result = FlowDiff(
      left: leftLabel, right: rightLabel, flow: flowChanges(left, right, translation: pairing.translation, options: options), nodes: [],
      edges: [],
      connections: [],
      dependencies: [])

    let compared = comparedParts(left, right, pairing: pairing, options: options, usingCores: usingCores)
    result.nodes = compared.nodes.map(\.change) + removedNodes(left, pairing: pairing, options: options)
    result.edges = compared.edges
    result.connections = compared.connections
    JSONDiff.changes(
      dependencyValue(left.dependencies), dependencyValue(right.dependencies), path: [.key("dependencies")],
      into: &result.dependencies)
    result.dependencies.removeAll { options.ignores($0.path) }
    result.flow.removeAll { options.ignores($0.path) }
    result.subflows = subflowChanges(left, right, options: options)
    if options.includeGraph {
      let changedRight = Set(compared.nodes.lazy.filter { $0.change.kind == .changed }.map(\.index))
      result.graph = graph(left, right, pairing: pairing, changedRight: changedRight, options: options)
    }
    return result
  }

  /// The diff of each subflow both sides carry under one name, where it differs, in the right
  /// side's order; one side alone carrying a subflow is packaging, not a change (its reference
  /// is a dependency). A name carried twice pairs in order, the second with the second.
  private static func subflowChanges(_ left: FlowVersion, _ right: FlowVersion, options: DiffOptions) -> [FlowDiff] {
    guard !left.subflowDefinitions.isEmpty, !right.subflowDefinitions.isEmpty else { return [] }
    var lefts = Dictionary(grouping: left.subflowDefinitions, by: \.name)
    return right.subflowDefinitions.compactMap { subflow in
      guard let old = lefts[subflow.name]?.first else { return nil }
      lefts[subflow.name]?.removeFirst()
      let label = options.shownName(subflow.name)
      let changes = diff(old, subflow, leftLabel: label, rightLabel: label, options: options, usingCores: false)
      return changes.isEmpty ? nil : changes
    }
  }

  /// A part of the comparison of two flows: the nodes, the edges and the connections are
  /// compared at once, none reading another. The edges and the connections are one piece of
  /// work each, the nodes chunks of the right side's, and each core takes the next piece as
  /// it comes free: comparing the nodes of a large flow took twice as long as its edges, and
  /// one core waited for the other (10,000 nodes: 20 ms), then for the connections.
  private enum Comparison: Sendable {
    case edges
    case connections
    case nodes(Range<Int>)

    /// Chunks of about this many nodes, so that neither core is left with a long last one.
    static let chunkSize = 1_024
  }

  /// The work of a `Comparison`.
  private enum Compared: Sendable {
    case edges([EdgeChange])
    case connections([NodeChange])
    case nodes([(index: Int, change: NodeChange)])
  }

  /// Each right node added or changed (renamed, or a property changed), with its index; the
  /// edges' changes; the connections'.
  private static func comparedParts(
    _ left: FlowVersion, _ right: FlowVersion, pairing: Pairing, options: DiffOptions, usingCores: Bool
  ) -> (nodes: [(index: Int, change: NodeChange)], edges: [EdgeChange], connections: [NodeChange]) {
    let chunks = stride(from: 0, to: right.nodes.count, by: Comparison.chunkSize).map {
      Comparison.nodes($0..<min($0 + Comparison.chunkSize, right.nodes.count))
    }
    let namesIgnored = options.ignores("name")
    let work = { @Sendable (comparison: Comparison) -> Compared in
      switch comparison {
      case .edges: return .edges(edgeChanges(left, right, pairing: pairing, options: options))
      case .connections:
        return .connections(connectionChanges(left.connections, right.connections, pairing: pairing, options: options))
      case .nodes(let range):
        return .nodes(
          range.compactMap { index in
            nodeChange(right: index, left, right, pairing: pairing, options: options, namesIgnored: namesIgnored).map { (index, $0) }
          })
      }
    }
    let comparisons = [Comparison.edges, .connections] + chunks
    var (nodes, edges, connections): ([(index: Int, change: NodeChange)], [EdgeChange], [NodeChange]) = ([], [], [])
    for compared in usingCores ? comparisons.concurrentMap(work) : comparisons.map(work) {
      switch compared {
      case .edges(let changes): edges = changes
      case .connections(let changes): connections = changes
      case .nodes(let changes): nodes += changes
      }
    }
    return (nodes, edges, connections)
  }

  /// The right node at `index` as added, or as changed (renamed, or a property changed); nil
  /// when it is as its paired left node. The nodes are read where they lie: a copy of each
  /// retained every one of its members, a cache miss apiece.
  private static func nodeChange(
    right index: Int, _ left: FlowVersion, _ right: FlowVersion, pairing: Pairing, options: DiffOptions, namesIgnored: Bool
  ) -> NodeChange? {
    guard let leftIndex = pairing.leftForRight[index] else {
      return NodeChange(
        kind: .added, name: options.shownName(right.nodes[index].name), type: right.nodes[index].type, oldName: nil, changes: [])
    }
    let properties = nodeChanges(left.nodes[leftIndex], right.nodes[index], options: options, pairing: pairing, left: left, right: right)
    let renamed = !namesIgnored && left.nodes[leftIndex].name != right.nodes[index].name
    guard !properties.isEmpty || renamed else { return nil }
    return NodeChange(
      kind: .changed, name: options.shownName(right.nodes[index].name), type: right.nodes[index].type,
      oldName: renamed ? options.shownName(left.nodes[leftIndex].name) : nil,
      changes: properties, leftIndex: leftIndex)
  }

  /// Each left node paired with none, as removed.
  private static func removedNodes(_ left: FlowVersion, pairing: Pairing, options: DiffOptions) -> [NodeChange] {
    left.nodes.indices.compactMap { index in
      guard pairing.rightForLeft[index] == nil else { return nil }
      return NodeChange(
        kind: .removed, name: options.shownName(left.nodes[index].name), type: left.nodes[index].type, oldName: nil, changes: [],
        leftIndex: index)
    }
  }

  /// Every node and edge of both sides, each with its status, for pictures of the whole flow.
  private static func graph(
    _ left: FlowVersion, _ right: FlowVersion, pairing: Pairing, changedRight: Set<Int>, options: DiffOptions
  ) -> DiffGraph {
    var nodes: [DiffGraph.Node] = right.nodes.enumerated().map { index, node in
      let status: DiffGraph.Status = pairing.leftForRight[index] == nil ? .added : changedRight.contains(index) ? .changed : .unchanged
      return DiffGraph.Node(id: "R\(index)", name: options.shownName(node.name), type: node.type, status: status)
    }
    var keyForLeft: [String: String] = [:]
    for (index, node) in left.nodes.enumerated() {
      if let paired = pairing.rightForLeft[index] {
        keyForLeft[node.id] = "R\(paired)"
      } else {
        keyForLeft[node.id] = "L\(index)"
        nodes.append(DiffGraph.Node(id: "L\(index)", name: options.shownName(node.name), type: node.type, status: .removed))
      }
    }
    var keyForRight: [String: String] = [:]
    for (index, node) in right.nodes.enumerated() { keyForRight.setFirst("R\(index)", forKey: node.id) }
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

  private static func flowChanges(
    _ left: FlowVersion, _ right: FlowVersion, translation: IDTranslation, options: DiffOptions
  ) -> [PropertyChange] {
    var changes: [PropertyChange] = []
    func compare(_ path: String, _ old: String?, _ new: String?) {
      if old != new {
        changes.append(PropertyChange(components: [.key(path)], old: old.map(JSONValue.string), new: new.map(JSONValue.string)))
      }
    }
    // The name with what a pattern finds in it stood in for: the change shows it as a secret.
    if left.name != right.name { compare("name", options.shownText(left.name), options.shownText(right.name)) }
    compare("description", left.description, right.description)
    compare("mode", left.mode, right.mode)
    if left.number != right.number {
      changes.append(
        PropertyChange(components: [.key("version")], old: .number(JSONNumber(left.number)), new: .number(JSONNumber(right.number))))
    }
    compare("format", left.source?.dialect ?? "flowport/1", right.source?.dialect ?? "flowport/1")
    JSONDiff.changes(.object(left.extensions), .object(right.extensions), path: [], into: &changes)
    JSONDiff.changes(.object(left.metadata), .object(right.metadata), path: [], translation: translation, into: &changes)
    return changes
  }

  /// A name change is not listed: the node's change already carries `oldName`, and a node
  /// renamed but otherwise equal still counts as changed. Ids of paired things compare as the
  /// same (another instance gave them), and a connection paired with the node's old one is no
  /// change here: what changed in it shows once, under connections.
  private static func nodeChanges(
    _ old: Node, _ new: Node, options: DiffOptions, pairing: Pairing, left: FlowVersion, right: FlowVersion
  ) -> [PropertyChange] {
    var changes: [PropertyChange] = []
    if options.includeVolatile {
      JSONDiff.changes(.string(old.id), .string(new.id), path: [.key("id")], into: &changes)
    }
    JSONDiff.changes(.string(old.type), .string(new.type), path: [.key("type")], into: &changes)
    if old.connection != new.connection, pairing.translation.translate(old.connection ?? "") != new.connection {
      let name = { (version: FlowVersion, key: String?) in
        key.map { key in JSONValue.string(version.connection(key: key)?.name ?? key) }
      }
      changes.append(PropertyChange(components: [.key("connection")], old: name(left, old.connection), new: name(right, new.connection)))
    }
    func configChanges(_ old: JSONObject, _ new: JSONObject) -> [PropertyChange] {
      var changes: [PropertyChange] = []
      JSONDiff.changes(
        .object(old), .object(new), path: [.key("config")], translation: pairing.translation,
        secrets: options.oneSidedSecrets, into: &changes)
      return changes
    }
    // What differs is found as the configurations are, and shown as their views show it, at
    // those paths alone: texts equal once ids are translated get different stand-ins. Each
    // view is asked of those places alone; the right side's may lie under translated keys.
    let found = configChanges(old.config, new.config)
    if !found.isEmpty {
      let paths = Set(found.map(\.components))
      var places = (JSONPlaces(), JSONPlaces())
      for path in paths {
        places.0.insert(path.dropFirst())
        places.1.insert(path.dropFirst(), aliasing: pairing.translation.translate)
      }
      let shown = (
        options.shownConfiguration(old.config, left.source?.dialect, places.0),
        options.shownConfiguration(new.config, right.source?.dialect, places.1)
      )
      let shownPaths = Set(
        paths.map { path in
          path.map { step in
            guard case .key(let key) = step else { return step }
            return .key(options.shownText(key))
          }
        })
      changes += configChanges(shown.0, shown.1).filter { shownPaths.contains($0.components) }
    }
    if options.includeVolatile {
      JSONDiff.changes(positionValue(old.position), positionValue(new.position), path: [.key("position")], into: &changes)
    }
    return changes.filter { !options.ignores($0.path) }
  }

  private static func positionValue(_ position: Position?) -> JSONValue? {
    position.map { ["x": .number($0.x), "y": .number($0.y)] }
  }

  /// Edges as (source, port, target, port) over paired nodes, named by node names.
  private static func edgeChanges(_ left: FlowVersion, _ right: FlowVersion, pairing: Pairing, options: DiffOptions) -> [EdgeChange] {
    /// A node identity both sides share: the right index for paired nodes, a left index for
    /// unpaired ones, and the bare id for ends outside the flow (a wire to a node not in the file).
    enum End: Hashable {
      case right(Int), left(Int), outside(String)
    }
    // Ends are the nodes pairing found for each edge, not its ids hashed again.
    func leftEnd(_ node: Int?, _ id: String) -> End {
      guard let node else { return .outside(id) }
      return pairing.rightForLeft[node].map(End.right) ?? .left(node)
    }
    func rightEnd(_ node: Int?, _ id: String) -> End { node.map(End.right) ?? .outside(id) }
    struct Key: Hashable {
      let from: End, fromPort: String, to: End, toPort: String
    }
    func leftKey(_ index: Int) -> Key {
      let (edge, nodes) = (left.edges[index], pairing.leftEdgeNodes[index])
      return Key(from: leftEnd(nodes.from, edge.from), fromPort: edge.fromPort, to: leftEnd(nodes.to, edge.to), toPort: edge.toPort)
    }
    func rightKey(_ index: Int) -> Key {
      let (edge, nodes) = (right.edges[index], pairing.rightEdgeNodes[index])
      return Key(from: rightEnd(nodes.from, edge.from), fromPort: edge.fromPort, to: rightEnd(nodes.to, edge.to), toPort: edge.toPort)
    }
    // One side's set at a time, each made from its keys as they are read: the two sets and two
    // lists of keys at once were a Node-RED diff's peak of memory.
    let added = Self.indices(right.edges.indices, rightKey, notIn: Set(left.edges.indices.lazy.map(leftKey)))
    let removed = Self.indices(left.edges.indices, leftKey, notIn: Set(right.edges.indices.lazy.map(rightKey)))
    if added.isEmpty && removed.isEmpty { return [] }

    // Named by their nodes' names, with ids only where a name is shared.
    let (leftShared, rightShared) = (sharedNames(left), sharedNames(right))
    func change(_ edge: Edge, nodes: Pairing.EdgeEnds, isAdded: Bool) -> EdgeChange {
      let (version, shared) = isAdded ? (right, rightShared) : (left, leftShared)
      let (from, to) = (nodes.from.map { version.nodes[$0].name } ?? edge.from, nodes.to.map { version.nodes[$0].name } ?? edge.to)
      return EdgeChange(
        isAdded: isAdded, from: options.shownName(from), fromPort: edge.fromPort, to: options.shownName(to), toPort: edge.toPort,
        fromID: shared.contains(from) ? edge.from : nil, toID: shared.contains(to) ? edge.to : nil)
    }
    return added.map { change(right.edges[$0], nodes: pairing.rightEdgeNodes[$0], isAdded: true) }
      + removed.map { change(left.edges[$0], nodes: pairing.leftEdgeNodes[$0], isAdded: false) }
  }

  /// The indices whose key is not in `keys`; `keys` is let go when this returns.
  private static func indices<Key: Hashable>(_ indices: Range<Int>, _ key: (Int) -> Key, notIn keys: Set<Key>) -> [Int] {
    indices.filter { !keys.contains(key($0)) }
  }

  /// The names more than one node of the flow has.
  private static func sharedNames(_ version: FlowVersion) -> Set<String> {
    // Room for every name at once: growing the set rehashed every name seen at each doubling.
    var seen = Set<String>(minimumCapacity: version.nodes.count)
    var shared: Set<String> = []
    for node in version.nodes where !seen.insert(node.name).inserted { shared.insert(node.name) }
    return shared
  }

  /// Connection references paired like nodes (by key, by type and name, by structure, by
  /// similarity), each shown like a node: added, removed, or changed property by property
  /// (`DiffOptions.ignoresConnectionProperty` says which are left out).
  private static func connectionChanges(
    _ left: [ConnectionRef], _ right: [ConnectionRef], pairing: Pairing, options: DiffOptions
  ) -> [NodeChange] {
    func value(_ ref: ConnectionRef) -> JSONObject {
      var object = ref.properties
      if !ref.credentials.isEmpty {
        object["credentials"] = .object(JSONObject(ref.credentials.map { JSONObject.Member($0.key, SecretStandIn.standIn(for: $0.value)) }))
      }
      return object
    }
    var changes: [NodeChange] = []
    for (rightIndex, ref) in right.enumerated() {
      guard let leftIndex = pairing.connectionLeftForRight[rightIndex] else {
        changes.append(NodeChange(kind: .added, name: options.shownName(ref.name), type: ref.type, oldName: nil, changes: []))
        continue
      }
      let old = left[leftIndex]
      var properties: [PropertyChange] = []
      if old.type != ref.type {
        properties.append(PropertyChange(components: [.key("type")], old: .string(old.type), new: .string(ref.type)))
      }
      JSONDiff.changes(
        .object(value(old)), .object(value(ref)), path: [], translation: pairing.translation,
        secrets: options.oneSidedSecrets, into: &properties)
      properties.removeAll { options.ignoresConnectionProperty($0.path) }
      // Test and production name their credentials apart (`Sheets (ops@test)`): `--ignore name`
      // leaves renames out, of connections as of nodes.
      let renamed = old.name != ref.name && !options.ignoresConnectionProperty("name")
      if !properties.isEmpty || renamed {
        changes.append(
          NodeChange(
            kind: .changed, name: options.shownName(ref.name), type: ref.type, oldName: renamed ? options.shownName(old.name) : nil,
            changes: properties, leftIndex: leftIndex))
      }
    }
    for (leftIndex, ref) in left.enumerated() where pairing.connectionRightForLeft[leftIndex] == nil {
      changes.append(
        NodeChange(kind: .removed, name: options.shownName(ref.name), type: ref.type, oldName: nil, changes: [], leftIndex: leftIndex))
    }
    return changes
  }

  private static func dependencyValue(_ dependencies: Dependencies) -> JSONValue {
    [
      "subflows": .array(dependencies.subflows.map(JSONValue.string)), "events": .array(dependencies.events),
      "forms": .array(dependencies.forms), "rules": .array(dependencies.rules),
      "variables": .array(dependencies.variables.map(secretValueHidden)),
      "environment": .array(dependencies.environment.map(secretValueHidden)),
      "guardrails": .array(dependencies.guardrails), "schedule": dependencies.schedule ?? .null,
      "slaGoals": .array(dependencies.slaGoals),
    ]
  }

  /// A variable marked secret (of the environment or the flow) with a stand-in for its value: a
  /// change shows as `changed (secret)`.
  private static func secretValueHidden(_ entry: JSONValue) -> JSONValue {
    guard Dependencies.isSecret(entry), var object = entry.objectValue else { return entry }
    object.updateValues(forKey: "value", SecretStandIn.standIn(for:))
    return .object(object)
  }
}
