/// Something a check noticed: about a pending import, or about a flow about to be exported.
/// Errors block `commit` and bundle or SQL export; warnings do not.
public struct Finding: Hashable, Sendable, CustomStringConvertible {
  public enum Severity: String, Sendable {
    case error, warning
  }

  var severity: Severity
  public var message: String

  public init(severity: Severity, message: String) {
    self.severity = severity
    self.message = message
  }

  public static func error(_ message: String) -> Finding { Finding(severity: .error, message: message) }
  public static func warning(_ message: String) -> Finding { Finding(severity: .warning, message: message) }

  public var isError: Bool { severity == .error }
  public var description: String { "\(severity.rawValue): \(message)" }
}
