import FlowModel

/// The nodes n8n lists, each an object with a text name and type. See `DialectCodec.checkShape`.
extension N8nCodec {
  static func checkShape(_ document: JSONValue) throws(FormatError) {
    let root = try JSONPathReader(document, path: "")
    for node in try root.objects("nodes") {
      _ = try node.optionalString("name")
      _ = try node.optionalString("type")
    }
    _ = try root.optionalObject("connections")
  }
}
