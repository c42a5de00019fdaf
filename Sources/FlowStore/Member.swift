/// What a member may do in a workspace. A workspace without members is open to everyone, as
/// one made before roles existed; once it has members, only they act on it.
public enum Role: String, CaseIterable, Sendable {
  /// Everything, including changing members.
  case owner
  /// Commits imports and adds connections.
  case editor
  /// Reads flows, diffs and plans; cannot export or commit.
  case viewer

  public var mayWrite: Bool { self != .viewer }
  public var mayExport: Bool { self != .viewer }
  public var mayManageMembers: Bool { self == .owner }
}

/// A user and their role in one workspace.
public struct Member: Hashable, Sendable {
  public var user: String
  public var role: Role

  public init(user: String, role: Role) {
    self.user = user
    self.role = role
  }
}
