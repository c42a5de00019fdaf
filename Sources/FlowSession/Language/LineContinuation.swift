/// A `\` at the end of a line continues the command on the next line, in scripts and at the
/// prompt alike. Backslashes escape each other as the tokenizer reads them: `\\` at the end is
/// an escaped backslash, which does not continue, and `\\\` is one followed by a continuation.
/// A `\` that ends a comment is the comment's, as in a shell: `# old: load a.json \` and
/// `echo x  # a note \` must not take the next command into the comment.
public enum LineContinuation {
  /// The line without its final `\` when it continues on the next; nil when it ends a command.
  /// `head` is what the lines before it began of the command, as continued (a quote open there
  /// may hold a `#`).
  public static func continued(_ line: Substring, after head: String = "") -> Substring? {
    continues(line.utf8, after: head) ? line.dropLast() : nil
  }

  /// True when the line continues on the next, read from its bytes: also for a line that cannot
  /// be read as text (a NUL, bytes that are not UTF-8), so that the lines it continues on fail
  /// with it rather than run as commands of their own; its bad bytes and NULs stand here for no
  /// quote, `#` or `\`. Only a line holding a `#` may end in a comment (one begun on a line
  /// before ended that line: it did not continue), and only then is it read, after `head`:
  /// read at every line, the lines before made a command continued over thousands quadratic.
  static func continues(_ bytes: some BidirectionalCollection<UInt8>, after head: String = "") -> Bool {
    let trailing = bytes.reversed().prefix { $0 == UInt8(ascii: "\\") }.count
    guard trailing % 2 == 1 else { return false }
    guard bytes.contains(UInt8(ascii: "#")) else { return true }
    let line = String(decoding: bytes.map { $0 == 0 ? UInt8(ascii: " ") : $0 }, as: UTF8.self)
    return !Tokenizer.endsInComment(head + line)
  }
}
