import FlowModel

/// A node's configuration as a set of `path=value` leaves, for telling a renamed node from a new
/// one: the share of leaves two nodes have in common (Jaccard), with the connection as a leaf.
/// Ids of the flow's own things are masked: another instance gives them other values.
struct Fingerprint {
  private let leaves: Set<String>

  init(_ entity: Pairing.Entity, side: Pairing.Side) {
    var leaves: Set<String> = []
    Self.collect(entity.content, path: "", side: side, into: &leaves)
    if let connection = entity.connection {
      leaves.insert("@connection=" + (side.indexByID[connection] == nil ? connection : "@"))
    }
    self.leaves = leaves
  }

  func similarity(to other: Fingerprint) -> Double {
    if leaves.isEmpty && other.leaves.isEmpty { return 1 }
    let shared = leaves.intersection(other.leaves).count
    return Double(shared) / Double(leaves.count + other.leaves.count - shared)
  }

  private static func collect(_ value: JSONValue, path: String, side: Pairing.Side, into leaves: inout Set<String>) {
    switch value {
    case .object(let object):
      for member in object { collect(member.value, path: path + "." + member.key, side: side, into: &leaves) }
    case .array(let elements):
      for (index, element) in elements.enumerated() { collect(element, path: "\(path)[\(index)]", side: side, into: &leaves) }
    case .string(let text) where !side.referenced(by: text).isEmpty:
      leaves.insert(path + "=@")
    default:
      leaves.insert(path + "=" + JSONWriter(layout: .minified).string(value))
    }
  }
}
