import FlowModel

/// n8n workflow JSON: `nodes[]` and `connections` keyed by the source node's *name*.
///
/// Model node ids are n8n node ids when present and unique, else the node names (n8n requires
/// unique names; ids are missing or repeated in older exports). Ports are `main:0`, `ai_tool:0`;
/// `[]` and `null` output slots keep their place in the document. Credentials (`{id, name}` or
/// the older bare name) are connection references keyed `type:id` or `type:name`.
enum N8nCodec: DialectCodec {
  static let formatName = "n8n"
  static let displayName = "n8n workflow"
  static let platform = "n8n"
  static let detectionRank = 10
  /// Minted per instance (`meta.instanceId`, a node's `webhookId`) or stamped on every save.
  static let volatilePaths = ["config.webhookId", "versionId", "meta.instanceId", "activeVersionId", "versionCounter"]
  static let graphMembers: Set<String> = ["name", "nodes", "connections", "pinData"]

  /// True for what `n8n export:credentials` writes: a list of credentials (one credential a
  /// file with `--separate` or `--backup`), each with an id, a name, a type and its `data`
  /// (encrypted text, or an object with `--decrypted`), none wired into a flow. Node-RED's
  /// detection took a list for a flow of config nodes, and its diff showed the data of every
  /// credential whose members were not named as secrets.
  static func isCredentialsExport(_ document: JSONValue) -> Bool {
    switch document {
    case .array(let elements): return !elements.isEmpty && elements.allSatisfy(isCredential)
    case .object: return isCredential(document)
    default: return false
    }
  }

  /// A credential as n8n exports it: its type one camel-cased word (`httpHeaderAuth`, where
  /// Node-RED's config nodes are `mqtt-broker`), its data an object or encrypted text.
  private static func isCredential(_ element: JSONValue) -> Bool {
    guard case .object(let object) = element, object["id"] != nil, object["name"]?.stringValue != nil,
      let type = object["type"]?.stringValue, type.allSatisfy({ $0.isLetter || $0.isNumber }), object["nodes"] == nil,
      object["wires"] == nil, object["z"] == nil, object["x"] == nil
    else { return false }
    switch object["data"] {
    case .object?: return true
    case .string(let encrypted)?: return !encrypted.isEmpty
    default: return false
    }
  }

  static func recognizes(_ document: JSONValue) -> Bool {
    guard case .object(let object) = document, object["nodes"]?.arrayValue != nil else { return false }
    return object["connections"]?.objectValue != nil
  }

  /// Without the document's `connections`: n8n's diff view is the model as decoded (the
  /// default `diffView`; the metadata is read before this returns), which holds them as edges.
  /// Kept, their tree (an object, two arrays and an object for each link) stayed beside the
  /// edges for the whole diff. Let go here, on the core that read it, its memory serves what
  /// comes next there: a 10,000-node pair's peak went from 82.5-83.2 to 76.5-78.4 MB, for 3%
  /// more instructions and the same time (fewer pages first touched).
  static func decodeToCompare(_ document: JSONValue, fallbackName: String) -> DecodedExport {
    var decoded = decode(document, fallbackName: fallbackName)
    guard case .object(var kept) = document else { return decoded }
    kept.members.removeAll { $0.key == "connections" }
    decoded.version.source?.document = .object(kept)
    return decoded
  }

