import FlowModel
import FlowStore

/// `connection add|list`: the connections of a workspace, which references are matched to.
struct ConnectionCommand: Command {
  /// The options and keywords, declared once: the spec lists them and `init` looks them up by
  /// these values, never by spelling.
  enum Option {
    static let connectionType = OptionSpec(
      "--type", value: "type", completion: .words(["kafka", "jdbc", "http", "mqtt-broker", "filesystem"]),
      help: "the connection type (kafka, jdbc, http, ...)")
    static let prop = OptionSpec("--prop", value: "key=value", help: "a non-secret property; repeatable")
    static let secret = OptionSpec("--secret", value: "key[=value]", help: "a secret property; repeatable")
    static let json = OptionSpec("--json", help: "with list: print JSON")
    static let inWorkspace = OptionSpec("in", value: "workspace", completion: .workspace, help: "the workspace (default: the target)")
  }

  static let spec = CommandSpec(
    name: "connection",
    synopsis: "add <name> --type <type> [--prop key=value]... [--secret key[=value]]... [in <workspace>] | list [in <workspace>] [--json]",
    summary: "Add a connection to a workspace, or list its connections (secret values never shown).",
    discussion: """
      `--secret key` without a value asks for it without echo when interactive; in scripts give
      `--secret key=${env:NAME}`. Secrets are stored apart from properties and never exported.

        connection add kafka-prod --type kafka --prop host=k:9092 --secret password
      """,
    options: [Option.connectionType, Option.prop, Option.secret, Option.json],
    keywords: [Option.inWorkspace],
    positionals: .connection, actions: ["add", "list"])

  enum Action {
    case add(name: String, type: String)
    case list
  }

  let action: Action
  let arguments: ParsedArguments

  init(_ arguments: ParsedArguments) throws {
    switch try arguments.positional(0, "an action (add or list)") {
    case "add":
      let name = try arguments.positional(1, "the connection name")
      guard let type = arguments.value(Option.connectionType) else { throw UsageError("--type <type> is required", command: "connection") }
      try arguments.expectPositionals(atMost: 2)
      action = .add(name: name, type: type)
    case "list":
      try arguments.expectPositionals(atMost: 1)
      action = .list
    case let word:
      throw UsageError("unknown action '\(word)'; use add or list", command: "connection")
    }
    self.arguments = arguments
  }

  func run(in session: Session) throws {
    let workspaceName = arguments.value(Option.inWorkspace)
    switch action {
    case .list: try List(kind: .connections, json: arguments.flag(Option.json), workspaceName: workspaceName).run(in: session)
    case .add(let name, let type): try add(name, type: type, to: try session.workspace(workspaceName), in: session)
    }
  }

  private func add(_ name: String, type: String, to open: OpenWorkspace, in session: Session) throws {
    try session.authorize(.addConnection, in: open)
    var properties = JSONObject()
    for pair in arguments.values(Option.prop) {
      let (key, value) = try Self.split(pair)
      guard let value else { throw UsageError("--prop needs key=value, got '\(pair)'", command: "connection") }
      properties[key] = .string(value)
    }
    var secrets: [String: String] = [:]
    for pair in arguments.values(Option.secret) {
      let (key, value) = try Self.split(pair)
      if let value {
        secrets[key] = value
      } else if session.interaction.isInteractive, let typed = session.interaction.readSecret("\(key) for \(name): ") {
        secrets[key] = typed
      } else {
        throw SessionError.secretNeeded(key)
      }
    }
    let connection = Connection(name: name, type: type, properties: properties, secretNames: secrets.keys.sorted())
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
