import FlowStore

/// `use`: sets the target workspace, where commands act when none is named.
struct Use: Command {
  static let spec = CommandSpec(
    name: "use", synopsis: "<workspace>",
    summary: "Make an open workspace the target of commands that take `in`/`into`.",
    positionals: .workspace)

  let name: String

  init(_ arguments: ParsedArguments) throws {
    name = try arguments.positional(0, "the workspace to use")
    try arguments.expectPositionals(atMost: 1)
  }

  func run(in session: Session) throws {
    let open = try session.workspace(name)
    session.targetName = open.name
    session.output.line("target is now \(open.name) (\(open.store.location))")
  }
}