  static func decode(_ document: JSONValue, fallbackName: String) -> DecodedExport {
    let rawNodes = (document["nodes"]?.arrayValue ?? []).map(NodeMembers.init)
    var findings: [String] = []
    // Ids seen, and the few seen more than once: one lookup an id, where counting them took
    // two (a count, then a read); names are counted below only where they repeat, not all
    // filtered for repeats. Every node of every loaded file is indexed here.
    var ids: Set<String> = .init(minimumCapacity: rawNodes.count)
    var repeatedIDs: Set<String> = []
    for node in rawNodes {
      if let id = node.id, !ids.insert(id).inserted { repeatedIDs.insert(id) }
    }

    var nodes: [Node] = []
    nodes.reserveCapacity(rawNodes.count)
    var idByName: [String: String] = .init(minimumCapacity: rawNodes.count)
    // A name is repeated where the index already has it, but for a node without a name, whose
    // made-up name (`node 3`) may be another's: only then are the real names kept apart (each
    // name hashed twice was a tenth of decoding).
    var names: Set<String>? = rawNodes.contains { $0.name == nil } ? .init(minimumCapacity: rawNodes.count) : nil
    var nameRepeats: [String: Int] = [:]
    var references = ReferenceCollector()
    for (index, raw) in rawNodes.enumerated() {
      let name = raw.name ?? "node \(index + 1)"
      let id = raw.id.flatMap { repeatedIDs.isEmpty || !repeatedIDs.contains($0) ? $0 : nil } ?? name
      let isNewName = idByName.setFirst(id, forKey: name)
      let repeated = names == nil ? !isNewName : raw.name != nil && names?.insert(name).inserted == false
      if repeated { nameRepeats[name, default: 1] += 1 }
      let credentialKeys = connectionReferences(in: raw.credentials).map { reference in
        references.add(reference)
        return reference.key
      }
      var config = JSONObject(raw.config)
      if let material = credentialMaterial(in: raw.credentials) { config.members.append(.init("credentials", material)) }
      nodes.append(
        Node(
          id: id, name: name, type: raw.type ?? "unknown", connection: credentialKeys.first, config: config,
          position: position(raw.position)))
    }

    for (name, count) in nameRepeats.sorted(by: { $0.key < $1.key }) {
      findings.append("node name '\(name)' is used by \(count) nodes; n8n connections name nodes, so they are ambiguous")
    }

    // Counted first and reserved exactly: an array grown by doubling keeps up to half its room
    // unused, for as long as the flow is staged (a large diff's peak, a bulk load's thousands).
    // A source or a kind named twice is read as n8n reads it: the last.
    let sources = document["connections"]?.objectValue?.lastOfEachKey ?? []
    var edges: [Edge] = []
    edges.reserveCapacity(edgeCount(of: sources))
    for source in sources {
      guard let from = idByName[source.key] else {
        findings.append("connections: source node '\(source.key)' does not exist")
        continue
      }
      for kind in source.value.objectValue?.lastOfEachKey ?? [] {
        for (slot, targets) in (kind.value.arrayValue ?? []).enumerated() {
          // Made once an output, and given again for the input of the same name and number
          // (`main:0` to `main:0`, most links): built for each link, they were a twentieth of
          // decoding.
          let slotText = String(slot)
          let fromPort = kind.key + ":" + slotText
          for target in targets.arrayValue ?? [] {
            guard let targetName = target["node"]?.stringValue else { continue }
            guard let to = idByName[targetName] else {
              findings.append("node '\(source.key)' connects to '\(targetName)', which does not exist")
              continue
            }
            let inputType = target["type"]?.stringValue ?? kind.key
            let inputIndex = target["index"]?.identifierText ?? "0"
            let toPort = inputType == kind.key && inputIndex == slotText ? fromPort : inputType + ":" + inputIndex
            edges.append(Edge(from: from, fromPort: fromPort, to: to, toPort: toPort))
          }
        }
      }
    }
    let version = FlowVersion(
      name: document["name"]?.stringValue ?? fallbackName, nodes: nodes, edges: edges, connections: references.references,
      source: SourceDocument(dialect: formatName, document: document))
    return DecodedExport(version: version, findings: findings)
  }

  /// One node's members, read in one pass: those the model holds itself (the last of each
  /// key, as `JSONObject`'s subscript reads them) and the rest, its configuration. Each of
  /// eight lookups by key scanned the node's members, and copied what it found (a fifth of a
  /// 10,000-node diff's samples were in `decode`).
  private struct NodeMembers {
    var id: String?
    var name: String?
    var type: String?
    var position: JSONValue?
    var credentials: JSONValue?
    /// Every other member, in file order.
    var config: [JSONObject.Member] = []

    /// A member the model holds itself.
    private enum Modelled { case id, name, type, position, credentials }

    init(_ node: JSONValue) {
      guard case .object(let object) = node else { return }
      var id: JSONValue?
      var name: JSONValue?
      var type: JSONValue?
      var config: [JSONObject.Member] = []
      // Read in place, and the configuration given its exact room: grown member by member, it
      // was reallocated twice a node and kept up to half its room unused for as long as the
      // flow is held.
      object.members.withUnsafeBufferPointer { members in
        config.reserveCapacity(members.count - members.count { Self.modelled($0.key) != nil })
        for index in members.indices {
          switch Self.modelled(members[index].key) {
          case .id: id = members[index].value
          case .name: name = members[index].value
          case .type: type = members[index].value
          case .position: position = members[index].value
          case .credentials: credentials = members[index].value
          case nil: config.append(members[index])
          }
        }
      }
      self.id = id?.identifierText
      self.name = name?.stringValue
      self.type = type?.stringValue
      self.config = config
    }

    /// Which modelled member `key` names, by length and first byte first: `switch` over
    /// string literals compared every key with each in turn, a call into the standard library
    /// for every pair that differs.
    private static func modelled(_ key: String) -> Modelled? {
      guard let first = key.utf8.first else { return nil }
      switch (key.utf8.count, first) {
      case (2, UInt8(ascii: "i")) where key == "id": return .id
      case (4, UInt8(ascii: "n")) where key == "name": return .name
      case (4, UInt8(ascii: "t")) where key == "type": return .type
      case (8, UInt8(ascii: "p")) where key == "position": return .position
      case (11, UInt8(ascii: "c")) where key == "credentials": return .credentials
      default: return nil
      }
    }
  }

  /// The references a node's `credentials` member holds, in both shapes n8n has written. Of a
  /// type named twice, the last: the one n8n reads, and the one `encode` rebinds.
  private static func connectionReferences(in credentials: JSONValue?) -> [ConnectionRef] {
    (credentials?.objectValue?.lastOfEachKey ?? []).compactMap { member in
      switch member.value {
      case .string(let name):
        return ConnectionRef(key: member.key + ":" + name, type: member.key, name: name)
      case .object(let object):
        let id = object["id"]?.identifierText
        let name = object["name"]?.stringValue ?? id ?? ""
        // Joined and built directly: interpolation and a dictionary literal were most of the
        // cost of each reference.
        let properties = JSONObject(id.map { [JSONObject.Member("id", .string($0))] } ?? [])
        return ConnectionRef(
          key: member.key + ":" + (id.flatMap { $0.isEmpty ? nil : $0 } ?? name), type: member.key, name: name, properties: properties)
      default:
        return nil
      }
    }
  }

