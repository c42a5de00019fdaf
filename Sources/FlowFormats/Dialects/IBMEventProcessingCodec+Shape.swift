import FlowModel

/// The context's nodes and edges, each an object, and the pipelines beside them. See `DialectCodec.checkShape`.
extension IBMEventProcessingCodec {
  static func checkShape(_ document: JSONValue) throws(FormatError) {
    let root = try JSONPathReader(document, path: "")
    let context = try JSONPathReader(root.required("contextState"), path: "contextState")
    for node in try context.objects("nodes") { _ = try node.optionalString("nodeType") }
    _ = try context.objects("edges")
    if let pipelines = try root.optionalObject("pipelineState") {
      _ = try JSONPathReader(.object(pipelines), path: "pipelineState").objects("pipelines")
    }
    _ = try root.optionalObject("flowDetails")
  }
}
