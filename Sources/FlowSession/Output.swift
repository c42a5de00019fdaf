/// Where a session's output goes. The executable writes to the terminal; tests collect text.
public protocol Output: AnyObject {
  /// True when styling (colour) may be used: a terminal, `NO_COLOR` unset, `TERM` not `dumb`.
  var usesColour: Bool { get }
  /// Writes text to standard output as is (callers end lines themselves).
  func write(_ text: String)
  /// Writes text to standard error as is.
  func writeError(_ text: String)
}

extension Output {
  /// Writes one line to standard output.
  public func line(_ text: String = "") { write(text + "\n") }
  /// Writes a warning line to standard error.
  public func warning(_ text: String) { writeError("warning: \(text)\n") }
}

/// Collects output in memory, for tests and for `fps -c` callers that want the text.
public final class OutputBuffer: Output, @unchecked Sendable {
  public private(set) var standardOutput = ""
  public private(set) var standardError = ""
  public let usesColour = false

  public init() {}

  public func write(_ text: String) { standardOutput += text }
  public func writeError(_ text: String) { standardError += text }
}
