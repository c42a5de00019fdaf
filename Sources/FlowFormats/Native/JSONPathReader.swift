import FlowModel

/// Reads members out of a JSON object while tracking where it is, so that a bad document is
/// reported as `nodes[3].name: expected a string, found a number`.
struct JSONPathReader {
  let object: JSONObject
  let path: String

  init(_ value: JSONValue, path: String) throws(FormatError) {
    guard case .object(let object) = value else {
      throw .invalid(path: path.isEmpty ? "(top level)" : path, reason: "expected an object, found \(value.kindName)")
    }
    self.object = object
    self.path = path
  }

  func childPath(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

  func required(_ key: String) throws(FormatError) -> JSONValue {
    guard let value = object[key] else { throw .invalid(path: childPath(key), reason: "missing") }
    return value
  }

  func string(_ key: String) throws(FormatError) -> String {
    guard let text = try optionalString(key) else {
      throw .invalid(path: childPath(key), reason: object[key] == nil ? "missing" : "expected a string, found null")
    }
    return text
  }

  func optionalString(_ key: String) throws(FormatError) -> String? {
    guard let value = object[key], value != .null else { return nil }
    guard let text = value.stringValue else {
      throw .invalid(path: childPath(key), reason: "expected a string, found \(value.kindName)")
    }
    return text
  }

  func optionalInt(_ key: String) throws(FormatError) -> Int? {
    guard let value = object[key], value != .null else { return nil }
    guard let number = value.intValue else {
      throw .invalid(path: childPath(key), reason: "expected a whole number, found \(value.kindName)")
    }
    return number
  }

  func optionalObject(_ key: String) throws(FormatError) -> JSONObject? {
    guard let value = object[key], value != .null else { return nil }
    guard let nested = value.objectValue else {
      throw .invalid(path: childPath(key), reason: "expected an object, found \(value.kindName)")
    }
    return nested
  }

  func array(_ key: String) throws(FormatError) -> [JSONValue] {
    guard let value = object[key], value != .null else { return [] }
    guard let elements = value.arrayValue else {
      throw .invalid(path: childPath(key), reason: "expected an array, found \(value.kindName)")
    }
    return elements
  }

  func nested(_ key: String) throws(FormatError) -> JSONPathReader? {
    guard let value = object[key], value != .null else { return nil }
    return try JSONPathReader(value, path: childPath(key))
  }

  /// Refuses the array at `key` unless each of its elements is an object whose `textMembers`
  /// are texts where they are set, at the first place that breaks. Read in place: a path is
  /// spelled only for a document that breaks, where `objects` spells one for every element
  /// (every node of every file of a bulk load is checked).
  func requireObjects(_ key: String, textMembers: [String] = []) throws(FormatError) {
    let holds = try array(key).allSatisfy { element in
      guard case .object(let object) = element else { return false }
      return textMembers.allSatisfy { member in
        switch object[member] {
        case nil, .null?, .string?: true
        default: false
        }
      }
    }
    if holds { return }
    for reader in try objects(key) {
      for member in textMembers { _ = try reader.optionalString(member) }
    }
  }

  /// Each element of an array member read as an object, with its index in the path.
  func objects(_ key: String) throws(FormatError) -> [JSONPathReader] {
    var readers: [JSONPathReader] = []
    for (index, element) in try array(key).enumerated() {
      readers.append(try JSONPathReader(element, path: "\(childPath(key))[\(index)]"))
    }
    return readers
  }
}
