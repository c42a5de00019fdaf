/// A script stopped at a failing command: `file:line: command: message`.
public struct ScriptError: Error, CustomStringConvertible {
  public let file: String
  public let line: Int
  public let command: String
  /// The command's own error (`SessionError`, `UsageError`, or another script's `ScriptError`).
  public let underlying: any Error

  public var description: String {
    if let nested = underlying as? ScriptError { return nested.description }
    return "\(file):\(line): \(command): \(underlying)"
  }

  /// True when the innermost failure was a usage error.
  public var isUsageError: Bool {
    if let nested = underlying as? ScriptError { return nested.isUsageError }
    return underlying is UsageError
  }
}
