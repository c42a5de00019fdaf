/// `help`: the command list, or one command's usage, options and examples.
struct Help: Command {
  static let spec = CommandSpec(
    name: "help", synopsis: "[<command>]", summary: "List the commands, or explain one.", positionals: .command)

  let topic: String?

  init(_ arguments: ParsedArguments) throws {
    topic = arguments.positionals.first
    try arguments.expectPositionals(atMost: 1)
  }

  func run(in session: Session) throws {
    guard let topic else { return session.output.write(Self.overview) }
    guard let command = CommandRegistry.command(named: topic) else {
      throw SessionError.unknownName(kind: "command", name: topic, known: CommandRegistry.names)
    }
    session.output.write(command.spec.help)
  }

  static var overview: String {
    let column = (CommandRegistry.names.map(\.count).max() ?? 0) + 4
    let lines = CommandRegistry.specs.map { TextLayout.row("  " + $0.name, $0.summary, column: column) }
    return "commands:\n" + lines.joined(separator: "\n") + "\n\n"
      + TextLayout.paragraphs("`help <command>` explains one. Commands run the same at the prompt, in .fps scripts and with fps -c.") + "\n"
  }
}
