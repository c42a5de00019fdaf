import FlowModel

/// The components of each process group, each an object, and its process groups in turn. See `DialectCodec.checkShape`.
extension NiFiCodec {
  static func checkShape(_ document: JSONValue) throws(FormatError) {
    try checkGroup(JSONPathReader(document, path: "").required("flowContents"), at: "flowContents")
  }

  /// A process group's components, and its groups in turn.
  private static func checkGroup(_ group: JSONValue, at path: String) throws(FormatError) {
    let reader = try JSONPathReader(group, path: path)
    for key in ["processors", "inputPorts", "outputPorts", "funnels", "connections", "controllerServices", "remoteProcessGroups"] {
      try reader.requireObjects(key)
    }
    for child in try reader.objects("processGroups") { try checkGroup(.object(child.object), at: child.path) }
  }
}
