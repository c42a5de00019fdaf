import Foundation

/// One value as it goes into and comes out of a workspace's tables, whatever database keeps
/// them: the few kinds the schema uses, so the SQL shared by the stores never sees a driver's type.
enum SQLValue: Hashable, Sendable {
  case null
  case integer(Int64)
  case text(String)
  case blob(Data)
}

/// A Swift value stored as one SQL value, and read back from one.
protocol SQLValueConvertible: Sendable {
  /// The value as stored.
  var sqlValue: SQLValue { get }
  /// The value read back; nil when the stored value is of another kind.
  static func from(_ value: SQLValue) -> Self?
}

extension Int64: SQLValueConvertible {
  var sqlValue: SQLValue { .integer(self) }
  static func from(_ value: SQLValue) -> Int64? { if case .integer(let int) = value { int } else { nil } }
}

extension Int: SQLValueConvertible {
  var sqlValue: SQLValue { .integer(Int64(self)) }
  static func from(_ value: SQLValue) -> Int? { Int64.from(value).map(Int.init) }
}

extension String: SQLValueConvertible {
  var sqlValue: SQLValue { .text(self) }
  static func from(_ value: SQLValue) -> String? { if case .text(let text) = value { text } else { nil } }
}

extension Data: SQLValueConvertible {
  var sqlValue: SQLValue { .blob(self) }
  static func from(_ value: SQLValue) -> Data? { if case .blob(let data) = value { data } else { nil } }
}

extension Optional: SQLValueConvertible where Wrapped: SQLValueConvertible {
  // A closure, not the key path `\.sqlValue`: a key path is built at every call (9,000
  // instructions; a bulk commit binds an optional source to each version it inserts).
  var sqlValue: SQLValue { map { $0.sqlValue } ?? .null }
  static func from(_ value: SQLValue) -> Wrapped?? { value == .null ? .some(nil) : Wrapped.from(value).map { $0 } }
}

extension SQLValue: SQLValueConvertible {
  var sqlValue: SQLValue { self }
  static func from(_ value: SQLValue) -> SQLValue? { value }
}
