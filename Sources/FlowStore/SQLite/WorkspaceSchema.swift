import GRDB

/// The workspace schema, as GRDB migrations: a workspace written by an older fps is brought up
/// to date when opened, and never rewritten by hand.
enum WorkspaceSchema {
  static var migrator: DatabaseMigrator {
    var migrator = DatabaseMigrator()
    migrator.registerMigration("v1") { db in
      try db.execute(
        sql: """
          CREATE TABLE meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
          INSERT INTO meta (key, value) VALUES ('revision', 0);
          CREATE TABLE flows (
            id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, current_version INTEGER NOT NULL);
          CREATE TABLE commits (
            id INTEGER PRIMARY KEY, author TEXT NOT NULL, at TEXT NOT NULL, message TEXT NOT NULL);
          CREATE TABLE commit_changes (
            commit_id INTEGER NOT NULL REFERENCES commits(id), action TEXT NOT NULL, subject TEXT NOT NULL,
            version INTEGER);
          CREATE TABLE versions (
            flow_id INTEGER NOT NULL REFERENCES flows(id), number INTEGER NOT NULL, document TEXT NOT NULL,
            published_at TEXT NOT NULL, commit_id INTEGER NOT NULL REFERENCES commits(id),
            PRIMARY KEY (flow_id, number));
          CREATE TABLE connections (
            id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, type TEXT NOT NULL, properties TEXT NOT NULL);
          -- Secret values live apart from properties so that no query for a connection's
          -- description can ever carry one out.
          CREATE TABLE connection_secrets (
            connection_id INTEGER NOT NULL REFERENCES connections(id), name TEXT NOT NULL, value BLOB NOT NULL,
            PRIMARY KEY (connection_id, name));
          """)
    }
    migrator.registerMigration("v2: members and registry") { db in
      try db.execute(
        sql: """
          CREATE TABLE members (user TEXT PRIMARY KEY, role TEXT NOT NULL);
          CREATE TABLE registry (
            kind TEXT NOT NULL, name TEXT NOT NULL, definition TEXT NOT NULL, commit_id INTEGER NOT NULL REFERENCES commits(id),
            PRIMARY KEY (kind, name));
          """)
    }
    migrator.registerMigration("v3: settings") { db in
      // What a workspace says of itself, such as the name it was created under.
      try db.execute(sql: "CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    }
    migrator.registerMigration("v4: undo") { db in
      // What undo needs to put back: connections and members as they were before a commit
      // changed them, and flows a commit removed. Secret values are copied as stored.
      try db.execute(
        sql: """
          ALTER TABLE commits ADD COLUMN undone_by INTEGER;
          ALTER TABLE commits ADD COLUMN undoes INTEGER;
          CREATE TABLE undo_connections (
            commit_id INTEGER NOT NULL, name TEXT NOT NULL, type TEXT NOT NULL, properties TEXT NOT NULL,
            PRIMARY KEY (commit_id, name));
          CREATE TABLE undo_connection_secrets (
            commit_id INTEGER NOT NULL, connection TEXT NOT NULL, name TEXT NOT NULL, value BLOB NOT NULL);
          CREATE TABLE undo_members (commit_id INTEGER NOT NULL, user TEXT NOT NULL, role TEXT, PRIMARY KEY (commit_id, user));
          CREATE TABLE removed_flows (
            commit_id INTEGER NOT NULL, name TEXT NOT NULL, current_version INTEGER NOT NULL, PRIMARY KEY (commit_id, name));
          CREATE TABLE removed_versions (
            commit_id INTEGER NOT NULL, flow TEXT NOT NULL, number INTEGER NOT NULL, document TEXT NOT NULL,
            published_at TEXT NOT NULL, written_by INTEGER NOT NULL);
          """)
    }
    migrator.registerMigration("v5: remembered bindings") { db in
      // Source reference -> workspace connection, as the last commit that bound it did.
      try db.execute(
        sql: """
          CREATE TABLE remembered_bindings (
            type TEXT NOT NULL, source_key TEXT NOT NULL, source_name TEXT NOT NULL, connection TEXT NOT NULL,
            commit_id INTEGER NOT NULL, PRIMARY KEY (type, source_key));
          """)
    }
    migrator.registerMigration("v6: kept values") { db in
      // Node values an environment set, re-applied to later imports of the flow.
      try db.execute(
        sql: """
          CREATE TABLE kept_values (
            flow TEXT NOT NULL, node_type TEXT NOT NULL, node_name TEXT NOT NULL, path TEXT NOT NULL, value TEXT NOT NULL,
            create_path INTEGER NOT NULL, commit_id INTEGER NOT NULL, PRIMARY KEY (flow, node_type, node_name, path));
          """)
    }
    migrator.registerMigration("v7: version sources") { db in
      // The file an import was loaded from, with each version it wrote (and kept for undo), so
      // a later import from that file can tell whether the flow was changed since. NULL for
      // versions written before, and for subflows that came inside another export.
      try db.execute(
        sql: """
          ALTER TABLE versions ADD COLUMN source TEXT;
          ALTER TABLE removed_versions ADD COLUMN source TEXT;
          """)
    }
    migrator.registerMigration("v8: versions read without documents") { db in
      // A row's columns are stored in order, and a document (tens of KB, on overflow pages)
      // stands before `published_at` and `source`: every flow summary (`list`, `status`, a
      // commit's plan) read every document (a 2,000-flow workspace: 160 M instructions), so
      // the summary's columns are indexed whole. And registering a workspace searched every
      // document for sealed secrets, at every command (200 M): `meta` says whether any holds
      // one (`WorkspaceTables.unsealedRecord`), found out once here. This migration's first
      // form (7cefffa) indexed the versions holding one instead, which cost every insert a
      // search of its document: that index is dropped where it was made.
      try db.execute(
        sql: """
          CREATE INDEX IF NOT EXISTS versions_summary ON versions (flow_id, number, published_at, source);
          DROP INDEX IF EXISTS versions_sealed;
          """)
      try db.execute(sql: WorkspaceTables.unsealedRecordFound)
    }
    return migrator
  }
}
