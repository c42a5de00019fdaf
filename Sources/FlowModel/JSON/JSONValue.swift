/// A JSON value that keeps everything a round trip needs: key order, duplicate keys, and the exact
/// text of numbers. Foundation's `JSONSerialization` and `Codable` lose all three, which is why
/// FlowPort carries its own value type (see `JSONParser` for the speed side of that choice).
public enum JSONValue: Hashable, Sendable {
  case null
  case bool(Bool)
  /// A number, kept as the text it was written with (`2` and `2.0` stay different).
  case number(JSONNumber)
  case string(String)
  case array([JSONValue])
  case object(JSONObject)
}

/// A JSON number kept as its source text, so `1.5e-05` and 17-digit floats survive unchanged.
public struct JSONNumber: Hashable, Sendable, CustomStringConvertible {
  /// The number exactly as written, already checked against the JSON grammar.
  public let text: String

  /// Wraps text the caller guarantees is a JSON number (the parser, which has checked it).
  init(unchecked text: String) { self.text = text }

  /// Makes the number for an integer.
  public init(_ value: Int) { self.text = String(value) }

  /// The value as an integer, when the text is one.
  var intValue: Int? { Int(text) }

  /// The number's text, as it is written back.
  public var description: String { text }
}

/// A JSON object as an ordered list of members: order is kept and duplicate keys are not merged,
/// so a file reads back exactly as it was written.
public struct JSONObject: Hashable, Sendable, RandomAccessCollection, ExpressibleByDictionaryLiteral {
  /// One `"key": value` pair.
  public struct Member: Hashable, Sendable {
    /// The member's key, possibly the same as another member's.
    public var key: String
    /// The member's value.
    public var value: JSONValue
    /// A member `key` with `value`.
    public init(_ key: String, _ value: JSONValue) {
      self.key = key
      self.value = value
    }
  }

  /// The members in file order.
  public var members: [Member]

  /// An object of these members, in this order; empty by default.
  public init(_ members: [Member] = []) { self.members = members }

  /// An object of the literal's pairs, in the written order.
  public init(dictionaryLiteral elements: (String, JSONValue)...) {
    self.members = elements.map { Member($0.0, $0.1) }
  }

  /// The first member's position, always 0: members are indexed like an array.
  public var startIndex: Int { members.startIndex }
  /// The position after the last member.
  public var endIndex: Int { members.endIndex }
  /// The member at `position`, in file order.
  public subscript(position: Int) -> Member { members[position] }

  /// The keys in file order.
  public var keys: [String] { members.map(\.key) }

  /// The value of the last member with this key, the one JavaScript's `JSON.parse`, Python's
  /// `json` and Jackson read where a key repeats (a hand-edited export, a merge resolved by
  /// hand), so the model sees what the platform runs; setting replaces that one in place, or
  /// appends; setting nil removes every member with the key.
  public subscript(key: String) -> JSONValue? {
    get { index(ofKey: key).map { members[$0].value } }
    set {
      guard let newValue else { return removeMembers(keyedBy: [key]) }
      if let index = index(ofKey: key) {
        members[index].value = newValue
      } else {
        members.append(Member(key, newValue))
      }
    }
  }

  /// The position of the last member with this key. Lengths are compared first, in place:
  /// most members differ from the key asked for in length, and copying each member out to
  /// compare keys with `==` was most of every lookup (dialects ask a node for its `id`, `type`
  /// and `name` thousands of times per document).
  public func index(ofKey key: String) -> Int? {
    let length = key.utf8.count
    return members.withUnsafeBufferPointer { members in members.indices.last { Self.isKey(members[$0].key, key, length: length) } }
  }

  /// True when `candidate` is `key`, `length` bytes long, compared by length first: most keys
  /// compared differ in length, and `==` on two short strings that differ is a call into the
  /// standard library.
  @usableFromInline static func isKey(_ candidate: String, _ key: String, length: Int) -> Bool {
    candidate.utf8.count == length && candidate == key
  }

  /// True when two keys are the same, compared by length first (see `isKey`). Inlinable: diff
  /// asks it of every pair of keys of the small objects it compares.
  @inlinable public static func isSameKey(_ one: String, _ other: String) -> Bool {
    isKey(one, other, length: other.utf8.count)
  }

