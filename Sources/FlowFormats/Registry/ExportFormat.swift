import FlowModel
import Foundation

/// A file format FlowPort reads or writes: a value backed by the format's codec, one of
/// `FormatRegistry.all`. Its raw value is the name `--format` takes (`json`, `n8n`, `node-red`).
public struct ExportFormat: Hashable, Sendable, RawRepresentable, CaseIterable {
  let codec: any FormatCodec.Type

  init(_ codec: any FormatCodec.Type) { self.codec = codec }

  /// The format of this name, if FlowPort knows one.
  public init?(rawValue: String) {
    guard let codec = FormatRegistry.codec(named: rawValue) else { return nil }
    self.codec = codec
  }

  /// The name `--format` takes, and `SourceDocument.dialect` records.
  public var rawValue: String { codec.formatName }

  /// Every format, in the order lists and help show them.
  public static var allCases: [ExportFormat] { FormatRegistry.all.map(ExportFormat.init) }

  /// FlowPort's own JSON envelope, `"format": "flowport/1"`.
  public static let json = ExportFormat(NativeJSONCodec.self)
  /// FlowPort's bundle: a zip of flow_definition.json, app_definition.json, env_variables.json
  /// and config.yaml (see `BundleCodec`).
  public static let bundle = ExportFormat(BundleCodec.self)
  /// Flink SQL for event-processing flows; written, never read (see `FlinkSQLWriter`).
  public static let sql = ExportFormat(FlinkSQLWriter.self)

  /// Formats are the same when their names are, whatever codec value holds them.
  public static func == (left: ExportFormat, right: ExportFormat) -> Bool { left.rawValue == right.rawValue }
  /// Hashes the name, as `==` compares it.
  public func hash(into hasher: inout Hasher) { hasher.combine(rawValue) }

  /// The file name extension a file of this format gets.
  public var fileExtension: String { codec.fileExtension }

  /// True when a flow is written in this format only if it passes `ExportValidation` (bundles, SQL).
  public var needsValidation: Bool { codec.needsValidation }

  /// How people call the format, for messages.
  public var displayName: String { codec.displayName }

  /// Property paths a diff of flows of this format leaves out unless asked for.
  public var volatilePaths: [String] { codec.volatilePaths }

  /// Where this format writes node ids inside longer strings (Make's `{{3.field}}`), for diff.
  public var embeddedIDs: (open: String, close: String, suffix: Character)? { dialect?.embeddedIDs }

  /// The flow as diff compares it: for a flow read from a foreign dialect, its codec's view
  /// (connection-level objects with their settings, secrets as stand-ins, positions once; see
  /// `DialectCodec.diffView`); any other flow as it is. The view keeps the source's dialect but
  /// not its document: diff compares the model, and scanning the whole file again for a view
  /// nobody reads was a tenth of a large diff.
  ///
  /// Nodes' configurations are not scanned for secret-looking values here: the differ has that
  /// done to the configurations of the nodes it shows (`Secrets.shownInDiff`, set in
  /// `DiffOptions.shownConfiguration` by whoever compares views), most of a large flow's nodes
  /// being unchanged. Nor are their secrets by rule stood in for where the differ does it,
  /// where it shows (`defersNodeSecretsToDiffer`: n8n, Make, Node-RED, FlowPort's own): walking
  /// every node of two large n8n files for them was a seventh of the diff, and of two Node-RED
  /// files a quarter.
  public static func diffView(of version: FlowVersion) -> FlowVersion {
    // Every secret, by the flow's own rules, becomes a stand-in first (in node configurations
    // too, unless the differ is left to do it): a changed one shows as `changed (secret)` and
    // its value never reaches the diff. Secret-looking values found by scanning (a token in
    // code, a password in a URL) become stand-ins last, in place.
    let standIn = Secrets.diffStandIns()
    let scanned = { (version: FlowVersion) in
      Secrets.scanRedacted(version, replacing: Secrets.standIn(kind:secret:), includingNodes: false)
    }
    let name = version.source?.dialect
    guard let source = version.source, let dialect = ExportFormat(rawValue: source.dialect)?.dialect else {
      return scanned(Secrets.rewriting(version, standIn, includingNodes: !Secrets.differStandsInNodeSecrets(of: name)))
    }
    // The document is walked only if the dialect's view reads it (Node-RED, NiFi): it holds
    // the nodes' configurations again (n8n, Make and EP views read the model alone).
    var bare = version
    bare.source?.document = .null
    // Node-RED's view makes its nodes again from the document: walking their configurations
    // in the model for secrets first was a seventh of a Node-RED diff. A side read only to be
    // compared has none to clear, and clearing them anyway copied every node.
    if dialect.viewMakesNodesFromDocument, bare.hasNodeConfigs {
      for index in bare.nodes.indices { bare.nodes[index].config = [:] }
    }
    // Connection settings are scanned with the rest (`scanRedacted`): a bot's `token`, a
    // password in a config node's URL.
    let differStandsIn = Secrets.differStandsInNodeSecrets(of: name)
    let rewritten = Secrets.rewriting(bare, standIn, includingNodes: !differStandsIn)
    // The nodes' secrets are left in the document only where the differ stands in for them.
    return scanned(
      dialect.diffView(of: rewritten) {
        differStandsIn
          ? dialect.rewritingSecretsForView(in: source.document, standIn) : dialect.rewritingSecrets(in: source.document, standIn)
      })
  }

