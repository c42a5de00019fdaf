import Foundation
import PostgresNIO

/// A PostgreSQL transaction as the shared workspace SQL sees it: `?` placeholders become `$1`,
/// `$2`, ..., values travel as binds (never spliced into the text), and each statement waits for
/// its answer (see `PostgresLink` for why blocking is safe here).
struct PostgresTransaction: WorkspaceTransaction {
  let connection: PostgresConnection
  let logger: Logger

  @discardableResult
  func execute(_ sql: String, _ arguments: [any SQLValueConvertible]) throws -> Int {
    try query(sql, arguments).metadata.rows ?? 0
  }

  func rows(_ sql: String, _ arguments: [any SQLValueConvertible]) throws -> [SQLRow] {
    try query(sql, arguments).rows.map { row in
      var values: [String: SQLValue] = [:]
      for cell in row { values[cell.columnName] = try Self.value(cell) }
      return SQLRow(values: values)
    }
  }

  private func query(_ sql: String, _ arguments: [any SQLValueConvertible]) throws -> PostgresQueryResult {
    var binds = PostgresBindings(capacity: arguments.count)
    for argument in arguments {
      switch argument.sqlValue {
      case .null: binds.appendNull()
      case .integer(let int): binds.append(int)
      case .text(let text): binds.append(text)
      case .blob(let data): binds.append(ByteBuffer(bytes: data))
      }
    }
    return try connection.query(PostgresQuery(unsafeSQL: Self.numbered(sql), binds: binds), logger: logger).wait()
  }

  /// `sql` with its `?` placeholders numbered as PostgreSQL wants them. The shared SQL has no `?`
  /// inside a string literal or a name.
  static func numbered(_ sql: String) -> String {
    var number = 0
    var result = ""
    for character in sql {
      if character == "?" {
        number += 1
        result += "$\(number)"
      } else {
        result.append(character)
      }
    }
    return result
  }

  /// A cell as one of the kinds the schema uses.
  private static func value(_ cell: PostgresCell) throws -> SQLValue {
    guard cell.bytes != nil else { return .null }
    switch cell.dataType {
    case .int2, .int4, .int8: return .integer(try cell.decode(Int64.self))
    case .bool: return .integer(try cell.decode(Bool.self) ? 1 : 0)
    case .bytea: return .blob(try cell.decode(Data.self))
    default: return .text(try cell.decode(String.self))
    }
  }
}
