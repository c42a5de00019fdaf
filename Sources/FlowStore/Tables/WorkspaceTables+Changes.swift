import FlowModel
import Foundation

extension WorkspaceTables {
  /// Applies one staged change inside a commit's transaction, first keeping what undo needs to
  /// put back (the connection or member as it was, the removed flow with its versions).
  func apply(_ change: WorkspaceChange, in db: any WorkspaceTransaction, commit id: Int64) throws -> JournalChange {
    switch change {
    case .addConnection(let connection, let secrets):
      if try Self.connectionID(connection.name, in: db) != nil { throw StoreError.connectionExists(connection.name) }
      let connectionID = try Self.inserted(
        db, "INSERT INTO connections (id, name, type, properties) VALUES (\(Self.nextID("connections")), ?, ?, ?) RETURNING id",
        [connection.name, connection.type, JSONWriter(layout: .minified).string(.object(connection.properties))])
      try Self.setSecrets(try seal(secrets), of: connectionID, in: db)
      return JournalChange(action: .addedConnection, subject: connection.name, version: nil)

    case .setConnection(let name, let properties, let secrets):
      guard let connectionID = try Self.connectionID(name, in: db) else { throw StoreError.noSuchConnection(name) }
      try Self.keepConnection(name, id: connectionID, for: id, in: db)
      let stored: String = try db.value("SELECT properties FROM connections WHERE id = ?", [connectionID]) ?? "{}"
      guard var merged = try JSONParser.parse(stored).objectValue else {
        throw StoreError.damaged(path: location, what: "connection '\(name)'", reason: "its properties are not a JSON object")
      }
      for member in properties.members { merged[member.key] = member.value }
      try db.execute(
        "UPDATE connections SET properties = ? WHERE id = ?", [JSONWriter(layout: .minified).string(.object(merged)), connectionID])
      try Self.setSecrets(try seal(secrets), of: connectionID, in: db)
      return JournalChange(action: .changedConnection, subject: name, version: nil)

    case .removeConnection(let name):
      guard let connectionID = try Self.connectionID(name, in: db) else { throw StoreError.noSuchConnection(name) }
      try Self.keepConnection(name, id: connectionID, for: id, in: db)
      try db.execute("DELETE FROM connection_secrets WHERE connection_id = ?", [connectionID])
      try db.execute("DELETE FROM connections WHERE id = ?", [connectionID])
      return JournalChange(action: .removedConnection, subject: name, version: nil)

    case .setMember(let member):
      try Self.keepMember(member.user, for: id, in: db)
      try Self.setRole(member.role.rawValue, of: member.user, in: db)
      return JournalChange(action: .setMember, subject: member.user, version: nil)

    case .removeMember(let user):
      try Self.keepMember(user, for: id, in: db)
      if try db.execute(#"DELETE FROM members WHERE "user" = ?"#, [user]) == 0 { throw StoreError.noSuchMember(user) }
      return JournalChange(action: .removedMember, subject: user, version: nil)

    case .forgetBinding(let type, let key):
      try db.execute("DELETE FROM remembered_bindings WHERE type = ? AND source_key = ?", [type, key])
      return JournalChange(action: .forgotBinding, subject: key, version: nil)

    case .removeFlow(let flow):
      guard let row = try db.row("SELECT id, current_version FROM flows WHERE name = ?", [flow]) else {
        throw StoreError.noSuchFlow(flow)
      }
      let flowID: Int64 = row["id"]
      try db.execute(
        "INSERT INTO removed_flows (commit_id, name, current_version) VALUES (?, ?, ?)", [id, flow, row["current_version"] as Int])
      try db.execute(
        """
        INSERT INTO removed_versions (commit_id, flow, number, document, published_at, written_by, source)
        SELECT ?, ?, number, document, published_at, commit_id, source FROM versions WHERE flow_id = ?
        """, [id, flow, flowID])
      try db.execute("DELETE FROM versions WHERE flow_id = ?", [flowID])
      try db.execute("DELETE FROM flows WHERE id = ?", [flowID])
      return JournalChange(action: .removedFlow, subject: flow, version: row["current_version"])
    }
  }

  /// Secret values sealed for storing; without a key none may be stored.
  private func seal(_ secrets: [String: String]) throws -> [String: String] {
    guard !secrets.isEmpty else { return secrets }
    guard let sealer else { throw StoreError.noKey(path: location) }
    return secrets.mapValues(sealer.seal)
  }

  static func connectionID(_ name: String, in db: any WorkspaceTransaction) throws -> Int64? {
    try db.value("SELECT id FROM connections WHERE name = ?", [name])
  }

  /// Gives `user` `role`, whether or not they had one.
  static func setRole(_ role: String, of user: String, in db: any WorkspaceTransaction) throws {
    try db.execute(
      #"INSERT INTO members ("user", role) VALUES (?, ?) ON CONFLICT ("user") DO UPDATE SET role = excluded.role"#, [user, role])
  }

  /// Stores secret values of a connection, replacing those of the same name.
  private static func setSecrets(_ secrets: [String: String], of connectionID: Int64, in db: any WorkspaceTransaction) throws {
    for (name, value) in secrets.sorted(by: { $0.key < $1.key }) {
      try db.execute(
        """
        INSERT INTO connection_secrets (connection_id, name, value) VALUES (?, ?, ?)
        ON CONFLICT (connection_id, name) DO UPDATE SET value = excluded.value
        """, [connectionID, name, Data(value.utf8)])
    }
  }

  /// Keeps a connection as it is now, with its stored secret values as they are, for undo.
  private static func keepConnection(_ name: String, id connectionID: Int64, for commit: Int64, in db: any WorkspaceTransaction) throws {
    try db.execute(
      """
      INSERT INTO undo_connections (commit_id, name, type, properties) SELECT ?, name, type, properties FROM connections WHERE id = ?
      ON CONFLICT DO NOTHING
      """, [commit, connectionID])
    try db.execute(
      """
      INSERT INTO undo_connection_secrets (commit_id, connection, name, value)
      SELECT ?, ?, name, value FROM connection_secrets WHERE connection_id = ?
      """, [commit, name, connectionID])
  }

  /// Keeps a member's role as it is now (none, for a user who is not a member), for undo.
  private static func keepMember(_ user: String, for commit: Int64, in db: any WorkspaceTransaction) throws {
    let role: String? = try db.value(#"SELECT role FROM members WHERE "user" = ?"#, [user])
    try db.execute(#"INSERT INTO undo_members (commit_id, "user", role) VALUES (?, ?, ?) ON CONFLICT DO NOTHING"#, [commit, user, role])
  }
}
