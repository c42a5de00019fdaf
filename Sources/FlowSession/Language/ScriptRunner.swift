import FlowModel
import Foundation

/// Runs a `.fps` file: one command per line, `#` comments, a trailing `\` continues the line.
/// Stops at the first failing command with a `CommandFailure` naming file and line, unless
/// `set on-error continue` is in force, in which case it reports and goes on, failing at the end.
struct ScriptRunner {
  let session: Session

  func run(path: String) throws {
    let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
    guard !session.sourceStack.contains(absolute) else {
      throw SessionError.sourcesItself(path: path, chain: session.sourceStack.map { PathText.name(of: $0) })
    }
    let lines = try lines(ofScriptAt: path)
    try refuseMalformed(lines, source: path, checked: [absolute])
    session.sourceStack.append(absolute)
    defer { session.sourceStack.removeLast() }
    try run(lines: lines, source: path)
  }

  /// Runs commands given whole (`-c`), each checked before any runs, as a script file's lines
  /// are: a typo in the last no longer left the work of those before it done. A `-c` holding
  /// line feeds is that many lines (`-c "$(cat steps.fps)"`, as `sh -c` reads it; each was one
  /// command whose words ran on over them), and `-c:N` counts lines. One ending in a `\` that
  /// continues it is refused: it went on into the next `-c` as a line of a script would, and
  /// with none after it lost its backslash.
  func run(commands: [String], source: String) throws {
    var lines: [[UInt8]] = []
    for command in commands {
      lines += command.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map(Array.init)
      guard let last = lines.last, LineContinuation.continues(last.last == UInt8(ascii: "\r") ? last.dropLast() : last[...]) else {
        continue
      }
      throw CommandFailure(
        UsageError("this command ends in a `\\` that continues it, and no line follows (write `\\\\` for a backslash); nothing was run"),
        position: CommandFailure.Position(source: source, line: lines.count))
    }
    // One command alone is refused by its run, with nothing before it to keep from running.
    if lines.count > 1 { try refuseMalformed(lines, source: source, checked: []) }
    try run(lines: lines, source: source)
  }

  /// Refuses the lines, running none, when any is malformed (each said with its place).
  private func refuseMalformed(_ lines: [[UInt8]], source: String, checked: Set<String>) throws {
    var checked = checked
    let malformed = malformedLines(in: lines, source: source, checked: &checked)
    guard malformed > 0 else { return }
    let lines = malformed == 1 ? "the line above is" : "the \(malformed) lines above are"
    throw CommandFailure(UsageError("\(source): nothing was run, since \(lines) malformed"))
  }

  /// A script file's lines, without the byte order mark an editor on Windows may put first;
  /// an export given as a script is refused as such, not read as thousands of bad commands.
  private func lines(ofScriptAt path: String) throws -> [[UInt8]] {
    var bytes = try session.readFile(at: path)[...]
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
    if StringBytes.beginsAsJSONContainer(bytes) {
      throw SessionError.exportGivenAsScript(path)
    }
    return bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
  }

  /// Reads every command of a script file before any runs, so a typo on its last line does not
  /// leave the work of the lines before it half done; a script it `source`s (a regular file,
  /// named without a variable) is read too, once however often it is sourced (`checked`).
  /// Each malformed line is said with its file and line; the number of them is returned, and
  /// the script is refused whole when there is one (a usage error, exit status 2).
  private func malformedLines(in lines: [[UInt8]], source: String, checked: inout Set<String>) -> Int {
    var malformed = 0
    for line in LogicalLines(lines.makeIterator()) {
      let position = CommandFailure.Position(source: source, line: line.number)
      do {
        guard let sourced = try session.check(line.text.get()) as? Source else { continue }
        let path = Self.resolve(sourced.path, from: source)
        let absolute = URL(fileURLWithPath: path).standardizedFileURL
        // A pipe is left to the run, which reads it once; a loop is refused there too.
        guard !checked.contains(absolute.path), !Session.isPipeOrDevice(absolute.path) else { continue }
        checked.insert(absolute.path)
        malformed += malformedLines(in: try self.lines(ofScriptAt: path), source: path, checked: &checked)
      } catch {
        malformed += 1
        session.output.writeError("\(CommandFailure(error, command: nil, position: position))\n")
      }
    }
    return malformed
  }

  /// Runs lines as they come (a file's, `-c` commands, or standard input's when it is not a
  /// terminal, read lazily so a pipe streams); see `LogicalLines`.
  func run(lines: some Sequence<[UInt8]>, source: String) throws {
    var failures = 0
    for line in LogicalLines(lines.makeIterator()) {
      if session.quitRequested { break }
      switch line.text {
      case .success(let command):
        if try !runOne(command, source: source, number: line.number) { failures += 1 }
      case .failure(let error):
        failures += 1
        try report(CommandFailure(error, position: CommandFailure.Position(source: source, line: line.number)))
      }
    }
    if failures > 0 { throw SessionError.scriptFailed(source: source, failures: failures) }
  }

  /// Runs one logical line; false when it failed under `set on-error continue` (reported
  /// here, once); any other failure stops the run.
  private func runOne(_ command: String, source: String, number: Int) throws -> Bool {
    // A blank line or a comment runs nothing, so Ctrl-C before it interrupts nothing: a file's
    // last line ends in a newline, and a Ctrl-C once its last command had committed ended the
    // script with "interrupted" and 130.
    if CommandText.isBlankOrComment(command.utf8) { return true }
    try session.stopIfInterrupted()
    do {
      try session.execute(command, source: source, number: number)
      return true
    } catch {
      try report(error)
      return false
    }
  }

  /// A failure stops the run, or under `set on-error continue` is said here, once, and the run goes on.
  private func report(_ failure: CommandFailure) throws {
    guard session.continueOnError else { throw failure }
    session.output.writeError("\(failure)\n")
  }

  /// A `source` path: relative to the sourcing script's folder, or as given at the prompt.
  static func resolve(_ path: String, in session: Session) -> String {
    resolve(path, from: session.sourceStack.last)
  }

  /// `path` relative to the folder of the script `script` (as given, when there is none).
  private static func resolve(_ path: String, from script: String?) -> String {
    guard !path.hasPrefix("/"), let script else { return path }
    return PathText.join(PathText.folder(of: script), path)
  }
}
