import FlowModel

extension NiFiCodec {
  /// Component members that an instance mints or that are layout, left out of what diff compares.
  static let instanceMembers = ["identifier", "instanceIdentifier", "name", "type", "position"]
  /// What a process group holds, which diff compares as nodes, edges and connections of its own.
  static let groupContents =
    componentLists + [
      "processGroups", "connections", "controllerServices", "labels", "remoteProcessGroups",
    ]

  /// Processors, ports and funnels as decoded, plus every process group as a node (so a
  /// component's `groupIdentifier` pairs with it); every controller service (with its
  /// properties) and parameter context (parameters by name) is a connection; sensitive
  /// property and parameter values are stand-ins.
  static func diffView(of version: FlowVersion, document source: () -> JSONValue) -> FlowVersion {
    let document = source()
    var groups: [JSONValue] = []
    collectGroups(document["flowContents"], into: &groups)
    var view = version
    view.nodes = version.nodes.map { node in
      var node = node
      // A funnel or an unnamed port is named by its kind, not by the id the instance gave it.
      if node.name == node.id { node.name = node.type }
      if let descriptors = node.config["propertyDescriptors"], case .object(let properties)? = node.config["properties"] {
        node.config["properties"] = .object(hidingSensitive(properties, descriptors: descriptors))
      }
      return node
    }
    var references = ReferenceCollector()
    for group in groups {
      guard let id = group["identifier"]?.stringValue, case .object(var config) = group else { continue }
      let queues = queueSettings(in: group)
      config.removeMembers(keyedBy: instanceMembers + groupContents)
      if !queues.isEmpty { config["connections"] = .object(queues) }
      view.nodes.append(
        Node(
          id: id, name: group["name"]?.stringValue ?? "process group", type: "process-group", config: config,
          position: position(of: group)))
      view.nodes += (group["remoteProcessGroups"]?.arrayValue ?? []).compactMap(remoteGroupNode)
      for service in group["controllerServices"]?.arrayValue ?? [] {
        guard let id = service["identifier"]?.stringValue, case .object(var config) = service else { continue }
        config.removeMembers(keyedBy: instanceMembers)
        if let descriptors = config["propertyDescriptors"], case .object(let properties)? = config["properties"] {
          config["properties"] = .object(hidingSensitive(properties, descriptors: descriptors))
        }
        references.add(
          ConnectionRef(
            key: id, type: service["type"]?.stringValue ?? "controller-service", name: service["name"]?.stringValue ?? "controller service",
            properties: config))
      }
    }
    for member in document["externalControllerServices"]?.objectValue ?? [:] {
      references.add(
        ConnectionRef(
          key: member.key, type: "external-controller-service", name: member.value["name"]?.stringValue ?? "controller service"))
    }
    for context in document["parameterContexts"]?.objectValue ?? [:] {
      guard case .object(var config) = context.value else { continue }
      var parameters = JSONObject()
      for parameter in context.value["parameters"]?.arrayValue ?? [] {
        // Scanned while it has its name: a value named like a secret (`Admin Password`) is
        // hidden as `--redact` hides it, marked sensitive or not.
        guard let name = parameter["name"]?.stringValue,
          case .object(var entry) = SecretScanner.redact(parameter, replacing: Secrets.standIn(kind:secret:))
        else { continue }
        entry["name"] = nil
        if parameter["sensitive"] == .bool(true) { entry.updateValues(forKey: "value") { $0.standingInForSecrets() } }
        parameters[name] = .object(entry)
      }
      config["name"] = nil
      config["parameters"] = .object(parameters)
      references.add(
        ConnectionRef(key: "parameter-context:\(context.key)", type: "parameter-context", name: context.key, properties: config))
    }
    view.connections = references.references
    view.metadata = JSONObject(view.metadata.members.filter { !["externalControllerServices", "parameterContexts"].contains($0.key) })
    return view
  }

  /// A connection's members that are not its queue's settings: its ends and relationships (the
  /// edge), the ids an instance mints, and its layout. The rest (back pressure, expiration,
  /// load balancing, prioritizers) production tunes apart from test.
  static let connectionEdgeMembers = [
    "identifier", "instanceIdentifier", "source", "destination", "selectedRelationships", "componentType", "groupIdentifier",
    "labelIndex", "zIndex", "bends",
  ]

  /// A remote process group as a node: where it sends (`targetUris`), its timeouts, transport
  /// and proxy, and its remote ports by name, without the ids an instance gave them. Left out,
  /// a changed target or timeout diffed as "no changes", and a commit skipped it (a tester's
  /// find).
  static func remoteGroupNode(_ remote: JSONValue) -> Node? {
    guard let id = remote["identifier"]?.stringValue, case .object(var config) = remote else { return nil }
    config.removeMembers(keyedBy: instanceMembers)
    for list in ["inputPorts", "outputPorts"] {
      guard case .array(let ports)? = config[list] else { continue }
      let named = ports.map { port in
        guard case .object(var port) = port else { return port }
        port.removeMembers(keyedBy: ["identifier", "instanceIdentifier", "groupIdentifier", "position"])
        return .object(port)
      }
      config[list] = .array(named.sorted { ($0["name"]?.stringValue ?? "") < ($1["name"]?.stringValue ?? "") })
    }
    return Node(
      id: id, name: remote["name"]?.stringValue ?? "remote process group", type: "remote-process-group", config: config,
      position: position(of: remote))
  }

  /// The queue settings of a process group's connections, each keyed by what it joins as a
  /// person reads it (`ConsumeKafka → MergeRecord (success)`), not by an id another instance
  /// mints; its process group's node in a diff view holds them, so a changed threshold shows.
  /// Two connections can read alike (unnamed funnels, two `LogAttribute`s): they are in order
  /// of their settings, not of the file, whose order follows the ids an instance minted, so
  /// the same queues from another instance pair as they are.
  static func queueSettings(in group: JSONValue) -> JSONObject {
    var queues: [JSONObject.Member] = []
    for connection in group["connections"]?.arrayValue ?? [] {
      guard case .object(var settings) = connection else { continue }
      func end(_ key: String) -> String {
        let name = connection[key]?["name"]?.stringValue ?? ""
        return name.isEmpty ? connection[key]?["type"]?.stringValue?.lowercased() ?? key : name
      }
      let relationships = (connection["selectedRelationships"]?.arrayValue ?? []).compactMap(\.stringValue).filter { !$0.isEmpty }.sorted()
      let joined = "\(end("source")) → \(end("destination"))" + (relationships.isEmpty ? "" : " (\(relationships.joined(separator: ", ")))")
      settings.removeMembers(keyedBy: connectionEdgeMembers)
      queues.append(JSONObject.Member(joined, .object(settings)))
    }
    // Settings are written out only to order queues whose keys tie, which few do.
    let text = { (queue: JSONObject.Member) in JSONWriter(layout: .minified).bytes(queue.value) }
    queues.sort { $0.key != $1.key ? $0.key < $1.key : text($0).lexicographicallyPrecedes(text($1)) }
    return JSONObject(queues)
  }

  /// Property values whose descriptor says `sensitive`, as stand-ins (a parameter reference
  /// `#{name}` stays: it names the secret, it is not one).
  static func hidingSensitive(_ properties: JSONObject, descriptors: JSONValue) -> JSONObject {
    var properties = properties
    for index in properties.members.indices {
      let key = properties.members[index].key
      guard descriptors[key]?["sensitive"] == .bool(true) else { continue }
      let value = properties.members[index].value
      if let text = value.stringValue, text.hasPrefix("#{") { continue }
      properties.members[index].value = value.standingInForSecrets()
    }
    return properties
  }
}
