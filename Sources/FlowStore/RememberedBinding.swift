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

  /// A binding of the reference `key` of `type` (named `name` in the export) to `connection`.
  public init(type: String, key: String, name: String, connection: String, commit: Int = 0) {
    self.type = type
    self.key = key
    self.name = name
    self.connection = connection
    self.commit = commit
  }
}
