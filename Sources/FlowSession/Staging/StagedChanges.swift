import FlowFormats
import FlowModel
import FlowStore

extension Session {
  /// Stages a connection, member or flow change for the workspace's next commit; refused at
  /// once for a workspace no commit could write.
  func stage(_ change: WorkspaceChange, in open: OpenWorkspace) throws {
    if open.store.isReadOnly { throw StoreError.readOnly(path: open.store.location) }
    changes[open.name, default: []].append(change)
  }

  /// The workspace's connections as the next commit will leave them (staged changes applied),
  /// without planning the pending imports.
  func connections(of workspaceName: String) throws -> [Connection] {
    WorkspaceState(try workspace(workspaceName).snapshot(), staged: changes[workspaceName] ?? []).connections
  }

  /// Who is bound to a connection: flows of the workspace whose current version names it, and
  /// pending imports bound to it; what `connection remove` must not pull out from under.
  func bindings(to connection: String, in open: OpenWorkspace) throws -> [String] {
    var users: [String] = []
    for stored in try open.store.currentVersions()
    where try decodeStored(stored, in: open).connections.contains(where: { $0.name == connection }) {
      users.append(stored.flow)
    }
    for pending in imports where pending.workspace == open.name && pending.bindings.values.contains(where: { $0.connection == connection })
    {
      users.append("\(pending.name) (pending)")
    }
    return users
  }

  /// The members as the next commit will leave them: the stored ones with staged changes applied.
  func members(of open: OpenWorkspace) throws -> [Member] {
    var members = try open.store.members()
    for change in changes[open.name] ?? [] {
      switch change {
      case .setMember(let member):
        members.removeAll { $0.user == member.user }
        members.append(member)
      case .removeMember(let user): members.removeAll { $0.user == user }
      default: continue
      }
    }
    return members.sorted { $0.user < $1.user }
  }

  /// One line per staged change, for `status`, the plan and the journal's default message; a
  /// token in a flow's or a connection's name redacted (`Secrets.redacted(name:)`), as every
  /// line about them.
  static func describe(_ change: WorkspaceChange) -> String {
    switch change {
    case .addConnection(let connection, let secrets):
      let secretNames = secrets.isEmpty ? "" : ", secrets \(secrets.keys.sorted().joined(separator: ", "))"
      return "add connection \(Secrets.redacted(name: connection.name)) (\(connection.type))\(secretNames)"
    case .setConnection(let name, let properties, let secrets):
      let what = properties.members.map(\.key) + secrets.keys.sorted().map { "\($0) (secret)" }
      return "change connection \(Secrets.redacted(name: name)): \(what.joined(separator: ", "))"
    case .removeConnection(let name): return "remove connection \(Secrets.redacted(name: name))"
    case .setMember(let member): return "make \(member.user) \(member.role.rawValue)"
    case .removeMember(let user): return "remove member \(user)"
    case .removeFlow(let flow): return "remove flow \(Secrets.redacted(name: flow)) (all its versions; `undo` brings it back)"
    case .forgetBinding(let type, let key): return "forget the remembered binding of \(Secrets.redacted(name: key)) (\(type))"
    }
  }
}

extension WorkspaceChange {
  /// Member changes need the owner role, not just the right to commit.
  var isMemberChange: Bool {
    switch self {
    case .setMember, .removeMember: true
    default: false
    }
  }
}
