import FlowModel

/// Rewrites the secret values of a JSON value through one transform (a placeholder, a seal),
/// asking a dialect's rule which members hold secrets. Every string is also searched for a
/// JAAS login line (`... LoginModule required username="u" password="p";`), whose password is
/// a secret wherever it appears: Kafka's `sasl.jaas.config`, a Flink SQL statement.
struct SecretWalker {
  /// Where a member sits: the keys from the root to the object holding it, and those objects.
  struct Place {
    /// The keys leading to the object that holds the member (array indices are skipped).
    var keys: [String]
    /// The objects leading to it, the holding object last.
    var objects: [JSONObject]
    /// The object holding the member.
    var object: JSONObject { objects.last ?? [:] }
    /// The object `levels` above the holding one (1: its parent).
    func ancestor(_ levels: Int) -> JSONObject? {
      objects.count > levels ? objects[objects.count - 1 - levels] : nil
    }
  }

  /// What becomes of one secret's text.
  let transform: (String) -> String
  /// What becomes of a secret that is a JSON number, given its text: by default the same as
  /// a string's; sealing marks it, so the number comes back a number when opened.
  var number: ((String) -> String)? = nil
  /// What becomes of a placeholder where a secret was (`<secret removed>`, an empty value): by
  /// default it stays; a diff's view makes it `SecretStandIn.leftOut`, so that a secret an
  /// export left out is no change.
  var placeholder: JSONValue? = nil
  /// Members whose text may be a document of the dialect written as JSON (n8n's
  /// `workflowJson`, an inline workflow, its credentials' data with it), walked by the same
  /// rule. Only these are parsed: every string of every walked document is not.
  var embeddedDocumentKeys: Set<String> = []
  /// True when a secret in such a document transforms the whole text: a seal must be opened
  /// where it was made, and a seal inside JSON inside a string would be opened one escape short
  /// (a password with a quote or a newline breaking the inner JSON).
  var transformsEmbeddedDocumentsWhole = false
  /// Where values are rewritten: everywhere but for a diff, which shows the few members of a
  /// node's configuration that changed (`Secrets.shownInDiff`); walking every member of both
  /// configurations of each changed node was a tenth of a diff of two Make blueprints. Each
  /// place is rewritten as a whole walk would: the rule is asked with the keys and objects
  /// that lead to it.
  var places = JSONPlaces.everywhere

  /// Every string and number under `value` rewritten: the whole member is a secret. Booleans
  /// and nulls are left: they say whether a secret is set (`has_password`), never what it is.
  func all(_ value: JSONValue) -> JSONValue {
    switch value {
    case .string(let text):
      if Secrets.isValue(text) { return .string(transform(text)) }
      return Secrets.isPlaceholder(text) ? placeholder ?? value : value
    case .number(let number): return .string((self.number ?? transform)(number.text))
    case .array(let elements): return .array(elements.map(all))
    case .object(var object):
      for index in object.members.indices { object.members[index].value = all(object.members[index].value) }
      return .object(object)
    default: return value
    }
  }

  /// `value` with each member `rule` calls secret rewritten whole, and every JAAS password.
  func walk(_ value: JSONValue, _ rule: (Place, String) -> Bool) -> JSONValue {
    var place = Place(keys: [], objects: [])
    // The kept stack's arrays, with their room, for this walk; a walk within a rule finds the
    // empty ones in their place and makes its own.
    swap(&place, &kept.place)
    defer {
      place.keys.removeAll(keepingCapacity: true)
      place.objects.removeAll(keepingCapacity: true)
      swap(&place, &kept.place)
    }
    return (places.isWhole ? walk(value, place: &place, rule) : walk(value, place: &place, at: places, rule)) ?? value
  }

  /// The place stack, kept from one walk to the next: a dialect walks each node's
  /// configuration on its own, and making the stack's two arrays anew for every node was a
  /// fiftieth of a large diff. Not `Sendable`, as the walker is not: one thread walks with it.
  private final class KeptPlace {
    var place = Place(keys: [], objects: [])
  }
  private let kept = KeptPlace()

