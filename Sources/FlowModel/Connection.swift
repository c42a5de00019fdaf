/// A connection that exists in a workspace: what references are matched to. Its secret values
/// are held apart, by the store, and never appear in this value.
public struct Connection: Hashable, Sendable {
  /// The name references are matched to and bound by, unique in its workspace.
  public var name: String
  /// The connection type, e.g. `kafka`, `jdbc`, `http`; matching prefers references of the same type.
  public var type: String
  /// Non-secret settings, e.g. `bootstrap=broker:9092`.
  public var properties: JSONObject
  /// Names of the secret settings it holds (values are never in the model).
  public var secretNames: [String]

  /// A connection `name` of `type`, with its settings and the names of its secrets.
  public init(name: String, type: String, properties: JSONObject = [:], secretNames: [String] = []) {
    self.name = name
    self.type = type
    self.properties = properties
    self.secretNames = secretNames
  }
}