  /// The dialect's codec, for a foreign dialect.
  var dialect: (any DialectCodec.Type)? { codec.asDialectCodec }

  /// True when this format's exports may leave secrets out by dropping their members
  /// (`DialectCodec.exportsDropSecretMembers`); FlowPort's own writes a placeholder, but a
  /// file may have been cut by hand.
  public var exportsDropSecretMembers: Bool { dialect?.exportsDropSecretMembers ?? true }

  /// True for a foreign platform's dialect (n8n, Node-RED, ...), whose files name connections
  /// by the platform's own ids.
  public var isDialect: Bool { dialect != nil }

  /// Reads an export of any format, detected by content, never by file name. A name the
  /// workspace could not keep as it is (`NameCheck`) is refused, where it stands.
  public static func read(_ bytes: some Collection<UInt8>, fallbackName: String) throws(FormatError) -> (ExportFormat, DecodedExport) {
    try decode(parse(bytes), fallbackName: fallbackName) { Array(bytes) }
  }

  /// `read(_:fallbackName:)` for a file's bytes the caller gives up: the parse returns their
  /// memory to the system as it passes it (`JSONParser.parse(handingOver:)`), and they are let
  /// go once parsed, before the flow is built (held to the end, they were a tenth of a large
  /// diff's peak of memory; held whole while the tree was built, a sixth of a large load's).
  /// Bytes still shared (a `Data` the caller kept a copy of) are copied first. `reread` reads
  /// the file again, asked only to place an error found later: a name the workspace could not
  /// keep. The files of one bulk read share their repeated strings through `sharing`. With
  /// `keepingText`, a JSON document's minified text comes back in `DecodedExport.documentText`
  /// (for `OutlinedFlow`). With `onlyToCompare`, the flow is read for its `comparedView`
  /// alone, and may lack what that view makes again from the document
  /// (`DialectCodec.decodeToCompare`): such a flow never leaves the package.
  package static func read(
    taking bytes: consuming Data, fallbackName: String, sharing: SharedStrings? = nil, keepingText: Bool = false,
    onlyToCompare: Bool = false, reread: () -> Data?
  ) throws(FormatError) -> (ExportFormat, DecodedExport) {
    var owned = consume bytes
    // Mutable access makes the bytes this read's alone (copied, were they shared), so the
    // parse may return their memory.
    let parsed = try owned.withUnsafeMutableBytes { raw in
      let bytes = raw.assumingMemoryBound(to: UInt8.self)
      return Result { () throws(FormatError) in
        try parse(UnsafeBufferPointer(bytes)) { () throws(JSONParseError) in
          try JSONParser.parse(handingOver: bytes, sharing: sharing, keepingText: keepingText)
        }
      }
    }.get()
    _ = consume owned
    return try decode(parsed, fallbackName: fallbackName, onlyToCompare: onlyToCompare) { reread().map(Array.init) ?? [] }
  }

  /// An export as parsed, before its flow is built: a bundle's flow, or a JSON document (with
  /// its minified text, when it was asked for).
  private enum Parsed {
    case bundle(FlowVersion)
    case document(JSONValue, text: [UInt8]?)
  }

