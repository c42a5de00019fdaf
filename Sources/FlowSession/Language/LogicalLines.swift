/// A script's commands as read from its lines of bytes: `\` at a line's end continues it on the
/// next (`LineContinuation`), a `\r` before the newline is dropped, and each command is numbered by its first line.
/// A line that is not UTF-8, or holds a NUL, is a failure at its own number and column (never
/// read as something else, nor counted from the start of the command it continues), and its
/// command fails whole: the lines it continues on go with it, not run as commands of their own.
struct LogicalLines<Lines: IteratorProtocol<[UInt8]>>: Sequence, IteratorProtocol {
  /// One command, or why its line could not be read.
  struct Line {
    let number: Int
    let text: Result<String, any Error>
  }

  private var lines: Lines
  private var count = 0
  private var pending = ""
  private var start = 0

  init(_ lines: Lines) { self.lines = lines }

  mutating func next() -> Line? {
    // The first line of this command that could not be read: the command fails there once, at
    // its end, however many lines it continues on.
    var unreadable: Line?
    while let bytes = lines.next() {
      count += 1
      if pending.isEmpty, unreadable == nil { start = count }
      let content = bytes.last == UInt8(ascii: "\r") ? Array(bytes.dropLast()) : bytes
      let line: Substring
      do {
        line = Substring(try CommandText.decode(content))
      } catch {
        unreadable = unreadable ?? Line(number: count, text: .failure(error))
        if LineContinuation.continues(content, after: pending) { continue }
        pending = ""
        return unreadable
      }
      if let continued = LineContinuation.continued(line, after: pending) {
        if unreadable == nil { pending += continued + " " }
        continue
      }
      defer { pending = "" }
      if let unreadable { return unreadable }
      // `String(line)`: a string and a substring are joined by generic code, which looked up its
      // types at run time at the first command of every start (0.4 million instructions).
      return Line(number: start, text: .success(pending + String(line)))
    }
    if let unreadable {
      pending = ""
      return unreadable
    }
    guard !pending.isEmpty else { return nil }
    defer { pending = "" }
    return Line(number: start, text: .success(pending))
  }
}
