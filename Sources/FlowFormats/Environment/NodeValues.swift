import FlowModel

/// Sets values in a flow's nodes in the flow's own dialect: a path is read in the node's object
/// as its file has it (`parameters.path` in n8n, `broker` in Node-RED, `properties.Hostname` in
/// NiFi, `config.topic` in FlowPort JSON), so the flow exported again carries it. A path the
/// node lacks is refused unless `create`.
///
/// The values go into the source document one by one and the flow is decoded from it once, in
/// `version`, however many values an environment sets.
public struct NodeValueWriter {
  private var original: FlowVersion
  private var document: JSONValue?
  private var documentChanged = false
  private let dialect: (any DialectCodec.Type)?

  /// A writer for the values of one flow.
  public init(_ version: FlowVersion) throws(FormatError) {
    original = version
    guard let source = version.source else {
      dialect = nil
      return
    }
    guard let dialect = ExportFormat(rawValue: source.dialect)?.dialect else {
      throw .unsupported("setting values in a \(source.dialect) flow")
    }
    self.dialect = dialect
    document = source.document
  }

  /// Sets the value at a dotted `path` of the node with id `nodeID`.
  public mutating func set(_ path: String, to value: JSONValue, inNode nodeID: String, create: Bool) throws(FormatError) {
    let keys = path.split(separator: ".").map(String.init)
    guard !keys.isEmpty else { throw .invalid(path: path, reason: "an empty path") }
    guard let dialect, var document else {
      guard keys.count > 1, keys[0] == "config" else {
        throw .invalid(path: path, reason: "a FlowPort node's values are under config (config.<name>)")
      }
      guard let index = original.nodes.firstIndex(where: { $0.id == nodeID }) else { throw .noSuchNode(nodeID) }
      var config = JSONValue.object(original.nodes[index].config)
      try Self.set(Array(keys.dropFirst()), to: value, in: &config, create: create, path: path)
      original.nodes[index].config = config.objectValue ?? [:]
      return
    }
    let located = try Self.setInNode(nodeID, idKey: dialect.nodeIDKey, keys, to: value, in: &document, create: create, path: path)
    guard located else { throw .noSuchNode(nodeID) }
    self.document = document
    documentChanged = true
  }

  /// The flow with the values set; its connections and metadata as they were.
  public var version: FlowVersion {
    guard let dialect, let document, documentChanged else { return original }
    var decoded = dialect.decode(document, fallbackName: original.name).version
    decoded.connections = original.connections
    decoded.metadata = original.metadata
    decoded.subflowDefinitions = original.subflowDefinitions
    return decoded
  }

  /// Finds the object whose `idKey` is `nodeID` anywhere in the document and sets the path in it.
  private static func setInNode(
    _ nodeID: String, idKey: String, _ keys: [String], to value: JSONValue, in json: inout JSONValue, create: Bool, path: String
  ) throws(FormatError) -> Bool {
    switch json {
    case .object(var object):
      if object[idKey]?.identifierText == nodeID {
        try set(keys, to: value, in: &json, create: create, path: path)
        return true
      }
      for index in object.members.indices {
        var member = object.members[index].value
        if try setInNode(nodeID, idKey: idKey, keys, to: value, in: &member, create: create, path: path) {
          object.members[index].value = member
          json = .object(object)
          return true
        }
      }
      return false
    case .array(var elements):
      for index in elements.indices {
        if try setInNode(nodeID, idKey: idKey, keys, to: value, in: &elements[index], create: create, path: path) {
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
