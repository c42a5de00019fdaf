import FlowModel

/// Reads and writes FlowPort's own export format, `flowport/1` (see `Native/flowport-1.schema.json`).
///
/// Writing never includes secret values: connection references carry type, name and non-secret
/// properties only, and nothing else in the model holds a secret.
public enum NativeJSONCodec {
  /// The value of the envelope's `format` member.
  static let formatTag = "flowport/1"

  /// The members the codec understands; everything else is kept in `FlowVersion.extensions`.
  static let knownKeys: Set<String> = [
    "format", "flow", "version", "nodes", "edges", "connections", "dependencies", "exported", "source",
    "subflowDefinitions",
  ]

  /// What a written version leaves to its source document, which holds it; reading takes it
  /// from there. A reader that predates a choice stops at the string where an object or an
  /// array belongs, rather than reading the flow empty.
  public enum LeftToSource: Sendable {
    /// Nothing: written in full, as exports are, readable without the source document.
    case nothing
    /// The node configurations, as `"config": "source"` (a foreign flow's nodes are a view of
    /// its document). What the store writes: writing, sealing and storing each configuration
    /// twice was a fifth of a bulk commit and a quarter of the workspace file.
    case configs
    /// The nodes and edges, as `"nodes": "source"` and `"edges": "source"`: for a version whose
    /// nodes and edges are what its dialect reads from the document, an outline of a document
    /// kept as it was read (`OutlinedFlow`). They were a third of each row of a bulk migration
    /// and of the bytes its commit wrote and synced to disk.
    case nodesAndEdges
  }

  /// The text of a `config`, `nodes` or `edges` member that is to be read from the source document.
  static let inSource = "source"

  /// True when a version can leave its nodes to its source document (`LeftToSource`): it has
  /// one, in a dialect this version of FlowPort reads.
  public static func canLeaveToSource(_ version: FlowVersion) -> Bool {
    version.source.flatMap { ExportFormat(rawValue: $0.dialect)?.dialect } != nil
  }

  /// Reads a parsed document into a flow version, naming the path of the first problem.
  public static func decode(_ document: JSONValue) throws(FormatError) -> FlowVersion {
    var (version, configsInSource, graphInSource) = try decodeEnvelope(document)
    if graphInSource {
      let read = try readFromSource(version, for: "nodes", recognizedOnly: true).0
      (version.nodes, version.edges) = (read.nodes, read.edges)
    } else if !configsInSource.isEmpty {
      try readConfigs(of: configsInSource, into: &version)
    }
    if let source = version.source { version.metadata = ExportFormat.metadata(of: source) }
    let root = try JSONPathReader(document, path: "")
    for (index, subflow) in try root.array("subflowDefinitions").enumerated() {
      do { version.subflowDefinitions.append(try decode(subflow)) } catch {
        throw error.nested(under: "subflowDefinitions[\(index)]")
      }
    }
    return version
  }

  /// The flow, which of its nodes have their configuration in the source document, and whether
  /// its nodes and edges are there.
  private static func decodeEnvelope(_ document: JSONValue) throws(FormatError) -> (
    FlowVersion, configsInSource: [Int], graphInSource: Bool
  ) {
    let root = try JSONPathReader(document, path: "")
    let format = try root.string("format")
    guard format == formatTag else { throw .unsupportedVersion(format) }
    guard let flow = try root.nested("flow") else { throw .invalid(path: "flow", reason: "missing") }
    let version = try root.nested("version")

    var nodes: [Node] = []
    var configsInSource: [Int] = []
    var edges: [Edge] = []
    // Nodes and edges left to the source document are read from it by `decode`: both or neither.
    let graphInSource = root.object["nodes"] == .string(inSource)
    for node in graphInSource ? [] : try root.objects("nodes") {
      if node.object["config"] == .string(inSource) { configsInSource.append(nodes.count) }
      nodes.append(try decodeNode(node))
    }
    if graphInSource != (root.object["edges"] == .string(inSource)) {
      throw .invalid(
        path: "edges",
        reason: graphInSource ? "must be in the source document, as the nodes are" : "are in the source document, but the nodes are not")
    }
    for edge in graphInSource ? [] : try root.objects("edges") {
      edges.append(
        Edge(
          from: try edge.string("from"), fromPort: try edge.optionalString("fromPort") ?? "0",
          to: try edge.string("to"), toPort: try edge.optionalString("toPort") ?? "0"))
    }
    var connections: [ConnectionRef] = []
    for ref in try root.objects("connections") {
      let name = try ref.string("name")
      var reference = ConnectionRef(
        key: try ref.optionalString("key") ?? name, type: try ref.string("type"), name: name,
        properties: try ref.optionalObject("properties") ?? [:])
      reference.credentials = try ref.optionalObject("credentials") ?? [:]
      connections.append(reference)
    }
    let decoded = FlowVersion(
      name: try flow.string("name"),
      description: try flow.optionalString("description"),
      number: try version?.optionalInt("number") ?? 1,
      mode: try flow.optionalString("mode"),
      nodes: nodes, edges: edges, connections: connections,
      dependencies: try root.nested("dependencies").map(decodeDependencies) ?? Dependencies(),
      published: try version?.optionalString("published"),
      extensions: JSONObject(root.object.members.filter { !knownKeys.contains($0.key) }),
      source: try root.nested("source").map { source throws(FormatError) in
        SourceDocument(dialect: try source.string("dialect"), document: try source.required("document"))
      })
    return (decoded, configsInSource, graphInSource)
  }

