import FlowModel

/// A change to a workspace other than a flow version, staged by the session like an import and
/// written by the same commit: journaled, and undone with it.
public enum WorkspaceChange: Hashable, Sendable {
  /// A new connection with its secret values (kept apart from its properties).
  case addConnection(Connection, secrets: [String: String])
  /// An existing connection's properties and secrets: those given are set, others kept.
  case setConnection(name: String, properties: JSONObject, secrets: [String: String])
  /// A connection goes away with its secrets.
  case removeConnection(String)
  /// A user gets a role, or a new one.
  case setMember(Member)
  /// A user is no longer a member.
  case removeMember(String)
  /// A flow goes away with all its versions (kept in the journal, so undo brings it back).
  case removeFlow(String)
  /// A remembered binding (of the reference `key` of `type`) is forgotten.
  case forgetBinding(type: String, key: String)

  /// What the change is about: the connection, the user or the flow.
  public var subject: String {
    switch self {
    case .addConnection(let connection, _): connection.name
    case .setConnection(let name, _, _), .removeConnection(let name): name
    case .setMember(let member): member.user
    case .removeMember(let user): user
    case .removeFlow(let flow): flow
    case .forgetBinding(_, let key): key
    }
  }
}
