import FlowStore
import Foundation

/// `workspace new`: creates an empty workspace file and opens it.
struct WorkspaceCommand: Command {
  /// The options and keywords, declared once: the spec lists them and `init` looks them up by
  /// these values, never by spelling.
  enum Option {
    static let alias = OptionSpec("as", value: "name", help: "the session name of the workspace")
  }

  static let spec = CommandSpec(
    name: "workspace", synopsis: "new <file.fpsw> [as <name>]",
    summary: "Create a workspace: an embedded SQLite file holding flows, connections and the journal.",
    discussion: "The new workspace is opened under its file name (or `as <name>`) and becomes the target.",
    keywords: [Option.alias],
    positionals: .path, actions: ["new"])

  let path: String
  let alias: String?

  init(_ arguments: ParsedArguments) throws {
    let action = try arguments.positional(0, "an action (new)")
    guard action == "new" else {
      throw UsageError("unknown action '\(action)'; try `workspace new <file.fpsw>`", command: "workspace")
    }
    path = try arguments.positional(1, "the workspace file to create")
    try arguments.expectPositionals(atMost: 2)
    alias = arguments.value(Option.alias)
  }

  func run(in session: Session) throws {
    let name = alias ?? URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
    if let open = session.workspaces[name] { throw SessionError.workspaceOpen(name: name, location: open.store.location) }
    let store = try WorkspaceStores.create(path, owner: session.user, name: alias)
    try session.register(store, as: name)
    session.targetName = name
    session.output.line("created workspace \(name) (\(path)); it is the target")
  }
}
