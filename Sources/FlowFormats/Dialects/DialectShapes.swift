import FlowModel

/// The structure each dialect's decoding reads, checked before it (`checkShape`): lists of
/// objects where it walks nodes, modules, components and edges. Members it does not walk
/// are the platform's business, and left alone.
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

extension MakeCodec {
  static func checkShape(_ document: JSONValue) throws(FormatError) {
    try checkModules(of: JSONPathReader(document, path: ""), at: "flow")
  }

  /// The modules at `key`, and the module lists of their routes, branches and error handlers.
  private static func checkModules(of reader: JSONPathReader, at key: String) throws(FormatError) {
    for module in try reader.objects(key) {
      _ = try module.optionalString("module")
      for nested in ["routes", "branches"] {
        for entry in try module.objects(nested) { try checkModules(of: entry, at: "flow") }
      }
      try checkModules(of: module, at: "onerror")
    }
  }
}

extension NiFiCodec {
  static func checkShape(_ document: JSONValue) throws(FormatError) {
    try checkGroup(JSONPathReader(document, path: "").required("flowContents"), at: "flowContents")
  }

  /// A process group's components, and its groups in turn.
  private static func checkGroup(_ group: JSONValue, at path: String) throws(FormatError) {
    let reader = try JSONPathReader(group, path: path)
    for key in ["processors", "inputPorts", "outputPorts", "funnels", "connections", "controllerServices", "remoteProcessGroups"] {
      _ = try reader.objects(key)
    }
    for child in try reader.objects("processGroups") { try checkGroup(.object(child.object), at: child.path) }
  }
}

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
