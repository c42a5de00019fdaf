/// One transaction on a workspace's tables: what the SQL shared by every store
/// (`WorkspaceTables`) needs from the database that runs it. Statements use `?` placeholders and
/// the SQL both SQLite and PostgreSQL speak (`INSERT ... ON CONFLICT`, `RETURNING`).
protocol WorkspaceTransaction {
  /// Runs a statement; returns how many rows it changed.
  @discardableResult
  func execute(_ sql: String, _ arguments: [any SQLValueConvertible]) throws -> Int
  /// Runs a query; returns every row.
  func rows(_ sql: String, _ arguments: [any SQLValueConvertible]) throws -> [SQLRow]
}

extension WorkspaceTransaction {
  /// The first row of a query, if any.
  func row(_ sql: String, _ arguments: [any SQLValueConvertible] = []) throws -> SQLRow? {
    try rows(sql, arguments).first
  }

  /// The value of a one-column query's first row; nil when there is no row or it is NULL.
  func value<T: SQLValueConvertible>(_ sql: String, _ arguments: [any SQLValueConvertible] = []) throws -> T? {
    guard let row = try rows(sql, arguments).first, let value = row.values.first?.value else { return nil }
    return T.from(value)
  }

  /// Every row of a query with no arguments.
  func rows(_ sql: String) throws -> [SQLRow] { try rows(sql, []) }
}
