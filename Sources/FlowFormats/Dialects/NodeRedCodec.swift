import FlowModel

/// Node-RED flow JSON: a bare array of objects. Flow nodes have `wires` (output port -> target
/// ids) or a canvas position; `link out`/`link call` nodes connect through `links`. Tabs,
/// subflow definitions, groups and junctions are structure. Config nodes (`mqtt-broker`,
/// `tls-config`, ...) have neither wires nor position; a flow node that names one's id in any
/// property uses it, and each such config node is a connection reference keyed by its id.
enum NodeRedCodec: DialectCodec {
  static let formatName = "node-red"
  static let displayName = "Node-RED flow"
  static let platform = "Node-RED"
  static let detectionRank = 0
  static let graphMembers: Set<String> = []

  static func recognizes(_ document: JSONValue) -> Bool {
    guard case .array(let elements) = document, !elements.isEmpty else { return false }
    return elements.allSatisfy { $0["id"]?.stringValue != nil && $0["type"]?.stringValue != nil }
  }

  /// The tabs and subflow definitions, by id: a Node-RED flow's own settings.
  static func metadata(_ document: JSONValue) -> JSONObject {
    JSONObject(
      (document.arrayValue ?? []).filter { ["tab", "subflow"].contains($0["type"]?.stringValue ?? "") }.compactMap { object in
        object["id"]?.stringValue.map { JSONObject.Member($0, object) }
      })
  }

  static func isFlowNode(_ object: JSONValue) -> Bool {
    NodeRedObject(object).isFlowNode
  }

  static func decode(_ document: JSONValue, fallbackName: String) -> DecodedExport {
    decode(document, fallbackName: fallbackName, keepingConfigurations: true)
  }

  /// Without the nodes' configurations: the view makes them again from the document, and
  /// copying every node's members for it to drop was a tenth of a diff's peak of memory.
  static func decodeToCompare(_ document: JSONValue, fallbackName: String) -> DecodedExport {
    decode(document, fallbackName: fallbackName, keepingConfigurations: false)
  }

  private static func decode(_ document: JSONValue, fallbackName: String, keepingConfigurations: Bool) -> DecodedExport {
    let objects = document.arrayValue ?? []
    let objectsRead = objects.map(NodeRedObject.init)
    let ids = Set(objectsRead.compactMap(\.id))
    let configNodes = Dictionary(
      objectsRead.filter { !$0.isFlowNode && !$0.isStructure }.compactMap { object in
        object.id.map { ($0, JSONValue.object(object.object)) }
      }, uniquingKeysWith: { first, _ in first })
    // Only a string as long as some config node's id can be one: a function node's code is not
    // hashed to find out (it was a quarter of decoding a flow of function nodes), and most short
    // values (`msg`, `str`) are not looked for: a lookup that fails compares the key with each
    // id in its probe sequence, and that was a twentieth of a Node-RED diff.
    let configIDLengths = UTF8Lengths(configNodes.keys)
    var findings: [String] = []
    // Room for every object at once: most are flow nodes, and a list grown by doubling keeps
    // up to half its room unused while the flow is held.
    var nodes: [Node] = []
    nodes.reserveCapacity(objects.count)
    var edges: [Edge] = []
    var references = ReferenceCollector()
    for read in objectsRead where read.isFlowNode {
      guard let id = read.id, let type = read.type, !read.isStructure else { continue }
      let name = read.name?.stringValue.flatMap { $0.isEmpty ? nil : $0 } ?? "\(type) \(id)"
      var used: [String] = []
      // Read in place, the value's length first: iterating the object copied every member out.
      read.object.members.withUnsafeBufferPointer { members in
        for member in members.indices {
          guard case .string(let target) = members[member].value, configIDLengths.mayContain(target) else { continue }
          let key = members[member].key
          guard key != "z", key != "g", key != "id", let configNode = configNodes[target] else { continue }
          references.add(reference(for: target, configNode))
          used.append(target)
        }
      }
      for (port, targets) in (read.wires?.arrayValue ?? []).enumerated() {
        for target in targets.arrayValue ?? [] {
          guard let targetID = target.stringValue else { continue }
          if !ids.contains(targetID) { findings.append("node '\(name)' is wired to unknown id '\(targetID)'") }
          edges.append(Edge(from: id, fromPort: String(port), to: targetID))
        }
      }
      if type == "link out" || type == "link call" {
        for target in read.links?.arrayValue ?? [] {
          guard let targetID = target.stringValue else { continue }
          if !ids.contains(targetID) { findings.append("link node '\(name)' links to unknown id '\(targetID)'") }
          edges.append(Edge(from: id, fromPort: "link", to: targetID))
        }
      }
      var config: JSONObject = [:]
      var position: Position?
      if keepingConfigurations {
        config = read.object
        config.removeMembers(keyedBy: ["id", "type", "name", "x", "y", "wires", "z"])
        position = read.position
      }
      nodes.append(Node(id: id, name: name, type: type, connection: used.first, config: config, position: position))
    }
    let tabName = objectsRead.first { $0.type == "tab" }?.label?.stringValue
    let version = FlowVersion(
      name: tabName ?? fallbackName, nodes: nodes, edges: edges, connections: references.references,
      source: SourceDocument(dialect: formatName, document: document))
    return DecodedExport(version: version, findings: findings)
  }

