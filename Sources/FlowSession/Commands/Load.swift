import FlowFormats
import FlowModel
import FlowStore
import Foundation

/// `load`: opens workspace files and reads exports; with `into`, stages them as pending imports.
struct Load: Command {
  /// The options and keywords, declared once: the spec lists them and `init` looks them up by
  /// these values, never by spelling.
  enum Option {
    static let asVersionOf = OptionSpec(
      "--as-version-of", value: "flow", completion: .flow, help: "stage as a new version of this existing flow")
    static let name = OptionSpec("--name", value: "name", help: "stage as a new flow with this name instead of the exported one")
    static let readOnly = OptionSpec("--read-only", help: "open a workspace file for reading only: nothing can be committed to it")
    static let renameNode = OptionSpec(
      "--rename-node", value: "old=new", help: "rename a node as it is loaded (in n8n, every reference to it too); repeatable")
    static let onConflict = OptionSpec(
      "--on-conflict", value: "version|skip|rename|error", completion: .words(Conflict.allCases.map(\.rawValue)),
      help: "what an export whose flow the target has already becomes (default: error)")
    static let environment = OptionSpec(
      "--env", value: "file.yaml", completion: .path, help: "apply this environment file to the target (as `match load`)")
    static let alias = OptionSpec("as", value: "name", help: "the session name of the workspace, export or import")
    static let into = OptionSpec(
      "into", value: "workspace", completion: .workspace, help: "stage the exports as pending imports of this workspace")
  }

  static let spec = CommandSpec(
    name: "load", synopsis: "<path|glob|dir>... [as <name>] [into <workspace>] [options]",
    summary: "Open a workspace file, or read exports (format detected from content) and stage them.",
    discussion: """
      A workspace file (.fpsw), or a workspace in PostgreSQL (`postgres://user@host/db`, see
      `help workspace`), is opened under its file or database name (or `as <name>`) and becomes
      the target if there is none. An export is read into the session for `diff`, `show` and `export`; with
      `into <workspace>` it becomes a pending import that `commit` writes. A folder loads every
      .json file in it and its sub-folders; a glob (quote it) loads every match, `**` standing
      for any depth of folders. When any file of a bulk load fails, nothing is staged and every
      failure is listed; so are all flow names that repeat among the files, each with both files.

      A flow the target has already is an error by default; `--on-conflict version` stages the
      export as the flow's next version (one identical to the current version is skipped at
      commit as unchanged, so a migration can run again and write only what changed), `skip`
      leaves it out, and `rename` creates a flow named after the file instead (repeated names
      in one load too).

        load prod.fpsw
        load postgres://ana@db.internal/prod as prod
        load exports/orders-v2.json into prod
        load 'exports/**/*.json' into prod --on-conflict version
        load exports/orders-v3.json into prod --as-version-of orders
      """,
    options: [Option.asVersionOf, Option.name, Option.onConflict, Option.environment, Option.readOnly, Option.renameNode],
    keywords: [Option.alias, Option.into],
    positionals: .path)

  let paths: [String]
  let alias: String?
  let target: String?
  let versionOf: String?
  let newName: String?
  let readOnly: Bool
  let renames: [NodeRename]
  let onConflict: Conflict
  let environment: String?

  /// What `--on-conflict` makes of an export whose flow exists in the target.
  enum Conflict: String, CaseIterable {
    /// Refuse, naming the ways out (the default).
    case error
    /// Stage it as the next version of the flow.
    case version
    /// Leave it out, saying so.
    case skip
    /// Create a flow named after the file instead.
    case rename
  }

