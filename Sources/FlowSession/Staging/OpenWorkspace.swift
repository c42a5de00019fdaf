import FlowModel
import FlowStore

/// A workspace the session has open, under its session name.
final class OpenWorkspace {
  let name: String
  let store: any WorkspaceStore
  /// The revision the session last saw; a commit fails if the file moved on since.
  var revision: Int

  /// The last state planned, for the revision and pending imports it was planned with: a Tab
  /// press or a command naming several imports plans once, not once each.
  var cachedState: (revision: Int, stagedGeneration: Int, state: WorkspaceState)?
  private var cachedSnapshot: WorkspaceSnapshot?
  /// Stored versions already decoded, by flow and number: a version never changes once written.
  var decodedVersions: [String: FlowVersion] = [:]

  init(name: String, store: any WorkspaceStore) throws {
    self.name = name
    self.store = store
    self.revision = try store.revision()
  }

  /// The workspace's flows, connections and registry as the session last saw them: read in one
  /// transaction, once per revision.
  func snapshot() throws -> WorkspaceSnapshot {
    if let cachedSnapshot, cachedSnapshot.revision == revision { return cachedSnapshot }
    let snapshot = try store.snapshot()
    cachedSnapshot = snapshot
    return snapshot
  }
}
