import FlowStore

/// A workspace the session has open, under its session name.
final class OpenWorkspace {
  let name: String
  let store: any WorkspaceStore
  /// The revision the session last saw; a commit fails if the file moved on since.
  var revision: Int

  init(name: String, store: any WorkspaceStore) throws {
    self.name = name
    self.store = store
    self.revision = try store.revision()
  }
}
