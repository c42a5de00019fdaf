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
    let width = CommandRegistry.names.map(\.count).max() ?? 0
    let lines = CommandRegistry.specs.map { $0.name + String(repeating: " ", count: width - $0.name.count + 2) + $0.summary }
    return "commands:\n" + lines.map { "  \($0)" }.joined(separator: "\n")
      + "\n\n`help <command>` explains one. Commands run the same at the prompt, in .fps scripts and with fps -c.\n"
  }
}
