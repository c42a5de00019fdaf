/// Something a check noticed: about a pending import, or about a flow about to be exported.
/// Errors block `commit` and bundle or SQL export; warnings do not.
public struct Finding: Hashable, Sendable, CustomStringConvertible {
  /// Whether the finding blocks commit and bundle or SQL export (error) or not (warning).
  public enum Severity: String, Sendable {
    case error, warning
  }

  var severity: Severity
  /// What was noticed, as a lowercase phrase naming the node or value.
  public var message: String

  /// A finding of `severity` saying `message`.
  public init(severity: Severity, message: String) {
    self.severity = severity
    self.message = message
  }

  /// A finding that blocks commit and bundle or SQL export.
  public static func error(_ message: String) -> Finding { Finding(severity: .error, message: message) }
  /// A finding that is reported but blocks nothing.
  public static func warning(_ message: String) -> Finding { Finding(severity: .warning, message: message) }

  /// True when the finding blocks commit and bundle or SQL export.
  public var isError: Bool { severity == .error }
  /// `error: message` or `warning: message`, for listing findings as text.
  public var description: String { "\(severity.rawValue): \(message)" }
}
