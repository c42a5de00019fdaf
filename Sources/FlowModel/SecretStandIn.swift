/// What a view that compares flows holds in place of a secret value (a password, a sensitive
/// property): equal stand-ins for equal values in one process, so a changed secret still shows
/// as changed, yet the stand-in says nothing about the value (a per-process seeded hash) and is
/// never printed as such.
///
/// A stand-in is delimited at both ends, so that one standing for a secret inside a longer
/// text (a password in a URL, a token in code) can be found there and masked too.
public enum SecretStandIn {
  private static let marker = "\u{FFFF}secret:"
  private static let end: Character = "\u{FFFF}"

  /// The stand-in for `value`; a stand-in stays itself.
  public static func standIn(for value: JSONValue) -> JSONValue {
    if isStandIn(value) { return value }
    var hasher = Hasher()
    hasher.combine(value)
    return .string(marker + String(UInt64(bitPattern: Int64(hasher.finalize())), radix: 16) + String(end))
  }

  /// The stand-in for a secret written inside a longer text, to be put in its place there.
  public static func standIn(forTextIn secret: String) -> String {
    standIn(for: .string(secret)).stringValue ?? ""
  }

  /// What a view holds where an export left a secret out (a placeholder such as
  /// `<secret removed>`, an empty value): a stand-in like any other, so it is never printed,
  /// and one diff takes for no change against a secret present (`FlowDiff.JSONDiff`). Its hash
  /// is 0, which no value's is but one in 2⁶⁴.
  public static let leftOut = JSONValue.string(marker + "0" + String(end))

  /// True when every text and number in `value` is a stand-in, and it holds one: what a member
  /// of secrets alone (Node-RED's `credentials`) holds in a view. Booleans and nulls say
  /// whether a secret is set, not what it is.
  public static func holdsOnlySecrets(_ value: JSONValue) -> Bool {
    var holdsOne = false
    func secretsAlone(_ value: JSONValue) -> Bool {
      switch value {
      case .null, .bool: return true
      case .number: return false
      case .string:
        holdsOne = holdsOne || isStandIn(value)
        return isStandIn(value)
      case .array(let elements): return elements.allSatisfy(secretsAlone)
      case .object(let object): return object.members.allSatisfy { secretsAlone($0.value) }
      }
    }
    return secretsAlone(value) && holdsOne
  }

  /// True for a value made by `standIn(for:)`.
  public static func isStandIn(_ value: JSONValue) -> Bool {
    guard case .string(let text) = value else { return false }
    let bytes = text.utf8
    return bytes.count > markerBytes.count + endBytes.count && bytes.starts(with: markerBytes)
      && bytes.suffix(endBytes.count).elementsEqual(endBytes)
      && bytes.dropFirst(markerBytes.count).dropLast(endBytes.count).allSatisfy(isLowerHexDigit)
  }

  /// The stand-ins in `value`, whole or inside its texts, in order: the values of two sides
  /// whose secrets differ have different lists, whatever else changed around them.
  public static func standIns(in value: JSONValue) -> [String] {
    switch value {
    case .string(let text): return found(in: text).map { String($0.hash) }
    case .array(let elements): return elements.flatMap(standIns)
    case .object(let object): return object.members.flatMap { standIns(in: $0.value) }
    default: return []
    }
  }

  /// A stand-in found in a text: where it stands, whole, and its hash.
  private typealias Found = (range: Range<String.Index>, hash: Substring)

  /// `text` with every stand-in in it, whole or inside, replaced by `words`: a name as output
  /// shows it.
  public static func masked(_ text: String, with words: String) -> String {
    let standIns = found(in: text)
    return standIns.isEmpty ? text : masking(text, standIns, with: words)
  }

  /// `text` with its stand-ins, `found(in: text)`, replaced by `words`.
  private static func masking(_ text: String, _ standIns: [Found], with words: String) -> String {
    var result = ""
    var cursor = text.startIndex
    for standIn in standIns {
      result += text[cursor..<standIn.range.lowerBound] + words
      cursor = standIn.range.upperBound
    }
    return result + text[cursor...]
  }

  /// Each stand-in in `text`, whole (marker, hash, end) with its hash: only lower-case hex
  /// digits, as `standIn(for:)` writes them, between a marker and the end count. Searched in
  /// the UTF-8 bytes: `String.contains` and `firstRange(of:)` of a string go through
  /// `_StringProcessing`, whose searcher looks its generic requirements up in the runtime's
  /// conformance tables, about 22,000 instructions a call; a diff asks this of every text it
  /// prints.
  private static func found(in text: String) -> [Found] {
    let utf8 = text.utf8
    return StringBytes.bytes(of: text) { bytes in
      var found: [Found] = []
      var start = 0
      while case let first = StringBytes.firstIndex(of: markerBytes[0], in: bytes, from: start), first < bytes.count {
        start = first + 1
        let hashStart = first + markerBytes.count
        guard hashStart < bytes.count, bytes[first..<hashStart].elementsEqual(markerBytes) else { continue }
        let hashEnd = bytes[hashStart...].firstIndex { !isLowerHexDigit($0) } ?? bytes.count
        let end = hashEnd + endBytes.count
        guard hashEnd > hashStart, end <= bytes.count, bytes[hashEnd..<end].elementsEqual(endBytes) else { continue }
        let place = { (offset: Int) in utf8.index(utf8.startIndex, offsetBy: offset) }
        found.append((place(first)..<place(end), Substring(utf8[place(hashStart)..<place(hashEnd)])))
        start = end
      }
      return found
    }
  }

  /// The marker's and the end's UTF-8 bytes, searched for by `found(in:)`.
  private static let markerBytes = Array(marker.utf8)
  private static let endBytes = Array(String(end).utf8)

  /// True for the digits `String(_:radix: 16)` writes.
  private static func isLowerHexDigit(_ byte: UInt8) -> Bool {
    (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
  }

  /// The value with every stand-in in it, whole or inside a text, replaced by `replacement`,
  /// for output.
  public static func masked(_ value: JSONValue, with replacement: JSONValue) -> JSONValue {
    switch value {
    case .string(let text):
      if isStandIn(value) { return replacement }
      guard let words = replacement.stringValue else { return value }
      return .string(masked(text, with: words))
    case .array(let elements): return .array(elements.map { masked($0, with: replacement) })
    case .object(var object):
      for index in object.members.indices { object.members[index].value = masked(object.members[index].value, with: replacement) }
      return .object(object)
    default: return value
    }
  }
}

extension JSONValue {
  /// The value with `SecretStandIn`s for the values of the members named in `keys`, wherever
  /// they sit below it; with no keys, every scalar in it (a dialect's view of its credentials,
  /// and what a diff shows of a configuration nobody said how to show).
  public func standingInForSecrets(named keys: Set<String>? = nil) -> JSONValue {
    switch self {
    case .object(var object):
      for index in object.members.indices {
        let value = object.members[index].value
        if let keys, keys.contains(object.members[index].key) {
          object.members[index].value = value.standingInForSecrets()
        } else {
          object.members[index].value = value.standingInForSecrets(named: keys)
        }
      }
      return .object(object)
    case .array(let elements): return .array(elements.map { $0.standingInForSecrets(named: keys) })
    case .null: return self
    case .string(let text) where text.isEmpty: return self
    default: return keys == nil ? SecretStandIn.standIn(for: self) : self
    }
  }
}
