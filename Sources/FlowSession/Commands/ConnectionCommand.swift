import FlowModel
import FlowStore

/// `connection add|list`: the connections of a workspace, which references are matched to.
struct ConnectionCommand: Command {
  static let spec = CommandSpec(
    name: "connection",
    synopsis: "add <name> --type <type> [--prop key=value]... [--secret key[=value]]... [in <workspace>] | list [in <workspace>] [--json]",
    summary: "Add a connection to a workspace, or list its connections (secret values never shown).",
    discussion: """
      `--secret key` without a value asks for it without echo when interactive; in scripts give
      `--secret key=${env:NAME}`. Secrets are stored apart from properties and never exported.

        connection add kafka-prod --type kafka --prop bootstrap=broker:9092 --secret password
      """,
    options: [
      OptionSpec(
        "--type", value: "type", completion: .words(["kafka", "jdbc", "http", "mqtt-broker", "filesystem"]),
        help: "the connection type (kafka, jdbc, http, ...)"),
      OptionSpec("--prop", value: "key=value", help: "a non-secret property; repeatable"),
      OptionSpec("--secret", value: "key[=value]", help: "a secret property; repeatable"),
      OptionSpec("--json", help: "with list: print JSON"),
    ],
    keywords: [OptionSpec("in", value: "workspace", completion: .workspace, help: "the workspace (default: the target)")],
    positionals: .connection, actions: ["add", "list"])

  let arguments: ParsedArguments

  init(_ arguments: ParsedArguments) throws {
    let action = try arguments.positional(0, "an action (add or list)")
    guard ["add", "list"].contains(action) else {
      throw UsageError("unknown action '\(action)'; use add or list", command: "connection")
    }
    if action == "add" {
      _ = try arguments.positional(1, "the connection name")
      guard arguments.value("--type") != nil else { throw UsageError("--type <type> is required", command: "connection") }
    }
    try arguments.expectPositionals(atMost: action == "add" ? 2 : 1)
    self.arguments = arguments
  }

  func run(in session: Session) throws {
    guard arguments.positionals[0] == "add" else {
      return try List(kind: "connections", json: arguments.flag("--json"), workspaceName: arguments.value("in")).run(in: session)
    }
    let open = try session.workspace(arguments.value("in"))
    try session.authorize(.addConnection, in: open)
    let name = arguments.positionals[1]
    var properties = JSONObject()
    for pair in arguments.values("--prop") {
      let (key, value) = try Self.split(pair)
      guard let value else { throw UsageError("--prop needs key=value, got '\(pair)'", command: "connection") }
      properties[key] = .string(value)
    }
    var secrets: [String: String] = [:]
    for pair in arguments.values("--secret") {
      let (key, value) = try Self.split(pair)
      if let value {
        secrets[key] = value
      } else if session.interaction.isInteractive, let typed = session.interaction.readSecret("\(key) for \(name): ") {
        secrets[key] = typed
      } else {
        throw SessionError.secretNeeded(key)
      }
    }
    let connection = Connection(name: name, type: arguments.value("--type")!, properties: properties, secretNames: secrets.keys.sorted())
    try open.store.addConnection(connection, secrets: secrets, author: session.user)
    try session.refreshRevision(of: open)
    session.output.line("added connection \(name) (\(connection.type)) to \(open.name)")
  }

  private static func split(_ pair: String) throws -> (String, String?) {
    guard let equals = pair.firstIndex(of: "=") else { return (pair, nil) }
    let key = String(pair[..<equals])
    if key.isEmpty { throw UsageError("empty key in '\(pair)'", command: "connection") }
    return (key, String(pair[pair.index(after: equals)...]))
  }
}