  /// A document written as JSON in a text (`embeddedDocumentKeys`) rewritten by the same rule
  /// and written again in the text's layout (on lines when it was), or the whole text
  /// transformed (`transformsEmbeddedDocumentsWhole`); nil when it is not JSON or nothing in
  /// it changes. Before, only the scanner read such a text, and found only members named as
  /// secrets.
  private func rewritingEmbeddedDocument(_ text: String, _ rule: (Place, String) -> Bool) -> JSONValue? {
    guard StringBytes.bytes(of: text, StringBytes.beginsAsJSONContainer), let embedded = try? JSONParser.parse(text) else { return nil }
    var place = Place(keys: [], objects: [])
    guard let rewritten = walk(embedded, place: &place, rule), rewritten != embedded else { return nil }
    if transformsEmbeddedDocumentsWhole { return .string(transform(text)) }
    return .string(JSONWriter(layout: text.utf8.contains(UInt8(ascii: "\n")) ? .indented(2) : .minified).string(rewritten))
  }

  /// The rewritten value, or nil when nothing under it is a secret: most of a document has
  /// none, and rebuilding (copying) every object of every document at each commit and export
  /// was a tenth of a bulk migration. `place` is one stack, pushed and popped, not copied per
  /// member.
  private func walk(_ value: JSONValue, place: inout Place, _ rule: (Place, String) -> Bool) -> JSONValue? {
    switch value {
    case .string(let text):
      return Secrets.rewritingJAAS(text, transform).map(JSONValue.string)
    case .array(let elements):
      var rewritten: [JSONValue]?
      elements.withUnsafeBufferPointer { elements in
        for index in elements.indices {
          guard let element = walk(elements[index], place: &place, rule) else { continue }
          if rewritten == nil { rewritten = Array(elements) }
          rewritten?[index] = element
        }
      }
      return rewritten.map(JSONValue.array)
    case .object(let object): return rewritten(object, place: &place, at: nil, rule)
    default: return nil
    }
  }

  /// `walk(_:place:_:)` of the values at `places` alone, which are not the whole value; the
  /// containers on the way are gone through as that walk goes through them.
  private func walk(_ value: JSONValue, place: inout Place, at places: JSONPlaces, _ rule: (Place, String) -> Bool) -> JSONValue? {
    switch value {
    case .array(var elements):
      var changed = false
      for index in elements.indices {
        guard let below = places.element(index),
          let element = below.isWhole
            ? walk(elements[index], place: &place, rule) : walk(elements[index], place: &place, at: below, rule)
        else { continue }
        elements[index] = element
        changed = true
      }
      return changed ? .array(elements) : nil
    case .object(let object): return rewritten(object, place: &place, at: places, rule)
    default: return nil
    }
  }

  /// `object` with its members rewritten (those at `places` alone, when given), or nil when
  /// nothing in it is a secret. Members are read in place: every member of every committed
  /// document comes through here.
  private func rewritten(_ object: JSONObject, place: inout Place, at places: JSONPlaces?, _ rule: (Place, String) -> Bool)
    -> JSONValue?
  {
    place.objects.append(object)
    defer { place.objects.removeLast() }
    var rewritten: JSONObject?
    object.members.withUnsafeBufferPointer { members in
      for index in members.indices {
        var below: JSONPlaces?
        if let places {
          guard let inside = places.member(members[index].key) else { continue }
          below = inside.isWhole ? nil : inside
        }
        guard let value = rewrittenMember(at: index, of: members, place: &place, below: below, rule) else { continue }
        if rewritten == nil { rewritten = object }
        rewritten?.members[index].value = value
      }
    }
    return rewritten.map(JSONValue.object)
  }

  /// The member at `index` of `members`, of the object last on `place`, rewritten (whole where
  /// `rule` calls it a secret), or nil when nothing in it is one; at `places` below it alone
  /// when given. A key is pushed only to go down into an array or an object.
  private func rewrittenMember(
    at index: Int, of members: UnsafeBufferPointer<JSONObject.Member>, place: inout Place, below places: JSONPlaces?,
    _ rule: (Place, String) -> Bool
  ) -> JSONValue? {
    let (key, value) = (members[index].key, members[index].value)
    switch value {
    case .null, .bool: return nil
    // Most walks name no such member: no key of theirs is hashed to look.
    case .string(let text) where !embeddedDocumentKeys.isEmpty && embeddedDocumentKeys.contains(key) && !rule(place, key):
      return rewritingEmbeddedDocument(text, rule) ?? walk(value, place: &place, rule)
    case .string, .number:
      return rule(place, key) ? all(value) : walk(value, place: &place, rule)
    case .array, .object:
      if rule(place, key) { return all(value) }
      place.keys.append(key)
      defer { place.keys.removeLast() }
      return places.map { walk(value, place: &place, at: $0, rule) } ?? walk(value, place: &place, rule)
    }
  }
}