  /// The error for bytes whose first 4 KB hold a NUL byte, which no text export does: UTF-16
  /// text (whose ASCII characters each stand beside one), or binary, naming where the NUL
  /// stands (a stray one in a text is then found); nil for text, which is asked nothing more.
  /// Over contiguous bytes when it can: a generic `prefix(4096).contains(0)` on `Data` was 4%
  /// of a bulk load.
  private static func binaryError(_ bytes: some Collection<UInt8>) -> FormatError? {
    let nul =
      bytes.withContiguousStorageIfAvailable { $0.prefix(4096).firstIndex(of: 0) }
      ?? bytes.prefix(4096).firstIndex(of: 0).map {
        bytes.distance(from: bytes.startIndex, to: $0)
      }
    guard let nul else { return nil }
    return isUTF16(Array(bytes.prefix(4))) ? .utf16 : .binary(at: .of(nul, in: bytes))
  }

  /// True when `head`, a text's first four bytes, begins UTF-16: a byte order mark of either
  /// order, or two characters each beside a NUL (`{` `\0` `\n` `\0`) as UTF-32 is not.
  private static func isUTF16(_ head: [UInt8]) -> Bool {
    if head.starts(with: [0xFF, 0xFE]) || head.starts(with: [0xFE, 0xFF]) { return true }
    guard head.count == 4 else { return false }
    let (even, odd) = ([head[0], head[2]], [head[1], head[3]])
    return even.allSatisfy { $0 == 0 } && odd.allSatisfy { $0 != 0 } || odd.allSatisfy { $0 == 0 } && even.allSatisfy { $0 != 0 }
  }

  private static func parse(_ bytes: some Collection<UInt8>) throws(FormatError) -> Parsed {
    try parse(bytes) { () throws(JSONParseError) in (try JSONParser.parse(bytes), nil) }
  }

  /// A bundle, or the JSON document `json` reads from `bytes` (and its minified text, when
  /// asked for); what is neither is said as what it looks like (binary, SQL).
  private static func parse(_ bytes: some Collection<UInt8>, json: () throws(JSONParseError) -> (JSONValue, [UInt8]?))
    throws(FormatError) -> Parsed
  {
    if BundleCodec.isBundle(bytes) { return .bundle(try BundleCodec.decode(Data(bytes))) }
    if let binary = binaryError(bytes) { throw binary }
    do {
      let (value, text) = try json()
      return .document(value, text: text)
    } catch {
      if looksLikeSQL(bytes) { throw .writeOnly(FlinkSQLWriter.displayName) }
      throw .syntax(error)
    }
  }

  /// The flow built from what was parsed; a name the workspace could not keep is refused at
  /// its place in `file` (the bytes parsed, asked for only then). A flow its export names with
  /// nothing (`"name": ""`) is named by `fallbackName`, as one it does not name: a flow named
  /// nothing was staged, committed and listed as a blank line.
  private static func decode(_ parsed: Parsed, fallbackName: String, onlyToCompare: Bool = false, file: () -> [UInt8])
    throws(FormatError) -> (ExportFormat, DecodedExport)
  {
    var (format, decoded) = try flow(from: parsed, fallbackName: fallbackName, onlyToCompare: onlyToCompare)
    if decoded.version.name.allSatisfy(\.isWhitespace) { decoded.version.name = fallbackName }
    try NameCheck.refuseNUL(in: decoded.version, file: file, isBundle: format == .bundle)
    return (format, decoded)
  }

  /// The flow a parsed export holds, and its format.
  private static func flow(from parsed: Parsed, fallbackName: String, onlyToCompare: Bool) throws(FormatError) -> (
    ExportFormat, DecodedExport
  ) {
    let document: JSONValue
    let text: [UInt8]?
    switch parsed {
    case .bundle(let version): return (.bundle, DecodedExport(version: version))
    case .document(let parsed, let minified): (document, text) = (parsed, minified)
    }
    if let format = document["format"]?.stringValue {
      guard format == NativeJSONCodec.formatTag else { throw .unsupportedVersion(format) }
      return (.json, DecodedExport(version: try NativeJSONCodec.decode(document), documentText: text))
    }
    if N8nCodec.isCredentialsExport(document) { throw .credentialsExport(platform: N8nCodec.platform) }
    guard let codec = FormatRegistry.detectionOrder.first(where: { $0.recognizes(document) }) else {
      throw .unrecognized(
        "it is \(document.kindName) that is neither \(NativeJSONCodec.formatTag) nor an \(Self.platformList) export")
    }
    try codec.checkShape(document)
    var decoded =
      onlyToCompare ? codec.decodeToCompare(document, fallbackName: fallbackName) : codec.decode(document, fallbackName: fallbackName)
    decoded.version.metadata = codec.metadata(document)
    decoded.documentText = text
    return (ExportFormat(codec), decoded)
  }

