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
    let bytes = try session.readFile(at: path)
    if let first = bytes.first(where: { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }), first == UInt8(ascii: "{") || first == UInt8(ascii: "[")
    {
      throw SessionError.exportGivenAsScript(path)
    }
    session.sourceStack.append(absolute)
    defer { session.sourceStack.removeLast() }
    try run(lines: bytes.split(separator: 0x0A, omittingEmptySubsequences: false).lazy.map(Array.init), source: path)
  }

  /// Runs lines as they come (a file's, `-c` commands, or standard input's when it is not a
  /// terminal, read lazily so a pipe streams), joining `\` continuations and numbering from the
  /// first line. Lines are bytes: one that is not UTF-8 fails at its line and column
  /// (`CommandText`), never read as something else.
  func run(lines: some Sequence<[UInt8]>, source: String) throws {
    var failures = 0
    var pending = ""
    var start = 0
    for (index, bytes) in lines.enumerated() {
      if session.quitRequested { break }
      let rawLine: String
      do { rawLine = try CommandText.decode(bytes) } catch {
        failures += 1
        pending = ""
        try report(CommandFailure(error, position: CommandFailure.Position(source: source, line: index + 1)))
        continue
      }
      var line = Substring(rawLine)
      if line.hasSuffix("\r") { line = line.dropLast() }
      if pending.isEmpty { start = index + 1 }
      if line.hasSuffix("\\"), !line.hasSuffix("\\\\") {
        pending += line.dropLast() + " "
        continue
      }
      let command = pending + line
      pending = ""
      if try !runOne(command, source: source, number: start) { failures += 1 }
    }
    if !pending.isEmpty, !session.quitRequested, try !runOne(pending, source: source, number: start) { failures += 1 }
    if failures > 0 { throw SessionError.scriptFailed(source: source, failures: failures) }
  }

  /// Runs one logical line; false when it failed under `set on-error continue` (reported
  /// here, once); any other failure stops the run.
  private func runOne(_ command: String, source: String, number: Int) throws -> Bool {
    if session.isCancelled() { throw SessionError.cancelled }
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
    guard !path.hasPrefix("/"), let current = session.sourceStack.last else { return path }
    return PathText.join(PathText.folder(of: current), path)
  }
}
