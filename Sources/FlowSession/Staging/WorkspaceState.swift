import FlowModel
import FlowStore

/// What planning, matching and checking imports need of a workspace: its connections and flows,
/// read once per command, not once per import (a bulk migration stages hundreds).
struct WorkspaceState {
  let connections: [Connection]
  let flows: [FlowSummary]
  let flowNames: Set<String>

  init(connections: [Connection], flows: [FlowSummary]) {
    self.connections = connections
    self.flows = flows
    self.flowNames = Set(flows.map(\.name))
  }

  func connection(named name: String) -> Connection? {
    connections.first { $0.name == name }
  }

  /// Everything wrong with an import bound for this workspace; see `Finding.check`.
  func findings(for pending: PendingImport) -> [Finding] {
    Finding.check(pending, in: self)
  }
}

extension Session {
  /// The state of an open workspace, read from its store now.
  func state(of workspaceName: String) throws -> WorkspaceState {
    let open = try workspace(workspaceName)
    return WorkspaceState(
      connections: try store { () throws(StoreError) in try open.store.connections() },
      flows: try store { () throws(StoreError) in try open.store.flows() })
  }

  /// The states of the workspaces the given imports are bound for, each read once.
  func states(for imports: some Sequence<PendingImport>) throws -> [String: WorkspaceState] {
    var states: [String: WorkspaceState] = [:]
    for pending in imports where states[pending.workspace] == nil {
      states[pending.workspace] = try state(of: pending.workspace)
    }
    return states
  }

  /// Indices of the named pending import, or of every pending import when no name is given.
  func importIndices(_ name: String?) throws -> [Int] {
    guard let name else { return Array(imports.indices) }
    return [try importIndex(named: name)]
  }
}