  /// Gives the nodes at `indices` their configuration from the source document, read by its
  /// dialect. The document must decode to the same nodes in the same order: anything else is
  /// a damaged version, said so, never nodes with the wrong configuration.
  private static func readConfigs(of indices: [Int], into version: inout FlowVersion) throws(FormatError) {
    let (read, dialect) = try readFromSource(version, for: "nodes[\(indices[0])].config")
    let nodes = read.nodes
    guard nodes.map(\.id) == version.nodes.map(\.id) else {
      throw .invalid(path: "nodes", reason: "are not the nodes of the \(dialect) source document their configurations are in")
    }
    for index in indices { version.nodes[index].config = nodes[index].config }
  }

  /// The flow the dialect of the version's source document reads from it, and the dialect's
  /// name; an error at `path`, what is to be read from there, when there is no such document or
  /// this fps does not read its dialect, or with `recognizedOnly` when the dialect does not take
  /// the document for one of its own. Nodes left to the document are checked so: nothing else
  /// in the row says what they are, and a damaged document (or another dialect's) would read
  /// as a flow with none.
  private static func readFromSource(
    _ version: FlowVersion, for path: String, recognizedOnly: Bool = false
  ) throws(FormatError) -> (FlowVersion, dialect: String) {
    guard let source = version.source else { throw .invalid(path: path, reason: "is in a source document the flow does not have") }
    guard let dialect = ExportFormat(rawValue: source.dialect)?.dialect else {
      throw .invalid(path: path, reason: "is in a \(source.dialect) document, which this fps does not read; update fps")
    }
    if recognizedOnly, !dialect.recognizes(source.document) {
      throw .invalid(
        path: "source.document", reason: "\(source.dialect) does not take it for one of its documents, and the nodes are left to it")
    }
    return (dialect.decode(source.document, fallbackName: version.name).version, source.dialect)
  }

  private static func decodeNode(_ node: JSONPathReader) throws(FormatError) -> Node {
    var position: Position?
    if let place = try node.nested("position") {
      guard case .number(let x) = try place.required("x"), case .number(let y) = try place.required("y") else {
        throw .invalid(path: place.path, reason: "expected numbers x and y")
      }
      position = Position(x: x, y: y)
    }
    return Node(
      id: try node.string("id"), name: try node.string("name"), type: try node.string("type"),
      connection: try node.optionalString("connection"),
      config: node.object["config"] == .string(inSource) ? [:] : try node.optionalObject("config") ?? [:],
      position: position)
  }

  private static func decodeDependencies(_ section: JSONPathReader) throws(FormatError) -> Dependencies {
    var subflows: [String] = []
    for (index, value) in try section.array("subflows").enumerated() {
      guard let name = value.stringValue else {
        throw .invalid(path: "\(section.childPath("subflows"))[\(index)]", reason: "expected a flow name")
      }
      subflows.append(name)
    }
    let schedule = section.object["schedule"]
    return Dependencies(
      subflows: subflows, events: try section.array("events"), forms: try section.array("forms"),
      rules: try section.array("rules"), variables: try section.array("variables"),
      environment: try section.array("environment"), guardrails: try section.array("guardrails"),
      schedule: schedule == .null ? nil : schedule, slaGoals: try section.array("slaGoals"))
  }

  /// The text a workspace stores for a version: minified, what `leftToSource` says left to a
  /// foreign flow's source document, the text of `splicing` where its marker stands.
  public static func storedText(
    of version: FlowVersion, leftToSource: LeftToSource = .configs, splicing: JSONWriter.Splice? = nil
  ) -> String {
    JSONWriter(layout: .minified, splice: splicing).string(encode(version, stamp: nil, leftToSource: leftToSource))
  }

