extension WorkspaceTables {
  /// Every table a workspace keeps and the columns that make its rows, parents before the
  /// rows that name them. A database's own row numbers (`rowid`) are not copied; the journal's
  /// changes are copied in their order, so they read back in it.
  private static let copied: [(table: String, columns: [String], order: String)] = [
    ("settings", ["key", "value"], ""),
    ("members", [#""user""#, "role"], ""),
    ("commits", ["id", "author", "at", "message", "undone_by", "undoes"], ""),
    ("commit_changes", ["commit_id", "action", "subject", "version"], " ORDER BY rowid"),
    ("flows", ["id", "name", "current_version"], ""),
    ("versions", ["flow_id", "number", "document", "published_at", "commit_id", "source"], ""),
    ("connections", ["id", "name", "type", "properties"], ""),
    ("connection_secrets", ["connection_id", "name", "value"], ""),
    ("registry", ["kind", "name", "definition", "commit_id"], ""),
    ("undo_connections", ["commit_id", "name", "type", "properties"], ""),
    ("undo_connection_secrets", ["commit_id", "connection", "name", "value"], ""),
    ("undo_members", ["commit_id", #""user""#, "role"], ""),
    ("removed_flows", ["commit_id", "name", "current_version"], ""),
    ("removed_versions", ["commit_id", "flow", "number", "document", "published_at", "written_by", "source"], ""),
    ("remembered_bindings", ["type", "source_key", "source_name", "connection", "commit_id"], ""),
    ("kept_values", ["flow", "node_type", "node_name", "path", "value", "create_path", "commit_id"], ""),
  ]

  /// Copies a whole workspace, journal and undo records included, from `source` into the new,
  /// empty workspace of `destination` (its name and first owner give way to the source's), and
  /// carries the revision over. Secrets travel as stored, sealed with the same key, and with
  /// them the record of whether documents hold any (`unsealedRecord`).
  static func copy(from source: any WorkspaceTransaction, to destination: any WorkspaceTransaction) throws {
    try destination.execute("DELETE FROM settings", [])
    try destination.execute("DELETE FROM members", [])
    for (table, columns, order) in copied {
      let list = columns.joined(separator: ", ")
      let insert = "INSERT INTO \(table) (\(list)) VALUES (\(columns.map { _ in "?" }.joined(separator: ", ")))"
      for row in try source.rows("SELECT \(list) FROM \(table)\(order)") {
        try destination.execute(insert, columns.map { column -> SQLValue in row[column.replacing("\"", with: "")] })
      }
    }
    let revision = try revision(source)
    try destination.execute("UPDATE meta SET value = ? WHERE key = 'revision'", [revision])
    try destination.execute(
      "UPDATE meta SET value = ? WHERE key = '\(unsealedRecord)'", [try mayHoldSealedDocuments(source) ? -1 : revision])
  }
}