  /// True when two members have one key, as JSON allows and nearly no file does: small objects
  /// are checked pair by pair, large ones (n8n's `connections`, a node each) by a set of keys.
  public var repeatsKey: Bool {
    guard members.count > 16 else {
      return members.indices.contains { later in members[..<later].contains { Self.isSameKey($0.key, members[later].key) } }
    }
    var keys = Set<String>(minimumCapacity: members.count)
    return members.contains { !keys.insert($0.key).inserted }
  }

  /// The members as a platform reads the object: of a key that repeats, the last member alone
  /// (see the subscript), in file order; the members themselves when no key repeats.
  public var lastOfEachKey: [Member] {
    guard repeatsKey else { return members }
    var seen = Set<String>()
    return members.reversed().filter { seen.insert($0.key).inserted }.reversed()
  }

  /// Passes the value of every member with this key through `transform`, in place: where a
  /// secret's key repeats, hiding only the member a lookup finds would leave the others in clear.
  public mutating func updateValues(forKey key: String, _ transform: (JSONValue) -> JSONValue) {
    let length = key.utf8.count
    // Found in place first: most objects asked hold no such member, and reading each member out
    // of a mutable array copied it.
    let positions = members.withUnsafeBufferPointer { members in members.indices.filter { Self.isKey(members[$0].key, key, length: length) }
    }
    for index in positions { members[index].value = transform(members[index].value) }
  }

  /// Removes every member with one of these keys, in one pass: a dialect takes out of a node's
  /// configuration what its model holds elsewhere (id, type, name, position). Only a member
  /// whose key is as long as one of them is compared (`UTF8Lengths`); hashing every member's
  /// key, or comparing it with each, cost more than the lookups this replaced. The members are
  /// filtered into a new list: they are the document's own, shared, and would be copied whole
  /// anyway.
  public mutating func removeMembers(keyedBy keys: [String]) {
    let lengths = UTF8Lengths(keys)
    func isRemoved(_ member: Member) -> Bool {
      let length = member.key.utf8.count
      return lengths.mayContain(member.key) && keys.contains { Self.isKey($0, member.key, length: length) }
    }
    // Many calls find nothing to remove (an optional member set to nil): the members, shared
    // with the document, are then left as they are, not copied.
    guard let first = members.firstIndex(where: isRemoved) else { return }
    var kept: [Member] = []
    kept.reserveCapacity(members.count)
    kept.append(contentsOf: members[..<first])
    for member in members[(first + 1)...] where !isRemoved(member) { kept.append(member) }
    members = kept
  }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
  ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByNilLiteral
{
  /// A string value, so documents can be written as literals in code and tests.
  public init(stringLiteral value: String) { self = .string(value) }
  /// An integer number value.
  public init(integerLiteral value: Int) { self = .number(JSONNumber(value)) }
  /// A boolean value.
  public init(booleanLiteral value: Bool) { self = .bool(value) }
  /// An array value of the literal's elements.
  public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
  /// An object value of the literal's pairs, in the written order.
  public init(dictionaryLiteral elements: (String, JSONValue)...) {
    self = .object(JSONObject(elements.map { JSONObject.Member($0.0, $0.1) }))
  }
  /// The JSON `null`.
  public init(nilLiteral: ()) { self = .null }
}

extension JSONValue {
  /// The string payload, or nil for any other kind.
  public var stringValue: String? {
    if case .string(let value) = self { return value }
    return nil
  }

  /// The object payload, or nil for any other kind.
  public var objectValue: JSONObject? {
    if case .object(let value) = self { return value }
    return nil
  }

  /// The array payload, or nil for any other kind.
  public var arrayValue: [JSONValue]? {
    if case .array(let value) = self { return value }
    return nil
  }

  /// The integer payload of a number written as an integer.
  public var intValue: Int? {
    if case .number(let value) = self { return value.intValue }
    return nil
  }

  /// Member lookup on objects; nil for other kinds or a missing key.
  public subscript(key: String) -> JSONValue? {
    objectValue?[key]
  }

  /// A word for the kind of value, for error messages ("expected a string, found an array").
  public var kindName: String {
    switch self {
    case .null: "null"
    case .bool: "a boolean"
    case .number: "a number"
    case .string: "a string"
    case .array: "an array"
    case .object: "an object"
    }
  }
}
