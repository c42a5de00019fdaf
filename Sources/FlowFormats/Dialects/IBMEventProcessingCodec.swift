import FlowModel

/// IBM Event Processing flow JSON: `pipelineState` (an Elyra pipeline), `contextState` (the same
/// graph as `nodes[]` and `edges[]`) and `flowDetails`. The model is read from `contextState`.
/// Source and destination credentials (`configuration.credentials`, SASL user and password in
/// clear, as EP's JSON export writes them) are connection references; their passwords are
/// credentials, written only with `--with-credentials`.
enum IBMEventProcessingCodec: DialectCodec {
  static let formatName = "ibm-ep"
  static let displayName = "IBM Event Processing flow"
  static let platform = "IBM Event Processing"
  static let nodeIDKey = "nodeId"
  static let detectionRank = 40
  static let graphMembers: Set<String> = ["pipelineState", "contextState"]
  /// Properties EP's node types need to count as configured.
  static let requiredNodeConfig = [
    "source": ["topic", "fields"], "sqlProcessor": ["statement"], "sqlSink": ["statement"], "api": ["configuredUrl"],
  ]

  /// EP's own node vocabulary: `source` reads a topic, a sink (`sqlSink`) ends the flow.
  static func nodeRole(ofType type: String) -> NodeRole? {
    let type = type.lowercased()
    if type == "source" { return .source }
    return type.hasSuffix("sink") ? .destination : nil
  }

  static func recognizes(_ document: JSONValue) -> Bool {
    document["pipelineState"] != nil && document["contextState"] != nil
  }

  static func decode(_ document: JSONValue, fallbackName: String) -> DecodedExport {
    let context = document["contextState"]
    let positions = canvasPositions(in: document)
    var nodes: [Node] = []
    var references = ReferenceCollector()
    var findings: [String] = []
    for raw in context?["nodes"]?.arrayValue ?? [] {
      guard let id = raw["nodeId"]?.identifierText else { continue }
      let name = raw["viewName"]?.stringValue ?? id
      let type = raw["nodeType"]?.stringValue ?? "unknown"
      var connection: String?
      if let credentials = raw["configuration"]?["credentials"], credentials.objectValue != nil {
        let key = "\(id):credentials"
        let user = credentials["data"]?["username"]?.stringValue
        references.add(
          ConnectionRef(
            key: key, type: (credentials["type"]?.stringValue ?? "credentials").lowercased(), name: user.map { "\(name) (\($0))" } ?? name,
            properties: user.map { ["username": .string($0)] } ?? [:]))
        connection = key
      }
      nodes.append(
        Node(
          id: id, name: name, type: type, connection: connection, config: raw["configuration"]?.objectValue ?? [:],
          position: positions[id]))
    }
    let ids = Set(nodes.map(\.id))
    var edges: [Edge] = []
    for edge in context?["edges"]?.arrayValue ?? [] {
      guard let from = edge["incoming"]?.identifierText, let to = edge["outgoing"]?.identifierText else { continue }
      for end in [from, to] where !ids.contains(end) { findings.append("an edge refers to unknown node '\(end)'") }
      edges.append(Edge(from: from, to: to))
    }
    let details = document["flowDetails"]
    let version = FlowVersion(
      name: details?["flowName"]?.stringValue ?? fallbackName, description: details?["flowDescription"]?.stringValue,
      nodes: nodes, edges: edges, connections: references.references,
      source: SourceDocument(dialect: formatName, document: document))
    return DecodedExport(version: version, findings: findings)
  }

  /// Each node's place on the canvas, which only the Elyra pipeline holds
  /// (`pipelineState.pipelines[].nodes[].app_data.ui_data.x_pos`/`y_pos`), by node id: diff
  /// shows a moved node with `--all`, as in the other dialects.
  private static func canvasPositions(in document: JSONValue) -> [String: Position] {
    var positions: [String: Position] = [:]
    for pipeline in document["pipelineState"]?["pipelines"]?.arrayValue ?? [] {
      for node in pipeline["nodes"]?.arrayValue ?? [] {
        guard let id = node["id"]?.identifierText, let place = node["app_data"]?["ui_data"],
          case .number(let x)? = place["x_pos"], case .number(let y)? = place["y_pos"]
        else { continue }
        positions[id] = Position(x: x, y: y)
      }
    }
    return positions
  }

  /// The document as read: secrets are left out before it gets here (see `Secrets`).
  static func encode(_ version: FlowVersion, document: JSONValue, options: EncodeOptions) -> JSONValue {
    document
  }

  /// What EP's own exports write where they leave a password out.
  static let secretPlaceholder = "<password_redacted>"

  /// Secret-named members under a node's `credentials` (the SASL `password`), and the
  /// password of every `sasl.jaas.config` line (in properties and in SQL statements alike).
  static func rewritingSecrets(in value: JSONValue, _ walker: SecretWalker) -> JSONValue {
    walker.walk(value) { place, key in
      SecretScanner.isSecretName(key) && place.keys.contains("credentials")
    }
  }
}
