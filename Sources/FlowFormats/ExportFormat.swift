import FlowModel
import Foundation

/// The file formats FlowPort reads and writes.
public enum ExportFormat: String, CaseIterable, Sendable {
  /// FlowPort's own JSON envelope, `"format": "flowport/1"`.
  case json
  case n8n
  case nodeRed = "node-red"
  case make
  case nifi
  case ibmEP = "ibm-ep"
  /// FlowPort's bundle: a zip of flow_definition.json, app_definition.json, env_variables.json
  /// and config.yaml (see `BundleCodec`).
  case bundle
  /// Flink SQL for event-processing flows; written, never read (see `FlinkSQLWriter`).
  case sql

  /// The file name extension a file of this format gets.
  public var fileExtension: String {
    switch self {
    case .bundle: "zip"
    case .sql: "sql"
    default: "json"
    }
  }

  /// Bundles and SQL are written only for a flow that passes `ExportValidation`.
  public var needsValidation: Bool { self == .bundle || self == .sql }

  /// How people call the format, for messages.
  public var displayName: String {
    switch self {
    case .json: "FlowPort JSON (flowport/1)"
    case .n8n: "n8n workflow"
    case .nodeRed: "Node-RED flow"
    case .make: "Make blueprint"
    case .nifi: "NiFi flow definition"
    case .ibmEP: "IBM Event Processing flow"
    case .bundle: "FlowPort bundle (zip)"
    case .sql: "Flink SQL"
    }
  }

  /// The codecs of the foreign dialects, in the order detection tries them (most specific first).
  static let dialects: [any DialectCodec.Type] = [
    IBMEventProcessingCodec.self, NiFiCodec.self, MakeCodec.self, N8nCodec.self, NodeRedCodec.self,
  ]

  var codec: (any DialectCodec.Type)? { Self.dialects.first { $0.format == self } }

  /// Reads an export of any format, detected by content, never by file name.
  public static func read(_ bytes: some Collection<UInt8>, fallbackName: String) throws(FormatError) -> (ExportFormat, DecodedExport) {
    if BundleCodec.isBundle(bytes) { return (.bundle, DecodedExport(version: try BundleCodec.decode(Data(bytes)))) }
    if bytes.prefix(4096).contains(0) { throw .binary }
    let document: JSONValue
    do { document = try JSONParser.parse(bytes) } catch {
      if looksLikeSQL(bytes) { throw .writeOnly("Flink SQL") }
      throw .syntax(error)
    }
    if let format = document["format"]?.stringValue {
      guard format == NativeJSONCodec.formatTag else { throw .unsupportedVersion(format) }
      return (.json, DecodedExport(version: try NativeJSONCodec.decode(document)))
    }
    guard let codec = dialects.first(where: { $0.recognizes(document) }) else {
      throw .unrecognized(
        "it is \(document.kindName) that is neither flowport/1 nor an n8n, Node-RED, Make, NiFi or IBM Event Processing export")
    }
    var decoded = codec.decode(document, fallbackName: fallbackName)
    decoded.version.metadata = codec.metadata(document)
    return (codec.format, decoded)
  }

  /// A foreign flow's settings, derived from its source document.
  static func metadata(of source: SourceDocument) -> JSONObject {
    ExportFormat(rawValue: source.dialect)?.codec?.metadata(source.document) ?? [:]
  }

  /// The bytes of a file of this format. JSON formats are laid out and redacted as asked;
  /// bundles always redact, SQL always masks secret options.
  public func file(for version: FlowVersion, stamp: ExportStamp?, options: EncodeOptions = EncodeOptions()) throws(FormatError) -> Data {
    switch self {
    case .bundle: return try BundleCodec.encode(version, stamp: stamp)
    case .sql: return Data(try FlinkSQLWriter.script(for: version, stamp: stamp).utf8)
    default:
      var document = try encode(version, stamp: stamp, options: options)
      if options.redactSecrets { document = SecretScanner.redact(document) }
      return Data(JSONWriter(layout: options.layout).bytes(document) + [0x0A])
    }
  }

  /// Writes a flow in this JSON format. A foreign dialect can only be written for a flow read from
  /// that dialect: its source document is what is written, with the model's changes in it.
  public func encode(_ version: FlowVersion, stamp: ExportStamp?, options: EncodeOptions = EncodeOptions()) throws(FormatError)
    -> JSONValue
  {
    if self == .bundle || self == .sql { throw .unsupported("\(displayName) as a JSON document") }
    guard let codec else { return NativeJSONCodec.encode(options.includeCredentials ? version : version.withoutSecrets, stamp: stamp) }
    guard let source = version.source, source.dialect == rawValue else {
      let origin = version.source.flatMap { ExportFormat(rawValue: $0.dialect)?.displayName } ?? "FlowPort JSON"
      throw .unconvertible(from: origin, to: displayName)
    }
    return codec.encode(version, document: source.document, options: options)
  }

  /// The flow with a node renamed. In n8n, where nodes refer to each other by name, the
  /// document is rewritten (connections, pinData, expressions) and read again.
  public static func renamingNode(_ old: String, to new: String, in version: FlowVersion) throws(FormatError) -> DecodedExport {
    guard version.nodes.contains(where: { $0.name == old }) else { throw .noSuchNode(old) }
    if version.nodes.contains(where: { $0.name == new }) { throw .nodeExists(new) }
    switch version.source {
    case nil:
      var renamed = version
      for index in renamed.nodes.indices where renamed.nodes[index].name == old { renamed.nodes[index].name = new }
      return DecodedExport(version: renamed)
    case let source? where source.dialect == ExportFormat.n8n.rawValue:
      var decoded = N8nCodec.decode(N8nRename.rename(old, to: new, in: source.document), fallbackName: version.name)
      decoded.version.connections = version.connections
      decoded.version.metadata = version.metadata
      return decoded
    case let source?:
      throw .unsupported("renaming nodes of a \(ExportFormat(rawValue: source.dialect)?.displayName ?? source.dialect)")
    }
  }

  /// The format a flow is written in when none is asked for: the one it was read from.
  public static func natural(for version: FlowVersion) -> ExportFormat {
    version.source.flatMap { ExportFormat(rawValue: $0.dialect) } ?? .json
  }

  private static func looksLikeSQL(_ bytes: some Collection<UInt8>) -> Bool {
    let head = String(decoding: bytes.prefix(4096), as: UTF8.self).uppercased()
    return ["CREATE TABLE", "INSERT INTO", "CREATE TEMPORARY", "SELECT ", "-- IBM EVENT AUTOMATION"].contains { head.contains($0) }
  }
}
