import FlowModel

/// The nodes n8n lists, each an object with a text name and type. See `DialectCodec.checkShape`.
extension N8nCodec {
  static func checkShape(_ document: JSONValue) throws(FormatError) {
    let root = try JSONPathReader(document, path: "")
    try root.requireObjects("nodes", textMembers: ["name", "type"])
    _ = try root.optionalObject("connections")
  }
}
