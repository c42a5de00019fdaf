import FlowModel

/// Which left node corresponds to which right node: first by id (repeated ids in order), then,
/// among the nodes left over, by name when the name is unique on both sides.
struct NodePairing {
  /// For each right node index, the left node index it pairs with.
  private(set) var leftForRight: [Int: Int] = [:]
  /// For each left node index, the right node index it pairs with.
  private(set) var rightForLeft: [Int: Int] = [:]

  init(left: [Node], right: [Node]) {
    // Ids should be unique, but exports in the wild repeat them: pair repeats in order.
    var leftById: [String: [Int]] = [:]
    for (index, node) in left.enumerated() { leftById[node.id, default: []].append(index) }
    for (index, node) in right.enumerated() {
      if let match = leftById[node.id]?.first {
        leftById[node.id]?.removeFirst()
        pair(match, index)
      }
    }
    let leftByName = Self.uniqueNames(left, excluding: rightForLeft)
    let rightByName = Self.uniqueNames(right, excluding: leftForRight)
    for (name, rightIndex) in rightByName {
      if let leftIndex = leftByName[name] { pair(leftIndex, rightIndex) }
    }
  }

  private mutating func pair(_ leftIndex: Int, _ rightIndex: Int) {
    leftForRight[rightIndex] = leftIndex
    rightForLeft[leftIndex] = rightIndex
  }

  /// Names that occur once among the unpaired nodes, mapped to their index.
  private static func uniqueNames(_ nodes: [Node], excluding paired: [Int: Int]) -> [String: Int] {
    var byName: [String: Int?] = [:]
    for (index, node) in nodes.enumerated() where paired[index] == nil {
      byName[node.name] = byName[node.name] == nil ? index : .some(nil)
    }
    return byName.compactMapValues { $0 }
  }
}
