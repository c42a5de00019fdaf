import FlowDiff

/// `diff`: what differs between two flow versions, node by node.
struct Diff: Command {
  static let spec = CommandSpec(
    name: "diff", synopsis: "<a> <b> [--stat | --json] [--all]",
    summary: "Show the semantic difference of two flows: nodes added, removed, changed, edges, connections.",
    discussion: """
      Each side is a file, a loaded export, a pending import, or a workspace flow
      (`prod:orders`, `prod:orders@2`, or `orders` in the target). Nodes are paired by id, then by
      name, so exports of one flow from two instances diff cleanly; canvas positions and ids are
      ignored unless --all is given. In the shell and in scripts a difference is not a failure.

        diff exports/orders-v1.json exports/orders-v2.json
        diff exports/orders-v2.json prod:orders
        diff prod:orders@1 prod:orders@2 --stat
      """,
    options: [
      OptionSpec("--stat", help: "one line per changed node and the summary"),
      OptionSpec("--json", help: "a JSON document for scripts (see README for its schema)"),
      OptionSpec("--all", help: "also compare canvas positions and node ids"),
    ],
    positionals: .anyName)

  /// Which renderer prints the result.
  enum View {
    case terminal, stat, json
  }

  let left: String
  let right: String
  let view: View
  let options: DiffOptions

  init(_ arguments: ParsedArguments) throws {
    left = try arguments.positional(0, "the first flow to compare")
    right = try arguments.positional(1, "the second flow to compare")
    try arguments.expectPositionals(atMost: 2)
    if arguments.flag("--stat"), arguments.flag("--json") {
      throw UsageError("diff: choose one of --stat and --json", command: "diff")
    }
    view = arguments.flag("--json") ? .json : arguments.flag("--stat") ? .stat : .terminal
    options = DiffOptions(includeVolatile: arguments.flag("--all"))
  }

  func run(in session: Session) throws {
    let a = try session.flowOperand(left)
    let b = try session.flowOperand(right)
    let diff = FlowDiffer.diff(a.version, b.version, leftLabel: a.label, rightLabel: b.label, options: options)
    let renderer: DiffRenderer =
      switch view {
      case .terminal: .terminal(colour: session.output.usesColour)
      case .stat: .stat
      case .json: .json
      }
    session.output.write(renderer.render(diff))
    session.lastDiffDiffered = !diff.isEmpty
  }
}