  /// What a node's credential references carry beyond `{id, name}`, by type
  /// (`{"postgres": {"data": …}}`), or nil when they carry nothing more: the model keeps the
  /// references, and this stays in the node's configuration, where a diff sees it change (as
  /// a secret, by `rewritingSecrets`). Left out, a changed password diffed as no change.
  private static func credentialMaterial(in credentials: JSONValue?) -> JSONValue? {
    guard let entries = credentials?.objectValue?.lastOfEachKey, entries.contains(where: { carriesMaterial($0.value) }) else {
      return nil
    }
    let material = entries.compactMap { entry -> JSONObject.Member? in
      guard case .object(let reference) = entry.value, carriesMaterial(entry.value) else { return nil }
      return .init(entry.key, .object(JSONObject(reference.members.filter { !isReferenceMember($0.key) })))
    }
    return .object(JSONObject(material))
  }

  private static func carriesMaterial(_ reference: JSONValue) -> Bool {
    reference.objectValue?.members.contains { !isReferenceMember($0.key) } ?? false
  }

  private static func isReferenceMember(_ key: String) -> Bool { key == "id" || key == "name" }

  /// Credential data exported with a workflow: `credentials.<type>.data`, and the OAuth tokens
  /// some tools write beside it (`oauthTokenData`). References are only `{id, name}`;
  /// `n8n export:credentials --decrypted` and some tools add the values.
  static func rewritingSecrets(in value: JSONValue, _ walker: SecretWalker) -> JSONValue {
    var walker = walker
    walker.embeddedDocumentKeys = embeddedWorkflowKeys
    return walker.walk(value) { place, key in
      (key == "data" || key == "oauthTokenData") && place.keys.count >= 2 && place.keys[place.keys.count - 2] == "credentials"
    }
  }

  /// Parameters whose text is a workflow written as JSON: the Execute Workflow node's
  /// `workflowJson`, its credentials' data with it.
  static let embeddedWorkflowKeys: Set<String> = ["workflowJson"]

  /// Without their closing quote: JSON written in a text (`workflowJson`) escapes it.
  static var secretTextMarkers: [String]? { [#""data"#, #""oauthTokenData"#] }

  /// Diff compares n8n's model as decoded (the default `diffView`).
  static let defersNodeSecretsToDiffer = true

  /// n8n keeps credentials apart from workflows: an export keeps every parameter.
  static let exportsDropSecretMembers = false

  /// How many targets the sources of the `connections` object wire: one edge each.
  private static func edgeCount(of sources: [JSONObject.Member]) -> Int {
    var count = 0
    for source in sources {
      for kind in source.value.objectValue?.lastOfEachKey ?? [] {
        for targets in kind.value.arrayValue ?? [] { count += targets.arrayValue?.count ?? 0 }
      }
    }
    return count
  }

  static func position(_ value: JSONValue?) -> Position? {
    guard let pair = value?.arrayValue, pair.count == 2, case .number(let x) = pair[0], case .number(let y) = pair[1] else { return nil }
    return Position(x: x, y: y)
  }

  /// The source document with credential bindings written in (renames rewrite the document
  /// itself, see `renamingNode`).
  static func encode(_ version: FlowVersion, document: JSONValue, options: EncodeOptions) -> JSONValue {
    let bound = reboundReferences(version, document: document)
    guard !bound.isEmpty, case .object(var root) = document, var nodes = root["nodes"]?.arrayValue else { return document }
    for index in nodes.indices {
      guard case .object(var node) = nodes[index], var entries = node["credentials"]?.objectValue else { continue }
      for reference in connectionReferences(in: nodes[index]["credentials"]) {
        guard let target = bound[reference.key] else { continue }
        switch entries[reference.type] {
        case .string?:
          entries[reference.type] = .string(target.name)
        default:
          var entry = entries[reference.type]?.objectValue ?? [:]
          entry["id"] = target.boundID ?? entry["id"]
          entry["name"] = .string(target.name)
          entries[reference.type] = .object(entry)
        }
      }
      node["credentials"] = .object(entries)
      nodes[index] = .object(node)
    }
    root["nodes"] = .array(nodes)
    return .object(root)
  }

  /// n8n nodes refer to each other by name, so the document is rewritten (connections,
  /// pinData, expressions: see `N8nRename`) and read again.
  static func renamingNode(_ old: String, to new: String, in version: FlowVersion, document: JSONValue) throws(FormatError)
    -> DecodedExport
  {
    var decoded = decode(N8nRename.rename(old, to: new, in: document), fallbackName: version.name)
    decoded.version.connections = version.connections
    decoded.version.metadata = version.metadata
    return decoded
  }
}
