import FlowFormats
import FlowModel
import FlowStore
import Foundation

/// `commit`: writes every pending import of a workspace in one transaction, after showing the plan.
struct Commit: Command {
  /// The options and keywords, declared once: the spec lists them and `init` looks them up by
  /// these values, never by spelling.
  enum Option {
    static let message = OptionSpec("--message", short: "-m", value: "message", help: "the journal message")
    static let dryRun = OptionSpec("--dry-run", help: "show the plan and what blocks it; write nothing")
    static let yes = OptionSpec("--yes", short: "-y", help: "do not ask for confirmation")
    static let inWorkspace = OptionSpec(
      "in", value: "workspace", completion: .workspace, help: "commit this workspace's imports (default: the target)")
  }

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
    options: [Option.message, Option.dryRun, Option.yes],
    keywords: [Option.inWorkspace])

  let message: String?
  let dryRun: Bool
  let assumeYes: Bool
  let workspaceName: String?

  init(_ arguments: ParsedArguments) throws {
    try arguments.expectPositionals(atMost: 0)
    message = arguments.value(Option.message)
    dryRun = arguments.flag(Option.dryRun)
    assumeYes = arguments.flag(Option.yes)
    workspaceName = arguments.value(Option.inWorkspace)
  }

  func run(in session: Session) throws {
    let open = try session.workspace(workspaceName)
    let pending = session.imports.filter { $0.workspace == open.name }
    guard !pending.isEmpty else { throw SessionError.nothingPending(open.name) }
    let state = try session.state(of: open.name)
    let plan = CommitPlan(imports: pending, flows: state.flows, dependencies: state.dependencies)
    session.output.write(plan.text(workspace: open.name))
    let blockers = pending.flatMap(state.findings).filter(\.isError).map(\.message)
    if !blockers.isEmpty { throw SessionError.commitBlocked(workspace: open.name, blockers: blockers) }
    if dryRun { return session.output.line("dry run: nothing was written") }
    if open.store.isReadOnly { throw StoreError.readOnly(path: open.store.location) }
    try session.authorize(.commit, in: open)
    if session.interaction.isInteractive, !assumeYes,
      !session.interaction.confirm("commit \(Describe.count(pending.count, "import")) to \(open.name)?")
    {
      return session.output.line("not committed: nothing was written")
    }

    let progress = session.progress
    defer { progress?.finish() }
    if open.store.sealer == nil, pending.contains(where: { Secrets.count(in: $0.version) > 0 }) {
      throw StoreError.noKey(path: open.store.location)
    }
    let writes = pending.enumerated().map { index, item in
      Self.write(
        item.boundVersion(using: state), as: item.mode.flowName, mode: item.mode.isNewFlow ? .newFlow : .newVersion,
        sealer: open.store.sealer
      ) {
        progress?.show("writing flows", done: index + 1, total: pending.count)
      }
    }
    let request = CommitRequest(
      message: message ?? plan.defaultMessage, author: session.user, expectedRevision: open.revision,
      writes: writes, registryWrites: state.dependencies.registryWrites)
    let record: CommitRecord
    do {
      record = try open.store.commit(request)
    } catch {
      // After "moved on", the next plan is made against what the workspace holds now.
      if case .movedOn = error { try session.refreshRevision(of: open) }
      throw error
    }
    try session.refreshRevision(of: open)
    session.imports.removeAll { $0.workspace == open.name }
    let changes = record.changes.map { change in
      change.version.map { "\(change.action.rawValue) \(change.subject)@\($0)" } ?? "\(change.action.rawValue) \(change.subject)"
    }
    session.output.line("committed #\(record.id) to \(open.name): \(changes.joined(separator: ", "))")
  }

  /// One version as the store writes it: named for its flow, numbered and dated by the store
  /// (the published date is the commit's), its nodes given ids new to the target (names kept),
  /// its subflows stored as flows of their own rather than inside it.
  /// `onWrite` is called as the store writes it, for progress.
  private static func write(
    _ version: FlowVersion, as flow: String, mode: CommitRequest.VersionWrite.Mode, sealer: Sealer?,
    onWrite: @escaping @Sendable () -> Void
  ) -> CommitRequest.VersionWrite {
    var stored = version.source == nil ? version.renumberingNodes { _ in UUID().uuidString.lowercased() } : version
    stored.name = flow
    stored.subflowDefinitions = []
    // Secrets are sealed with the workspace key, never left in the stored document.
    let prepared = sealer.map { sealer in Secrets.rewriting(stored) { sealer.seal($0) } } ?? stored
    return CommitRequest.VersionWrite(flow: flow, mode: mode) { number, publishedAt in
      onWrite()
      var written = prepared
      written.number = number
      written.published = publishedAt
      return JSONWriter(layout: .minified).string(NativeJSONCodec.encode(written, stamp: nil))
    }
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
