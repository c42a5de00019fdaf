import FlowModel

/// The context's nodes and edges, each an object, and the pipelines beside them. See `DialectCodec.checkShape`.
extension IBMEventProcessingCodec {
  static func checkShape(_ document: JSONValue) throws(FormatError) {
    let root = try JSONPathReader(document, path: "")
    let context = try JSONPathReader(root.required("contextState"), path: "contextState")
    try context.requireObjects("nodes", textMembers: ["nodeType"])
    try context.requireObjects("edges")
    try root.nested("pipelineState")?.requireObjects("pipelines")
    _ = try root.optionalObject("flowDetails")
  }
}
