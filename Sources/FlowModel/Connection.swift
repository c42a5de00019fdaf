/// A connection that exists in a workspace: what references are matched to. Its secret values
/// are held apart, by the store, and never appear in this value.
public struct Connection: Hashable, Sendable {
  public var name: String
  public var type: String
  /// Non-secret settings, e.g. `bootstrap=broker:9092`.
  public var properties: JSONObject
  /// Names of the secret settings it holds (values are never in the model).
  public var secretNames: [String]

  public init(name: String, type: String, properties: JSONObject = [:], secretNames: [String] = []) {
    self.name = name
    self.type = type
    self.properties = properties
    self.secretNames = secretNames
  }
}
