import FlowFormats
import FlowModel
import FlowStore

/// What planning, matching and checking imports need of a workspace: its connections and flows,
/// read once per command, not once per import (a bulk migration stages hundreds).
struct WorkspaceState: Sendable {
  let connections: [Connection]
  let flows: [FlowSummary]
  /// The flows by name, for what each import needs to know of its target flow.
  private let flowsByName: [String: FlowSummary]
  /// Where each connection stands in `connections`, by name: every binding of every import is
  /// looked up by it, several times in a commit.
  private let connectionIndex: [String: Int]
  /// The events registry, forms and rules.
  let registry: [RegistryEntry]
  /// Flows that pending imports for this workspace create, so one may call another.
  var pendingFlowNames: Set<String> = []
  /// What the pending imports for this workspace bring along, planned over all of them once.
  var dependencies = DependencyPlan()

  /// The workspace as the next commit will leave it: its snapshot with the staged connection
  /// changes applied, so `match` can bind to a connection added in the same session.
  init(_ snapshot: WorkspaceSnapshot, staged: [WorkspaceChange] = []) {
    var connections = snapshot.connections
    for change in staged {
      switch change {
      case .addConnection(let connection, let secrets):
        connections.append(
          Connection(name: connection.name, type: connection.type, properties: connection.properties, secretNames: secrets.keys.sorted()))
      case .setConnection(let name, let properties, let secrets):
        guard let index = connections.firstIndex(where: { $0.name == name }) else { continue }
        for member in properties.members { connections[index].properties[member.key] = member.value }
        connections[index].secretNames = Array(Set(connections[index].secretNames).union(secrets.keys)).sorted()
      case .removeConnection(let name):
        connections.removeAll { $0.name == name }
      case .setMember, .removeMember, .removeFlow, .forgetBinding:
        continue
      }
    }
    let removed = Set(staged.compactMap { if case .removeFlow(let flow) = $0 { flow } else { nil } })
    self.init(
      connections: connections.sorted { $0.name < $1.name }, flows: snapshot.flows.filter { !removed.contains($0.name) },
      registry: snapshot.registry)
  }

  init(connections: [Connection], flows: [FlowSummary], registry: [RegistryEntry] = []) {
    self.connections = connections
    self.flows = flows
    self.flowsByName = Dictionary(flows.map { ($0.name, $0) }) { first, _ in first }
    self.connectionIndex = Dictionary(connections.indices.map { (connections[$0].name, $0) }) { first, _ in first }
    self.registry = registry
  }

  /// True when the workspace has a flow of this name.
  func hasFlow(named name: String) -> Bool { flowsByName[name] != nil }

  func connection(named name: String) -> Connection? {
    connectionIndex[name].map { connections[$0] }
  }

  /// The version last imported from the file `pending` was loaded from, when the flow it
  /// versions has a later current version, written from elsewhere since (a hotfix, another
  /// file): committing would replace that work, so the plan and `status` say so and name this
  /// version as the base for `diff --base`. Nil when the current version came from that file,
  /// or no version did.
  func changedSince(_ pending: PendingImport) -> Int? {
    guard case .newVersion(of: let flow) = pending.mode, let source = pending.source, let summary = flowsByName[flow],
      let last = summary.importedFrom[source], last < summary.currentVersion
    else { return nil }
    return last
  }

  /// Everything wrong with an import bound for this workspace; see `Finding.check`.
  func findings(for pending: PendingImport) -> [Finding] {
    Finding.check(pending, in: self)
  }
}

extension Session {
  /// The state of an open workspace as of the revision the session holds, read in one
  /// transaction and kept until the session writes to it or its pending imports change.
  func state(of workspaceName: String) throws -> WorkspaceState {
    let open = try workspace(workspaceName)
    if let cached = open.cachedState, cached.revision == open.revision, cached.stagedGeneration == stagedGeneration {
      return cached.state
    }
    var state = WorkspaceState(try open.snapshot(), staged: changes[workspaceName] ?? [])
    let pending = imports.filter { $0.workspace == workspaceName }
    state.pendingFlowNames = Set(pending.filter(\.mode.isNewFlow).map(\.mode.flowName))
    // The target's current version of each subflow an import carries, read once, to compare.
    var currentVersions: [String: FlowVersion] = [:]
    for subflow in pending.flatMap(\.outline.subflowDefinitions) where state.hasFlow(named: subflow.name) {
      guard currentVersions[subflow.name] == nil else { continue }
      let stored = try open.store.version(of: subflow.name, number: nil)
      currentVersions[subflow.name] = try decodeStored(stored, in: open)
    }
    state.dependencies = DependencyPlan(imports: pending, state: state, currentVersions: currentVersions)
    open.cachedState = (open.revision, stagedGeneration, state)
    return state
  }

  /// Indices of the named pending import, or of every pending import when no name is given.
  func importIndices(_ name: String?) throws -> [Int] {
    guard let name else { return Array(imports.indices) }
    return [try importIndex(named: name)]
  }
}
