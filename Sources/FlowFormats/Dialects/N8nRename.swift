import FlowModel

/// Renames a node in an n8n document everywhere n8n refers to nodes by name: the node itself,
/// the `connections` keys and targets, `pinData` keys, and the expressions `$('Name')`,
/// `$("Name")`, `$node["Name"]` and `$node['Name']` in every string.
enum N8nRename {
  static func rename(_ old: String, to new: String, in document: JSONValue) -> JSONValue {
    guard case .object(var root) = document else { return document }
    let patterns = ["$('\(old)')", "$(\"\(old)\")", "$node[\"\(old)\"]", "$node['\(old)']"]
    let replacements = ["$('\(new)')", "$(\"\(new)\")", "$node[\"\(new)\"]", "$node['\(new)']"]
    func rewriteExpressions(_ value: JSONValue) -> JSONValue {
      switch value {
      case .string(let text) where text.contains(old):
        var result = text
        for (pattern, replacement) in zip(patterns, replacements) { result = result.replacing(pattern, with: replacement) }
        return .string(result)
      case .array(let elements): return .array(elements.map(rewriteExpressions))
      case .object(var object):
        for index in object.members.indices { object.members[index].value = rewriteExpressions(object.members[index].value) }
        return .object(object)
      default: return value
      }
    }
    for index in root.members.indices {
      switch root.members[index].key {
      case "nodes":
        root.members[index].value = .array(
          (root.members[index].value.arrayValue ?? []).map { node in
            guard case .object(var object) = node else { return node }
            if object["name"] == .string(old) { object["name"] = .string(new) }
            object["parameters"] = object["parameters"].map(rewriteExpressions)
            return .object(object)
          })
      case "connections":
        guard case .object(var connections) = root.members[index].value else { continue }
        for source in connections.members.indices {
          if connections.members[source].key == old { connections.members[source].key = new }
          connections.members[source].value = renameTargets(connections.members[source].value, old, new)
        }
        root.members[index].value = .object(connections)
      case "pinData":
        guard case .object(var pins) = root.members[index].value else { continue }
        for pin in pins.members.indices where pins.members[pin].key == old { pins.members[pin].key = new }
        root.members[index].value = .object(pins)
      default: continue
      }
    }
    return .object(root)
  }

  private static func renameTargets(_ value: JSONValue, _ old: String, _ new: String) -> JSONValue {
    switch value {
    case .object(var object):
      if object["node"] == .string(old), object["index"] != nil || object["type"] != nil { object["node"] = .string(new) }
      for index in object.members.indices where object.members[index].key != "node" {
        object.members[index].value = renameTargets(object.members[index].value, old, new)
      }
      return .object(object)
    case .array(let elements): return .array(elements.map { renameTargets($0, old, new) })
    default: return value
    }
  }
}
