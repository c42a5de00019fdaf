import FlowModel

/// Which left node or connection corresponds to which right one.
///
/// In turn: by id (repeated ids in order); by name where it is unique on both sides; by
/// structure, for what another instance gave new ids (a Node-RED flow imported as a copy: every
/// node, tab, group and config node renumbered): kind, type, name and configuration with ids
/// masked, refined by what each thing is wired to and refers to (nodes, tabs, config nodes),
/// the most specific first; and last by similarity (same type, mostly the same configuration:
/// a rename). Ids that pairing found to differ translate left to right when values are compared.
struct Pairing {
  /// For each right node index, the left node index it pairs with.
  private(set) var leftForRight: [Int?]
  /// For each left node index, the right node index it pairs with.
  private(set) var rightForLeft: [Int?]
  /// For each right connection reference index, the left one it pairs with.
  private(set) var connectionLeftForRight: [Int?]
  /// For each left connection reference index, the right one it pairs with.
  private(set) var connectionRightForLeft: [Int?]
  /// Left ids as the right side has them, where they differ.
  private(set) var translation: IDTranslation
  /// For each left edge, in order, the left nodes it joins (nil for an end that is none).
  let leftEdgeNodes: [EdgeEnds]
  /// For each right edge, in order, the right nodes it joins.
  let rightEdgeNodes: [EdgeEnds]

  /// The two ends of an edge as indices of nodes or things of one side, nil for an end that
  /// is none of them (a wire to a node not in the file).
  struct EdgeEnds {
    let from: Int?
    let to: Int?

    /// These ends, each kept only where it is a node, below `nodeCount`.
    func nodes(below nodeCount: Int) -> EdgeEnds {
      EdgeEnds(from: from.flatMap { $0 < nodeCount ? $0 : nil }, to: to.flatMap { $0 < nodeCount ? $0 : nil })
    }
  }

  init(left: FlowVersion, right: FlowVersion, embeddedIDs: [EmbeddedIDs] = [], usingCores: Bool = true) {
    // Each side is indexed by id on a core of its own: every pass but the first needs the index.
    let (left, right) = concurrently(
      { Side(left, embeddedIDs: embeddedIDs) }, { Side(right, embeddedIDs: embeddedIDs) }, if: usingCores)
    var state = State(left: left, right: right)
    state.pairByID()
    state.pairByName()
    if state.hasUnpaired {
      state.pairByStructure()
      // Again: the pairs the first pass made anchor their neighbours' labels in the second.
      state.pairByStructure()
      state.pairBySimilarity()
    }
    let nodeCount = (left: left.nodeCount, right: right.nodeCount)
    leftForRight = Array(state.leftForRight[..<nodeCount.right])
    rightForLeft = Array(state.rightForLeft[..<nodeCount.left])
    connectionLeftForRight = state.leftForRight[nodeCount.right...].map { $0.map { $0 - nodeCount.left } }
    connectionRightForLeft = state.rightForLeft[nodeCount.left...].map { $0.map { $0 - nodeCount.right } }
    var ids: [String: String] = [:]
    for (leftIndex, rightIndex) in state.rightForLeft.enumerated() {
      guard let rightIndex else { continue }
      let (old, new) = (left.entities[leftIndex].id, right.entities[rightIndex].id)
      if old != new { ids.setFirst(new, forKey: old) }
    }
    translation = IDTranslation(ids: ids, embeddedIDs: embeddedIDs)
    leftEdgeNodes = left.edgeEnds.map { $0.nodes(below: nodeCount.left) }
    rightEdgeNodes = right.edgeEnds.map { $0.nodes(below: nodeCount.right) }
  }

  /// Below this share of equal configuration, two nodes are different nodes, not a rename.
  static let similarityThreshold = 0.6
  /// Nodes of one type compared pairwise at most; beyond it, unpaired nodes stay added/removed,
  /// so a flow of thousands of new nodes of one type can never make pairing quadratic.
  static let maximumBucket = 64
  /// Rounds of refinement by neighbours: enough to tell apart nodes that differ only in what
  /// sits three steps away.
  static let refinementRounds = 3

  /// A node or connection reference, as pairing sees it.
  struct Entity {
    var id: String
    var isConnection: Bool
    var type: String
    var name: String
    var content: JSONValue
    var connection: String?
  }

