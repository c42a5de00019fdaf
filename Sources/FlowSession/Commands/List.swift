import FlowModel
import FlowStore

/// `list`: flows, versions, connections, imports, exports or workspaces, as text or JSON.
struct List: Command {
  static let what = ["flows", "versions", "connections", "imports", "exports", "workspaces"]
  static let spec = CommandSpec(
    name: "list", synopsis: "[flows | versions <flow> | connections | imports | exports | workspaces] [in <workspace>] [--json]",
    summary: "List things in the target workspace or the session (default: flows).",
    options: [OptionSpec("--json", help: "print JSON for scripts")],
    keywords: [OptionSpec("in", value: "workspace", completion: .workspace, help: "list this workspace (default: the target)")],
    positionals: .flow, actions: what)

  let kind: String
  let flow: String?
  let json: Bool
  let workspaceName: String?

  /// A listing asked for by another command (`connection list` is `list connections`).
  init(kind: String, flow: String? = nil, json: Bool, workspaceName: String?) {
    self.kind = kind
    self.flow = flow
    self.json = json
    self.workspaceName = workspaceName
  }

  init(_ arguments: ParsedArguments) throws {
    kind = arguments.positionals.first ?? "flows"
    guard Self.what.contains(kind) else {
      let hint = Suggestion.closest(to: kind, among: Self.what).map { "; did you mean '\($0)'?" } ?? ""
      throw UsageError("cannot list '\(kind)'\(hint)", command: "list")
    }
    if kind == "versions" { flow = try arguments.positional(1, "the flow whose versions to list") } else { flow = nil }
    try arguments.expectPositionals(atMost: kind == "versions" ? 2 : 1)
    json = arguments.flag("--json")
    workspaceName = arguments.value("in")
  }

  func run(in session: Session) throws {
    let rows: [(text: String, json: JSONValue)]
    switch kind {
    case "flows":
      let open = try session.workspace(workspaceName)
      rows = try open.store.flows().map {
        (
          "\($0.name)  v\($0.currentVersion) (\(Describe.count($0.versionCount, "version")), updated \($0.updatedAt))",
          [
            "name": .string($0.name), "currentVersion": .number(JSONNumber($0.currentVersion)),
            "versions": .number(JSONNumber($0.versionCount)), "updatedAt": .string($0.updatedAt),
          ]
        )
      }
    case "versions":
      let open = try session.workspace(workspaceName)
      rows = try open.store.versions(of: flow!).map {
        (
          "\($0.flow)@\($0.number)  published \($0.publishedAt) (commit #\($0.commitID))",
          [
            "flow": .string($0.flow), "number": .number(JSONNumber($0.number)), "published": .string($0.publishedAt),
            "commit": .number(JSONNumber($0.commitID)),
          ]
        )
      }
    case "connections":
      rows = try session.state(of: try session.workspace(workspaceName).name).connections.map(Self.connectionRow)
    case "imports":
      rows = session.imports.map {
        (
          "\($0.name) -> \($0.workspace) (\($0.mode.flowName), \($0.unmatched.count) unmatched) from \($0.path)",
          [
            "name": .string($0.name), "workspace": .string($0.workspace), "flow": .string($0.mode.flowName), "path": .string($0.path),
            "unmatched": .number(JSONNumber($0.unmatched.count)),
          ]
        )
      }
    case "exports":
      rows = session.exports.values.sorted { $0.name < $1.name }.map {
        (
          "\($0.name)  \($0.path) (\($0.format.rawValue))",
          ["name": .string($0.name), "path": .string($0.path), "format": .string($0.format.rawValue)]
        )
      }
    default:
      rows = session.workspaces.values.sorted { $0.name < $1.name }.map {
        (
          "\($0.name)  \($0.store.location)\($0.name == session.targetName ? " (target)" : "")",
          ["name": .string($0.name), "path": .string($0.store.location), "target": .bool($0.name == session.targetName)]
        )
      }
    }
    if json { return session.output.line(JSONWriter().string(.array(rows.map(\.json)))) }
    if rows.isEmpty { return session.output.line("no \(kind)") }
    for row in rows { session.output.line(row.text) }
  }

  private static func connectionRow(_ connection: Connection) -> (String, JSONValue) {
    let properties = connection.properties.members.map {
      "\($0.key)=\($0.value.stringValue ?? JSONWriter(layout: .minified).string($0.value))"
    }
    let secrets = connection.secretNames.map { "\($0)=<secret>" }
    return (
      "\(connection.name) (\(connection.type)) \((properties + secrets).joined(separator: " "))",
      [
        "name": .string(connection.name), "type": .string(connection.type), "properties": .object(connection.properties),
        "secrets": .array(connection.secretNames.map(JSONValue.string)),
      ]
    )
  }
}
