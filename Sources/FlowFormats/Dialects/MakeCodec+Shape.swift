import FlowModel

/// The modules of a blueprint, each an object, and the module lists their routes, branches and
/// error handlers hold. See `DialectCodec.checkShape`.
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
