import PostgresNIO

/// Turns what postgres-nio throws into the `StoreError` a user can act on, naming the workspace
/// by its location without the password. postgres-nio keeps server details out of its errors'
/// descriptions, so they are read from the SQLSTATE and the server's message.
enum PostgresFailure {
  static func storeError(_ error: any Error, at settings: PostgresSettings) -> StoreError {
    let location = settings.redacted
    if let error = error as? StoreError { return error }
    guard let error = error as? PSQLError else { return .database(path: location, message: "\(error)") }
    let message = error.serverInfo?[.message] ?? error.underlying.map { "\($0)" } ?? "\(error.code)"
    switch (error.code, error.serverInfo?[.sqlState]) {
    case (.server, "28P01"?), (.server, "28000"?): return .loginRefused(location: location, reason: message)
    case (.authMechanismRequiresPassword, _):
      return .loginRefused(location: location, reason: "the server asks for a password and none was given")
    case (.server, "3D000"?): return .unreachable(location: location, reason: message)
    case (.server, "42P01"?):
      return .notAWorkspace(
        path: location, reason: "the database has no FlowPort schema (create one with `workspace new \(location)`)")
    case (.server, "42P06"?): return .alreadyExists(path: location)
    case (.server, "40001"?), (.server, "40P01"?): return .movedOn(path: location)
    case (.server, "42501"?): return .notPermitted(location: location, user: settings.user, reason: message)
    case (.server, "25006"?): return .readOnly(path: location)
    case (.server, _): return .database(path: location, message: message)
    case (.sslUnsupported, _): return .unreachable(location: location, reason: "the server does not offer TLS, and sslmode requires it")
    default: return .unreachable(location: location, reason: systemReason(in: message))
    }
  }

  /// The system's reason inside NIO's description of a failed connection (`Connection errors:
  /// SingleConnectionFailure(target: ..., error: connection reset (error set): Connection
  /// refused) (errno: 111))` reads `connection refused`); the whole text when there is none.
  static func systemReason(in text: String) -> String {
    guard let match = text.firstMatch(of: /([A-Za-z][A-Za-z ]*[a-z])\)? \(errno: \d+\)/) else { return text }
    return match.1.lowercased()
  }
}