  init(_ arguments: ParsedArguments) throws {
    _ = try arguments.positional(0, "a path to load")
    paths = arguments.positionals
    alias = arguments.value(Option.alias)
    target = arguments.value(Option.into)
    versionOf = arguments.value(Option.asVersionOf)
    newName = arguments.value(Option.name)
    if let newName, newName.allSatisfy(\.isWhitespace) {
      throw UsageError("--name takes the new flow's name, not an empty one", command: "load")
    }
    readOnly = arguments.flag(Option.readOnly)
    renames = try arguments.values(Option.renameNode).map { pair in
      let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
      guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
        throw UsageError("--rename-node takes old=new, got '\(pair)'", command: "load")
      }
      return NodeRename(old: parts[0], new: parts[1])
    }
    if versionOf != nil, newName != nil {
      throw UsageError("--as-version-of and --name cannot be used together", command: "load")
    }
    let conflict = arguments.value(Option.onConflict) ?? Conflict.error.rawValue
    guard let onConflict = Conflict(rawValue: conflict) else {
      throw UsageError("--on-conflict takes version, skip, rename or error, not '\(conflict)'", command: "load")
    }
    self.onConflict = onConflict
    environment = arguments.value(Option.environment)
  }

  func run(in session: Session) throws {
    if paths.count == 1, WorkspaceStores.isURL(paths[0]) { return try openWorkspace(paths[0], in: session) }
    let expanded = try Self.expand(paths)
    let files = expanded.flatMap(\.files)
    let passedOver = expanded.flatMap(\.passedOver)
    if !passedOver.isEmpty {
      let them = passedOver.count == 1 ? "a named pipe, socket or device" : "\(passedOver.count) named pipes, sockets or devices"
      session.output.warning("passed over \(them), not exports: \(passedOver.map { TerminalText.visible($0) }.joined(separator: ", "))")
    }
    if alias != nil, files.count > 1 {
      throw UsageError("`as <name>` names one file, but \(files.count) were given", command: "load")
    }
    if newName != nil, files.count > 1 {
      throw UsageError("--name names one flow, but \(files.count) files were given", command: "load")
    }
    if files.count == 1, WorkspaceStores.isWorkspace(files[0]) {
      return try openWorkspace(files[0], in: session)
    }
    var read: [ReadExport] = []
    var failures: [String] = []
    defer { session.progress?.finish() }
    let renames = renames
    let outlining = target != nil
    let sharing = SharedStrings()
    let results = try session.readExports(at: files) { path in
      if path.hasSuffix(".fps") { throw SessionError.scriptGivenAsExport(path) }
      // Each file is opened once: its bytes tell a workspace from an export.
      let (bytes, stamp) = try Session.readStampedFile(at: path)
      if WorkspaceStores.isWorkspace(contents: bytes) {
        throw SessionError.workspaceAmongExports(path: path)
      }
      var file = try Session.readExport(
        taking: consume bytes, at: path, stamp: stamp, scanningSecrets: true, sharing: sharing, keepingText: outlining)
      try file.rename(renames)
      // Staged flows are held as text where they can: a bulk load's trees were most of its memory.
      file.outline()
      return file
    }
    for result in results {
      do { read.append(try result.get()) } catch {
        guard files.count > 1 else { throw error }
        failures.append("\(error)")
      }
    }
    if !failures.isEmpty {
      let repeated = Self.namedFlows(of: read, newName: newName, renaming: onConflict == .rename).repeated
      throw SessionError.bulk(failed: failures, total: files.count, repeatedNames: repeated)
    }
    if let target {
      try stage(read, into: try session.workspace(target), in: session)
    } else {
      try keep(read, in: session)
    }
  }

  private func openWorkspace(_ path: String, in session: Session) throws {
    if target != nil { throw UsageError("\(path) is a workspace; `into` is for exports", command: "load") }
    let store = try WorkspaceStores.open(path, readOnly: readOnly, key: session.workspaceKey())
    let name = alias ?? store.defaultName
    if let open = session.workspaces[name] {
      throw SessionError.workspaceOpen(name: name, location: open.store.location)
    }
    let open = try session.register(store, as: name)
    let flows = try store.flows()
    let access = store.isReadOnly ? " (read-only)" : ""
    session.output.line("opened workspace \(open.name)\(access): \(Describe.count(flows.count, "flow"))")
  }

  private func keep(_ read: [ReadExport], in session: Session) throws {
    for file in read {
      var name = alias ?? file.version.name
      if alias == nil, let other = session.exports[name], other.path != file.path {
        name = PathText.stem(of: file.path)
      }
      session.exports[name] = LoadedExport(
        name: name, path: file.path, format: file.format, version: file.version, notes: file.notes, renames: file.renames,
        stamp: file.stamp)
      session.output.line(
        fitting: "loaded \(name: name) from \(path: file.path) (\(file.format.displayName)): \(Describe.shape(file.version))")
      Self.report(file.notes, for: name, in: session)
    }
  }

  private func stage(_ read: [ReadExport], into open: OpenWorkspace, in session: Session) throws {
    let existing = Set(try open.snapshot().flows.map(\.name))
    // Indexed once, appended to as imports are staged: a bulk load of thousands stays linear.
    var importNames = Set(session.imports.map(\.name))
    var creators: [String: String] = [:]
    for pending in session.imports where pending.workspace == open.name && pending.mode.isNewFlow {
      creators[pending.mode.flowName] = pending.name
    }
    var staged: [PendingImport] = []
    staged.reserveCapacity(read.count)
    func add(_ pending: PendingImport) {
      staged.append(pending)
      importNames.insert(pending.name)
      if pending.mode.isNewFlow { creators[pending.mode.flowName] = pending.name }
    }
    var skipped: [String] = []
    var problems: [String] = []
    // Flows the target has already, said once for all with the option that stages them: a
    // migration run again without it listed the same advice for each of its thousands.
    var conflicts: [SessionError.FlowInTarget] = []
    for (file, exportedName) in try Self.flowNames(of: read, newName: newName, renaming: onConflict == .rename) {
      var flow = exportedName
      let mode: PendingImport.Mode
      if let versionOf {
        guard existing.contains(versionOf) else {
          throw SessionError.unknownName(kind: "flow in \(open.name)", name: versionOf, known: existing.sorted())
        }
        mode = .newVersion(of: versionOf)
      } else if existing.contains(flow) {
        switch onConflict {
        case .version: mode = .newVersion(of: flow)
        case .skip:
          skipped.append(flow)
          continue
        case .rename where !existing.contains(PathText.stem(of: file.path)) && creators[PathText.stem(of: file.path)] == nil:
          flow = PathText.stem(of: file.path)
          mode = .newFlow(flow)
        case .error:
          conflicts.append(SessionError.FlowInTarget(flow: flow, path: file.path))
          continue
        case .rename:
          problems.append(SessionError.flowExists(flow: flow, workspace: open.name).description + " (\(file.path))")
          continue
        }
      } else {
        if let other = creators[flow] { throw SessionError.flowPending(flow: flow, workspace: open.name, pendingImport: other) }
        mode = .newFlow(flow)
      }
      let name = alias ?? (read.count == 1 ? newName : nil) ?? flow
      if importNames.contains(name) { throw SessionError.importExists(name) }
      let pending = PendingImport(
        name: name, path: file.path, format: file.format, workspace: open.name, mode: mode, staged: file.staged, notes: file.notes,
        renames: file.renames, stamp: file.stamp)
      add(pending)
      for subflow in Self.subflowImports(of: pending, existing: existing)
      where creators[subflow.mode.flowName] == nil && !importNames.contains(subflow.name) {
        add(subflow)
      }
    }
    if problems.count + conflicts.count == 1, read.count == 1 {
      throw SessionError.flowExists(flow: read[0].staged.outline.name, workspace: open.name)
    }
    if !conflicts.isEmpty { throw SessionError.flowsExist(conflicts, workspace: open.name, total: read.count) }
    if !problems.isEmpty { throw SessionError.bulk(failed: problems, total: read.count) }
    session.imports += staged
    // The environment file and what the workspace remembers bind what they can at once.
    if let environment { session.environments[open.name] = try session.readEnvironment(at: environment) }
    try session.applyEnvironment(to: open.name, only: Set(staged.map(\.name)))
    let bindings = Dictionary(session.imports.map { ($0.name, $0.bindings.count) }, uniquingKeysWith: { first, _ in first })
    for pending in staged {
      session.output.line(fitting: Self.stagedLine(pending, bound: bindings[pending.name] ?? 0))
      Self.report(pending.notes, for: pending.name, in: session)
    }
    if !skipped.isEmpty {
      session.output.line(
        fitting: "skipped \(Describe.count(skipped.count, "export")) whose flow \(open.name) has: \(name: skipped.joined(separator: ", "))")
    }
  }

  /// `staged orders: new flow in prod, 12 nodes, 3 references to match`: a line per staged
  /// import, short enough for a terminal.
  private static func stagedLine(_ pending: PendingImport, bound: Int) -> FittedLine {
    let refs = pending.outline.connections.count
    let references =
      refs == 0 ? "" : bound == 0 ? ", \(Describe.count(refs, "reference")) to match" : ", \(bound) of \(refs) references bound"
    let nodes = Describe.count(pending.outline.nodes.count, "node")
    return "staged \(name: pending.name): \(pending.landing) in \(pending.workspace), \(nodes)\(references)"
  }

  /// The flow each export creates or versions: its own name, `--name`, or with `rename` the
  /// file's name where it repeats another's. Names that repeat among the files are all reported
  /// at once, each with both files (not one per run).
  static func flowNames(of read: [ReadExport], newName: String?, renaming: Bool) throws -> [(ReadExport, String)] {
    let (named, repeated) = namedFlows(of: read, newName: newName, renaming: renaming)
    if !repeated.isEmpty { throw SessionError.repeatedFlowNames(repeated) }
    return named
  }

  /// Each export with the flow it names, and the names that repeat, each with both its files.
  private static func namedFlows(of read: [ReadExport], newName: String?, renaming: Bool) -> (
    named: [(ReadExport, String)], repeated: [String]
  ) {
    var firstFile: [String: String] = [:]
    var repeated: [String] = []
    var named: [(ReadExport, String)] = []
    for file in read {
      var flow = newName ?? file.staged.outline.name
      if let first = firstFile[flow] {
        guard renaming else {
          repeated.append("'\(flow)' in \(first) and \(file.path)")
          continue
        }
        flow = PathText.stem(of: file.path)
        if let clash = firstFile[flow] {
          repeated.append("'\(flow)' in \(clash) and \(file.path), even named after the file")
          continue
        }
      }
      firstFile[flow] = file.path
      named.append((file, flow))
    }
    return (named, repeated)
  }

  /// The subflows an export carries that the target lacks, each to be staged as a new flow of its
  /// own (matched and committed like any import); those the target has are reused, see
  /// `DependencyPlan`.
  static func subflowImports(of parent: PendingImport, existing: Set<String>) -> [PendingImport] {
    parent.outline.subflowDefinitions.filter { !existing.contains($0.name) }.map { subflow in
      PendingImport(
        name: subflow.name, path: parent.path + PendingImport.subflowSuffix(of: parent.name), format: parent.format,
        workspace: parent.workspace,
        mode: .newFlow(subflow.name), staged: .whole(subflow), parentImport: parent.name)
    }
  }

  /// The files each path names; every path that names none is reported, not just the first.
  private static func expand(_ paths: [String]) throws -> [(files: [String], passedOver: [String])] {
    var expanded: [(files: [String], passedOver: [String])] = []
    var notFound: [SessionError] = []
    for path in paths {
      do {
        expanded.append(try FileExpansion.expand(path))
      } catch let error as SessionError {
        notFound.append(error)
      }
    }
    if notFound.count == 1 { throw notFound[0] }
    if notFound.count > 1 { throw SessionError.nothingFound(notFound) }
    return expanded
  }

  /// Prints what was noticed on load, a few lines at most; `status` and `show` list them all.
  static func report(_ notes: [String], for name: String, in session: Session) {
    // A note may be about a token in the name itself: it is not printed with it.
    let shown = Secrets.redacted(name: name)
    for note in notes.prefix(3) { session.output.warning("\(shown): \(note)") }
    if notes.count > 3 { session.output.warning("\(shown): \(notes.count - 3) more; see `show \(Tokenizer.word(name))`") }
  }
}
