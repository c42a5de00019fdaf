/// The workspace schema in PostgreSQL: the SQLite file's tables (`WorkspaceSchema`, as of its
/// last migration) with the same names, columns and meaning, in a schema of their own
/// (`flowport`) so a database shared with other applications keeps them apart. `rowid` columns
/// stand in for SQLite's implicit ones, which the shared SQL orders and updates by.
enum PostgresSchema {
  /// The PostgreSQL schema the tables live in; connections put it first on the search path.
  static let name = "flowport"
  /// The version of these tables; a database with a later one was made by a newer fps.
  static let version = 1

  /// The statements that make the tables, one by one (PostgreSQL's extended protocol takes one
  /// statement per query).
  static let statements = [
    "CREATE SCHEMA \(name)",
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value BIGINT NOT NULL)",
    """
    INSERT INTO meta (key, value) VALUES ('revision', 0), ('application_id', \(SQLiteWorkspace.applicationID)),
      ('schema_version', \(version)), ('\(WorkspaceTables.unsealedRecord)', 0)
    """,
    "CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    "CREATE TABLE flows (id BIGINT PRIMARY KEY, name TEXT NOT NULL UNIQUE, current_version BIGINT NOT NULL)",
    """
    CREATE TABLE commits (
      id BIGINT PRIMARY KEY, author TEXT NOT NULL, at TEXT NOT NULL, message TEXT NOT NULL, undone_by BIGINT, undoes BIGINT)
    """,
    """
    CREATE TABLE commit_changes (
      rowid BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, commit_id BIGINT NOT NULL REFERENCES commits(id),
      action TEXT NOT NULL, subject TEXT NOT NULL, version BIGINT)
    """,
    "CREATE INDEX commit_changes_by_commit ON commit_changes (commit_id)",
    """
    CREATE TABLE versions (
      rowid BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE, flow_id BIGINT NOT NULL REFERENCES flows(id), number BIGINT NOT NULL,
      document TEXT NOT NULL, published_at TEXT NOT NULL, commit_id BIGINT NOT NULL REFERENCES commits(id), source TEXT,
      PRIMARY KEY (flow_id, number))
    """,
    """
    CREATE TABLE connections (
      id BIGINT PRIMARY KEY, name TEXT NOT NULL UNIQUE, type TEXT NOT NULL, properties TEXT NOT NULL)
    """,
    // Secret values live apart from properties so that no query for a connection's
    // description can ever carry one out.
    """
    CREATE TABLE connection_secrets (
      rowid BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE, connection_id BIGINT NOT NULL REFERENCES connections(id),
      name TEXT NOT NULL, value BYTEA NOT NULL, PRIMARY KEY (connection_id, name))
    """,
    #"CREATE TABLE members ("user" TEXT PRIMARY KEY, role TEXT NOT NULL)"#,
    """
    CREATE TABLE registry (
      kind TEXT NOT NULL, name TEXT NOT NULL, definition TEXT NOT NULL, commit_id BIGINT NOT NULL REFERENCES commits(id),
      PRIMARY KEY (kind, name))
    """,
    """
    CREATE TABLE undo_connections (
      commit_id BIGINT NOT NULL, name TEXT NOT NULL, type TEXT NOT NULL, properties TEXT NOT NULL, PRIMARY KEY (commit_id, name))
    """,
    """
    CREATE TABLE undo_connection_secrets (
      rowid BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE, commit_id BIGINT NOT NULL, connection TEXT NOT NULL, name TEXT NOT NULL,
      value BYTEA NOT NULL)
    """,
    #"CREATE TABLE undo_members (commit_id BIGINT NOT NULL, "user" TEXT NOT NULL, role TEXT, PRIMARY KEY (commit_id, "user"))"#,
    """
    CREATE TABLE removed_flows (
      commit_id BIGINT NOT NULL, name TEXT NOT NULL, current_version BIGINT NOT NULL, PRIMARY KEY (commit_id, name))
    """,
    """
    CREATE TABLE removed_versions (
      rowid BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE, commit_id BIGINT NOT NULL, flow TEXT NOT NULL, number BIGINT NOT NULL,
      document TEXT NOT NULL, published_at TEXT NOT NULL, written_by BIGINT NOT NULL, source TEXT)
    """,
    """
    CREATE TABLE remembered_bindings (
      type TEXT NOT NULL, source_key TEXT NOT NULL, source_name TEXT NOT NULL, connection TEXT NOT NULL,
      commit_id BIGINT NOT NULL, PRIMARY KEY (type, source_key))
    """,
    """
    CREATE TABLE kept_values (
      flow TEXT NOT NULL, node_type TEXT NOT NULL, node_name TEXT NOT NULL, path TEXT NOT NULL, value TEXT NOT NULL,
      create_path BIGINT NOT NULL, commit_id BIGINT NOT NULL, PRIMARY KEY (flow, node_type, node_name, path))
    """,
    // Flow documents are tens of kilobytes of JSON each: lz4 compresses them as they are written
    // at a fraction of the default's (pglz) server time (2,000 flows loaded and committed:
    // 19.7-21.3 s -> 15.7-16.5 s, 45 MB -> 29 MB). A server without lz4 (or before 14) keeps its
    // default, hence the dynamic statement and the catch-all.
    """
    DO $$ BEGIN
      EXECUTE 'ALTER TABLE versions ALTER COLUMN document SET COMPRESSION lz4';
      EXECUTE 'ALTER TABLE removed_versions ALTER COLUMN document SET COMPRESSION lz4';
    EXCEPTION WHEN OTHERS THEN NULL;
    END $$
    """,
  ]

  /// The tables an editor writes: everything a commit, an undo or a rekey touches, except who
  /// the members are and what the workspace says of itself, which only owners change.
  private static let editorTables = [
    "meta", "flows", "versions", "commits", "commit_changes", "connections", "connection_secrets", "registry",
    "undo_connections", "undo_connection_secrets", "removed_flows", "removed_versions", "remembered_bindings", "kept_values",
  ]

  /// The database role for `role` in a workspace in `database`, which the server enforces
  /// whatever a session's `--user` says: `flowport_<database>_viewer` reads, `_editor` also
  /// commits (flows, connections, registry, undo), `_owner` also changes members. Roles belong
  /// to the whole server, hence the database's name in theirs; each includes the one before.
  static func role(_ role: Role, of database: String) -> String { "flowport_\(database)_\(role.rawValue)" }

  /// The statements that make the roles (kept when they exist) and grant them the tables.
  static func grants(for database: String) -> [String] {
    let (viewer, editor, owner) = (
      quoted(role(.viewer, of: database)), quoted(role(.editor, of: database)), quoted(role(.owner, of: database))
    )
    return [viewer, editor, owner].map { "DO $$ BEGIN CREATE ROLE \($0) NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$" } + [
      "GRANT \(viewer) TO \(editor)",
      "GRANT \(editor) TO \(owner)",
      "GRANT USAGE ON SCHEMA \(name) TO \(viewer)",
      "GRANT SELECT ON ALL TABLES IN SCHEMA \(name) TO \(viewer)",
      "GRANT INSERT, UPDATE, DELETE ON \(editorTables.joined(separator: ", ")) TO \(editor)",
      "GRANT USAGE ON ALL SEQUENCES IN SCHEMA \(name) TO \(editor)",
      "GRANT INSERT, UPDATE, DELETE ON members, undo_members, settings TO \(owner)",
    ]
  }

  /// `identifier` quoted for SQL, so any database name makes a valid role name.
  static func quoted(_ identifier: String) -> String { "\"\(identifier.replacing("\"", with: "\"\""))\"" }
}
