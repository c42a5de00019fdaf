/// A `\` at the end of a line continues the command on the next line, in scripts and at the
/// prompt alike (`\\` at the end is an escaped backslash, which does not, and neither does a
/// comment line: `# old: load a.json \` must not take the next command into the comment).
public enum LineContinuation {
  /// The line without its final `\` when it continues on the next; nil when it ends a command.
  public static func continued(_ line: Substring) -> Substring? {
    guard line.hasSuffix("\\"), !line.hasSuffix("\\\\"), line.drop(while: \.isWhitespace).first != "#" else { return nil }
    return line.dropLast()
  }
}