  /// One side: its nodes then its connection references, one index space.
  struct Side {
    var entities: [Entity]
    var nodeCount: Int
    var indexByID: [String: Int] = [:]
    /// True when two things of this side share an id (exports in the wild repeat them).
    var repeatsID = false
    var edges: [Edge]
    /// Each edge's ends as indices of `entities`, looked up once, on this side's core: pairing
    /// by structure (twice) and diff's comparison of edges each hashed every edge's two ids.
    var edgeEnds: [EdgeEnds] = []
    var embeddedIDs: [EmbeddedIDs]

    init(_ version: FlowVersion, embeddedIDs: [EmbeddedIDs]) {
      // Made at its size: the nodes' list grown by the references doubled its room, held to
      // the end of a diff (2 MB of a 10,000-node pair's peak).
      entities = []
      entities.reserveCapacity(version.nodes.count + version.connections.count)
      for node in version.nodes {
        entities.append(
          Entity(
            id: node.id, isConnection: false, type: node.type, name: node.name, content: .object(node.config), connection: node.connection))
      }
      nodeCount = entities.count
      for reference in version.connections {
        entities.append(
          Entity(
            id: reference.key, isConnection: true, type: reference.type, name: reference.name, content: .object(reference.properties),
            connection: nil))
      }
      edges = version.edges
      self.embeddedIDs = embeddedIDs
      indexByID.reserveCapacity(entities.count)
      for (index, entity) in entities.enumerated() where !indexByID.setFirst(index, forKey: entity.id) { repeatsID = true }
      edgeEnds = edges.map { [indexByID] edge in EdgeEnds(from: indexByID[edge.from], to: indexByID[edge.to]) }
    }

    /// The things `text` names: itself as an id, or ids inside its expressions.
    func referenced(by text: String) -> [Int] {
      if let index = indexByID[text] { return [index] }
      return embeddedIDs.flatMap { $0.ranges(in: text).compactMap { indexByID[String(text[$0])] } }
    }
  }

  /// The pairing being built.
  struct State {
    var left: Side
    var right: Side
    var leftForRight: [Int?]
    var rightForLeft: [Int?]

    init(left: Side, right: Side) {
      self.left = left
      self.right = right
      leftForRight = Array(repeating: nil, count: right.entities.count)
      rightForLeft = Array(repeating: nil, count: left.entities.count)
    }

    var hasUnpaired: Bool { leftForRight.contains(nil) && rightForLeft.contains(nil) }

    mutating func pair(_ leftIndex: Int, _ rightIndex: Int) {
      leftForRight[rightIndex] = leftIndex
      rightForLeft[leftIndex] = rightIndex
    }

    /// Ids should be unique, but exports in the wild repeat them: repeats pair in order. The
    /// first index of each id sits in a plain dictionary (no array per node); later ones queue.
    /// Only things of one type pair by id: a Make scenario pasted into another numbers its
    /// modules from 1 again, so module 1 there may be module 2 here (the passes after this one
    /// pair them by what they are).
    mutating func pairByID() {
      guard left.repeatsID else { return pairByUniqueID() }
      struct Key: Hashable {
        let isConnection: Bool
        let id: String
        let type: String
        init(_ entity: Entity) { (isConnection, id, type) = (entity.isConnection, entity.id, entity.type) }
      }
      var leftByID: [Key: Int] = [:]
      leftByID.reserveCapacity(left.entities.count)
      var repeats: [Key: [Int]] = [:]
      for (index, entity) in left.entities.enumerated() {
        let key = Key(entity)
        if !leftByID.setFirst(index, forKey: key) { repeats[key, default: []].append(index) }
      }
      for (index, entity) in right.entities.enumerated() {
        let key = Key(entity)
        guard let match = leftByID.removeValue(forKey: key) else { continue }
        pair(match, index)
        if var queue = repeats[key], !queue.isEmpty {
          leftByID[key] = queue.removeFirst()
          repeats[key] = queue
        }
      }
    }

