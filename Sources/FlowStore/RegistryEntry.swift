/// A shared definition a workspace keeps apart from any one flow: an event of the events
/// registry, a form, a rule of the rulestore. Imports reuse an identical entry, add a missing
/// one, and are refused when a same-named entry differs.
public struct RegistryEntry: Hashable, Sendable {
  /// The kind of definition, as the registry spells it.
  public struct Kind: RawRepresentable, Hashable, Sendable {
    /// The kind as stored and shown, such as `event`.
    public let rawValue: String
    /// A kind spelled `rawValue`, including ones this fps does not know.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// An event of the events registry.
    public static let event = Kind(rawValue: "event")
    /// A form.
    public static let form = Kind(rawValue: "form")
    /// A rule of the rulestore.
    public static let rule = Kind(rawValue: "rule")
  }

  /// Whether it is an event, a form or a rule; names are unique per kind.
  public var kind: Kind
  /// The name flows refer to it by, unique within its kind.
  public var name: String
  /// The definition as minified JSON, compared as text after normalising through the writer.
  public var definition: String

  /// An entry of `kind` named `name`, defined by `definition` (minified JSON).
  public init(kind: Kind, name: String, definition: String) {
    self.kind = kind
    self.name = name
    self.definition = definition
  }
}
