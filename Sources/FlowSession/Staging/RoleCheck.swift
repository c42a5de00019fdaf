import FlowStore

/// Something a member's role allows or not.
enum GuardedAction: String {
  case export, commit
  case changeConnections = "change the connections of"
  case manageMembers = "change the members of"

  func allowed(for role: Role) -> Bool {
    switch self {
    case .export: role.mayExport
    case .commit, .changeConnections: role.mayWrite
    case .manageMembers: role.mayManageMembers
    }
  }
}

extension Session {
  /// Refuses, with a message that names the user, the role and who can help, when the session's
  /// user may not do `action` in the workspace. A workspace without members is open to everyone.
  func authorize(_ action: GuardedAction, in open: OpenWorkspace) throws {
    let members = try open.store.members()
    guard !members.isEmpty else { return }
    let member = members.first { $0.user == user }
    guard let member, action.allowed(for: member.role) else {
      throw SessionError.notPermitted(
        user: user, role: member?.role, action: action.rawValue, workspace: open.name,
        owners: members.filter { $0.role == .owner }.map(\.user))
    }
  }
}
