/// A shared definition a workspace keeps apart from any one flow: an event of the events
/// registry, a form, a rule of the rulestore. Imports reuse an identical entry, add a missing
/// one, and are refused when a same-named entry differs.
public struct RegistryEntry: Hashable, Sendable {
  /// The kind of definition, as the registry spells it.
  public struct Kind: RawRepresentable, Hashable, Sendable {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    public static let event = Kind(rawValue: "event")
    public static let form = Kind(rawValue: "form")
    public static let rule = Kind(rawValue: "rule")
  }

  public var kind: Kind
  public var name: String
  /// The definition as minified JSON, compared as text after normalising through the writer.
  public var definition: String

  public init(kind: Kind, name: String, definition: String) {
    self.kind = kind
    self.name = name
    self.definition = definition
  }
}
