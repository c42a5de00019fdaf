import FlowStore

/// `flow remove`: stages the removal of a workspace flow, with all its versions.
struct FlowCommand: Command {
  /// The options and keywords, declared once: the spec lists them and `init` looks them up by
  /// these values, never by spelling.
  enum Option {
    static let inWorkspace = OptionSpec.inWorkspace
  }

  static let spec = CommandSpec(
    name: "flow", synopsis: "remove <flow> [in <workspace>]",
    summary: "Stage the removal of a flow and all its versions; `commit` writes it, `undo` brings it back.",
    keywords: [Option.inWorkspace],
    positionals: .flow, actions: ["remove"])

  let flow: String
  let workspaceName: String?

  init(_ arguments: ParsedArguments) throws {
    let action = try arguments.positional(0, "an action (remove)")
    guard action == "remove" else { throw UsageError("unknown action '\(action)'; use remove", command: "flow") }
    flow = try arguments.positional(1, "the flow to remove")
    try arguments.expectPositionals(atMost: 2)
    workspaceName = arguments.value(Option.inWorkspace)
  }

  func run(in session: Session) throws {
    let open = try session.workspace(workspaceName)
    try session.authorize(.commit, in: open)
    let state = try session.state(of: open.name)
    guard state.hasFlow(named: flow) else {
      throw SessionError.unknownName(kind: "flow in \(open.name)", name: flow, known: state.flows.map(\.name))
    }
    try session.stage(.removeFlow(flow), in: open)
    session.output.line(fitting: "staged: remove flow \(name: flow) from \(name: open.name); `commit` writes it, `undo` brings it back")
  }
}