  /// Writes a flow version as a `flowport/1` document, members in a fixed, readable order.
  public static func encode(_ version: FlowVersion, stamp: ExportStamp?, leftToSource: LeftToSource = .nothing) -> JSONValue {
    let leftToSource = canLeaveToSource(version) ? leftToSource : .nothing
    var flow: JSONObject = ["name": .string(version.name)]
    flow["description"] = version.description.map(JSONValue.string)
    flow["mode"] = version.mode.map(JSONValue.string)
    var about: JSONObject = ["number": .number(JSONNumber(version.number))]
    about["published"] = version.published.map(JSONValue.string)

    var document: JSONObject = [
      "format": .string(formatTag),
      "flow": .object(flow),
      "version": .object(about),
      "nodes": leftToSource == .nodesAndEdges
        ? .string(inSource) : .array(version.nodes.map { encodeNode($0, configInSource: leftToSource == .configs) }),
      "edges": leftToSource == .nodesAndEdges ? .string(inSource) : .array(version.edges.map(encodeEdge)),
      "connections": .array(version.connections.map(encodeConnection)),
    ]
    if !version.dependencies.isEmpty { document["dependencies"] = encodeDependencies(version.dependencies) }
    if let stamp {
      document["exported"] = ["at": .string(stamp.at), "from": .string(stamp.from), "by": .string(stamp.by)]
    }
    if let source = version.source {
      document["source"] = ["dialect": .string(source.dialect), "document": source.document]
    }
    if !version.subflowDefinitions.isEmpty {
      document["subflowDefinitions"] = .array(version.subflowDefinitions.map { encode($0, stamp: nil) })
    }
    document.members.append(contentsOf: version.extensions.members)
    return .object(document)
  }

  /// Built as one array of members, not by literal and subscript: the store writes every node
  /// of every committed flow through here.
  private static func encodeNode(_ node: Node, configInSource: Bool) -> JSONValue {
    var members: [JSONObject.Member] = []
    members.reserveCapacity(6)
    members.append(.init("id", .string(node.id)))
    members.append(.init("name", .string(node.name)))
    members.append(.init("type", .string(node.type)))
    if let connection = node.connection { members.append(.init("connection", .string(connection))) }
    members.append(.init("config", configInSource ? .string(Self.inSource) : .object(node.config)))
    if let position = node.position {
      members.append(.init("position", .object(JSONObject([.init("x", .number(position.x)), .init("y", .number(position.y))]))))
    }
    return .object(JSONObject(members))
  }

  /// Built like `encodeNode`: a flow has about as many edges as nodes.
  private static func encodeEdge(_ edge: Edge) -> JSONValue {
    var members: [JSONObject.Member] = []
    members.reserveCapacity(4)
    members.append(.init("from", .string(edge.from)))
    if edge.fromPort != "0" { members.append(.init("fromPort", .string(edge.fromPort))) }
    members.append(.init("to", .string(edge.to)))
    if edge.toPort != "0" { members.append(.init("toPort", .string(edge.toPort))) }
    return .object(JSONObject(members))
  }

  /// Built like `encodeNode`, one array of members.
  private static func encodeConnection(_ ref: ConnectionRef) -> JSONValue {
    var members: [JSONObject.Member] = []
    members.reserveCapacity(5)
    members.append(.init("key", .string(ref.key)))
    members.append(.init("type", .string(ref.type)))
    members.append(.init("name", .string(ref.name)))
    if !ref.properties.isEmpty { members.append(.init("properties", .object(ref.properties))) }
    if !ref.credentials.isEmpty { members.append(.init("credentials", .object(ref.credentials))) }
    return .object(JSONObject(members))
  }

  private static func encodeDependencies(_ dependencies: Dependencies) -> JSONValue {
    var object: JSONObject = [:]
    func add(_ key: String, _ values: [JSONValue]) {
      if !values.isEmpty { object[key] = .array(values) }
    }
    add("subflows", dependencies.subflows.map(JSONValue.string))
    add("events", dependencies.events)
    add("forms", dependencies.forms)
    add("rules", dependencies.rules)
    add("variables", dependencies.variables)
    add("environment", dependencies.environment)
    add("guardrails", dependencies.guardrails)
    object["schedule"] = dependencies.schedule
    add("slaGoals", dependencies.slaGoals)
    return .object(object)
  }
}

extension NativeJSONCodec {
  /// In FlowPort's own flows, a member named like a secret (`password`, `apiKey`, a connector
  /// option such as `properties.ssl.truststore.password` or `properties.sasl.jaas.config`)
  /// holds one; connection credentials and secret variables are handled by `Secrets`.
  static func rewritingSecrets(in value: JSONValue, _ walker: SecretWalker) -> JSONValue {
    walker.walk(value) { _, key in SecretScanner.isSecretName(key) }
  }
}

extension NativeJSONCodec: DocumentCodec {
  static let formatName = "json"
  static let displayName = "FlowPort JSON (flowport/1)"

  /// The flow as `flowport/1`; `ExportFormat`, the only caller, has already left its secrets
  /// out unless they were asked for.
  static func document(for version: FlowVersion, stamp: ExportStamp?, options: EncodeOptions) -> JSONValue {
    encode(version, stamp: stamp)
  }
}
