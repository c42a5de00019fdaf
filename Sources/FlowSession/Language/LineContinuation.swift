/// A `\` at the end of a line continues the command on the next line, in scripts and at the
/// prompt alike. Backslashes escape each other as the tokenizer reads them: `\\` at the end is
/// an escaped backslash, which does not continue, and `\\\` is one followed by a continuation.
/// A comment line never continues: `# old: load a.json \` must not take the next command into
/// the comment.
public enum LineContinuation {
  /// The line without its final `\` when it continues on the next; nil when it ends a command.
  public static func continued(_ line: Substring) -> Substring? {
    let trailing = line.reversed().prefix { $0 == "\\" }.count
    guard trailing % 2 == 1, line.drop(while: \.isWhitespace).first != "#" else { return nil }
    return line.dropLast()
  }
}