    /// `pairByID` where no left id repeats: each right thing looks its id up in the left
    /// side's index, made on that side's core, and pairs with a thing of its kind and type not
    /// yet taken (a right id that repeats pairs once, as by the queues). Hashing every id and
    /// type again into a table of its own was a third of a large diff's pairing.
    private mutating func pairByUniqueID() {
      // Things are read in place: copying one out retained and released each of its texts.
      let pairs = left.entities.withUnsafeBufferPointer { lefts in
        right.entities.withUnsafeBufferPointer { rights in
          rights.indices.compactMap { index -> (Int, Int)? in
            guard let match = left.indexByID[rights[index].id], lefts[match].isConnection == rights[index].isConnection,
              lefts[match].type == rights[index].type
            else { return nil }
            return (match, index)
          }
        }
      }
      for (match, index) in pairs where rightForLeft[match] == nil { pair(match, index) }
    }

    /// Names (with the type, for connections) that occur once among the unpaired on both sides.
    mutating func pairByName() {
      func unique(_ side: Side, _ paired: [Int?]) -> [String: Int] {
        var byName: [String: Int?] = [:]
        for (index, entity) in side.entities.enumerated() where paired[index] == nil {
          let key = entity.isConnection ? "c\(entity.type)\u{0}\(entity.name)" : "n" + entity.name
          byName[key] = byName[key] == nil ? index : .some(nil)
        }
        return byName.compactMapValues { $0 }
      }
      let leftByName = unique(left, rightForLeft)
      guard !leftByName.isEmpty else { return }
      for (name, rightIndex) in unique(right, leftForRight) {
        if let leftIndex = leftByName[name] { pair(leftIndex, rightIndex) }
      }
    }

    /// Refines a label per unpaired thing over rounds (what it is, then what its neighbours
    /// are), and pairs equal labels from the most refined round down; things of one label pair
    /// in document order, being alike as far as the flow can tell.
    mutating func pairByStructure() {
      let leftLabels = labels(left, partner: rightForLeft)
      let rightLabels = labels(right, partner: leftForRight.enumerated().map { index, paired in paired.map { _ in index } })
      for round in stride(from: Pairing.refinementRounds, through: 0, by: -1) {
        var leftByLabel: [Int: [Int]] = [:]
        for (index, label) in leftLabels[round].enumerated() where rightForLeft[index] == nil {
          leftByLabel[label, default: []].append(index)
        }
        if leftByLabel.isEmpty { return }
        var taken: [Int: Int] = [:]
        for (index, label) in rightLabels[round].enumerated() where leftForRight[index] == nil {
          guard let candidates = leftByLabel[label] else { continue }
          let next = taken[label, default: 0]
          var position = next
          while position < candidates.count, rightForLeft[candidates[position]] != nil { position += 1 }
          guard position < candidates.count else { continue }
          taken[label] = position + 1
          pair(candidates[position], index)
        }
      }
    }

    /// For each round, a label per thing of `side` (0 for things already paired). A paired
    /// thing stands for itself in its neighbours' labels by its right-side index, which both
    /// sides share.
    func labels(_ side: Side, partner: [Int?]) -> [[Int]] {
      let count = side.entities.count
      var references: [[(relation: Int, target: Int)]] = Array(repeating: [], count: count)
      var base = Array(repeating: 0, count: count)
      for index in 0..<count where partner[index] == nil {
        let entity = side.entities[index]
        var hasher = Hasher()
        hasher.combine(entity.isConnection)
        hasher.combine(entity.type)
        hasher.combine(entity.name)
        var path: [PropertyChange.Component] = []
        var found: [(Int, Int)] = []
        hashMasked(entity.content, side: side, hasher: &hasher, path: &path, references: &found)
        if let connection = entity.connection {
          if let target = side.indexByID[connection] { found.append((1, target)) } else { hasher.combine(connection) }
        }
        base[index] = hasher.finalize()
        references[index] = found
      }
      // Edges link both ends, each knowing the port and direction.
      for (edge, ends) in zip(side.edges, side.edgeEnds) {
        guard let from = ends.from, let to = ends.to else { continue }
        // Between two paired things, an edge labels nothing: most edges, when few nodes changed.
        if partner[from] != nil && partner[to] != nil { continue }
        var out = Hasher()
        out.combine(">")
        out.combine(edge.fromPort)
        out.combine(edge.toPort)
        var back = Hasher()
        back.combine("<")
        back.combine(edge.fromPort)
        back.combine(edge.toPort)
        if partner[from] == nil { references[from].append((out.finalize(), to)) }
        if partner[to] == nil { references[to].append((back.finalize(), from)) }
      }
      // Who refers to a thing says something about it too (the group of a node, the tab).
      var incoming: [[(relation: Int, target: Int)]] = Array(repeating: [], count: count)
      for index in 0..<count {
        for reference in references[index] where partner[reference.target] == nil {
          incoming[reference.target].append((reference.relation &+ 1, index))
        }
      }
      var rounds = [base]
      for _ in 0..<Pairing.refinementRounds {
        let previous = rounds[rounds.count - 1]
        var next = previous
        for index in 0..<count where partner[index] == nil {
          var neighbours: [Int] = []
          for reference in references[index] + incoming[index] {
            var hasher = Hasher()
            hasher.combine(reference.relation)
            if let paired = partner[reference.target] {
              hasher.combine(-1)
              hasher.combine(paired)
            } else {
              hasher.combine(previous[reference.target])
            }
            neighbours.append(hasher.finalize())
          }
          neighbours.sort()
          var hasher = Hasher()
          hasher.combine(previous[index])
          hasher.combine(neighbours)
          next[index] = hasher.finalize()
        }
        rounds.append(next)
      }
      return rounds
    }

