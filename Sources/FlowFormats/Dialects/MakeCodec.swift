import FlowModel

/// Make (Integromat) blueprints: `{name, flow: [modules], metadata}`. Modules run in array order;
/// routers (`routes[].flow`), if-else (`branches[].flow`) and error handlers (`onerror`) nest.
/// `parameters.__IMTCONN__` (a connection id) and `__IMTKEY__` (a keychain entry) are connection
/// references, typed by `metadata.restore.parameters.__IMTCONN__.data.connection`.
enum MakeCodec: DialectCodec {
  static let formatName = "make"
  static let displayName = "Make blueprint"
  static let platform = "Make"
  static let detectionRank = 20
  static let graphMembers: Set<String> = ["name", "flow"]
  static let referenceKeys = ["__IMTCONN__", "__IMTKEY__"]

  static func recognizes(_ document: JSONValue) -> Bool {
    guard case .object(let object) = document, object["flow"]?.arrayValue != nil else { return false }
    return object["metadata"] != nil || object["name"] != nil
  }

  static func decode(_ document: JSONValue, fallbackName: String) -> DecodedExport {
    var state = Walk()
    state.walk(document["flow"]?.arrayValue ?? [], predecessor: nil, port: "0")
    let version = FlowVersion(
      name: document["name"]?.stringValue ?? fallbackName, nodes: state.nodes, edges: state.edges,
      connections: state.references.references, source: SourceDocument(dialect: formatName, document: document))
    return DecodedExport(version: version, findings: state.findings)
  }

  /// Walks nested module lists, numbering modules that have no id.
  struct Walk {
    var nodes: [Node] = []
    var edges: [Edge] = []
    var references = ReferenceCollector()
    var findings: [String] = []
    var seen: Set<String> = []

    mutating func walk(_ modules: [JSONValue], predecessor: String?, port: String) {
      var previous = predecessor
      var previousPort = port
      for module in modules {
        let type = module["module"]?.stringValue ?? "unknown"
        var id = module["id"]?.identifierText ?? "module \(nodes.count + 1)"
        if !seen.insert(id).inserted {
          findings.append("module id \(id) (\(type)) is used twice")
          id = "\(id)#\(nodes.count + 1)"
        }
        let designer = module["metadata"]?["designer"]
        var position: Position?
        if case .number(let x)? = designer?["x"], case .number(let y)? = designer?["y"] { position = Position(x: x, y: y) }
        var config = module.objectValue ?? [:]
        config.removeMembers(keyedBy: ["id", "module", "routes", "branches", "onerror"])
        let found = Self.references(of: module, type: type)
        found.forEach { references.add($0) }
        nodes.append(
          Node(
            id: id, name: designer?["name"]?.stringValue ?? type, type: type, connection: found.first?.key, config: config,
            position: position))
        if let previous { edges.append(Edge(from: previous, fromPort: previousPort, to: id)) }
        for (index, route) in (module["routes"]?.arrayValue ?? []).enumerated() {
          walk(route["flow"]?.arrayValue ?? [], predecessor: id, port: "route \(index + 1)")
        }
        for (index, branch) in (module["branches"]?.arrayValue ?? []).enumerated() {
          walk(branch["flow"]?.arrayValue ?? [], predecessor: id, port: "branch \(index + 1)")
        }
        walk(module["onerror"]?.arrayValue ?? [], predecessor: id, port: "error")
        previous = id
        previousPort = "0"
      }
    }

    static func references(of module: JSONValue, type: String) -> [ConnectionRef] {
      let app = String(type.prefix { $0 != ":" })
      return MakeCodec.referenceKeys.compactMap { key in
        guard let value = module["parameters"]?[key], let id = value.identifierText else { return nil }
        let restore = module["metadata"]?["restore"]?["parameters"]?[key]
        let connectionType = restore?["data"]?["connection"]?.stringValue ?? (key == "__IMTKEY__" ? "\(app)-key" : app)
        return ConnectionRef(
          key: "\(key == "__IMTKEY__" ? "key" : "connection"):\(id)", type: connectionType,
          name: restore?["label"]?.stringValue ?? id, properties: ["id": value])
      }
    }
  }

  /// Header names whose value is a credential.
  static let secretHeaders: Set<String> = [
    "authorization", "proxy-authorization", "x-api-key", "api-key", "apikey", "x-auth-token", "cookie",
  ]

  /// Secret-named members of a module's `parameters` and `mapper` and of a connection's
  /// `metadata.restore` data (an API key, a password, an access token), and the value of an
  /// `Authorization`-like header; connection and keychain ids (`__IMTCONN__`) are references.
  static func rewritingSecrets(in value: JSONValue, _ walker: SecretWalker) -> JSONValue {
    walker.walk(value) { place, key in
      if key == "value", let name = place.object["name"]?.stringValue, secretHeaders.contains(name.lowercased()) { return true }
      return SecretScanner.isSecretName(key) && !key.hasPrefix("__IMT") && !place.keys.contains("designer")
    }
  }

  /// Make's connection ids are numbers; an id given as text (`--prop id=7654321`) is written as a
  /// number where the document had one.
  static func keepingNumberKind(_ value: JSONValue, like original: JSONValue?) -> JSONValue {
    guard case .number? = original, let text = value.stringValue, case .number(let number)? = try? JSONParser.parse(text) else {
      return value
    }
    return .number(number)
  }

  /// Writes bound connection ids and labels into every module that uses the reference.
  static func encode(_ version: FlowVersion, document: JSONValue, options: EncodeOptions) -> JSONValue {
    let bound = reboundReferences(version, document: document)
    if bound.isEmpty { return document }
    func rewrite(_ modules: JSONValue) -> JSONValue {
      guard case .array(var list) = modules else { return modules }
      for index in list.indices {
        guard case .object(var module) = list[index] else { continue }
        for reference in Walk.references(of: list[index], type: module["module"]?.stringValue ?? "") {
          guard let target = bound[reference.key], case .object(var parameters)? = module["parameters"]
          else { continue }
          let key = reference.key.hasPrefix("key:") ? "__IMTKEY__" : "__IMTCONN__"
          parameters[key] = target.boundID.map { keepingNumberKind($0, like: parameters[key]) } ?? parameters[key]
          module["parameters"] = .object(parameters)
          if case .object(var metadata)? = module["metadata"], case .object(var restore)? = metadata["restore"],
            case .object(var restoreParameters)? = restore["parameters"], case .object(var entry)? = restoreParameters[key]
          {
            entry["label"] = .string(target.name)
            restoreParameters[key] = .object(entry)
            restore["parameters"] = .object(restoreParameters)
            metadata["restore"] = .object(restore)
            module["metadata"] = .object(metadata)
          }
        }
        module["routes"] = module["routes"].map(rewriteNestedFlows)
        module["branches"] = module["branches"].map(rewriteNestedFlows)
        module["onerror"] = module["onerror"].map(rewrite)
        list[index] = .object(module)
      }
      return .array(list)
    }
    /// Router routes and if-else branches: each entry's `flow` is a module list of its own.
    func rewriteNestedFlows(_ entries: JSONValue) -> JSONValue {
      .array(
        (entries.arrayValue ?? []).map { entry in
          guard case .object(var object) = entry else { return entry }
          object["flow"] = object["flow"].map(rewrite)
          return .object(object)
        })
    }
    guard case .object(var root) = document else { return document }
    root["flow"] = root["flow"].map(rewrite)
    return .object(root)
  }
}
