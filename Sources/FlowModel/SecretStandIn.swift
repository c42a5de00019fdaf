/// What a view that compares flows holds in place of a secret value (a password, a sensitive
/// property): equal stand-ins for equal values in one process, so a changed secret still shows
/// as changed, yet the stand-in says nothing about the value (a per-process seeded hash) and is
/// never printed as such.
public enum SecretStandIn {
  private static let marker = "\u{FFFF}secret:"

  /// The stand-in for `value`; a stand-in stays itself.
  public static func standIn(for value: JSONValue) -> JSONValue {
    if isStandIn(value) { return value }
    var hasher = Hasher()
    hasher.combine(value)
    return .string(marker + String(UInt64(bitPattern: Int64(hasher.finalize())), radix: 16))
  }

  /// True for a value made by `standIn(for:)`.
  public static func isStandIn(_ value: JSONValue) -> Bool {
    guard case .string(let text) = value else { return false }
    return text.hasPrefix(marker)
  }

  /// The value with every stand-in in it replaced by `replacement`, for output.
  public static func masked(_ value: JSONValue, with replacement: JSONValue) -> JSONValue {
    switch value {
    case .string: return isStandIn(value) ? replacement : value
    case .array(let elements): return .array(elements.map { masked($0, with: replacement) })
    case .object(var object):
      for index in object.members.indices { object.members[index].value = masked(object.members[index].value, with: replacement) }
      return .object(object)
    default: return value
    }
  }
}
