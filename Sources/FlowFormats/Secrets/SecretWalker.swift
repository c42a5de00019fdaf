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

  /// Every string and number under `value` rewritten: the whole member is a secret. Booleans
  /// and nulls are left: they say whether a secret is set (`has_password`), never what it is.
  func all(_ value: JSONValue) -> JSONValue {
    switch value {
    case .string(let text): return Secrets.isValue(text) ? .string(transform(text)) : value
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
    walk(value, place: Place(keys: [], objects: []), rule)
  }

  private func walk(_ value: JSONValue, place: Place, _ rule: (Place, String) -> Bool) -> JSONValue {
    switch value {
    case .string(let text): return .string(Secrets.rewritingJAAS(text, transform))
    case .array(let elements): return .array(elements.map { walk($0, place: place, rule) })
    case .object(var object):
      var here = place
      here.objects.append(object)
      for index in object.members.indices {
        let key = object.members[index].key
        if rule(here, key) {
          object.members[index].value = all(object.members[index].value)
        } else {
          var inner = here
          inner.keys.append(key)
          object.members[index].value = walk(object.members[index].value, place: inner, rule)
        }
      }
      return .object(object)
    default: return value
    }
  }
}
