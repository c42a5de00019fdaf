import FlowModel

extension MakeCodec {
  /// Mappers and filters name modules as `3.field` inside `{{ … }}`: `{{3.total}}`,
  /// `{{substring(3.date; 0; 10)}}`.
  static let embeddedIDs: (open: String, close: String, suffix: Character)? = ("{{", "}}", ".")

  /// The view keeps each module's configuration as decoded but for what its secret rule
  /// passes over (canvas places, connection references): standing in for the secrets of every
  /// module of both blueprints was a fifth of diffing them, where the differ does it for the
  /// modules it shows.
  static let defersNodeSecretsToDiffer = true

  /// Make keeps connections apart from blueprints: an export keeps every parameter.
  static let exportsDropSecretMembers = false

  /// Modules without their canvas place (`metadata.designer`: `x`, `y`, and `name`, which is
  /// the node's name) and without their connection (`parameters.__IMTCONN__`/`__IMTKEY__`, and
  /// its `metadata.restore` entry's label and type): the node's `connection` and the
  /// connection reference say it once, the reference with its id. What else the entry's data
  /// holds stays (an access token a tool wrote there diffs as `changed (secret)`, not as no
  /// change).
  static func diffView(of version: FlowVersion, document: () -> JSONValue) -> FlowVersion {
    var view = version
    for index in view.nodes.indices {
      var config = view.nodes[index].config
      config["metadata"] = config["metadata"].flatMap { metadata in
        var metadata = metadata.objectValue ?? [:]
        if case .object(var designer)? = metadata["designer"] {
          // The rule reads a header's `value` as a secret by the `name` beside it, which the
          // view takes out: stood in for here, while the name still says so.
          designer = rewritingSecrets(in: ["designer": .object(designer)], Secrets.diffStandIns())["designer"]?.objectValue ?? designer
          designer.removeMembers(keyedBy: ["x", "y", "name"])
          metadata["designer"] = designer.isEmpty ? nil : .object(designer)
        }
        if case .object(var restore)? = metadata["restore"], case .object(var parameters)? = restore["parameters"] {
          for key in referenceKeys { parameters[key] = parameters[key].flatMap(restoredData) }
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

  /// A connection's `metadata.restore` entry without what the reference says (its `label`,
  /// its data's `connection` type) and the editor's `scoped` flag, which every entry holds and
  /// an entry left out does not; nil when nothing else is left.
  private static func restoredData(_ entry: JSONValue) -> JSONValue? {
    guard case .object(var entry) = entry else { return entry }
    entry["label"] = nil
    if case .object(var data)? = entry["data"] {
      data.removeMembers(keyedBy: ["connection", "scoped"])
      entry["data"] = data.isEmpty ? nil : .object(data)
    }
    return entry.isEmpty ? nil : .object(entry)
  }
}
