import FlowFormats
import FlowModel
import FlowStore

/// `commit`: writes every pending import of a workspace in one transaction, after showing the plan.
struct Commit: Command {
  static let spec = CommandSpec(
    name: "commit", synopsis: "[-m <message>] [--dry-run] [--yes] [in <workspace>]",
    summary: "Write all pending imports of the target in one transaction, journaled.",
    discussion: """
      Shows the plan (flows created or versioned, nodes with their names, connection bindings),
      asks for confirmation when interactive, then writes everything or nothing. Refuses, writing
      nothing, while any reference is unmatched or any finding is an error, and lists them all.

        commit --dry-run
        commit -m "orders v2 to prod" --yes
      """,
    options: [
      OptionSpec("--message", short: "-m", value: "message", help: "the journal message"),
      OptionSpec("--dry-run", help: "show the plan and what blocks it; write nothing"),
      OptionSpec("--yes", short: "-y", help: "do not ask for confirmation"),
    ],
    keywords: [OptionSpec("in", value: "workspace", completion: .workspace, help: "commit this workspace's imports (default: the target)")])

  let message: String?
  let dryRun: Bool
  let assumeYes: Bool
  let workspaceName: String?

  init(_ arguments: ParsedArguments) throws {
    try arguments.expectPositionals(atMost: 0)
    message = arguments.value("--message")
    dryRun = arguments.flag("--dry-run")
    assumeYes = arguments.flag("--yes")
    workspaceName = arguments.value("in")
  }

  func run(in session: Session) throws {
    let open = try session.workspace(workspaceName)
    let pending = session.imports.filter { $0.workspace == open.name }
    guard !pending.isEmpty else { throw SessionError.nothingPending(open.name) }
    let state = try session.state(of: open.name)
    let plan = CommitPlan(imports: pending, flows: state.flows)
    session.output.write(plan.text(workspace: open.name))
    let blockers = pending.flatMap(state.findings).filter { $0.severity == .error }.map(\.message)
    if !blockers.isEmpty { throw SessionError.commitBlocked(workspace: open.name, blockers: blockers) }
    if dryRun { return session.output.line("dry run: nothing was written") }
    if open.store.isReadOnly { throw SessionError.readOnly(open.store.location) }
    if session.interaction.isInteractive, !assumeYes,
      !session.interaction.confirm("commit \(Describe.count(pending.count, "import")) to \(open.name)?")
    {
      return session.output.line("not committed: nothing was written")
    }

    let request = CommitRequest(
      message: message ?? plan.defaultMessage, author: session.user, expectedRevision: open.revision,
      writes: pending.map { item in
        let version = item.boundVersion(using: state)
        let mode: CommitRequest.VersionWrite.Mode = if case .newFlow = item.mode { .newFlow } else { .newVersion }
        return CommitRequest.VersionWrite(flow: item.mode.flowName, mode: mode) { number, publishedAt in
          var stored = version
          stored.name = item.mode.flowName
          stored.number = number
          stored.published = publishedAt
          return JSONWriter(layout: .minified).string(NativeJSONCodec.encode(stored, stamp: nil))
        }
      })
    let record: CommitRecord
    do {
      record = try open.store.commit(request)
    } catch {
      if case .movedOn = error { open.revision = (try? open.store.revision()) ?? open.revision }
      throw SessionError.store(error)
    }
    open.revision = try session.store { () throws(StoreError) in try open.store.revision() }
    session.imports.removeAll { $0.workspace == open.name }
    let changes = record.changes.map { "\($0.action.rawValue) \($0.subject)@\($0.version ?? 0)" }.joined(separator: ", ")
    session.output.line("committed #\(record.id) to \(open.name): \(changes)")
  }
}

extension PendingImport {
  /// The version as it will be written: every reference renamed to the connection it is bound to,
  /// with that connection's non-secret properties.
  func boundVersion(using state: WorkspaceState) -> FlowVersion {
    var version = self.version
    for index in version.connections.indices {
      let key = version.connections[index].key
      guard let binding = bindings[key], let connection = state.connection(named: binding.connection) else { continue }
      version.connections[index].name = connection.name
      version.connections[index].properties = connection.properties
    }
    return version
  }
}
