import FlowModel
import FlowStore

/// `connection add|set|remove|list`: the connections of a workspace, which references are
/// matched to. Changes are staged like imports and written by the next `commit`.
struct ConnectionCommand: Command {
  /// The options and keywords, declared once: the spec lists them and `init` looks them up by
  /// these values, never by spelling.
  enum Option {
    static let connectionType = OptionSpec(
      "--type", value: "type", completion: .words(["kafka", "jdbc", "http", "mqtt-broker", "filesystem"]),
      help: "the connection type (kafka, jdbc, http, ...)")
    static let prop = OptionSpec("--prop", value: "key=value", help: "a non-secret property; repeatable")
    static let secret = OptionSpec("--secret", value: "key[=value]", takesSecret: true, help: "a secret property; repeatable")
    static let json = OptionSpec("--json", help: "with list: print JSON")
    static let inWorkspace = OptionSpec.inWorkspace
  }

  static let spec = CommandSpec(
    name: "connection",
    synopsis:
      "add <name> --type <type> [--prop key=value]... [--secret key[=value]]... | set <name> [--prop key=value]... [--secret key[=value]]... | remove <name> | list [--json] [in <workspace>]",
    summary: "Add, change or remove a workspace's connections (staged until commit), or list them (secret values never shown).",
    discussion: """
      Changes wait for `commit`, which writes them with the pending imports in one transaction;
      `undo` takes them back. Adding a connection exactly as it exists is no change (a script can
      run again); one that exists with other settings is refused: change it with `connection set`.
      `connection remove` is refused while a flow of the workspace, or a pending import, is bound
      to the connection. `--secret key` without a value asks for it without echo when
      interactive; in scripts give `--secret key=${env:NAME}`. Secrets are stored apart from
      properties and never exported; `--prop` refuses a key named like a secret (`password`)
      or a value that holds one (a password in a URL).

      The `id` property is the connection's identity in the target platform (an n8n credential
      id, a Make connection id, a Node-RED config node id, a NiFi controller service id): after
      `match`, `export` writes it into the flow in place of the source's.

        connection add kafka-prod --type kafka --prop host=k:9092 --secret password
        connection set sheets-prod --prop id=PRODsheets00001
        connection remove kafka-old
      """,
    options: [Option.connectionType, Option.prop, Option.secret, Option.json],
    keywords: [Option.inWorkspace],
    positionals: .connection, actions: ["add", "set", "remove", "list"])

  enum Action {
    case add(name: String, type: String)
    case set(name: String)
    case remove(name: String)
    case list
  }

  let action: Action
  let arguments: ParsedArguments
  /// The `--prop` pairs, read (and checked) with the line.
  let properties: JSONObject
  /// The `--secret` pairs: a key without a value is asked for when the command runs.
  let secretPairs: [(key: String, value: String?)]

  init(_ arguments: ParsedArguments) throws {
    switch try arguments.positional(0, "an action (add, set, remove or list)") {
    case "add":
      let name = try arguments.positional(1, "the connection name")
      guard let type = arguments.value(Option.connectionType) else { throw UsageError("--type <type> is required", command: "connection") }
      action = .add(name: name, type: type)
    case "set":
      action = .set(name: try arguments.positional(1, "the connection name"))
      if arguments.values(Option.prop).isEmpty, arguments.values(Option.secret).isEmpty {
        throw UsageError("say what to set: --prop key=value or --secret key[=value]", command: "connection")
      }
    case "remove":
      action = .remove(name: try arguments.positional(1, "the connection name"))
    case "list":
      action = .list
    case let word:
      throw UsageError("unknown action '\(word)'; use add, set, remove or list", command: "connection")
    }
    if case .list = action { try arguments.expectPositionals(atMost: 1) } else { try arguments.expectPositionals(atMost: 2) }
    self.arguments = arguments
    properties = try Self.properties(arguments.values(Option.prop))
    secretPairs = try arguments.values(Option.secret).map(Self.secretPair)
  }

