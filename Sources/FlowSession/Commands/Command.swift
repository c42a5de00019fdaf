/// One command of the language: parsed from its words, then run against the session.
protocol Command: Sendable {
  /// Name, synopsis, options and help: read by the parser, `help` and the completer.
  static var spec: CommandSpec { get }
  /// Reads the parsed words; throws `UsageError` when they do not make a valid call.
  init(_ arguments: ParsedArguments) throws
  func run(in session: Session) throws
}

/// Every command, in the order `help` lists them.
public enum CommandRegistry {
  static let all: [any Command.Type] = [
    Load.self, Match.self, Diff.self, Commit.self, Undo.self, Export.self, Validate.self,
    Status.self, List.self, Show.self, Log.self, Discard.self, FlowCommand.self,
    Rename.self, Use.self, WorkspaceCommand.self, ConnectionCommand.self, MemberCommand.self,
    SetVariable.self, Echo.self, Source.self, Help.self, Quit.self,
  ]

  /// Other names a command answers to.
  static let aliases: [String: String] = ["exit": "quit", "ls": "list", "?": "help"]

  /// Every command name, for completion and suggestions.
  public static var names: [String] { all.map { $0.spec.name } }

  /// Every command's spec, in help order.
  static var specs: [CommandSpec] { all.map { $0.spec } }

  static func command(named name: String) -> (any Command.Type)? {
    let name = aliases[name] ?? name
    return all.first { $0.spec.name == name }
  }
}
