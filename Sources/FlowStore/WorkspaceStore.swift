import FlowModel
import Foundation

/// A persistent environment: flows with their versions, connections, the registry, members and
/// the journal. The session talks to this protocol only; which store serves a location (a file
/// path, a `postgres://` URL) is decided by `WorkspaceStores`.
public protocol WorkspaceStore: AnyObject, Sendable {
  /// True when this kind of store serves `location`; the file store takes what no other takes.
  static func handles(_ location: String) -> Bool
  /// True when `location` holds a workspace of this kind: how `load` tells a workspace from an
  /// export without trusting the file name.
  static func isWorkspace(_ location: String) -> Bool
  /// Opens an existing workspace; read-only when asked, or when it cannot be written.
  static func open(_ location: String, readOnly: Bool, key: WorkspaceKey?) throws(StoreError) -> Self
  /// Creates a new, empty workspace, its creator (if given) its owner, remembering the session
  /// name it was created under (if given); refuses an existing one.
  static func create(_ location: String, owner: String?, name: String?, key: WorkspaceKey?) throws(StoreError) -> Self

  /// Where the workspace lives, for messages.
  var location: String { get }
  /// True when the workspace can be read but not written.
  var isReadOnly: Bool { get }
  /// The name it was created under (`workspace new x.fpsw as prod`), which it reopens as.
  var name: String? { get }
  /// A counter bumped by every write; commits check it to never lose another process's update.
  func revision() throws(StoreError) -> Int
  /// What a command needs to plan against the workspace, read in one transaction.
  func snapshot() throws(StoreError) -> WorkspaceSnapshot
  /// Every flow with its current version and version count, by name.
  func flows() throws(StoreError) -> [FlowSummary]
  /// True when a flow has this name: one row looked up, not every flow summarized.
  func hasFlow(named name: String) throws(StoreError) -> Bool
  /// A version of a flow; the current one when `number` is nil.
  func version(of flow: String, number: Int?) throws(StoreError) -> StoredVersion
  /// Every stored version of a flow, oldest first.
  func versions(of flow: String) throws(StoreError) -> [StoredVersion]
  /// The current version of every flow, in one read (whole-workspace diffs).
  func currentVersions() throws(StoreError) -> [StoredVersion]
  /// Every connection by name, with the names (not the values) of its secrets.
  func connections() throws(StoreError) -> [Connection]
  /// Writes every version of the request in one transaction and journals it.
  func commit(_ request: CommitRequest) throws(StoreError) -> CommitRecord
  /// What undoing a commit would do, and the later commits that block it; writes nothing.
  func undoPlan(of commit: Int) throws(StoreError) -> UndoPlan
  /// Reverts a commit as a new journaled commit, all or nothing; refused while later commits
  /// built on what it would take back, or when the workspace moved on since `expectedRevision`.
  func undo(_ commit: Int, author: String, expectedRevision: Int) throws(StoreError) -> CommitRecord
  /// The journal, newest first.
  func journal() throws(StoreError) -> [CommitRecord]
  /// The secret values of a connection, for an export made with `--with-credentials`.
  func secrets(ofConnection name: String) throws(StoreError) -> [String: String]
  /// Who may act on the workspace, and how; empty for a workspace open to everyone.
  func members() throws(StoreError) -> [Member]
  /// The events registry, forms and rules.
  func registry() throws(StoreError) -> [RegistryEntry]
  /// Seals secrets with the workspace key (connection secrets, and secrets inside the flow
  /// documents the session writes); nil when no key is available.
  var sealer: Sealer? { get }
  /// What the workspace holds that its key cannot open, one line each, for a warning on open.
  func unreadableSecrets() throws(StoreError) -> [String]
  /// Re-seals every secret with the current key, opening what `old` sealed; journaled.
  func rekey(from old: WorkspaceKey?, author: String) throws(StoreError) -> Int
}

extension WorkspaceStore {
  /// The name the workspace opens as when none is given: the one it was created under, else
  /// its file's name without the extension, or a database URL's database (`prod` of
  /// `postgres://host/prod?sslmode=require`).
  public var defaultName: String {
    if let name { return name }
    if WorkspaceStores.isURL(location), let url = URL(string: location), !url.lastPathComponent.isEmpty {
      return url.lastPathComponent
    }
    return URL(fileURLWithPath: location).deletingPathExtension().lastPathComponent
  }
}
