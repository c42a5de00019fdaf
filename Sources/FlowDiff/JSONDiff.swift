import FlowModel

/// Structural difference of two JSON values as property paths: objects by key, arrays by index.
enum JSONDiff {
  /// The changes from `old` to `new` below `path`; with `leftOutIsNoChange`, a secret present
  /// on one side only is none (`DiffOptions.secretsLeftOutAreNoChange`).
  static func changes(
    _ old: JSONValue?, _ new: JSONValue?, path: [PropertyChange.Component], translation: IDTranslation = .none,
    leftOutIsNoChange: Bool = false, into changes: inout [PropertyChange]
  ) {
    var path = path
    walk(old, new, path: &path, translation: translation, leftOutIsNoChange: leftOutIsNoChange, into: &changes)
  }

  private static func walk(
    _ old: JSONValue?, _ new: JSONValue?, path: inout [PropertyChange.Component], translation: IDTranslation,
    leftOutIsNoChange: Bool, into changes: inout [PropertyChange]
  ) {
    if old == new { return }
    switch (old, new) {
    case (.object(let left)?, .object(let right)?):
      let leftIndex = KeyIndex(left)
      let rightIndex = KeyIndex(right)
      // Objects keyed by id (NiFi's `externalControllerServiceReferences`) pair their members
      // through the translation too.
      var translatedKeys: Set<String> = []
      for (position, member) in left.members.enumerated() {
        let occurrence = leftIndex.occurrence(at: position)
        var value = rightIndex.value(for: member.key, occurrence: occurrence)
        if value == nil, occurrence == 0, case let key = translation.translate(member.key), key != member.key,
          let found = rightIndex.value(for: key)
        {
          value = found
          translatedKeys.insert(key)
        }
        path.append(.key(member.key))
        walk(member.value, value, path: &path, translation: translation, leftOutIsNoChange: leftOutIsNoChange, into: &changes)
        path.removeLast()
      }
      for (position, member) in right.members.enumerated()
      where leftIndex.value(for: member.key, occurrence: rightIndex.occurrence(at: position)) == nil
        && !translatedKeys.contains(member.key)
      {
        record(path + [.key(member.key)], old: nil, new: member.value, leftOutIsNoChange: leftOutIsNoChange, into: &changes)
      }
    case (.array(let left)?, .array(let right)?) where left.count == right.count:
      for index in left.indices {
        path.append(.index(index))
        walk(left[index], right[index], path: &path, translation: translation, leftOutIsNoChange: leftOutIsNoChange, into: &changes)
        path.removeLast()
      }
    case (.string(let left)?, .string(let right)?) where translation.translate(left) == right:
      return
    case (.number(let left)?, .number(let right)?) where translation.translate(left.text) == right.text:
      return
    default:
      record(path, old: old, new: new, leftOutIsNoChange: leftOutIsNoChange, into: &changes)
    }
  }

  /// Adds a change, except a secret on one side only: exports leave secrets out (a bundle, a
  /// Node-RED flow without its credentials file), so a secret missing is not one removed. With
  /// `leftOutIsNoChange`, neither is a placeholder written in its place (`SecretStandIn.leftOut`)
  /// against a secret, nor a `credentials` member of secrets alone against none.
  private static func record(
    _ components: [PropertyChange.Component], old: JSONValue?, new: JSONValue?, leftOutIsNoChange: Bool,
    into changes: inout [PropertyChange]
  ) {
    let change = PropertyChange(components: components, old: old, new: new)
    if change.isSecret && (old == nil || new == nil) { return }
    if leftOutIsNoChange {
      func isLeftOut(_ value: JSONValue?) -> Bool { value == nil || value == SecretStandIn.leftOut }
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
  /// A key the object repeats (JSON allows it; a hand-edited export may) is looked up by its
  /// occurrence: the second `mode` of one side pairs with the second of the other, not with
  /// the first, which hid a change to it. Such an object is indexed by key and occurrence, so
  /// one that repeats a key thousands of times is still read once.
  struct KeyIndex {
    /// A key's `occurrence`th member (from 0).
    struct Slot: Hashable {
      var key: String
      var occurrence: Int
    }

    let object: JSONObject
    /// Where each slot's member is: for a large object, or one that repeats a key.
    let positions: [Slot: Int]?
    /// Each member's occurrence of its key, when some key repeats.
    let occurrences: [Int]?

    init(_ object: JSONObject) {
      self.object = object
      let members = object.members
      if members.count <= 16,
        !members.indices.contains(where: { later in
          members[..<later].contains { $0.key.utf8.count == members[later].key.utf8.count && $0.key == members[later].key }
        })
      {
        (positions, occurrences) = (nil, nil)
        return
      }
      var positions: [Slot: Int] = [:]
      positions.reserveCapacity(members.count)
      var repeats = false
      for (index, member) in members.enumerated() where !positions.setFirst(index, forKey: Slot(key: member.key, occurrence: 0)) {
        repeats = true
        break
      }
      guard repeats else {
        (self.positions, occurrences) = (positions, nil)
        return
      }
      var counts: [String: Int] = [:]
      var occurrences: [Int] = []
      occurrences.reserveCapacity(members.count)
      for (index, member) in members.enumerated() {
        let occurrence = counts[member.key, default: 0]
        counts[member.key] = occurrence + 1
        occurrences.append(occurrence)
        positions[Slot(key: member.key, occurrence: occurrence)] = index
      }
      (self.positions, self.occurrences) = (positions, occurrences)
    }

    /// The value of the `occurrence`th member (from 0) keyed `key`.
    func value(for key: String, occurrence: Int = 0) -> JSONValue? {
      guard let positions else { return occurrence == 0 ? object[key] : nil }
      return positions[Slot(key: key, occurrence: occurrence)].map { object.members[$0].value }
    }

    /// How many members before the one at `position` have its key.
    func occurrence(at position: Int) -> Int { occurrences?[position] ?? 0 }
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
