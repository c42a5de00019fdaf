import FlowModel

extension ThreeWayDiff {
  /// The `--json` view: `{"base", "target", "new", "equal", "summary", "conflicts": [{"place",
  /// "name"?, "type"?, "target", "new"}], "targetOnly", "incoming", "agreed"}`, each of the last
  /// three a two-way diff document (`DiffJSON`), each conflict side a node change as there.
  public var json: String {
    var document: JSONObject = [
      "base": .string(base), "target": .string(target), "new": .string(new), "equal": .bool(isEmpty),
      "summary": .string(summary),
    ]
    document["conflicts"] = .array(
      conflicts.map { conflict in
        var object: JSONObject = ["place": .string(conflict.place.rawValue)]
        if conflict.place == .node || conflict.place == .connection {
          object["name"] = .string(conflict.name)
          object["type"] = .string(conflict.type)
          object["target"] = DiffJSON.encode(conflict.target)
          object["new"] = DiffJSON.encode(conflict.incoming)
        } else {
          object["target"] = ["changes": .array(conflict.target.changes.map(DiffJSON.encode))]
          object["new"] = ["changes": .array(conflict.incoming.changes.map(DiffJSON.encode))]
        }
        return .object(object)
      })
    document["targetOnly"] = DiffJSON.encode(targetOnly)
    document["incoming"] = DiffJSON.encode(incoming)
    document["agreed"] = DiffJSON.encode(agreed)
    return JSONWriter(layout: .indented(2)).string(.object(document)) + "\n"
  }
}
