/// What a member may do in a workspace. A workspace without members is open to everyone, as
/// one made before roles existed; once it has members, only they act on it.
public enum Role: String, CaseIterable, Sendable {
  /// Everything, including changing members.
  case owner
  /// Commits imports and adds connections.
  case editor
  /// Reads flows, diffs and plans; cannot export or commit.
  case viewer

  /// True when the role may commit imports and add connections.
  public var mayWrite: Bool { self != .viewer }
  /// True when the role may export flows (which can carry credentials).
  public var mayExport: Bool { self != .viewer }
  /// True when the role may add, change and remove members.
  public var mayManageMembers: Bool { self == .owner }
}

/// A user and their role in one workspace.
public struct Member: Hashable, Sendable {
  /// The user name, as the session's user is named when it acts.
  public var user: String
  /// What the user may do in this workspace.
  public var role: Role

  /// A member `user` with `role`.
  public init(user: String, role: Role) {
    self.user = user
    self.role = role
  }
}
