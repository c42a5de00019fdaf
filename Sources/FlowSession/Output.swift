/// Where a session's output goes. The executable writes to the terminal; tests collect text.
public protocol Output: AnyObject {
  /// True when styling (colour) may be used: a terminal, `NO_COLOR` unset or empty, `TERM` not
  /// `dumb`.
  var usesColour: Bool { get }
  /// The terminal's width in columns when standard output is a terminal; nil for a pipe or a
  /// file, which get every line whole (see `FittedLine`).
  var lineWidth: Int? { get }
  /// Writes text to standard output as is (callers end lines themselves).
  func write(_ text: String)
  /// Writes text to standard error as is.
  func writeError(_ text: String)
  /// Writes a command's outcome (`committed #4 to prod: …`) after everything it printed
  /// before: at the prompt, after the pager has shown that, so quitting the pager before the
  /// end of a long plan never hides whether it was written.
  func writeOutcome(_ text: String)
  /// Writes a warning: to standard error, but at the prompt into what the pager shows, in its
  /// place among the lines around it, so a command pages once however many warnings it has.
  func writeWarning(_ text: String)
}

extension Output {
  /// Output without a pager writes an outcome like any text.
  public func writeOutcome(_ text: String) { write(text) }
  /// Writes one line as the command's outcome; see `writeOutcome`.
  public func outcome(_ text: String) { writeOutcome(text + "\n") }
  /// Writes one line to standard output.
  public func line(_ text: String = "") { write(text + "\n") }
  /// Output without a pager writes a warning like an error.
  public func writeWarning(_ text: String) { writeError(text) }
  /// Writes a warning line (see `writeWarning`).
  public func warning(_ text: String) { writeWarning("warning: \(text)\n") }
}

/// Collects output in memory instead of writing it, for tests and callers that want the text.
public final class OutputBuffer: Output, @unchecked Sendable {
  /// Everything written to standard output so far.
  public private(set) var standardOutput = ""
  /// Everything written to standard error so far.
  public private(set) var standardError = ""
  /// Always false: collected text stays plain.
  public let usesColour = false
  /// Nil unless a test sets it: collected lines are whole.
  public var lineWidth: Int?

  /// An empty buffer.
  public init() {}

  /// Appends to `standardOutput`.
  public func write(_ text: String) { standardOutput += text }
  /// Appends to `standardError`.
  public func writeError(_ text: String) { standardError += text }
}
