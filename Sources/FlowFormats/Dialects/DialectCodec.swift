import FlowModel

/// A foreign platform's export format, read into the model and written back.
///
/// `decode` derives the model view (nodes, edges, connection references) and never fails on a
/// document that has the dialect's shape: broken rules (a wire to an unknown id, a duplicate
/// name) become findings that name the node. `encode` starts from the source document and
/// writes in only what the model changed, so an unchanged flow comes back as it was read.
/// Everything else FlowPort knows about the dialect is here too, so a dialect is one file.
protocol DialectCodec: DocumentCodec {
  /// The platform that writes the format, for the hint on a file no format recognizes: `n8n`.
  static var platform: String { get }
  /// Where detection tries this dialect: the highest rank first, so a document with the shape
  /// of two dialects is read as the more specific one.
  static var detectionRank: Int { get }
  /// True when the document has this dialect's structure (detection by content).
  static func recognizes(_ document: JSONValue) -> Bool
  static func decode(_ document: JSONValue, fallbackName: String) -> DecodedExport
  /// `decode` of a flow that is only compared (`ExportFormat.read`'s `onlyToCompare`): a
  /// dialect whose view makes its nodes again from the document (`viewMakesNodesFromDocument`)
  /// leaves out their configurations, which the view drops.
  static func decodeToCompare(_ document: JSONValue, fallbackName: String) -> DecodedExport
  static func encode(_ version: FlowVersion, document: JSONValue, options: EncodeOptions) -> JSONValue
  /// Top-level members that hold the graph (already in the model) and are not metadata.
  static var graphMembers: Set<String> { get }
  /// The flow's own settings, for diff.
  static func metadata(_ document: JSONValue) -> JSONObject
  /// The flow read from this dialect (`document` is its source) with a node renamed; the names
  /// are checked already.
  static func renamingNode(_ old: String, to new: String, in version: FlowVersion, document: JSONValue) throws(FormatError)
    -> DecodedExport
  /// The role of a node type in this dialect's own vocabulary; nil for FlowPort's (`NodeRole(type:)`).
  static func nodeRole(ofType type: String) -> NodeRole?
  /// Properties a node of a type of this dialect must have to count as configured, by type.
  static var requiredNodeConfig: [String: [String]] { get }
  /// Refuses a document this dialect recognizes whose structure is not its own, at the first
  /// place it breaks (`nodes[2]: expected an object, found a string`): decoding reads what it
  /// can and skips the rest, and made "4 nodes" of unknown type out of `"nodes": [1, 2, "x",
  /// null]`, loaded without a word.
  static func checkShape(_ document: JSONValue) throws(FormatError)
  /// The flow as diff compares it (`document` gives its source, its secrets stand-ins as
  /// `rewritingSecretsForView` leaves them: called only by a view that reads it, as walking a
  /// whole file for secrets costs as much as the model's): every connection-level object of
  /// the file (config nodes, controller services, parameter contexts, connection details) a
  /// connection reference with its settings as properties, ids and names that an instance
  /// mints left out of names and types, positions only in `Node.position`, each fact in one
  /// place, and secret values replaced by `SecretStandIn`s.
  static func diffView(of version: FlowVersion, document: () -> JSONValue) -> FlowVersion
  /// True when `diffView` makes every node again from the document, keeping of the model's
  /// nodes only their ids and connections: their configurations are not worth rewriting first.
  static var viewMakesNodesFromDocument: Bool { get }
  /// True when `diffView` leaves the nodes' configurations as decoded: their secrets by
  /// `rewritingSecrets` can then be stood in for by the differ, in the configurations it
  /// shows alone (`Secrets.shownInDiff`), not in every node of both files.
  static var defersNodeSecretsToDiffer: Bool { get }
  /// True when the platform's exports drop the members that hold secrets (Node-RED's
  /// `credentials`, NiFi's sensitive properties), so that a diff takes a secret on one side
  /// only for one left out; false where they keep every member (n8n, Make).
  static var exportsDropSecretMembers: Bool { get }
  /// Where the dialect writes node ids inside longer strings (Make's `{{3.field}}`), so diff
  /// can follow a node that another instance renumbered: digits followed by `suffix` inside
  /// `open` … `close` (see `FlowDiff.EmbeddedIDs`).
  static var embeddedIDs: (open: String, close: String, suffix: Character)? { get }
  /// `value` (a whole document, or one node's configuration as the model holds it) with every
  /// secret this dialect's documents carry rewritten by `walker`: the one place a dialect says
  /// which of its fields are credentials, used by every writer, every view and the store.
  static func rewritingSecrets(in value: JSONValue, _ walker: SecretWalker) -> JSONValue
  /// The whole document as `diffView` reads it, its secrets rewritten by `walker` as
  /// `rewritingSecrets` does, but for those of the nodes' configurations where the differ
  /// stands in for them (`defersNodeSecretsToDiffer`), which a dialect may leave.
  static func rewritingSecretsForView(in document: JSONValue, _ walker: SecretWalker) -> JSONValue
  /// Texts every document holding a secret by `rewritingSecrets` contains as written (a quoted
  /// member name its rule asks for), so a document without them, and without escapes that
  /// could spell them otherwise, needs no walk; nil when the rule has none (names judged by
  /// their words).
  static var secretTextMarkers: [String]? { get }
  /// What a removed secret reads in this dialect's files (EP writes `<password_redacted>`).
  static var secretPlaceholder: String { get }
  /// The member of a node's object that holds its id (`identifier` in NiFi), where values are set.
  static var nodeIDKey: String { get }
}

