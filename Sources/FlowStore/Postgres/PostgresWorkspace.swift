import FlowModel

/// A workspace in a PostgreSQL database (`postgres://user@host/db`), for a team sharing one:
/// the same tables and meaning as the SQLite file (`WorkspaceTables`), in the database's
/// `flowport` schema. Commits lock the revision row first, so two sessions committing at once
/// queue; the second is then told the workspace moved on, and nothing of it is written.
/// Who may do what is the server's to enforce: `workspace new` makes the database roles of
/// `PostgresSchema.roles(for:)` and the journal records the login as each commit's author.
public final class PostgresWorkspace: TableWorkspace {
  /// The URL without its password, for messages and the saved session (the password comes back
  /// from `PGPASSWORD` or `~/.pgpass`, never from a file FlowPort writes).
  public let location: String
  /// True when opened read-only, by request or because the login may not write the tables.
  public let isReadOnly: Bool
  /// The name it was created under, which it reopens as.
  public let name: String?
  /// Seals secrets before they are written and opens them as they are read.
  public let sealer: Sealer?
  let tables: WorkspaceTables
  private let link: PostgresLink

  private init(link: PostgresLink, isReadOnly: Bool, name: String?, key: WorkspaceKey?) throws(StoreError) {
    self.link = link
    self.location = link.settings.redacted
    self.isReadOnly = isReadOnly
    self.name = name
    self.sealer = key.map { Sealer(key: $0) }
    var tables = WorkspaceTables(location: location, sealer: sealer)
    tables.login = try link.transaction(.read) { db in try db.value("SELECT session_user::text") }
    self.tables = tables
  }

  /// Takes `postgres://` and `postgresql://` URLs.
  public static func handles(_ location: String) -> Bool { PostgresSettings.handles(location) }

  /// True when the database can be reached and holds FlowPort's schema.
  public static func isWorkspace(_ location: String) -> Bool {
    (try? open(location, readOnly: true, key: nil)) != nil
  }

  /// Creates FlowPort's schema in an existing database, its creator (if given) its owner;
  /// refuses a database that has it already.
  public static func create(_ location: String, owner: String?, name: String?, key: WorkspaceKey?) throws(StoreError)
    -> PostgresWorkspace
  {
    let link = try PostgresLink.connect(try PostgresSettings(location))
    let redacted = link.settings.redacted
    try link.transaction(.create) { db in
      if try db.row("SELECT 1 FROM pg_namespace WHERE nspname = ?", [PostgresSchema.name]) != nil {
        throw StoreError.alreadyExists(path: redacted)
      }
      for statement in PostgresSchema.statements + PostgresSchema.grants(for: link.settings.database) { try db.execute(statement, []) }
      if let owner { try WorkspaceTables.setRole(Role.owner.rawValue, of: owner, in: db) }
      if let name { try db.execute("INSERT INTO settings (key, value) VALUES ('name', ?)", [name]) }
    }
    return try PostgresWorkspace(link: link, isReadOnly: false, name: name, key: key)
  }

  /// Opens the workspace in an existing database; read-only when asked, or when the login may
  /// not write its tables.
  public static func open(_ location: String, readOnly requested: Bool, key: WorkspaceKey?) throws(StoreError) -> PostgresWorkspace {
    let link = try PostgresLink.connect(try PostgresSettings(location))
    let redacted = link.settings.redacted
    let (name, writable, recordsUnsealed) = try link.transaction(.read) { db in
      let meta = try db.rows(
        "SELECT key, value FROM meta WHERE key IN ('application_id', 'schema_version', '\(WorkspaceTables.unsealedRecord)')")
      let values = Dictionary(uniqueKeysWithValues: meta.map { ($0["key"] as String, $0["value"] as Int) })
      guard values["application_id"] == Int(SQLiteWorkspace.applicationID) else {
        throw StoreError.notAWorkspace(path: redacted, reason: "its flowport schema belongs to another application")
      }
      if let version = values["schema_version"], version > PostgresSchema.version {
        throw StoreError.notAWorkspace(path: redacted, reason: "it was made by a newer fps (schema version \(version))")
      }
      let writable: Int = try db.value("SELECT has_table_privilege('meta', 'UPDATE')::int") ?? 0
      return (try WorkspaceTables.name(db), writable == 1, values[WorkspaceTables.unsealedRecord] != nil)
    }
    // A workspace an earlier fps made is given the record once, by its first writer.
    if writable, !requested, !recordsUnsealed {
      _ = try link.transaction(.write) { db in try db.execute(WorkspaceTables.unsealedRecordFound, []) }
    }
    return try PostgresWorkspace(link: link, isReadOnly: requested || !writable, name: name, key: key)
  }

  /// Runs `work` in a reading transaction: one snapshot of the workspace throughout.
  func read<T>(_ work: (any WorkspaceTransaction) throws -> T) throws(StoreError) -> T {
    try link.transaction(.read, work)
  }

  /// Runs `work` in a writing transaction, behind the revision row's lock.
  func write<T>(_ work: (any WorkspaceTransaction) throws -> T) throws(StoreError) -> T {
    if isReadOnly { throw .readOnly(path: location) }
    return try link.transaction(.write, work)
  }
}
