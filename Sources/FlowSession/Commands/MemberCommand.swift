import FlowStore

/// `member list|add|remove`: who may act on a workspace, and how.
struct MemberCommand: Command {
  /// The options and keywords, declared once: the spec lists them and `init` looks them up by
  /// these values, never by spelling.
  enum Option {
    static let inWorkspace = OptionSpec.inWorkspace
  }

  static let spec = CommandSpec(
    name: "member", synopsis: "list | add <user> <owner|editor|viewer> | remove <user> [in <workspace>]",
    summary: "List a workspace's members, or give a user a role (owner, editor, viewer), or take it away.",
    discussion: """
      Owners do everything, including changing members; editors commit and add connections;
      viewers read, diff and plan, but cannot export or commit. A workspace without members is
      open to everyone; `workspace new` makes its creator the owner. The session acts as
      `--user`, or $USER.

      On a workspace file, roles are a guide, not a boundary: fps trusts `--user` and $USER,
      so anyone who can read the file can act as its owner (or open it with sqlite3). The
      file's permissions are the real boundary: it is created readable by you only; share it
      through group permissions or a copy, and keep the key file private. On a PostgreSQL
      workspace the server is the boundary: a login granted flowport_<db>_viewer cannot write,
      whatever `--user` says, an editor cannot change members, and the journal names the login
      (see `help workspace` for the roles `workspace new` makes).

        member add ana editor
        member add audit viewer in prod
      """,
    options: [],
    keywords: [Option.inWorkspace],
    positionals: .none, actions: ["list", "add", "remove"])

  enum Action {
    case list
    case add(Member)
    case remove(String)
  }

  let action: Action
  let workspaceName: String?

  init(_ arguments: ParsedArguments) throws {
    workspaceName = arguments.value(Option.inWorkspace)
    switch try arguments.positional(0, "an action (list, add or remove)") {
    case "list":
      try arguments.expectPositionals(atMost: 1)
      action = .list
    case "add":
      let user = try arguments.positional(1, "the user")
      let word = try arguments.positional(2, "the role (owner, editor or viewer)")
      guard let role = Role(rawValue: word) else {
        throw UsageError("unknown role '\(word)'; use owner, editor or viewer", command: "member")
      }
      try arguments.expectPositionals(atMost: 3)
      action = .add(Member(user: user, role: role))
    case "remove":
      let user = try arguments.positional(1, "the user")
      try arguments.expectPositionals(atMost: 2)
      action = .remove(user)
    case let other:
      throw UsageError("unknown action '\(other)'; use list, add or remove", command: "member")
    }
  }

  func run(in session: Session) throws {
    let open = try session.workspace(workspaceName)
    switch action {
    case .list:
      let members = try open.store.members()
      if members.isEmpty { return session.output.line("\(open.name) has no members: it is open to everyone") }
      for member in members { session.output.line("\(member.user)\t\(member.role.rawValue)") }
    case .add(let member):
      try session.authorize(.manageMembers, in: open)
      if member.role != .owner { try keepAnOwner(besides: member.user, in: open, session: session) }
      try session.stage(.setMember(member), in: open)
      session.output.line("staged: \(member.user) becomes \(member.role.rawValue) of \(open.name); `commit` writes it")
    case .remove(let user):
      try session.authorize(.manageMembers, in: open)
      guard try session.members(of: open).contains(where: { $0.user == user }) else { throw StoreError.noSuchMember(user) }
      try keepAnOwner(besides: user, in: open, session: session)
      try session.stage(.removeMember(user), in: open)
      session.output.line("staged: \(user) leaves \(open.name); `commit` writes it")
    }
  }

  /// Refuses to leave a workspace that has members without an owner: nobody could change its
  /// members again.
  private func keepAnOwner(besides user: String, in open: OpenWorkspace, session: Session) throws {
    let owners = try session.members(of: open).filter { $0.role == .owner }.map(\.user)
    if owners == [user] {
      throw SessionError.lastOwner(user: user, workspace: open.name)
    }
  }
}
