import Foundation
import GRDB

/// A GRDB transaction as the shared workspace SQL sees it. Every statement is prepared once per
/// connection and reused: a bulk commit runs the same few statements thousands of times.
struct SQLiteTransaction: WorkspaceTransaction {
  let db: Database

  @discardableResult
  func execute(_ sql: String, _ arguments: [any SQLValueConvertible]) throws -> Int {
    try db.cachedStatement(sql: sql).execute(arguments: Self.arguments(arguments))
    return db.changesCount
  }

  /// The rows, each read in place from a cursor into room made for its columns: fetched whole
  /// (`Row.fetchAll`) each was copied first, and each row's values grown a member at a time
  /// (listing a 2,000-flow workspace: 18,000 instructions a row).
  func rows(_ sql: String, _ arguments: [any SQLValueConvertible]) throws -> [SQLRow] {
    let cursor = try Row.fetchCursor(db.cachedStatement(sql: sql), arguments: Self.arguments(arguments))
    var rows: [SQLRow] = []
    while let row = try cursor.next() {
      var values: [String: SQLValue] = .init(minimumCapacity: row.count)
      for (column, value) in row {
        values[column] =
          switch value.storage {
          case .null: .null
          case .int64(let int): .integer(int)
          // The schema has no REAL column; a number SQLite chose to keep as one still counts.
          case .double(let double): .integer(Int64(double))
          case .string(let text): .text(text)
          case .blob(let data): .blob(data)
          }
      }
      rows.append(SQLRow(values: values))
    }
    return rows
  }

  /// The values as GRDB binds them, typed as optional existentials on purpose: its initializer
  /// for a sequence of one concrete type builds a key path on every call (7,700 instructions
  /// each, 3% of a bulk commit).
  private static func arguments(_ values: [any SQLValueConvertible]) -> StatementArguments {
    StatementArguments(
      values.map { value -> (any DatabaseValueConvertible)? in
        switch value.sqlValue {
        case .null: nil
        case .integer(let int): int
        case .text(let text): text
        case .blob(let data): data
        }
      })
  }
}
