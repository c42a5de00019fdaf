import FlowModel

/// Which left node corresponds to which right node: first by id (repeated ids in order), then,
/// among the nodes left over, by name when the name is unique on both sides.
struct NodePairing {
  /// For each right node index, the left node index it pairs with.
  private(set) var leftForRight: [Int: Int] = [:]
  /// For each left node index, the right node index it pairs with.
  private(set) var rightForLeft: [Int: Int] = [:]

  init(left: [Node], right: [Node]) {
    // Ids should be unique, but exports in the wild repeat them: repeats pair in order. The
    // first index of each id sits in a plain dictionary (no array per node); later ones queue.
    var leftById: [String: Int] = [:]
    leftById.reserveCapacity(left.count)
    var repeats: [String: [Int]] = [:]
    for (index, node) in left.enumerated() {
      if leftById[node.id] == nil { leftById[node.id] = index } else { repeats[node.id, default: []].append(index) }
    }
    for (index, node) in right.enumerated() {
      guard let match = leftById.removeValue(forKey: node.id) else { continue }
      pair(match, index)
      if var queue = repeats[node.id], !queue.isEmpty {
        leftById[node.id] = queue.removeFirst()
        repeats[node.id] = queue
      }
    }
    let leftByName = Self.uniqueNames(left, excluding: rightForLeft)
    let rightByName = Self.uniqueNames(right, excluding: leftForRight)
    for (name, rightIndex) in rightByName {
      if let leftIndex = leftByName[name] { pair(leftIndex, rightIndex) }
    }
    pairBySimilarity(left, right)
  }

  /// Below this share of equal configuration, two nodes are different nodes, not a rename.
  static let similarityThreshold = 0.6
  /// Nodes of one type compared pairwise at most; beyond it, unpaired nodes stay added/removed,
  /// so a flow of thousands of new nodes of one type can never make pairing quadratic.
  static let maximumBucket = 64

  /// The nodes left over, of the same type and with mostly the same configuration and
  /// connection: a node renamed (and perhaps edited) on one side, its id changed too.
  private mutating func pairBySimilarity(_ left: [Node], _ right: [Node]) {
    var leftByType: [String: [Int]] = [:]
    for (index, node) in left.enumerated() where rightForLeft[index] == nil { leftByType[node.type, default: []].append(index) }
    guard !leftByType.isEmpty else { return }
    var rightByType: [String: [Int]] = [:]
    for (index, node) in right.enumerated() where leftForRight[index] == nil { rightByType[node.type, default: []].append(index) }
    for (type, rightIndices) in rightByType {
      guard let leftIndices = leftByType[type], leftIndices.count <= Self.maximumBucket, rightIndices.count <= Self.maximumBucket else {
        continue
      }
      let leftFingerprints = leftIndices.map { Fingerprint(left[$0]) }
      var candidates: [(score: Double, left: Int, right: Int)] = []
      for rightIndex in rightIndices {
        let fingerprint = Fingerprint(right[rightIndex])
        for (position, leftIndex) in leftIndices.enumerated() {
          let score = fingerprint.similarity(to: leftFingerprints[position])
          if score >= Self.similarityThreshold { candidates.append((score, leftIndex, rightIndex)) }
        }
      }
      for candidate in candidates.sorted(by: { $0.score > $1.score })
      where rightForLeft[candidate.left] == nil && leftForRight[candidate.right] == nil {
        pair(candidate.left, candidate.right)
      }
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
