import FlowModel

/// Structural difference of two JSON values as property paths: objects by key, arrays by index.
enum JSONDiff {
  static func changes(_ old: JSONValue?, _ new: JSONValue?, path: String, into changes: inout [PropertyChange]) {
    if old == new { return }
    switch (old, new) {
    case (.object(let left)?, .object(let right)?):
      let rightIndex = KeyIndex(right)
      for member in left.members {
        Self.changes(member.value, rightIndex.value(for: member.key), path: join(path, member.key), into: &changes)
      }
      let leftIndex = KeyIndex(left)
      for member in right.members where leftIndex.value(for: member.key) == nil {
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

  /// Member lookup by key: a linear search for the small objects that nearly all are, a
  /// dictionary for large ones (thousands of connection references), so diffing stays linear.
  struct KeyIndex {
    let object: JSONObject
    let positions: [String: Int]?

    init(_ object: JSONObject) {
      self.object = object
      guard object.count > 16 else {
        positions = nil
        return
      }
      var positions: [String: Int] = [:]
      positions.reserveCapacity(object.count)
      for (index, member) in object.members.enumerated() where positions[member.key] == nil { positions[member.key] = index }
      self.positions = positions
    }

    func value(for key: String) -> JSONValue? {
      guard let positions else { return object[key] }
      return positions[key].map { object.members[$0].value }
    }
  }

  static func join(_ path: String, _ key: String) -> String {
    let simple = !key.isEmpty && key.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }
    let component = simple ? key : "[\"\(key)\"]"
    if path.isEmpty { return component }
    return simple ? "\(path).\(component)" : path + component
  }
}
