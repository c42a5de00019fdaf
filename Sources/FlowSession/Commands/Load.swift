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
    static let alias = OptionSpec("as", value: "name", help: "the session name of the workspace, export or import")
    static let into = OptionSpec(
      "into", value: "workspace", completion: .workspace, help: "stage the exports as pending imports of this workspace")
  }

  static let spec = CommandSpec(
    name: "load", synopsis: "<path|glob|dir>... [as <name>] [into <workspace>] [options]",
    summary: "Open a workspace file, or read exports (format detected from content) and stage them.",
    discussion: """
      A workspace file (.fpsw) is opened under its file name (or `as <name>`) and becomes the target
      if there is none. An export is read into the session for `diff`, `show` and `export`; with
      `into <workspace>` it becomes a pending import that `commit` writes. A folder loads every
      .json file in it; a glob (quote it) loads every match. When any file of a bulk load fails,
      nothing is staged and every failure is listed.

        load prod.fpsw
        load exports/orders-v2.json into prod
        load 'exports/*.json' into prod
        load exports/orders-v3.json into prod --as-version-of orders
      """,
    options: [Option.asVersionOf, Option.name, Option.readOnly, Option.renameNode],
    keywords: [Option.alias, Option.into],
    positionals: .path)

  let paths: [String]
  let alias: String?
  let target: String?
  let versionOf: String?
  let newName: String?
  let readOnly: Bool
  let renames: [NodeRename]

  init(_ arguments: ParsedArguments) throws {
    _ = try arguments.positional(0, "a path to load")
    paths = arguments.positionals
    alias = arguments.value(Option.alias)
    target = arguments.value(Option.into)
    versionOf = arguments.value(Option.asVersionOf)
    newName = arguments.value(Option.name)
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
  }

  func run(in session: Session) throws {
    let files = try paths.flatMap(FileExpansion.expand)
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
    for (index, path) in files.enumerated() {
      if session.isCancelled() { throw SessionError.cancelled }
      session.progress?.show("reading files", done: index + 1, total: files.count)
      do {
        if WorkspaceStores.isWorkspace(path) {
          throw SessionError.workspaceAmongExports(path: path)
        }
        if path.hasSuffix(".fps") { throw SessionError.scriptGivenAsExport(path) }
        var file = try session.readExport(at: path, scanningSecrets: true)
        try file.rename(renames)
        read.append(file)
      } catch {
        guard files.count > 1 else { throw error }
        failures.append("\(error)")
      }
    }
    if !failures.isEmpty { throw SessionError.bulk(failed: failures, total: files.count) }
    if let target {
      try stage(read, into: try session.workspace(target), in: session)
    } else {
      try keep(read, in: session)
    }
  }

  private func openWorkspace(_ path: String, in session: Session) throws {
    if target != nil { throw UsageError("\(path) is a workspace; `into` is for exports", command: "load") }
    let store = try WorkspaceStores.open(path, readOnly: readOnly, key: session.workspaceKey())
    let name = alias ?? store.name ?? URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
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
        name = URL(fileURLWithPath: file.path).deletingPathExtension().lastPathComponent
      }
      session.exports[name] = LoadedExport(
        name: name, path: file.path, format: file.format, version: file.version, notes: file.notes, renames: file.renames,
        stamp: file.stamp)
      session.output.line("loaded \(name) from \(file.path) (\(file.format.displayName)): \(Describe.shape(file.version))")
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
    func add(_ pending: PendingImport) {
      staged.append(pending)
      importNames.insert(pending.name)
      if pending.mode.isNewFlow { creators[pending.mode.flowName] = pending.name }
    }
    for file in read {
      let mode: PendingImport.Mode
      if let versionOf {
        guard existing.contains(versionOf) else {
          throw SessionError.unknownName(kind: "flow in \(open.name)", name: versionOf, known: existing.sorted())
        }
        mode = .newVersion(of: versionOf)
      } else {
        let flow = newName ?? file.version.name
        if existing.contains(flow) { throw SessionError.flowExists(flow: flow, workspace: open.name) }
        if let other = creators[flow] { throw SessionError.flowPending(flow: flow, workspace: open.name, pendingImport: other) }
        mode = .newFlow(flow)
      }
      let name = alias ?? (read.count == 1 ? newName : nil) ?? file.version.name
      if importNames.contains(name) { throw SessionError.importExists(name) }
      let pending = PendingImport(
        name: name, path: file.path, format: file.format, workspace: open.name, mode: mode, version: file.version, notes: file.notes,
        renames: file.renames, stamp: file.stamp)
      add(pending)
      for subflow in Self.subflowImports(of: pending, existing: existing)
      where creators[subflow.mode.flowName] == nil && !importNames.contains(subflow.name) {
        add(subflow)
      }
    }
    session.imports += staged
    for pending in staged {
      let refs = pending.version.connections.count
      let refText = refs == 0 ? "" : ", \(refs) connection reference\(refs == 1 ? "" : "s") to match"
      session.output.line(
        "staged \(pending.name) into \(open.name) as \(pending.mode.summary): \(Describe.shape(pending.version))\(refText)")
      Self.report(pending.notes, for: pending.name, in: session)
    }
  }

  /// The subflows an export carries that the target lacks, each to be staged as a new flow of its
  /// own (matched and committed like any import); those the target has are reused, see
  /// `DependencyPlan`.
  static func subflowImports(of parent: PendingImport, existing: Set<String>) -> [PendingImport] {
    parent.version.subflowDefinitions.filter { !existing.contains($0.name) }.map { subflow in
      PendingImport(
        name: subflow.name, path: "\(parent.path) (subflow of \(parent.name))", format: parent.format, workspace: parent.workspace,
        mode: .newFlow(subflow.name), version: subflow, parentImport: parent.name)
    }
  }

  /// Prints what was noticed on load, a few lines at most; `status` and `show` list them all.
  static func report(_ notes: [String], for name: String, in session: Session) {
    for note in notes.prefix(3) { session.output.warning("\(name): \(note)") }
    if notes.count > 3 { session.output.warning("\(name): \(notes.count - 3) more; see `show \(name)`") }
  }
}
