import FlowModel

/// A workspace store that keeps the workspace in SQL tables (`WorkspaceTables`): it opens the
/// database and runs transactions, and gets every read and write `WorkspaceStore` asks for from
/// the SQL both stores share, so the SQLite file and PostgreSQL mean the same by each.
protocol TableWorkspace: WorkspaceStore {
  /// The shared SQL, bound to this workspace's location and key.
  var tables: WorkspaceTables { get }
  /// Runs `work` in one reading transaction, so what it reads agrees.
  func read<T>(_ work: (any WorkspaceTransaction) throws -> T) throws(StoreError) -> T
  /// Runs `work` in one writing transaction, writers one at a time: all of it, or nothing.
  func write<T>(_ work: (any WorkspaceTransaction) throws -> T) throws(StoreError) -> T
}

extension TableWorkspace {
  /// The revision counter kept in the `meta` table, to detect another process's commit.
  public func revision() throws(StoreError) -> Int { try read(WorkspaceTables.revision) }

  /// Revision, flows, connections and registry read in one transaction, so they agree.
  public func snapshot() throws(StoreError) -> WorkspaceSnapshot { try read(tables.snapshot) }

  /// Every flow with its current version and version count, by name.
  public func flows() throws(StoreError) -> [FlowSummary] { try read(WorkspaceTables.flows) }

  /// True when a flow has this name.
  public func hasFlow(named name: String) throws(StoreError) -> Bool {
    try read { db in try db.row("SELECT 1 FROM flows WHERE name = ?", [name]) != nil }
  }

  /// A version of a flow, the current one when `number` is nil; says whether the flow or the version is missing.
  public func version(of flow: String, number: Int?) throws(StoreError) -> StoredVersion {
    if let found = try read({ db in try tables.version(db, of: flow, number: number) }) { return found }
    if let number, try hasFlow(named: flow) { throw .noSuchVersion(flow: flow, number: number) }
    throw .noSuchFlow(flow)
  }

  /// Every stored version of a flow, oldest first; an unknown flow is an error, not an empty list.
  public func versions(of flow: String) throws(StoreError) -> [StoredVersion] {
    let found = try read { db in try tables.versions(db, of: flow) }
    if found.isEmpty { throw .noSuchFlow(flow) }
    return found
  }

  /// The current version of every flow, by flow name, in one read.
  public func currentVersions() throws(StoreError) -> [StoredVersion] { try read(tables.currentVersions) }

  /// Every connection by name, with the names (not the values) of its secrets.
  public func connections() throws(StoreError) -> [Connection] { try read(tables.connections) }

  /// Applies the request's connection, member and flow changes, writes its versions and registry
  /// entries, and journals it, in one transaction: all of it, or nothing at all.
  public func commit(_ request: CommitRequest) throws(StoreError) -> CommitRecord {
    try write { db in try tables.commit(request, in: db) }
  }

  /// What undoing `commit` would do and which later commits block it; nothing is written.
  public func undoPlan(of commit: Int) throws(StoreError) -> UndoPlan {
    try read { db in try WorkspaceTables.plan(undoing: commit, in: db) }
  }

  /// Reverts `commit` as a new journaled commit, in one transaction; refused while later commits
  /// built on what it would take back.
  public func undo(_ commit: Int, author: String, expectedRevision: Int) throws(StoreError) -> CommitRecord {
    try write { db in try tables.undo(commit, author: author, expectedRevision: expectedRevision, in: db) }
  }

  /// The journal with each commit's changes, newest first.
  public func journal() throws(StoreError) -> [CommitRecord] { try read(WorkspaceTables.journal) }

  /// The secret values of a connection by name, for exports made with `--with-credentials`.
  public func secrets(ofConnection name: String) throws(StoreError) -> [String: String] {
    try read { db in try tables.secrets(db, ofConnection: name) }
  }

  /// What the workspace holds that its key cannot open; empty when every secret reads.
  public func unreadableSecrets() throws(StoreError) -> [String] { try read(tables.unreadableSecrets) }

  /// Re-seals every secret of the workspace with its key, opening those `old` sealed; journaled.
  public func rekey(from old: WorkspaceKey?, author: String) throws(StoreError) -> Int {
    try write { db in try tables.rekey(db, from: old, author: author) }
  }

  /// The members by user name; empty for a workspace open to everyone.
  public func members() throws(StoreError) -> [Member] { try read(WorkspaceTables.members) }

  /// The registry's events, forms and rules, by kind and name.
  public func registry() throws(StoreError) -> [RegistryEntry] { try read(WorkspaceTables.registry) }
}
