import FlowFormats
import FlowModel
import FlowStore

/// `list`: flows, versions, connections, imports, exports or workspaces, as text or JSON.
struct List: Command {
  /// What can be listed.
  enum Kind: Hashable {
    case flows
    case versions(of: String)
    case connections, imports, exports, workspaces

    /// The words `list` takes, in help order.
    static let words = ["flows", "versions", "connections", "imports", "exports", "workspaces"]

    var word: String {
      switch self {
      case .flows: "flows"
      case .versions: "versions"
      case .connections: "connections"
      case .imports: "imports"
      case .exports: "exports"
      case .workspaces: "workspaces"
      }
    }
  }

  /// The options and keywords, declared once: the spec lists them and `init` looks them up by
  /// these values, never by spelling.
  enum Option {
    static let json = OptionSpec("--json", help: "print JSON for scripts")
    static let inWorkspace = OptionSpec("in", value: "workspace", completion: .workspace, help: "list this workspace (default: the target)")
  }

  static let spec = CommandSpec(
    name: "list", synopsis: "[flows | versions <flow> | connections | imports | exports | workspaces] [in <workspace>] [--json]",
    summary: "List things in the target workspace or the session (default: flows).",
    options: [Option.json],
    keywords: [Option.inWorkspace],
    positionals: .flow, actions: Kind.words)

  let kind: Kind
  let json: Bool
  let workspaceName: String?

  /// A listing asked for by another command (`connection list` is `list connections`).
  init(kind: Kind, json: Bool, workspaceName: String?) {
    self.kind = kind
    self.json = json
    self.workspaceName = workspaceName
  }

  init(_ arguments: ParsedArguments) throws {
    switch arguments.positionals.first ?? "flows" {
    case "flows": kind = .flows
    case "versions": kind = .versions(of: try arguments.positional(1, "the flow whose versions to list"))
    case "connections": kind = .connections
    case "imports": kind = .imports
    case "exports": kind = .exports
    case "workspaces": kind = .workspaces
    case let word:
      let hint = Suggestion.closest(to: word, among: Kind.words).map { "; did you mean '\($0)'?" } ?? ""
      throw UsageError("cannot list '\(word)'\(hint)", command: "list")
    }
    if case .versions = kind { try arguments.expectPositionals(atMost: 2) } else { try arguments.expectPositionals(atMost: 1) }
    json = arguments.flag(Option.json)
    workspaceName = arguments.value(Option.inWorkspace)
  }

  func run(in session: Session) throws {
    var rows: [(text: FittedLine, json: JSONValue)]
    switch kind {
    case .flows:
      let open = try session.workspace(workspaceName)
      rows = try open.store.flows().map {
        (
          "\(name: $0.name)  v\($0.currentVersion) (\(Describe.count($0.versionCount, "version")), updated \($0.updatedAt))",
          [
            "name": .name($0.name), "currentVersion": .number(JSONNumber($0.currentVersion)),
            "versions": .number(JSONNumber($0.versionCount)), "updatedAt": .string($0.updatedAt),
          ]
        )
      }
    case .versions(let flow):
      let open = try session.workspace(workspaceName)
      rows = try open.store.versions(of: flow).map {
        (
          "\(name: $0.flow)@\($0.number)  published \($0.publishedAt) (commit #\($0.commitID))",
          [
            "flow": .name($0.flow), "number": .number(JSONNumber($0.number)), "published": .string($0.publishedAt),
            "commit": .number(JSONNumber($0.commitID)),
          ]
        )
      }
    case .connections:
      let open = try session.workspace(workspaceName)
      let stored = Set(try open.snapshot().connections.map(\.name))
      rows = try session.state(of: open.name).connections.map { Self.connectionRow($0, staged: !stored.contains($0.name)) }
    case .imports:
      rows = session.imports.map {
        (
          "\(name: $0.name) -> \($0.workspace) (\(name: $0.mode.flowName), \($0.unmatched.count) unmatched) from \(path: $0.path)",
          [
            "name": .name($0.name), "workspace": .string($0.workspace), "flow": .name($0.mode.flowName), "path": .string($0.path),
            "unmatched": .number(JSONNumber($0.unmatched.count)),
          ]
        )
      }
    case .exports:
      rows = session.exports.values.sorted { $0.name < $1.name }.map {
        (
          "\(name: $0.name)  \(path: $0.path) (\($0.format.rawValue))",
          ["name": .name($0.name), "path": .string($0.path), "format": .string($0.format.rawValue)]
        )
      }
    case .workspaces:
      rows = session.workspaces.values.sorted { $0.name < $1.name }.map {
        (
          "\($0.name)  \(path: $0.store.location)\($0.name == session.targetName ? " (target)" : "")",
          [
            "name": .string($0.name), "path": .string($0.store.location), "target": .bool($0.name == session.targetName),
            "opened": .bool(true),
          ]
        )
      }
      // The default workspace (`--workspace`, or the embedded one) is the target before it is
      // opened by its first use: listed as such, not left out; a server's without its password.
      if session.targetName == nil, let location = session.configuration.defaultWorkspace {
        let (name, path) = (Session.defaultWorkspaceName, WorkspaceStores.displayed(location))
        rows.append(
          (
            "\(name)  \(path: path) (target, opened on first use)",
            ["name": .string(name), "path": .string(path), "target": .bool(true), "opened": .bool(false)]
          ))
      }
    }
    if json { return session.output.line(JSONWriter().string(.array(rows.map(\.json)))) }
    if rows.isEmpty { return session.output.line("no \(kind.word)") }
    for row in rows { session.output.line(fitting: row.text) }
  }

  /// A connection without its secret values; `staged` for one that waits for `commit`.
  private static func connectionRow(_ connection: Connection, staged: Bool) -> (FittedLine, JSONValue) {
    let properties = connection.properties.members.map {
      "\($0.key)=\($0.value.stringValue ?? JSONWriter(layout: .minified).string($0.value))"
    }
    let secrets = connection.secretNames.map { "\($0)=<secret>" }
    let words = properties + secrets + (staged ? ["(staged: commit writes it)"] : [])
    return (
      "\(name: connection.name) (\(connection.type))\(words.map { " " + TerminalText.visible($0) }.joined())",
      [
        "name": .name(connection.name), "type": .string(connection.type), "properties": .object(connection.properties),
        "secrets": .array(connection.secretNames.map(JSONValue.string)), "staged": .bool(staged),
      ]
    )
  }
}
