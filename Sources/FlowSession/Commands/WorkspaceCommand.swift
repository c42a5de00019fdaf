import FlowStore
import Foundation

/// `workspace new`: creates an empty workspace file and opens it.
struct WorkspaceCommand: Command {
  /// The options and keywords, declared once: the spec lists them and `init` looks them up by
  /// these values, never by spelling.
  enum Option {
    static let alias = OptionSpec("as", value: "name", help: "the session name of the workspace")
    static let ifMissing = OptionSpec("--if-missing", help: "open the workspace when it exists already (a script can run again)")
  }

  static let spec = CommandSpec(
    name: "workspace", synopsis: "new <file.fpsw> [as <name>] [--if-missing]",
    summary: "Create a workspace: an embedded SQLite file holding flows, connections and the journal.",
    discussion: """
      The new workspace is opened under its file name (or `as <name>`, which it remembers) and
      becomes the target. With --if-missing an existing workspace is opened instead, so a
      migration script can run again.
      """,
    options: [Option.ifMissing],
    keywords: [Option.alias],
    positionals: .path, actions: ["new"])

  let path: String
  let alias: String?
  let ifMissing: Bool

  init(_ arguments: ParsedArguments) throws {
    let action = try arguments.positional(0, "an action (new)")
    guard action == "new" else {
      throw UsageError("unknown action '\(action)'; try `workspace new <file.fpsw>`", command: "workspace")
    }
    path = try arguments.positional(1, "the workspace file to create")
    try arguments.expectPositionals(atMost: 2)
    alias = arguments.value(Option.alias)
    ifMissing = arguments.flag(Option.ifMissing)
  }

  func run(in session: Session) throws {
    let existing = ifMissing && WorkspaceStores.isWorkspace(path)
    let store = existing ? try WorkspaceStores.open(path) : try WorkspaceStores.create(path, owner: session.user, name: alias)
    let name = alias ?? store.name ?? URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
    if let open = session.workspaces[name] {
      guard existing, open.store.location == path else { throw SessionError.workspaceOpen(name: name, location: open.store.location) }
    } else {
      try session.register(store, as: name)
    }
    session.targetName = name
    session.output.line("\(existing ? "opened" : "created") workspace \(name) (\(path)); it is the target")
  }
}