    /// Hashes a value with every id of the side in it masked, collecting what it refers to.
    func hashMasked(
      _ value: JSONValue, side: Side, hasher: inout Hasher, path: inout [PropertyChange.Component],
      references: inout [(Int, Int)]
    ) {
      switch value {
      case .object(let object):
        hasher.combine(0)
        for member in object {
          hasher.combine(member.key)
          path.append(.key(member.key))
          hashMasked(member.value, side: side, hasher: &hasher, path: &path, references: &references)
          path.removeLast()
        }
      case .array(let elements):
        hasher.combine(1)
        hasher.combine(elements.count)
        for element in elements {
          hashMasked(element, side: side, hasher: &hasher, path: &path, references: &references)
        }
      case .string(let text):
        let targets = side.referenced(by: text)
        if targets.isEmpty {
          hasher.combine(text)
        } else {
          hasher.combine("\u{1}")
          var relation = Hasher()
          relation.combine(path)
          let tag = relation.finalize()
          for target in targets { references.append((tag, target)) }
        }
      default:
        hasher.combine(value)
      }
    }

    /// The things left over, of the same type and with mostly the same configuration: a node
    /// renamed (and perhaps edited) on one side, its id changed too.
    mutating func pairBySimilarity() {
      var leftByType: [String: [Int]] = [:]
      for (index, entity) in left.entities.enumerated() where rightForLeft[index] == nil {
        leftByType[(entity.isConnection ? "c" : "n") + entity.type, default: []].append(index)
      }
      guard !leftByType.isEmpty else { return }
      var rightByType: [String: [Int]] = [:]
      for (index, entity) in right.entities.enumerated() where leftForRight[index] == nil {
        rightByType[(entity.isConnection ? "c" : "n") + entity.type, default: []].append(index)
      }
      for (type, rightIndices) in rightByType {
        guard let leftIndices = leftByType[type], leftIndices.count <= Pairing.maximumBucket,
          rightIndices.count <= Pairing.maximumBucket
        else { continue }
        // The one connection of a type on each side left over: the flow uses another
        // connection of that type there (test's database, prod's), shown as that connection changed.
        if type.hasPrefix("c"), leftIndices.count == 1, rightIndices.count == 1 {
          pair(leftIndices[0], rightIndices[0])
          continue
        }
        let leftFingerprints = leftIndices.map { Fingerprint(left.entities[$0], side: left) }
        var candidates: [(score: Double, left: Int, right: Int)] = []
        for rightIndex in rightIndices {
          let fingerprint = Fingerprint(right.entities[rightIndex], side: right)
          for (position, leftIndex) in leftIndices.enumerated() {
            let score = fingerprint.similarity(to: leftFingerprints[position])
            if score >= Pairing.similarityThreshold { candidates.append((score, leftIndex, rightIndex)) }
          }
        }
        for candidate in candidates.sorted(by: { $0.score > $1.score })
        where rightForLeft[candidate.left] == nil && leftForRight[candidate.right] == nil {
          pair(candidate.left, candidate.right)
        }
      }
    }
  }
}
