/// `source`: runs the commands of another `.fps` file in this session.
struct Source: Command {
  static let spec = CommandSpec(
    name: "source", synopsis: "<file.fps>",
    summary: "Run a script's commands in this session; a relative path is taken from the sourcing script's folder.",
    positionals: .path)

  let path: String

  init(_ arguments: ParsedArguments) throws {
    path = try arguments.positional(0, "the script to run")
    try arguments.expectPositionals(atMost: 1)
  }

  func run(in session: Session) throws { try session.runScript(at: ScriptRunner.resolve(path, in: session)) }
}