  /// A node's `credentials` (flow and config nodes alike: Node-RED keeps them apart, in
  /// flows_cred.json, but an export can carry them), the value of an environment variable
  /// typed `cred` (of a tab, a subflow or a subflow's instance), and a config node's
  /// secret-named properties written in clear (a bot `token`, a `password`).
  static func rewritingSecrets(in value: JSONValue, _ walker: SecretWalker) -> JSONValue {
    walker.walk(value) { place, key in
      if key == "credentials" { return true }
      // Lengths compared first: every member of the document is asked.
      if JSONObject.isSameKey(key, "value"), let last = place.keys.last, JSONObject.isSameKey(last, "env") {
        return place.object["type"]?.stringValue == "cred"
      }
      // The name first: asked of every member of every node, looking up the node's type and
      // id each time was a sixth of a diff of Node-RED flows.
      guard SecretScanner.isSecretName(key) else { return false }
      let object = place.object
      return object["type"] != nil && object["id"] != nil && !isFlowNode(.object(object))
    }
  }

  /// An unnamed config node goes by its broker or host, which may be a URL holding a password
  /// (`mqtts://admin:…@broker`): that is replaced, as `--redact` replaces it, since a
  /// reference's name is printed by `diff`, `status` and every plan.
  static func reference(for id: String, _ configNode: JSONValue) -> ConnectionRef {
    let type = configNode["type"]?.stringValue ?? "config"
    let address = (configNode["broker"]?.stringValue ?? configNode["host"]?.stringValue).flatMap { address in
      SecretScanner.redact(.string(address)).stringValue
    }
    let name = configNode["name"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 } ?? address ?? id
    return ConnectionRef(key: id, type: type, name: name, properties: ["id": .string(id)])
  }

  /// Bound references whose target has another config node id get that id everywhere the old
  /// one stood: the config node itself and every property that pointed to it.
  static func encode(_ version: FlowVersion, document: JSONValue, options: EncodeOptions) -> JSONValue {
    let renames = idRenames(version)
    guard !renames.isEmpty, case .array(var objects) = document else { return document }
    for index in objects.indices {
      guard case .object(var object) = objects[index] else { continue }
      for member in object.members.indices {
        if let text = object.members[member].value.stringValue, let renamed = renames[text] {
          object.members[member].value = .string(renamed)
        }
      }
      objects[index] = .object(object)
    }
    return .array(objects)
  }
}
