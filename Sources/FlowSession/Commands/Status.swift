import FlowFormats
import FlowModel
import FlowStore

/// `status`: like `git status`, what is open, what is pending, and what blocks a commit.
struct Status: Command {
  static let spec = CommandSpec(
    name: "status", synopsis: "",
    summary: "Show open workspaces, loaded exports, pending imports, unmatched references and findings.")

  init(_ arguments: ParsedArguments) throws { try arguments.expectPositionals(atMost: 0) }

  func run(in session: Session) throws {
    let output = session.output
    if session.workspaces.isEmpty {
      output.line(session.configuration.defaultWorkspace == nil ? "no workspace open" : "target: default (opened on first use)")
    }
    for (name, open) in session.workspaces.sorted(by: { $0.key < $1.key }) {
      let marker = name == session.targetName ? " (target)" : ""
      let readOnly = open.store.isReadOnly ? ", read-only" : ""
      output.line("workspace \(name)\(marker): \(open.store.location)\(readOnly)")
    }
    for (name, loaded) in session.exports.sorted(by: { $0.key < $1.key }) {
      output.line("loaded \(name): \(loaded.path)")
    }
    let staged = session.changes.filter { !$0.value.isEmpty }
    guard !session.imports.isEmpty || !staged.isEmpty else { return output.line("nothing pending") }
    var problems: [Finding] = []
    for name in Set(session.imports.map(\.workspace)).union(staged.keys).sorted() {
      let state = try session.state(of: name)
      output.line("pending for \(name):")
      for change in staged[name] ?? [] { output.line("  " + Session.describe(change)) }
      let pendingHere = session.imports.filter { $0.workspace == name }
      problems += pendingHere.flatMap(state.findings)
      for pending in pendingHere {
        let refs = pending.version.connections.count
        output.line(
          "  \(pending.name): \(pending.mode.summary), \(refs - pending.unmatched.count)/\(refs) references matched (\(pending.path))")
      }
    }
    if problems.isEmpty { return output.line("ready to commit") }
    output.line("\(Describe.count(problems.count, "problem")):")
    for finding in problems { output.line("  \(finding)") }
  }
}