  func run(in session: Session) throws {
    let workspaceName = arguments.value(Option.inWorkspace)
    if case .list = action {
      return try List(kind: .connections, json: arguments.flag(Option.json), workspaceName: workspaceName).run(in: session)
    }
    let open = try session.workspace(workspaceName)
    try session.authorize(.changeConnections, in: open)
    let state = try session.state(of: open.name)
    switch action {
    case .list: return
    case .add(let name, let type):
      let secrets = try self.secrets(for: name, in: session)
      if let existing = state.connection(named: name) {
        let differences = try Self.differences(existing, type: type, properties: properties, secrets: secrets, in: open)
        guard differences.isEmpty else { throw SessionError.connectionDiffers(name: name, workspace: open.name, in: differences) }
        return session.output.line(fitting: "no change: \(name: name) (\(type)) exists in \(open.name) as given")
      }
      try session.stage(.addConnection(Connection(name: name, type: type, properties: properties), secrets: secrets), in: open)
      session.output.line(fitting: "staged: add connection \(name: name) (\(type)) to \(open.name); `commit` writes it")
    case .set(let name):
      guard state.connection(named: name) != nil else {
        throw SessionError.unknownName(kind: "connection in \(open.name)", name: name, known: state.connections.map(\.name))
      }
      try session.stage(.setConnection(name: name, properties: properties, secrets: try secrets(for: name, in: session)), in: open)
      session.output.line(fitting: "staged: change connection \(name: name) in \(open.name); `commit` writes it")
    case .remove(let name):
      guard state.connection(named: name) != nil else {
        throw SessionError.unknownName(kind: "connection in \(open.name)", name: name, known: state.connections.map(\.name))
      }
      let users = try session.bindings(to: name, in: open)
      if !users.isEmpty { throw SessionError.connectionInUse(name: name, workspace: open.name, by: users) }
      try session.stage(.removeConnection(name), in: open)
      session.output.line(fitting: "staged: remove connection \(name: name) from \(open.name); `commit` writes it")
    }
  }

  /// The `--prop` pairs; one that would hold a secret in clear is refused (`SecretInProperty`).
  private static func properties(_ pairs: [String]) throws -> JSONObject {
    var properties = JSONObject()
    for pair in pairs {
      let (key, value) = try split(pair)
      guard let value else { throw UsageError("--prop needs key=value, got '\(pair)'", command: "connection") }
      switch SecretInProperty(key: key, value: value) {
      case .named:
        throw UsageError(
          "'\(key)' names a secret, which --prop would store and list in clear: give it with --secret \(key)=<value>, "
            + "or --secret \(key) to be asked", command: "connection")
      case .inValue(let kind):
        throw UsageError(
          "the value of '\(key)' holds a \(kind), which --prop would store and list in clear: leave it out of the value "
            + "and give it with --secret <name>=<value>", command: "connection")
      case nil: properties[key] = .string(value)
      }
    }
    return properties
  }

  /// One `--secret` pair; `***` (a line brought back from history) is refused.
  private static func secretPair(_ pair: String) throws -> (key: String, value: String?) {
    let (key, value) = try split(pair)
    if key.isEmpty { throw UsageError("--secret needs a key, got '\(pair)'", command: "connection") }
    if value == HistoryText.mask {
      throw UsageError(
        "the value of secret '\(key)' is \(HistoryText.mask), as history keeps it: give the secret itself, or `--secret \(key)` to be asked",
        command: "connection")
    }
    return (key, value)
  }

  /// The `--secret` values; a key without a value is asked for without echo, when someone can.
  private func secrets(for name: String, in session: Session) throws -> [String: String] {
    var secrets: [String: String] = [:]
    for (key, value) in secretPairs {
      if let value {
        secrets[key] = value
      } else if session.interaction.isInteractive {
        guard let typed = session.interaction.readSecret("\(key) for \(name): ") else { throw SessionError.secretNotTyped(key) }
        secrets[key] = typed
      } else {
        throw SessionError.secretNeeded(key)
      }
    }
    return secrets
  }

  /// How a connection that exists differs from the one `add` describes, as the options that
  /// would change it (`--prop port`, `--secret password`; `type` for its type, which cannot
  /// change); empty when it is the same, secret values compared where it has them stored.
  private static func differences(
    _ existing: Connection, type: String, properties: JSONObject, secrets: [String: String], in open: OpenWorkspace
  ) throws -> [String] {
    var differences = existing.type == type ? [] : ["type"]
    let keys = Set(existing.properties.members.map(\.key)).union(properties.members.map(\.key))
    differences += keys.sorted().filter { existing.properties[$0] != properties[$0] }.map { "--prop \($0)" }
    let stored =
      try open.store.connections().contains { $0.name == existing.name } ? try open.store.secrets(ofConnection: existing.name) : [:]
    let secretNames = Set(existing.secretNames).union(secrets.keys).sorted()
    differences += secretNames.filter { secrets[$0] == nil || secrets[$0] != stored[$0] }.map { "--secret \($0)" }
    return differences
  }

  private static func split(_ pair: String) throws -> (String, String?) {
    guard let equals = pair.firstIndex(of: "=") else { return (pair, nil) }
    let key = String(pair[..<equals])
    // Not the pair itself: its value may be a secret.
    if key.isEmpty { throw UsageError("a key is missing before '='", command: "connection") }
    return (key, String(pair[pair.index(after: equals)...]))
  }
}
