import FlowModel

/// A persistent environment: flows with their versions, connections, and the journal. SQLite is
/// the first implementation; the session talks to this protocol only.
public protocol WorkspaceStore: AnyObject, Sendable {
  /// Where the workspace lives, for messages.
  var location: String { get }
  /// True when the workspace can be read but not written.
  var isReadOnly: Bool { get }
  /// A counter bumped by every write; commits check it to never lose another process's update.
  func revision() throws(StoreError) -> Int
  func flows() throws(StoreError) -> [FlowSummary]
  /// A version of a flow; the current one when `number` is nil.
  func version(of flow: String, number: Int?) throws(StoreError) -> StoredVersion
  func versions(of flow: String) throws(StoreError) -> [StoredVersion]
  func connections() throws(StoreError) -> [Connection]
  /// Adds a connection, its secret values kept apart from its properties.
  func addConnection(_ connection: Connection, secrets: [String: String], author: String) throws(StoreError)
  /// Writes every version of the request in one transaction and journals it.
  func commit(_ request: CommitRequest) throws(StoreError) -> CommitRecord
  /// The journal, newest first.
  func journal() throws(StoreError) -> [CommitRecord]
  /// The secret values of a connection, for an export made with `--with-credentials`.
  func secrets(ofConnection name: String) throws(StoreError) -> [String: String]
  /// Who may act on the workspace, and how; empty for a workspace open to everyone.
  func members() throws(StoreError) -> [Member]
  /// Adds a member or changes their role; journaled.
  func setMember(_ member: Member, author: String) throws(StoreError)
  /// Removes a member; journaled.
  func removeMember(_ user: String, author: String) throws(StoreError)
  /// The events registry, forms and rules.
  func registry() throws(StoreError) -> [RegistryEntry]
}
