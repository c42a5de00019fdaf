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
    static let verbose = OptionSpec(
      "--verbose", short: "-v", help: "list the nodes each flow adds, removes or changes, and every binding")
    static let json = OptionSpec("--json", help: "with --dry-run: the plan as JSON (schema in README)")
    static let inWorkspace = OptionSpec(
      "in", value: "workspace", completion: .workspace, help: "commit this workspace's imports (default: the target)")
  }

  static let spec = CommandSpec(
    name: "commit", synopsis: "[-m <message>] [--dry-run] [--yes] [in <workspace>]",
    summary: "Write all pending imports of the target in one transaction, journaled.",
    discussion: """
      Shows the plan (a line per flow: created, versioned with what changed against the
      target's current version, or unchanged and skipped; its bindings and dependencies, where
      bindings by same name and type or as in an earlier commit are counted unless --verbose; the
      staged connection and member changes; a total), asks for confirmation when interactive,
      then writes everything or nothing. Refuses, writing nothing, while any reference is
      unmatched or any finding is an error, and lists them all. An import identical to the
      target's current version is not written, so a migration can run again. An import whose
      target flow got a version from elsewhere since the last import from the same file says
      so, with the `diff --base` that shows what committing it would undo.

        commit --dry-run
        commit -m "orders v2 to prod" --yes
      """,
    options: [Option.message, Option.dryRun, Option.yes, Option.verbose, Option.json],
    keywords: [Option.inWorkspace])

  let message: String?
  let dryRun: Bool
  let assumeYes: Bool
  let verbose: Bool
  let json: Bool
  let workspaceName: String?

  init(_ arguments: ParsedArguments) throws {
    try arguments.expectPositionals(atMost: 0)
    message = arguments.value(Option.message)
    dryRun = arguments.flag(Option.dryRun)
    assumeYes = arguments.flag(Option.yes)
    verbose = arguments.flag(Option.verbose)
    json = arguments.flag(Option.json)
    if json, !dryRun { throw UsageError("--json describes the plan: use it with --dry-run", command: "commit") }
    workspaceName = arguments.value(Option.inWorkspace)
  }

  func run(in session: Session) throws {
    let open = try session.workspace(workspaceName)
    let pending = session.imports.filter { $0.workspace == open.name }
    let changes = session.changes[open.name] ?? []
    guard !pending.isEmpty || !changes.isEmpty else { throw SessionError.nothingPending(open.name) }
    let state = try session.state(of: open.name)
    let location = open.store.location
    let plan = try CommitPlan(
      imports: pending, changes: changes, state: state, current: { flow in try open.store.version(of: flow, number: nil) },
      decode: { stored in try Session.decode(stored, from: location) })
    let findings = SecretsToGive.findings(in: changes) + plan.writing.map(\.pending).concurrentMap(state.findings).joined()
    let blockers = findings.filter(\.isError).map(\.message)
    // Ctrl-C while the plan was made (seconds, for thousands of flows) stops here, before it is
    // shown or asked about; during the writes the store rolls back (`CommitRequest.isCancelled`).
    if session.isCancelled() { throw StoreError.cancelled(path: open.store.location) }
    if json { return session.output.line(JSONWriter().string(plan.json(workspace: open.name, blockers: blockers))) }
    session.output.write(plan.text(workspace: open.name, verbose: verbose, width: session.output.lineWidth))
    if !blockers.isEmpty { throw SessionError.commitBlocked(workspace: open.name, blockers: blockers) }
    if dryRun { return session.output.line("dry run: nothing was written") }
    if plan.writesNothing {
      session.imports.removeAll { $0.workspace == open.name }
      return session.output.line("nothing to write: \(plan.total)")
    }
    if open.store.isReadOnly { throw StoreError.readOnly(path: open.store.location) }
    try session.authorize(.commit, in: open)
    if changes.contains(where: \.isMemberChange) { try session.authorize(.manageMembers, in: open) }
    guard
      try session.confirmed(
        "commit \(plan.summary) to \(open.name)?", assumeYes: assumeYes, otherwise: "not committed: nothing was written")
    else { return }

    let progress = session.progress
    defer { progress?.finish() }
    let writing = plan.writing
    let stored = writing.map { Self.stored($0.bound, as: $0.pending.mode.flowName) }
    if open.store.sealer == nil, stored.contains(where: { Secrets.count(in: $0.outline) > 0 }) {
      throw StoreError.noKey(path: open.store.location)
    }
    let writes = zip(writing, stored).map { entry, stored in
      Self.write(
        stored, mode: entry.pending.mode.isNewFlow ? .newFlow : .newVersion, source: entry.pending.source, sealer: open.store.sealer)
    }
    let request = CommitRequest(
      message: message ?? plan.defaultMessage, author: session.user, expectedRevision: open.revision,
      writes: writes, registryWrites: state.dependencies.registryWrites, changes: changes, remembered: plan.rememberedBindings,
      kept: plan.keptValues, onProgress: { done, total in progress?.show("writing flows", done: done, total: total) },
      isCancelled: session.isCancelled)
    let record = try session.writing(to: open) { () throws(StoreError) in try open.store.commit(request) }
    session.imports.removeAll { $0.workspace == open.name }
    session.changes[open.name] = nil
    Self.report(record, to: open.name, in: session)
    // The committed flows, as read and as written, are let go off the answering thread: freeing
    // a bulk migration's trees is work nobody waits for (`BackgroundRelease`).
    BackgroundRelease.release((consume pending, consume plan, consume request))
  }

  /// One line per change the commit made, then a summary line; also what `undo` prints.
  static func report(_ record: CommitRecord, to workspace: String, in session: Session) {
    for change in record.changes { session.output.line(fitting: "  \(Describe.change(change))") }
    session.output.outcome("committed #\(record.id) to \(workspace): \(Describe.tally(record.changes))")
  }

  /// A version as the store keeps it: named for its flow, its nodes given ids new to the
  /// target (names kept) when it has no source document, its subflows stored as flows of their
  /// own rather than inside it. A foreign flow's node configurations are stored in its source
  /// document only (`LeftToSource`; an outline's nodes and edges too): the document alone holds
  /// secrets to seal.
  private static func stored(_ bound: StagedVersion, as flow: String) -> StagedVersion {
    bound.changingModel { version in
      if version.source == nil { version = version.renumberingNodes { _ in UUID().uuidString.lowercased() } }
      version.name = flow
      version.subflowDefinitions = []
      // An outline's nodes have no configurations to clear.
      if NativeJSONCodec.canLeaveToSource(version), version.hasNodeConfigs {
        for index in version.nodes.indices { version.nodes[index].config = [:] }
      }
    }
  }

  /// One stored version as the store writes it, numbered and dated by the store (the published
  /// date is the commit's), with the file it was imported from. Its secrets are sealed as it is
  /// rendered, which the store does for several versions at once; an outlined flow's document
  /// is written from its text, which holds none.
  private static func write(
    _ stored: StagedVersion, mode: CommitRequest.VersionWrite.Mode, source: String?, sealer: Sealer?
  ) -> CommitRequest.VersionWrite {
    CommitRequest.VersionWrite(flow: stored.outline.name, mode: mode, source: source) { number, publishedAt in
      // Secrets are sealed with the workspace key, never left in the stored document: first
      // those scanning finds, in place (a token in a header, a password in a URL), then those
      // each dialect's rule names, whole (`Sealer.sealingWhole`: none sealed within another).
      // An outlined flow is one whose document scanning found nothing in (`ReadExport`), and
      // binding gave it only connections' properties, which the workspace keeps in clear: it
      // is not scanned again (2.5% of the instructions of a migration of 300).
      var written = stored.outline
      if let sealer {
        if case .whole = stored { written = Secrets.scanSealing(written, number: sealer.sealNumber) { sealer.sealInPlace($0) } }
        written = Secrets.sealing(written, number: sealer.sealNumber) { sealer.sealingWhole($0) }
      }
      written.number = number
      written.published = publishedAt
      switch stored {
      case .whole: return NativeJSONCodec.storedText(of: written)
      case .outlined(let flow): return flow.storedText(of: written)
      }
    }
  }
}

extension PendingImport {
  /// The version as it will be written: its environment's values set, every reference renamed
  /// to the connection it is bound to, with that connection's non-secret properties. An
  /// outlined import stays outlined unless values are set (`withValuesSet`).
  func boundVersion(using state: WorkspaceState) throws -> StagedVersion {
    try withValuesSet().changingModel { version in
      for index in version.connections.indices {
        let key = version.connections[index].key
        guard let binding = bindings[key], let connection = state.connection(named: binding.connection) else { continue }
        version.connections[index].name = connection.name
        version.connections[index].properties = connection.properties
      }
    }
  }
}
