import FlowModel

extension MakeCodec {
  /// Mappers and filters name modules as `3.field` inside `{{ … }}`: `{{3.total}}`,
  /// `{{substring(3.date; 0; 10)}}`.
  static let embeddedIDs: (open: String, close: String, suffix: Character)? = ("{{", "}}", ".")

  /// Modules without their canvas place (`metadata.designer`: `x`, `y`, and `name`, which is
  /// the node's name) and without their connection (`parameters.__IMTCONN__`/`__IMTKEY__` and
  /// its `metadata.restore` entry): the node's `connection` and the connection reference say
  /// it once, the reference with its id.
  static func diffView(of version: FlowVersion, document: () -> JSONValue) -> FlowVersion {
    var view = version
    for index in view.nodes.indices {
      var config = view.nodes[index].config
      config["metadata"] = config["metadata"].flatMap { metadata in
        var metadata = metadata.objectValue ?? [:]
        if case .object(var designer)? = metadata["designer"] {
          designer.removeMembers(keyedBy: ["x", "y", "name"])
          metadata["designer"] = designer.isEmpty ? nil : .object(designer)
        }
        if case .object(var restore)? = metadata["restore"], case .object(var parameters)? = restore["parameters"] {
          parameters.removeMembers(keyedBy: referenceKeys)
          restore["parameters"] = parameters.isEmpty ? nil : .object(parameters)
          metadata["restore"] = restore.isEmpty ? nil : .object(restore)
        }
        return metadata.isEmpty ? nil : .object(metadata)
      }
      if case .object(var parameters)? = config["parameters"] {
        parameters.removeMembers(keyedBy: referenceKeys)
        config["parameters"] = .object(parameters)
      }
      view.nodes[index].config = config
    }
    return view
  }
}
