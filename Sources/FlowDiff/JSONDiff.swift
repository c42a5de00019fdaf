import FlowModel

/// Structural difference of two JSON values as property paths: objects by key, arrays by index.
enum JSONDiff {
  static func changes(_ old: JSONValue?, _ new: JSONValue?, path: String, into changes: inout [PropertyChange]) {
    if old == new { return }
    switch (old, new) {
    case (.object(let left)?, .object(let right)?):
      for member in left.members {
        Self.changes(member.value, right[member.key], path: join(path, member.key), into: &changes)
      }
      for member in right.members where left[member.key] == nil {
        changes.append(PropertyChange(path: join(path, member.key), old: nil, new: member.value))
      }
    case (.array(let left)?, .array(let right)?) where left.count == right.count:
      for index in left.indices {
        Self.changes(left[index], right[index], path: "\(path)[\(index)]", into: &changes)
      }
    default:
      changes.append(PropertyChange(path: path, old: old, new: new))
    }
  }

  static func join(_ path: String, _ key: String) -> String {
    let simple = !key.isEmpty && key.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }
    let component = simple ? key : "[\"\(key)\"]"
    if path.isEmpty { return component }
    return simple ? "\(path).\(component)" : path + component
  }
}
