import FlowModel

/// NiFi flow definitions (`flowContents`, as downloaded or in registry snapshots). Processors,
/// ports and funnels of every nested process group are nodes; `connections[]` are edges, their
/// relationships the port. Controller services named by a property whose descriptor
/// `identifiesControllerService`, and sensitive parameters, are connection references.
enum NiFiCodec: DialectCodec {
  static let formatName = "nifi"
  static let displayName = "NiFi flow definition"
  static let platform = "NiFi"
  static let nodeIDKey = "identifier"
  static let detectionRank = 30
  /// Registry snapshots stamp `snapshotMetadata` and `latest`, flow-registry clients the `flow`'s timestamps.
  static let volatilePaths = ["snapshotMetadata", "latest", "flow.createdTimestamp", "flow.lastModifiedTimestamp"]
  static let graphMembers: Set<String> = ["flowContents"]
  static let componentLists = ["processors", "inputPorts", "outputPorts", "funnels"]

  static func recognizes(_ document: JSONValue) -> Bool {
    document["flowContents"]?.objectValue != nil
  }

  static func decode(_ document: JSONValue, fallbackName: String) -> DecodedExport {
    var groups: [JSONValue] = []
    collectGroups(document["flowContents"], into: &groups)
    var services: [String: JSONValue] = [:]
    for group in groups {
      for service in group["controllerServices"]?.arrayValue ?? [] {
        if let id = service["identifier"]?.stringValue { services[id] = service }
      }
    }
    for member in document["externalControllerServices"]?.objectValue ?? [:] {
      services[member.key] = member.value
    }
    var nodes: [Node] = []
    var edges: [Edge] = []
    var references = ReferenceCollector()
    var findings: [String] = []
    for group in groups {
      for list in componentLists {
        for component in group[list]?.arrayValue ?? [] {
          guard let id = component["identifier"]?.stringValue else { continue }
          let type = component["type"]?.stringValue ?? component["componentType"]?.stringValue ?? list
          let name = component["name"]?.stringValue ?? id
          var used: [String] = []
          for member in component["propertyDescriptors"]?.objectValue ?? [:]
          where member.value["identifiesControllerService"] == .bool(true) {
            guard let serviceID = component["properties"]?[member.key]?.stringValue else { continue }
            guard let service = services[serviceID] else {
              findings.append("processor '\(name)' names controller service '\(serviceID)', which is not in the file")
              continue
            }
            references.add(
              ConnectionRef(
                key: serviceID, type: service["type"]?.stringValue ?? "controller-service",
                name: service["name"]?.stringValue ?? serviceID, properties: ["id": .string(serviceID)]))
            used.append(serviceID)
          }
          var config = component.objectValue ?? [:]
          config.removeMembers(keyedBy: instanceMembers)
          nodes.append(Node(id: id, name: name, type: type, connection: used.first, config: config, position: position(of: component)))
        }
      }
      for connection in group["connections"]?.arrayValue ?? [] {
        guard let from = connection["source"]?["id"]?.stringValue, let to = connection["destination"]?["id"]?.stringValue else { continue }
        let relationships = (connection["selectedRelationships"]?.arrayValue ?? []).compactMap(\.stringValue).sorted()
        edges.append(Edge(from: from, fromPort: relationships.isEmpty ? "0" : relationships.joined(separator: ","), to: to))
      }
    }
    for context in document["parameterContexts"]?.objectValue ?? [:] {
      for parameter in context.value["parameters"]?.arrayValue ?? [] where parameter["sensitive"] == .bool(true) {
        guard let name = parameter["name"]?.stringValue else { continue }
        references.add(ConnectionRef(key: "#{\(name)}", type: "sensitive-parameter", name: "\(context.key)/\(name)"))
      }
    }
    let name = document["flowContents"]?["name"]?.stringValue ?? document["flow"]?["name"]?.stringValue ?? fallbackName
    let version = FlowVersion(
      name: name, nodes: nodes, edges: edges, connections: references.references,
      source: SourceDocument(dialect: formatName, document: document))
    return DecodedExport(version: version, findings: findings)
  }

  /// Properties whose descriptor is marked `sensitive` (processors, controller services,
  /// reporting tasks), and the `value` of a parameter marked `sensitive`.
  static func rewritingSecrets(in value: JSONValue, _ walker: SecretWalker) -> JSONValue {
    walker.walk(value) { place, key in
      if key == "value", place.object["sensitive"] == .bool(true) { return true }
      guard place.keys.last == "properties", let component = place.ancestor(1) else { return false }
      return component["propertyDescriptors"]?[key]?["sensitive"] == .bool(true)
    }
  }

  /// Where a component (a processor, a process group) sits on the canvas.
  static func position(of component: JSONValue) -> Position? {
    guard case .number(let x)? = component["position"]?["x"], case .number(let y)? = component["position"]?["y"] else { return nil }
    return Position(x: x, y: y)
  }

  static func collectGroups(_ group: JSONValue?, into groups: inout [JSONValue]) {
    guard let group else { return }
    groups.append(group)
    for child in group["processGroups"]?.arrayValue ?? [] { collectGroups(child, into: &groups) }
  }

  /// A bound controller service whose target has another id: every string equal to the old id
  /// (the service's identifier and every property naming it) gets the target's id.
  static func encode(_ version: FlowVersion, document: JSONValue, options: EncodeOptions) -> JSONValue {
    let renames = idRenames(version)
    return renames.isEmpty ? document : replaceStrings(document, renames)
  }

  static func replaceStrings(_ value: JSONValue, _ renames: [String: String]) -> JSONValue {
    switch value {
    case .string(let text): return renames[text].map(JSONValue.string) ?? value
    case .array(let elements): return .array(elements.map { replaceStrings($0, renames) })
    case .object(var object):
      for index in object.members.indices { object.members[index].value = replaceStrings(object.members[index].value, renames) }
      return .object(object)
    default: return value
    }
  }
}
