/// A `\` at the end of a line continues the command on the next line, in scripts and at the
/// prompt alike. Backslashes escape each other as the tokenizer reads them: `\\` at the end is
/// an escaped backslash, which does not continue, and `\\\` is one followed by a continuation.
/// A comment line never continues: `# old: load a.json \` must not take the next command into
/// the comment.
public enum LineContinuation {
  /// The line without its final `\` when it continues on the next; nil when it ends a command.
  public static func continued(_ line: Substring) -> Substring? {
    continues(line.utf8) ? line.dropLast() : nil
  }

  /// True when the line continues on the next, read from its bytes: also for a line that cannot
  /// be read as text (a NUL, bytes that are not UTF-8), so that the lines it continues on fail
  /// with it rather than run as commands of their own.
  static func continues(_ bytes: some BidirectionalCollection<UInt8>) -> Bool {
    let trailing = bytes.reversed().prefix { $0 == UInt8(ascii: "\\") }.count
    return trailing % 2 == 1 && !CommandText.isBlankOrComment(bytes)
  }
}