extension DialectCodec {
  /// By default, the document's top-level members other than the graph.
  static func metadata(_ document: JSONValue) -> JSONObject {
    JSONObject((document.objectValue ?? [:]).members.filter { !graphMembers.contains($0.key) })
  }

  /// By default a dialect cannot rename nodes.
  static func renamingNode(_ old: String, to new: String, in version: FlowVersion, document: JSONValue) throws(FormatError)
    -> DecodedExport
  {
    throw .unsupported("renaming nodes of a \(displayName)")
  }

  static func nodeRole(ofType type: String) -> NodeRole? { nil }

  static var secretPlaceholder: String { Secrets.placeholder }

  static var secretTextMarkers: [String]? { nil }

  static var nodeIDKey: String { "id" }

  /// By default only the passwords of JAAS login lines are secrets.
  static func rewritingSecrets(in value: JSONValue, _ walker: SecretWalker) -> JSONValue {
    walker.walk(value) { _, _ in false }
  }
  static var requiredNodeConfig: [String: [String]] { [:] }

  /// By default any document the dialect recognizes is its own: Node-RED's recognition takes
  /// only a list of objects, each with a text id and type.
  static func checkShape(_ document: JSONValue) throws(FormatError) {}

  /// By default diff compares the model as decoded.
  static func diffView(of version: FlowVersion, document: () -> JSONValue) -> FlowVersion { version }
  static var viewMakesNodesFromDocument: Bool { false }
  static func decodeToCompare(_ document: JSONValue, fallbackName: String) -> DecodedExport {
    decode(document, fallbackName: fallbackName)
  }
  static var defersNodeSecretsToDiffer: Bool { false }
  static var exportsDropSecretMembers: Bool { true }
  static func rewritingSecretsForView(in document: JSONValue, _ walker: SecretWalker) -> JSONValue {
    rewritingSecrets(in: document, walker)
  }
  static var asDialectCodec: (any DialectCodec.Type)? { Self.self }
  static var embeddedIDs: (open: String, close: String, suffix: Character)? { nil }

  /// A foreign dialect can only be written for a flow read from it: its source document is
  /// what is written, with the model's changes in it.
  static func document(for version: FlowVersion, stamp: ExportStamp?, options: EncodeOptions) throws(FormatError) -> JSONValue {
    guard let source = version.source, source.dialect == formatName else {
      let origin = version.source.flatMap { ExportFormat(rawValue: $0.dialect)?.displayName } ?? "FlowPort JSON"
      throw .unconvertible(from: origin, to: displayName)
    }
    return encode(version, document: source.document, options: options)
  }
}

/// A decoded export: the flow, and what was noticed while reading it.
public struct DecodedExport: Sendable {
  /// The flow read from the document.
  public var version: FlowVersion
  /// Problems with the document that did not stop it from loading, each naming the node.
  public var findings: [String]
  /// The document's minified text, when the read asked for it (`ExportFormat.read`'s
  /// `keepingText`, for `OutlinedFlow`).
  public var documentText: [UInt8]?

  init(version: FlowVersion, findings: [String] = [], documentText: [UInt8]? = nil) {
    self.version = version
    self.findings = findings
    self.documentText = documentText
  }
}

/// How a flow is written.
public struct EncodeOptions: Sendable {
  /// Write credential values the dialect carries (IBM Event Processing SASL passwords); off by default.
  var includeCredentials: Bool
  /// How JSON formats are laid out.
  var layout: JSONWriter.Layout
  /// Replace secrets found in clear with placeholders (JSON formats; bundles always do).
  var redactSecrets: Bool

  /// Options for writing; the defaults write no credentials, indent by two and redact nothing.
  public init(includeCredentials: Bool = false, layout: JSONWriter.Layout = .indented(2), redactSecrets: Bool = false) {
    self.includeCredentials = includeCredentials
    self.layout = layout
    self.redactSecrets = redactSecrets
  }
}

extension JSONValue {
  /// Text for a scalar used as an identifier: strings as they are, numbers as written.
  var identifierText: String? {
    switch self {
    case .string(let text): text
    case .number(let number): number.text
    default: nil
    }
  }
}

extension DialectCodec {
  /// The references whose binding differs from what the document itself says, by key: the only
  /// ones an encoder writes, so an unchanged flow is written back exactly as read.
  static func reboundReferences(_ version: FlowVersion, document: JSONValue) -> [String: ConnectionRef] {
    let original = Dictionary(
      decode(document, fallbackName: version.name).version.connections.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
    var rebound: [String: ConnectionRef] = [:]
    for reference in version.connections where original[reference.key] != reference {
      rebound[reference.key] = reference
    }
    return rebound
  }
}

extension DialectCodec {
  /// For dialects whose references are the ids of objects in the file (Node-RED config nodes,
  /// NiFi controller services): old id -> the bound connection's `id`, where they differ.
  static func idRenames(_ version: FlowVersion) -> [String: String] {
    var renames: [String: String] = [:]
    for reference in version.connections {
      if let target = reference.boundID?.stringValue, target != reference.key { renames[reference.key] = target }
    }
    return renames
  }
}

extension ConnectionRef {
  /// The target's identity for a bound reference: the connection's `id` property if it has one.
  var boundID: JSONValue? { properties["id"] }
}

/// Collects connection references once each, in the order they are first seen.
struct ReferenceCollector {
  private(set) var references: [ConnectionRef] = []
  private var seen: Set<String> = []

  mutating func add(_ reference: ConnectionRef) {
    if seen.insert(reference.key).inserted { references.append(reference) }
  }
}
