/// What a commit learned: a source connection reference (its type and key in the export, and
/// the name it had there) was bound to a connection of the workspace. The next import of any
/// flow with the same reference is bound the same way without `match`.
public struct RememberedBinding: Hashable, Sendable {
  /// The reference's connection type.
  public var type: String
  /// The reference's key in the export (n8n `type:credential id`, a Node-RED config node id).
  public var key: String
  /// The name the reference had in the export, for messages.
  public var name: String
  /// The workspace connection it was bound to.
  public var connection: String
  /// The commit that recorded it (0 before it is written).
  public var commit: Int

  /// What a binding is remembered by: the reference's type and key (a later one replaces it).
  public struct Reference: Hashable, Sendable {
    /// The reference's connection type.
    public let type: String
    /// The reference's key in the export.
    public let key: String

    /// The reference `key` of `type`.
    public init(type: String, key: String) {
      self.type = type
      self.key = key
    }
  }

  /// The reference this binding is remembered for.
  public var reference: Reference { Reference(type: type, key: key) }

  /// A binding of the reference `key` of `type` (named `name` in the export) to `connection`.
  public init(type: String, key: String, name: String, connection: String, commit: Int = 0) {
    self.type = type
    self.key = key
    self.name = name
    self.connection = connection
    self.commit = commit
  }
}
