/// One row read from a workspace's tables, its values by column name.
struct SQLRow: Sendable {
  let values: [String: SQLValue]

  /// The value of `column` as `T`. A column the query did not select, or a value of another kind,
  /// is a programming error in the store's SQL, as it is for GRDB's own rows.
  subscript<T: SQLValueConvertible>(_ column: String) -> T {
    guard let value = T.from(values[column] ?? .null) else {
      preconditionFailure("column \(column) holds \(values[column] ?? .null), not \(T.self)")
    }
    return value
  }
}
