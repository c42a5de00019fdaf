import Foundation

/// Runs a `.fps` file: one command per line, `#` comments, a trailing `\` continues the line.
/// Stops at the first failing command with a `ScriptError` naming file and line, unless
/// `set on-error continue` is in force, in which case it reports and goes on, failing at the end.
struct ScriptRunner {
  let session: Session

  func run(path: String) throws {
    let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
    guard !session.sourceStack.contains(absolute) else {
      throw SessionError.other(
        "\(path) sources itself (through \(session.sourceStack.map { ($0 as NSString).lastPathComponent }.joined(separator: " -> ")))")
    }
    let bytes = try session.readFile(at: path)
    guard let text = String(validating: Array(bytes), as: UTF8.self), !bytes.contains(0) else {
      throw SessionError.unreadable(path, "it is not a text file")
    }
    session.sourceStack.append(absolute)
    defer { session.sourceStack.removeLast() }

    var firstFailure: ScriptError?
    for (line, number) in Self.commands(in: text) {
      if session.quitRequested { break }
      if session.isCancelled() { throw SessionError.cancelled }
      do {
        try session.execute(line, source: path, number: number)
      } catch let failure as ScriptError {
        guard session.continueOnError else { throw failure }
        session.output.writeError("\(failure)\n")
        firstFailure = firstFailure ?? failure
      }
    }
    if let firstFailure { throw firstFailure }
  }

  /// The logical lines of a script with the number of the line each starts on.
  static func commands(in text: String) -> [(String, Int)] {
    var result: [(String, Int)] = []
    var pending = ""
    var start = 0
    for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      var line = Substring(rawLine)
      if line.hasSuffix("\r") { line = line.dropLast() }
      if pending.isEmpty { start = index + 1 }
      if line.hasSuffix("\\"), !line.hasSuffix("\\\\") {
        pending += line.dropLast() + " "
        continue
      }
      pending += line
      if !pending.trimmingCharacters(in: .whitespaces).isEmpty { result.append((pending, start)) }
      pending = ""
    }
    if !pending.isEmpty { result.append((pending, start)) }
    return result
  }

  /// A `source` path: relative to the sourcing script's folder, or as given at the prompt.
  static func resolve(_ path: String, in session: Session) -> String {
    guard !path.hasPrefix("/"), let current = session.sourceStack.last else { return path }
    return ((current as NSString).deletingLastPathComponent as NSString).appendingPathComponent(path)
  }
}
