import FlowStore

/// Something a member's role allows or not.
enum GuardedAction: String {
  case export, commit
  case addConnection = "add connections to"
  case manageMembers = "change the members of"

  func allowed(for role: Role) -> Bool {
    switch self {
    case .export: role.mayExport
    case .commit, .addConnection: role.mayWrite
    case .manageMembers: role.mayManageMembers
    }
  }
}

extension Session {
  /// Refuses, with a message that names the user, the role and who can help, when the session's
  /// user may not do `action` in the workspace. A workspace without members is open to everyone.
  func authorize(_ action: GuardedAction, in open: OpenWorkspace) throws {
    let members = try store { () throws(StoreError) in try open.store.members() }
    guard !members.isEmpty else { return }
    let owners = members.filter { $0.role == .owner }.map(\.user).joined(separator: ", ")
    guard let member = members.first(where: { $0.user == user }) else {
      throw SessionError.notPermitted("\(user) is not a member of \(open.name) and cannot \(action.rawValue) it; ask an owner (\(owners))")
    }
    guard action.allowed(for: member.role) else {
      throw SessionError.notPermitted(
        "\(user) is a \(member.role.rawValue) of \(open.name): a \(member.role.rawValue) cannot \(action.rawValue) it; ask an owner (\(owners))"
      )
    }
  }
}
