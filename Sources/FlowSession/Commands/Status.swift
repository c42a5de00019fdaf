import FlowFormats
import FlowModel
import FlowStore

/// `status`: like `git status`, what is open, what is pending, and what blocks a commit.
struct Status: Command {
  /// The options and keywords, declared once: the spec lists them and `init` looks them up by
  /// these values, never by spelling.
  enum Option {
    static let json = OptionSpec("--json", help: "print JSON for scripts (schema in README)")
  }

  static let spec = CommandSpec(
    name: "status", synopsis: "[--json]",
    summary: "Show open workspaces, loaded exports, pending imports and staged changes, unmatched references and findings.",
    options: [Option.json])

  let json: Bool

  init(_ arguments: ParsedArguments) throws {
    try arguments.expectPositionals(atMost: 0)
    json = arguments.flag(Option.json)
  }

  func run(in session: Session) throws {
    if json { return session.output.line(JSONWriter().string(try Self.json(of: session))) }
    let output = session.output
    if session.workspaces.isEmpty {
      output.line(session.configuration.defaultWorkspace == nil ? "no workspace open" : "target: default (opened on first use)")
    }
    for (name, open) in session.workspaces.sorted(by: { $0.key < $1.key }) {
      let marker = name == session.targetName ? " (target)" : ""
      let readOnly = open.store.isReadOnly ? ", read-only" : ""
      output.line(fitting: "workspace \(name)\(marker): \(path: open.store.location)\(readOnly)")
    }
    for (name, loaded) in session.exports.sorted(by: { $0.key < $1.key }) {
      output.line(fitting: "loaded \(name: name): \(path: loaded.path)")
    }
    let staged = session.changes.filter { !$0.value.isEmpty }
    guard !session.imports.isEmpty || !staged.isEmpty else { return output.line("nothing pending") }
    var problems: [Finding] = []
    for name in Set(session.imports.map(\.workspace)).union(staged.keys).sorted() {
      let state = try session.state(of: name)
      output.line("pending for \(name):")
      for change in staged[name] ?? [] { output.line("  " + Session.describe(change)) }
      let pendingHere = session.imports.filter { $0.workspace == name }
      problems += SecretsToGive.findings(in: staged[name] ?? []) + pendingHere.flatMap(state.findings)
      for pending in pendingHere {
        let refs = pending.outline.connections.count
        let changed = state.changedSince(pending).map { "; " + Describe.changedSince($0) } ?? ""
        output.line(
          fitting:
            "  \(name: pending.name): \(pending.landing), \(refs - pending.unmatched.count)/\(refs) references matched (\(pending.origin))\(changed)"
        )
      }
    }
    for (name, environment) in session.environments.sorted(by: { $0.key < $1.key }) {
      let unused = session.unusedEntries(of: name)
      if !unused.isEmpty {
        output.line(
          "environment \(environment.path) for \(name): \(Describe.count(unused.count, "entry", plural: "entries")) bound nothing:")
        for entry in unused { output.line("  line \(entry.line): \(entry.label)") }
      }
    }
    if problems.isEmpty { return output.line("ready to commit") }
    output.line("\(Describe.count(problems.count, "problem")):")
    for finding in problems { output.line("  \(finding)") }
  }

  /// `status --json` (schema in README).
  static func json(of session: Session) throws -> JSONValue {
    let workspaces: [JSONValue] = session.workspaces.values.sorted { $0.name < $1.name }.map {
      [
        "name": .string($0.name), "location": .string($0.store.location), "target": .bool($0.name == session.targetName),
        "readOnly": .bool($0.store.isReadOnly),
      ]
    }
    var imports: [JSONValue] = []
    var findings: [JSONValue] = []
    for name in Set(session.imports.map(\.workspace)).sorted() {
      let state = try session.state(of: name)
      for pending in session.imports where pending.workspace == name {
        var entry: JSONObject = [
          "name": .name(pending.name), "workspace": .string(name), "flow": .name(pending.mode.flowName),
          "mode": .string(pending.mode.isNewFlow ? "new flow" : "new version"), "path": .string(pending.path),
          "references": .number(JSONNumber(pending.outline.connections.count)),
          "unmatched": .array(pending.unmatched.map { .name($0.key) }),
        ]
        entry["changedSince"] = state.changedSince(pending).map { .number(JSONNumber($0)) }
        imports.append(.object(entry))
        findings += state.findings(for: pending).map {
          ["import": .name(pending.name), "severity": .string($0.isError ? "error" : "warning"), "message": .string($0.message)]
        }
      }
    }
    let changes: [JSONValue] = session.changes.sorted { $0.key < $1.key }.flatMap { workspace, staged in
      staged.map { ["workspace": .string(workspace), "change": .string(Session.describe($0))] as JSONValue }
    }
    return [
      "workspaces": .array(workspaces), "exports": .array(session.exports.keys.sorted().map(JSONValue.name)),
      "imports": .array(imports), "changes": .array(changes), "findings": .array(findings),
      "ready": .bool(!findings.contains { $0["severity"] == "error" } && !(imports.isEmpty && changes.isEmpty)),
    ]
  }
}
