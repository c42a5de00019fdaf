/// What a flow needs from its environment: a connection of some type. Exports never carry the
/// credentials, so each reference is matched to a connection of the target before commit.
public struct ConnectionRef: Hashable, Sendable {
  /// How nodes name this reference (`Node.connection`); stable within the export.
  public var key: String
  /// The connection type, e.g. `kafka`, `jdbc`, `http`; matching prefers the same type.
  public var type: String
  /// The connection's name in the environment the flow came from (or is bound to).
  public var name: String
  /// Non-secret settings (endpoints, options). Secret values never live here.
  public var properties: JSONObject
  /// Secret values (passwords, tokens): empty but in an export made with `--with-credentials`.
  public var credentials: JSONObject = [:]

  /// A reference `key` to a connection of `type` named `name` at the source, without credentials.
  public init(key: String, type: String, name: String, properties: JSONObject = [:]) {
    self.key = key
    self.type = type
    self.name = name
    self.properties = properties
  }
}