  /// The platforms of the dialects, for a message: `n8n, Node-RED, ... or IBM Event Processing`.
  private static var platformList: String {
    let platforms = FormatRegistry.dialects.map { $0.platform }
    guard platforms.count > 1 else { return platforms.joined() }
    return platforms.dropLast().joined(separator: ", ") + " or " + platforms[platforms.count - 1]
  }

  /// A foreign flow's settings, derived from its source document.
  static func metadata(of source: SourceDocument) -> JSONObject {
    ExportFormat(rawValue: source.dialect)?.dialect?.metadata(source.document) ?? [:]
  }

  /// The bytes of a file of this format. JSON formats are laid out and redacted as asked;
  /// bundles always redact, SQL always masks secret options.
  public func file(for version: FlowVersion, stamp: ExportStamp?, options: EncodeOptions = EncodeOptions()) throws(FormatError) -> Data {
    try codec.file(for: Self.shareable(version, options: options), stamp: stamp, options: options)
  }

  /// What any format may write: without credentials unless they are asked for, and without
  /// secret-looking values too with `--redact` (bundles and SQL always).
  static func shareable(_ version: FlowVersion, options: EncodeOptions) -> FlowVersion {
    let version = options.includeCredentials ? version : version.withoutSecrets
    return options.redactSecrets ? Secrets.scanRedacted(version) : version
  }

  /// Writes a flow in this JSON format. A foreign dialect can only be written for a flow read from
  /// that dialect: its source document is what is written, with the model's changes in it.
  public func encode(_ version: FlowVersion, stamp: ExportStamp?, options: EncodeOptions = EncodeOptions()) throws(FormatError)
    -> JSONValue
  {
    guard let codec = codec.asDocumentCodec else { throw .unsupported("\(displayName) as a JSON document") }
    return try codec.document(for: Self.shareable(version, options: options), stamp: stamp, options: options)
  }

  /// The flow with a node renamed, by the codec of the dialect it was read from (n8n rewrites
  /// its document, where nodes refer to each other by name).
  public static func renamingNode(_ old: String, to new: String, in version: FlowVersion) throws(FormatError) -> DecodedExport {
    guard version.nodes.contains(where: { $0.name == old }) else { throw .noSuchNode(old) }
    if version.nodes.contains(where: { $0.name == new }) { throw .nodeExists(new) }
    guard let source = version.source else {
      var renamed = version
      for index in renamed.nodes.indices where renamed.nodes[index].name == old { renamed.nodes[index].name = new }
      return DecodedExport(version: renamed)
    }
    guard let dialect = ExportFormat(rawValue: source.dialect)?.dialect else {
      throw .unsupported("renaming nodes of a \(source.dialect)")
    }
    return try dialect.renamingNode(old, to: new, in: version, document: source.document)
  }

  /// A version as `diff` and a commit plan compare it: its diff view, which keeps of the
  /// source its dialect alone (the differ stands in for secrets by its rule, and shows a
  /// change of format), and the format it was read in, for its volatile paths
  /// (`DiffOptions.comparingViews`).
  public static func comparedView(of version: FlowVersion) -> (view: FlowVersion, format: ExportFormat) {
    var view = diffView(of: version)
    view.source?.document = .null
    return (view, natural(for: version))
  }

  /// The format a flow is written in when none is asked for: the one it was read from.
  public static func natural(for version: FlowVersion) -> ExportFormat {
    version.source.flatMap { ExportFormat(rawValue: $0.dialect) } ?? .json
  }

  /// True when the text's head (its first 4 KB, which a parse keeps: `PassedPages.keptHead`)
  /// reads as SQL does.
  private static func looksLikeSQL(_ bytes: some Collection<UInt8>) -> Bool {
    let head = bytes.prefix(PassedPages.keptHead)
    // JSON that cannot be read is not SQL for a query it holds (`"query": "SELECT 1"`).
    if StringBytes.beginsAsJSONContainer(head) { return false }
    let text = String(decoding: head, as: UTF8.self).uppercased()
    return ["CREATE TABLE", "INSERT INTO", "CREATE TEMPORARY", "SELECT ", "-- IBM EVENT AUTOMATION"].contains { text.contains($0) }
  }
}
