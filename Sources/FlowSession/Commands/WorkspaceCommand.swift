import FlowStore
import Foundation

/// `workspace new|rekey`: creates an empty workspace file and opens it, or re-seals a
/// workspace's secrets with the current key.
struct WorkspaceCommand: Command {
  /// The options and keywords, declared once: the spec lists them and `init` looks them up by
  /// these values, never by spelling.
  enum Option {
    static let alias = OptionSpec("as", value: "name", help: "the session name of the workspace")
    static let ifMissing = OptionSpec("--if-missing", help: "with new: open the workspace when it exists already (a script can run again)")
    static let from = OptionSpec(
      "--from", value: "key file", completion: .path, help: "with rekey: the old key file, whose secrets are re-sealed with the current key"
    )
  }

  static let spec = CommandSpec(
    name: "workspace",
    synopsis: "new <file.fpsw|postgres://...> [as <name>] [--if-missing] | copy <from> <to> | rekey [<workspace>] [--from <old key file>]",
    summary:
      "Create a workspace (a file, or a PostgreSQL database a team shares, holding flows, connections and the journal), copy one, or re-seal its secrets.",
    discussion: """
      `new`: the new workspace is opened under its file name (or `as <name>`, which it
      remembers) and becomes the target; the file is created readable by you only. With
      --if-missing an existing workspace is opened instead, so a migration script can run again.

      `new postgres://user@host:port/db` makes FlowPort's tables (schema `flowport`) in that
      existing database, for a team that works on one workspace at once: every command works as
      on a file, and a commit made while another session committed is refused, nothing lost.
      The login comes from the URL, then PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE and
      PGSSLMODE, the password last from ~/.pgpass; TLS is used when the server offers it
      (`?sslmode=require` or `verify-full` to insist). Messages and the saved session show the
      URL without its password.

      Roles there are the server's, enforced whatever `--user` says: `new` makes the database
      roles flowport_<db>_viewer (reads), flowport_<db>_editor (also commits, undoes and changes
      connections) and flowport_<db>_owner (also changes members), each including the one
      before, so it needs a login that may create roles. Grant them to logins, as
      `GRANT flowport_prod_editor TO ana;`. A viewer's login opens the workspace read-only, and
      the journal names each commit's login as its author.

      Secrets (connection secrets, and credentials inside stored flows) are sealed with
      AES-GCM under the workspace key: `FLOWPORT_KEY`, or the key file
      `$XDG_CONFIG_HOME/flowport/key` (default `~/.config/flowport/key`), made with mode 0600
      on first use. The key never lives in the workspace. Opened without its key, a workspace
      still shows and exports its flows and says which secrets it cannot read.

      `copy <from> <to>`: the whole workspace, journal included (with what undo needs, the
      members and what it remembers), into a new one of either kind: a file into PostgreSQL
      and back. Secrets travel sealed, as stored; the destination must not exist yet.

      `rekey`: to change the key, move the old key file aside (or change `FLOWPORT_KEY`), then
      `workspace rekey prod --from <old key file>`: every secret is opened with the old key and
      sealed with the current one, in one transaction (also seals secrets stored in clear by
      an older FlowPort).

        workspace new prod.fpsw as prod
        workspace new postgres://flowport@db.internal/prod as prod
        workspace copy prod.fpsw postgres://flowport@db.internal/prod
        workspace rekey prod --from ~/.config/flowport/key.old
      """,
    options: [Option.ifMissing, Option.from],
    keywords: [Option.alias],
    positionals: .path, actions: ["new", "copy", "rekey"])

  enum Action {
    case new(path: String, alias: String?, ifMissing: Bool)
    case copy(from: String, to: String)
    case rekey(workspace: String?, from: String?)
  }

  let action: Action

  init(_ arguments: ParsedArguments) throws {
    switch try arguments.positional(0, "an action (new, copy or rekey)") {
    case "new":
      try arguments.expectNone(of: [Option.from])
      let path = try arguments.positional(1, "the workspace file (or postgres:// URL) to create")
      try arguments.expectPositionals(atMost: 2)
      action = .new(path: path, alias: arguments.value(Option.alias), ifMissing: arguments.flag(Option.ifMissing))
    case "copy":
      try arguments.expectNone(of: [Option.alias, Option.ifMissing, Option.from])
      let from = try arguments.positional(1, "the workspace to copy")
      let to = try arguments.positional(2, "where to copy it (a new file or postgres:// URL)")
      try arguments.expectPositionals(atMost: 3)
      action = .copy(from: from, to: to)
    case "rekey":
      try arguments.expectNone(of: [Option.alias, Option.ifMissing])
      try arguments.expectPositionals(atMost: 2)
      action = .rekey(workspace: arguments.positionals.dropFirst().first, from: arguments.value(Option.from))
    case let word:
      throw UsageError(
        "unknown action '\(word)'; try `workspace new <file.fpsw>`, `workspace copy <from> <to>` or `workspace rekey`", command: "workspace"
      )
    }
  }

  func run(in session: Session) throws {
    switch action {
    case .new(let path, let alias, let ifMissing):
      let existing = ifMissing && WorkspaceStores.isWorkspace(path)
      let store =
        existing
        ? try WorkspaceStores.open(path, key: session.workspaceKey())
        : try WorkspaceStores.create(path, owner: session.user, name: alias, key: session.workspaceKey())
      let name = alias ?? store.defaultName
      if let open = session.workspaces[name] {
        guard existing, open.store.location == store.location else {
          throw SessionError.workspaceOpen(name: name, location: open.store.location)
        }
      } else {
        try session.register(store, as: name)
      }
      session.targetName = name
      // The store's location, not the path typed: a URL's password stays out of the output.
      session.output.line("\(existing ? "opened" : "created") workspace \(name) (\(store.location)); it is the target")
    case .copy(let from, let to):
      let (source, copy) = try WorkspaceStores.copy(from: from, to: to, key: session.workspaceKey())
      let (flows, commits) = (try copy.flows().count, try copy.journal().count)
      session.output.line(
        "copied \(source) to \(copy.location): \(Describe.count(flows, "flow")), \(Describe.count(commits, "commit")) in the journal")
    case .rekey(let workspace, let from):
      let open = try session.workspace(workspace)
      try session.authorize(.manageMembers, in: open)
      let old = try from.map { path throws(StoreError) in try WorkspaceKey.fromFile(path) }
      let count = try session.writing(to: open) { () throws(StoreError) in try open.store.rekey(from: old, author: session.user) }
      open.decodedVersions = [:]
      let key = open.store.sealer.map { " \($0.key.id)" } ?? ""
      session.output.line("re-sealed \(Describe.count(count, "secret")) of \(open.name) with key\(key)")
    }
  }
}
