import FlowModel

/// A node's configuration as a set of `path=value` leaves, for telling a renamed node from a new
/// one: the share of leaves two nodes have in common (Jaccard), with the connection as a leaf.
struct Fingerprint {
  private let leaves: Set<String>

  init(_ node: Node) {
    var leaves: Set<String> = []
    Self.collect(.object(node.config), path: "", into: &leaves)
    if let connection = node.connection { leaves.insert("@connection=\(connection)") }
    self.leaves = leaves
  }

  func similarity(to other: Fingerprint) -> Double {
    if leaves.isEmpty && other.leaves.isEmpty { return 1 }
    let shared = leaves.intersection(other.leaves).count
    return Double(shared) / Double(leaves.count + other.leaves.count - shared)
  }

  private static func collect(_ value: JSONValue, path: String, into leaves: inout Set<String>) {
    switch value {
    case .object(let object):
      for member in object { collect(member.value, path: path + "." + member.key, into: &leaves) }
    case .array(let elements):
      for (index, element) in elements.enumerated() { collect(element, path: "\(path)[\(index)]", into: &leaves) }
    default:
      leaves.insert(path + "=" + JSONWriter(layout: .minified).string(value))
    }
  }
}
