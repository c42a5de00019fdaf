import FlowModel

extension NodeRedCodec {
  /// Members that hold a config node's or flow node's secrets: Node-RED keeps them under
  /// `credentials` (exported only when asked). An `env` entry typed `cred` is a secret of the
  /// dialect's rule (`rewritingSecrets`).
  static let credentialMembers: Set<String> = ["credentials"]
  static let viewMakesNodesFromDocument = true
  /// The view makes each flow node's configuration from its object as it is, less its id,
  /// type, name, place and wires: the rule finds a flow node's secrets (its `credentials`, its
  /// `cred` variables, what lies below) without them, in the configuration as in the document,
  /// so the differ stands in for them where it shows.
  static let defersNodeSecretsToDiffer = true

  /// The document with the secrets of every object but the flow nodes (those with wires or a
  /// place: groups and comments too) stood in for: config nodes (connections), tabs and
  /// subflows are shown whole, and the rule knows a config node's secret-named members by its
  /// id and type, which the view takes out.
  static func rewritingSecretsForView(in document: JSONValue, _ walker: SecretWalker) -> JSONValue {
    var walker = walker
    var places = JSONPlaces()
    for (index, object) in (document.arrayValue ?? []).enumerated() where !isFlowNode(object) { places.insert([.index(index)]) }
    walker.places = places
    return rewritingSecrets(in: document, walker)
  }

  /// Every object of the file is a node or a connection: flow nodes, and tabs, subflows,
  /// groups and comments (so a node's `z` and `g` pair with them); config nodes are connection
  /// references whose properties are their settings. Names hold no id (an unnamed node is
  /// named by its type, a subflow instance's type by the subflow's name), positions and group
  /// sizes are only in `Node.position`, and credentials are stand-ins.
  static func diffView(of version: FlowVersion, document source: () -> JSONValue) -> FlowVersion {
    // The model's nodes are read for their connections alone (`viewMakesNodesFromDocument`).
    let document = source()
    let objects = document.arrayValue ?? []
    let objectsRead = objects.map(NodeRedObject.init)
    let ids = Set(objectsRead.compactMap(\.id))
    var subflowNames: [String: String] = [:]
    for object in objectsRead where object.type == "subflow" {
      if let id = object.id { subflowNames[id] = object.name?.stringValue ?? "" }
    }
    let usedBy = Dictionary(version.nodes.map { ($0.id, $0.connection) }, uniquingKeysWith: { first, _ in first })
    var view = version
    view.nodes = []
    view.nodes.reserveCapacity(objects.count)
    view.connections = []
    view.metadata = [:]
    for read in objectsRead {
      guard let id = read.id, var type = read.type else { continue }
      if type.hasPrefix("subflow:"), let name = subflowNames[String(type.dropFirst("subflow:".count))], !name.isEmpty {
        type = "subflow:" + name
      }
      let isTab = type == "tab"
      let name = (isTab ? read.label : read.name)?.stringValue.flatMap { $0.isEmpty ? nil : $0 } ?? type
      let isNode = read.isFlowNode || read.isStructure
      let shown = ShownMembers(
        isTab: isTab, keepsTab: read.z?.stringValue.map(ids.contains) ?? true,
        keepsLinks: !(isNode && (type == "link out" || type == "link call")))
      let config = hidingSecrets(shown.configuration(of: read.object))
      if isNode {
        view.nodes.append(Node(id: id, name: name, type: type, connection: usedBy[id] ?? nil, config: config, position: read.position))
      } else {
        let reference = reference(for: id, .object(read.object))
        view.connections.append(
          ConnectionRef(key: id, type: type, name: reference.name == id ? type : reference.name, properties: config))
      }
    }
    return view
  }

  /// Which members of an object its view's configuration keeps: never its id, type, name (a
  /// tab's label), place, size or wires, which the view holds elsewhere or ignores; its tab
  /// (`z`) only when it is one of the file's, and a link node's targets never, since the
  /// view's edges are made of them.
  private struct ShownMembers {
    var isTab: Bool
    var keepsTab: Bool
    var keepsLinks: Bool

    /// The object's members that are kept, in order: finding and removing the others one key
    /// at a time was a fifth of making a Node-RED view. Counted before they are copied, so that
    /// the copy is made as large as it needs: room for every member left a third of the views'
    /// member arrays empty for the diff's life (a node drops its id, type, place and wires).
    func configuration(of object: JSONObject) -> JSONObject {
      object.members.withUnsafeBufferPointer { members in
        var kept: [JSONObject.Member] = []
        kept.reserveCapacity(members.indices.count { keeps(members[$0].key) })
        for index in members.indices where keeps(members[index].key) { kept.append(members[index]) }
        return JSONObject(kept)
      }
    }

    func keeps(_ key: String) -> Bool {
      switch NodeRedObject.key(key) {
      case .z: keepsTab
      case .links: keepsLinks
      case .name: isTab
      case .label: !isTab
      case .id, .type, .wires, .x, .y, .w, .h: false
      case nil: true
      }
    }
  }

  /// The object with stand-ins for its credentials. The values of `cred` variables are the
  /// secrets of the document's own rule (`rewritingSecrets`), stood in for by the view's walk of
  /// the document or, in flow nodes, by the differ.
  static func hidingSecrets(_ config: JSONObject) -> JSONObject {
    var config = config
    // Every member of a key that repeats: a lookup finds the last alone.
    for key in credentialMembers { config.updateValues(forKey: key) { $0.standingInForSecrets() } }
    return config
  }
}
