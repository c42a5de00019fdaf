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
  /// the first, which hid a change to it.
  struct KeyIndex {
    let object: JSONObject
    let positions: [String: Int]?
    /// True when some key stands more than once.
    let repeatsKeys: Bool

    init(_ object: JSONObject) {
      self.object = object
      guard object.count > 16 else {
        positions = nil
        let members = object.members
        repeatsKeys = members.indices.contains { later in
          members[..<later].contains { $0.key.utf8.count == members[later].key.utf8.count && $0.key == members[later].key }
        }
        return
      }
      var positions: [String: Int] = [:]
      positions.reserveCapacity(object.count)
      var repeatsKeys = false
      for (index, member) in object.members.enumerated() where !positions.setFirst(index, forKey: member.key) { repeatsKeys = true }
      self.positions = positions
      self.repeatsKeys = repeatsKeys
    }

    /// The value of the `occurrence`th member (from 0) keyed `key`.
    func value(for key: String, occurrence: Int = 0) -> JSONValue? {
      guard occurrence == 0 else { return object.members.lazy.filter { $0.key == key }.dropFirst(occurrence).first?.value }
      guard let positions else { return object[key] }
      return positions[key].map { object.members[$0].value }
    }

    /// How many members before the one at `position` have its key.
    func occurrence(at position: Int) -> Int {
      guard repeatsKeys else { return 0 }
      let key = object.members[position].key
      return object.members[..<position].count { $0.key == key }
    }
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
