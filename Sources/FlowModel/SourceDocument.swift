/// The document a foreign export (n8n, Node-RED, Make, NiFi, IBM Event Processing) was read
/// from. It travels with the flow, through the workspace too, so that writing the flow back in
/// its own dialect is lossless: the model is a view of it, and only what the user changed
/// (connection bindings, node renames) is written into it.
public struct SourceDocument: Hashable, Sendable {
  /// The dialect's name, as `ExportFormat` spells it (`n8n`, `node-red`, ...).
  public var dialect: String
  /// The whole foreign document, as read, with its key order and number texts.
  public var document: JSONValue

  /// The document `document` of `dialect`.
  public init(dialect: String, document: JSONValue) {
    self.dialect = dialect
    self.document = document
  }
}
