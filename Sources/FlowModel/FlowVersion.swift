/// One version of a flow with everything it needs: the unit that is exported, diffed, staged and
/// committed.
public struct FlowVersion: Hashable, Sendable {
  /// The flow's name; imports create a flow of this name unless told otherwise.
  public var name: String
  /// Free text about the flow.
  public var description: String?
  /// The version number at the source (or in the workspace, once stored).
  public var number: Int
  /// Whether callers wait for a result (`sync`) or not (`async`); nil when the platform has no such notion.
  public var mode: String?
  /// The steps, in the export's order (the order diff reports them in).
  public var nodes: [Node]
  /// The links between steps, by node id.
  public var edges: [Edge]
  /// The connections the nodes refer to, by key.
  public var connections: [ConnectionRef]
  /// What must travel with the flow so that it works in the target.
  public var dependencies: Dependencies
  /// The flows named in `dependencies.subflows`, and theirs, each once: filled in on export from
  /// a workspace so that an import can create what the target lacks.
  public var subflowDefinitions: [FlowVersion] = []
  /// When this version was published (ISO 8601), if known.
  public var published: String?
  /// Members of the document this version of FlowPort does not know, kept for the round trip.
  public var extensions: JSONObject
  /// The foreign document the flow was read from, if it came from another platform.
  public var source: SourceDocument?
  /// A foreign flow's own settings (n8n `settings` and `tags`, Make `metadata`, ...), derived
  /// from `source` for diff; never written on its own, the source document holds it.
  public var metadata: JSONObject = [:]

  /// A version of flow `name`; everything else defaults to empty, version 1.
  public init(
    name: String, description: String? = nil, number: Int = 1, mode: String? = nil, nodes: [Node] = [],
    edges: [Edge] = [], connections: [ConnectionRef] = [], dependencies: Dependencies = Dependencies(),
    published: String? = nil, extensions: JSONObject = [:], source: SourceDocument? = nil
  ) {
    self.name = name
    self.description = description
    self.number = number
    self.mode = mode
    self.nodes = nodes
    self.edges = edges
    self.connections = connections
    self.dependencies = dependencies
    self.published = published
    self.extensions = extensions
    self.source = source
  }

  /// The connection reference with this key.
  public func connection(key: String) -> ConnectionRef? { connections.first { $0.key == key } }

  /// True when a node has a configuration; an outlined flow's have none. Asked before a loop
  /// that sets them: such a loop copies the nodes at its start (a retain of each of their
  /// strings), even when it writes nothing. Read in place, by index, for the same reason.
  public var hasNodeConfigs: Bool { nodes.indices.contains { !nodes[$0].config.isEmpty } }
}
