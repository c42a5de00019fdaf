import FlowModel

/// Structural difference of two JSON values as property paths: objects by key, arrays by index.
enum JSONDiff {
  /// The changes from `old` to `new` below `path`, a secret on one side only taken as
  /// `secrets` says.
  static func changes(
    _ old: JSONValue?, _ new: JSONValue?, path: [PropertyChange.Component], translation: IDTranslation = .none,
    secrets: OneSidedSecrets = OneSidedSecrets(), into changes: inout [PropertyChange]
  ) {
    var path = path
    walk(old, new, path: &path, translation: translation, secrets: secrets, into: &changes)
  }

  private static func walk(
    _ old: JSONValue?, _ new: JSONValue?, path: inout [PropertyChange.Component], translation: IDTranslation,
    secrets: OneSidedSecrets, into changes: inout [PropertyChange]
  ) {
    if old == new { return }
    switch (old, new) {
    case (.object(let left)?, .object(let right)?):
      let leftIndex = KeyIndex(left)
      let rightIndex = KeyIndex(right)
      // Objects keyed by id (NiFi's `externalControllerServiceReferences`) pair their members
      // through the translation too.
      var translated: Set<KeyIndex.Slot> = []
      for (position, member) in left.members.enumerated() {
        let rank = leftIndex.rank(at: position)
        var value = rightIndex.value(for: member.key, rank: rank)
        if value == nil, case let key = translation.translate(member.key), key != member.key,
          let found = rightIndex.value(for: key, rank: rank)
        {
          value = found
          translated.insert(KeyIndex.Slot(key: key, rank: rank))
        }
        path.append(.key(member.key))
        walk(member.value, value, path: &path, translation: translation, secrets: secrets, into: &changes)
        path.removeLast()
      }
      for (position, member) in right.members.enumerated() {
        let slot = KeyIndex.Slot(key: member.key, rank: rightIndex.rank(at: position))
        guard leftIndex.value(for: slot.key, rank: slot.rank) == nil, !translated.contains(slot) else { continue }
        record(path + [.key(member.key)], old: nil, new: member.value, secrets: secrets, into: &changes)
      }
    case (.array(let left)?, .array(let right)?) where left.count == right.count:
      for index in left.indices {
        path.append(.index(index))
        walk(left[index], right[index], path: &path, translation: translation, secrets: secrets, into: &changes)
        path.removeLast()
      }
    case (.string(let left)?, .string(let right)?) where translation.translate(left) == right:
      return
    case (.number(let left)?, .number(let right)?) where translation.translate(left.text) == right.text:
      return
    default:
      record(path, old: old, new: new, secrets: secrets, into: &changes)
    }
  }

  /// Adds a change, except a secret on one side only where `secrets` takes it for one left out.
  private static func record(
    _ components: [PropertyChange.Component], old: JSONValue?, new: JSONValue?, secrets: OneSidedSecrets,
    into changes: inout [PropertyChange]
  ) {
    let change = PropertyChange(components: components, old: old, new: new)
    if secrets.missingIsLeftOut, change.isSecret, old == nil || new == nil { return }
    if secrets.placeholderIsLeftOut {
      func isLeftOut(_ value: JSONValue?) -> Bool { value.map { $0 == SecretStandIn.leftOut } ?? secrets.missingIsLeftOut }
      func isSecretAlone(_ value: JSONValue?) -> Bool {
        guard let value else { return false }
        return SecretStandIn.isStandIn(value) || components.last == .key("credentials") && SecretStandIn.holdsOnlySecrets(value)
      }
      if isLeftOut(old) && isSecretAlone(new) || isLeftOut(new) && isSecretAlone(old) { return }
    }
    changes.append(change)
  }

  /// Member lookup by key: a linear search for the small objects that nearly all are, a
  /// dictionary for large ones (thousands of connection references), so diffing stays linear.
  ///
  /// A key the object repeats (JSON allows it; a hand-edited export or a merge resolved by hand
  /// may have it) is looked up by its rank: each side's last member with the key, the one the
  /// platform reads (`JSONObject`'s subscript), pairs with the other's last, and the ones
  /// before it pair from the front. Pairing by key alone hid a change to a repeated key, and
  /// pairing from the front made a stale copy taken out read as a change to the live one.
  /// Such an object is indexed by key and rank, so one that repeats a key thousands of times
  /// is still read once.
  struct KeyIndex {
    /// A key's member of some rank: 0 for its last, 1, 2, ... for those before it.
    struct Slot: Hashable {
      var key: String
      var rank: Int
    }

    let object: JSONObject
    /// Where each slot's member is: for a large object, or one that repeats a key.
    let positions: [Slot: Int]?
    /// Each member's rank, when some key repeats.
    let ranks: [Int]?

    init(_ object: JSONObject) {
      self.object = object
      let members = object.members
      // A large object is indexed whatever it holds, and its repeats found as it is.
      guard members.count > 16 || object.repeatsKey else {
        (positions, ranks) = (nil, nil)
        return
      }
      var positions: [Slot: Int] = [:]
      positions.reserveCapacity(members.count)
      var repeats = false
      for (index, member) in members.enumerated() {
        if !positions.setFirst(index, forKey: Slot(key: member.key, rank: 0)) {
          repeats = true
          break
        }
      }
      guard repeats else {
        (self.positions, ranks) = (positions, nil)
        return
      }
      var counts: [String: Int] = [:]
      for member in members { counts[member.key, default: 0] += 1 }
      var seen: [String: Int] = [:]
      var ranks = [Int](repeating: 0, count: members.count)
      positions.removeAll(keepingCapacity: true)
      for (index, member) in members.enumerated() {
        let before = seen[member.key, default: 0]
        seen[member.key] = before + 1
        ranks[index] = before + 1 == counts[member.key] ? 0 : before + 1
        positions[Slot(key: member.key, rank: ranks[index])] = index
      }
      (self.positions, self.ranks) = (positions, ranks)
    }

    /// The value of the member keyed `key` of this rank (see `Slot`).
    func value(for key: String, rank: Int = 0) -> JSONValue? {
      guard let positions else { return rank == 0 ? object[key] : nil }
      return positions[Slot(key: key, rank: rank)].map { object.members[$0].value }
    }

    /// The rank of the member at `position` among those with its key.
    func rank(at position: Int) -> Int { ranks?[position] ?? 0 }
  }
}

/// The left side's ids as the right side has them, for what pairing found to be the same thing
/// under another id (a node, a tab, a config node imported as a copy into another instance): a
/// left string that is such an id, or holds one in an expression (Make's `{{3.field}}`),
/// compares equal to the right side's string with the paired id in its place.
struct IDTranslation {
  /// Left id -> right id, for paired things whose ids differ.
  var ids: [String: String]
  /// Where ids sit inside longer strings: Make's `{{3.field}}`.
  var embeddedIDs: [EmbeddedIDs]

  static let none = IDTranslation(ids: [:], embeddedIDs: [])

  /// `text` with the left ids in it replaced by their right ids.
  func translate(_ text: String) -> String {
    if ids.isEmpty { return text }
    if let whole = ids[text] { return whole }
    var result = text
    for embedded in embeddedIDs {
      var translated = ""
      var cursor = result.startIndex
      for range in embedded.ranges(in: result) {
        guard let mapped = ids[String(result[range])] else { continue }
        translated += result[cursor..<range.lowerBound] + mapped
        cursor = range.upperBound
      }
      result = translated + result[cursor...]
    }
    return result
  }
}
