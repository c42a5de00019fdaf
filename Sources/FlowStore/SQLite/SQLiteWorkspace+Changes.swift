import FlowModel
import Foundation
import GRDB

extension SQLiteWorkspace {
  /// Applies one staged change inside a commit's transaction, first keeping what undo needs to
  /// put back (the connection or member as it was, the removed flow with its versions).
  static func apply(
    _ change: WorkspaceChange, in db: Database, commit id: Int64, at location: String, sealer: Sealer?
  ) throws -> JournalChange {
    // Secret values are sealed before they are stored; without a key none may be stored.
    let seal = { (secrets: [String: String]) throws -> [String: String] in
      guard !secrets.isEmpty else { return secrets }
      guard let sealer else { throw StoreError.noKey(path: location) }
      return secrets.mapValues(sealer.seal)
    }
    switch change {
    case .addConnection(let connection, let secrets):
      if try connectionID(connection.name, in: db) != nil { throw StoreError.connectionExists(connection.name) }
      try db.execute(
        sql: "INSERT INTO connections (name, type, properties) VALUES (?, ?, ?)",
        arguments: [connection.name, connection.type, JSONWriter(layout: .minified).string(.object(connection.properties))])
      try setSecrets(try seal(secrets), of: db.lastInsertedRowID, in: db)
      return JournalChange(action: .addedConnection, subject: connection.name, version: nil)

    case .setConnection(let name, let properties, let secrets):
      guard let connectionID = try connectionID(name, in: db) else { throw StoreError.noSuchConnection(name) }
      try keepConnection(name, id: connectionID, for: id, in: db)
      let stored = try String.fetchOne(db, sql: "SELECT properties FROM connections WHERE id = ?", arguments: [connectionID]) ?? "{}"
      guard var merged = try JSONParser.parse(stored).objectValue else {
        throw StoreError.damaged(path: location, what: "connection '\(name)'", reason: "its properties are not a JSON object")
      }
      for member in properties.members { merged[member.key] = member.value }
      try db.execute(
        sql: "UPDATE connections SET properties = ? WHERE id = ?",
        arguments: [JSONWriter(layout: .minified).string(.object(merged)), connectionID])
      try setSecrets(try seal(secrets), of: connectionID, in: db)
      return JournalChange(action: .changedConnection, subject: name, version: nil)

    case .removeConnection(let name):
      guard let connectionID = try connectionID(name, in: db) else { throw StoreError.noSuchConnection(name) }
      try keepConnection(name, id: connectionID, for: id, in: db)
      try db.execute(sql: "DELETE FROM connection_secrets WHERE connection_id = ?", arguments: [connectionID])
      try db.execute(sql: "DELETE FROM connections WHERE id = ?", arguments: [connectionID])
      return JournalChange(action: .removedConnection, subject: name, version: nil)

    case .setMember(let member):
      try keepMember(member.user, for: id, in: db)
      try db.execute(
        sql: "INSERT INTO members (user, role) VALUES (?, ?) ON CONFLICT(user) DO UPDATE SET role = excluded.role",
        arguments: [member.user, member.role.rawValue])
      return JournalChange(action: .setMember, subject: member.user, version: nil)

    case .removeMember(let user):
      try keepMember(user, for: id, in: db)
      try db.execute(sql: "DELETE FROM members WHERE user = ?", arguments: [user])
      if db.changesCount == 0 { throw StoreError.noSuchMember(user) }
      return JournalChange(action: .removedMember, subject: user, version: nil)

    case .forgetBinding(let type, let key):
      try db.execute(sql: "DELETE FROM remembered_bindings WHERE type = ? AND source_key = ?", arguments: [type, key])
      return JournalChange(action: .forgotBinding, subject: key, version: nil)

    case .removeFlow(let flow):
      guard let row = try Row.fetchOne(db, sql: "SELECT id, current_version FROM flows WHERE name = ?", arguments: [flow]) else {
        throw StoreError.noSuchFlow(flow)
      }
      let flowID: Int64 = row["id"]
      try db.execute(
        sql: "INSERT INTO removed_flows (commit_id, name, current_version) VALUES (?, ?, ?)",
        arguments: [id, flow, row["current_version"] as Int])
      try db.execute(
        sql: """
          INSERT INTO removed_versions (commit_id, flow, number, document, published_at, written_by, source)
          SELECT ?, ?, number, document, published_at, commit_id, source FROM versions WHERE flow_id = ?
          """, arguments: [id, flow, flowID])
      try db.execute(sql: "DELETE FROM versions WHERE flow_id = ?", arguments: [flowID])
      try db.execute(sql: "DELETE FROM flows WHERE id = ?", arguments: [flowID])
      return JournalChange(action: .removedFlow, subject: flow, version: row["current_version"])
    }
  }

  static func connectionID(_ name: String, in db: Database) throws -> Int64? {
    try Int64.fetchOne(db, sql: "SELECT id FROM connections WHERE name = ?", arguments: [name])
  }

  /// Stores secret values of a connection, replacing those of the same name.
  private static func setSecrets(_ secrets: [String: String], of connectionID: Int64, in db: Database) throws {
    for (name, value) in secrets.sorted(by: { $0.key < $1.key }) {
      try db.execute(
        sql: "INSERT OR REPLACE INTO connection_secrets (connection_id, name, value) VALUES (?, ?, ?)",
        arguments: [connectionID, name, Data(value.utf8)])
    }
  }

  /// Keeps a connection as it is now, with its stored secret values as they are, for undo.
  private static func keepConnection(_ name: String, id connectionID: Int64, for commit: Int64, in db: Database) throws {
    try db.execute(
      sql:
        "INSERT OR IGNORE INTO undo_connections (commit_id, name, type, properties) SELECT ?, name, type, properties FROM connections WHERE id = ?",
      arguments: [commit, connectionID])
    try db.execute(
      sql: """
        INSERT INTO undo_connection_secrets (commit_id, connection, name, value)
        SELECT ?, ?, name, value FROM connection_secrets WHERE connection_id = ?
        """, arguments: [commit, name, connectionID])
  }

  /// Keeps a member's role as it is now (none, for a user who is not a member), for undo.
  private static func keepMember(_ user: String, for commit: Int64, in db: Database) throws {
    let role = try String.fetchOne(db, sql: "SELECT role FROM members WHERE user = ?", arguments: [user])
    try db.execute(sql: "INSERT OR IGNORE INTO undo_members (commit_id, user, role) VALUES (?, ?, ?)", arguments: [commit, user, role])
  }
}
