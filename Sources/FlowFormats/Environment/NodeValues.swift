import FlowModel

extension ExportFormat {
  /// The flow with a value set at a dotted `path` of one node, in the flow's own dialect: the
  /// path is read in the node's object as its file has it (`parameters.path` in n8n, `broker`
  /// in Node-RED, `config.topic` in FlowPort JSON), so the flow exported again carries it. A
  /// path the node lacks is refused unless `create`.
  public static func setting(
    _ path: String, to value: JSONValue, inNode nodeID: String, of version: FlowVersion, create: Bool
  ) throws(FormatError) -> FlowVersion {
    let keys = path.split(separator: ".").map(String.init)
    guard !keys.isEmpty else { throw .invalid(path: path, reason: "an empty path") }
    guard let source = version.source else {
      guard keys.count > 1, keys[0] == "config", let index = version.nodes.firstIndex(where: { $0.id == nodeID }) else {
        throw .invalid(path: path, reason: "a FlowPort node's values are under config (config.<name>)")
      }
      var updated = version
      var config = JSONValue.object(updated.nodes[index].config)
      try set(Array(keys.dropFirst()), to: value, in: &config, create: create, path: path)
      updated.nodes[index].config = config.objectValue ?? [:]
      return updated
    }
    guard let dialect = ExportFormat(rawValue: source.dialect)?.dialect else {
      throw .unsupported("setting values in a \(source.dialect) flow")
    }
    var document = source.document
    guard try setInNode(nodeID, keys, to: value, in: &document, create: create, path: path) else { throw .noSuchNode(nodeID) }
    var decoded = dialect.decode(document, fallbackName: version.name).version
    decoded.connections = version.connections
    decoded.metadata = version.metadata
    decoded.subflowDefinitions = version.subflowDefinitions
    return decoded
  }

  /// Finds the object with `"id": nodeID` anywhere in the document and sets the path in it.
  private static func setInNode(
    _ nodeID: String, _ keys: [String], to value: JSONValue, in json: inout JSONValue, create: Bool, path: String
  ) throws(FormatError) -> Bool {
    switch json {
    case .object(var object):
      if object["id"]?.identifierText == nodeID {
        try set(keys, to: value, in: &json, create: create, path: path)
        return true
      }
      for index in object.members.indices {
        var member = object.members[index].value
        if try setInNode(nodeID, keys, to: value, in: &member, create: create, path: path) {
          object.members[index].value = member
          json = .object(object)
          return true
        }
      }
      return false
    case .array(var elements):
      for index in elements.indices {
        if try setInNode(nodeID, keys, to: value, in: &elements[index], create: create, path: path) {
          json = .array(elements)
          return true
        }
      }
      return false
    default:
      return false
    }
  }

  private static func set(_ keys: [String], to value: JSONValue, in json: inout JSONValue, create: Bool, path: String) throws(FormatError) {
    guard let key = keys.first else {
      json = value
      return
    }
    guard case .object(var object) = json else { throw .invalid(path: path, reason: "\(key) is inside a value that is not an object") }
    if object[key] == nil {
      guard create else { throw .invalid(path: path, reason: "the node has no \(key); add `create: true` to the entry to add it") }
      object[key] = keys.count > 1 ? .object([:]) : .null
    }
    var inner = object[key] ?? .null
    try set(Array(keys.dropFirst()), to: value, in: &inner, create: create, path: path)
    object[key] = inner
    json = .object(object)
  }
}
