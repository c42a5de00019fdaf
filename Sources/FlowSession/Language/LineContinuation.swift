/// A `\` at the end of a line continues the command on the next line, in scripts and at the
/// prompt alike (`\\` at the end is an escaped backslash, which does not).
public enum LineContinuation {
  /// The line without its final `\` when it continues on the next; nil when it ends a command.
  public static func continued(_ line: Substring) -> Substring? {
    line.hasSuffix("\\") && !line.hasSuffix("\\\\") ? line.dropLast() : nil
  }
}
