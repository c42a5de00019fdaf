import FlowSession
import Foundation
import LineEditor

/// The interactive loop: prompt, read, run, report; or, when stdin is not a terminal, the same
/// commands read plainly with no prompt, stopping at the first failure like a script.
struct Shell {
  let session: Session
  let history: String

  func run() throws {
    guard isatty(0) == 1 else {
      return try Launcher.exit(on: session) { try runPlain() }
    }
    try? FileManager.default.createDirectory(atPath: (history as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    guard
      let editor = LineEditor(
        program: "fps", historyFile: history,
        completer: { line, cursor in
          let completion = session.completions(line: line, cursor: cursor)
          return (completion.wordStart, completion.candidates)
        })
    else {
      return try Launcher.exit(on: session) { try runPlain() }
    }
    while !session.quitRequested {
      switch editor.readLine(prompt: session.prompt) {
      case .endOfInput:
        session.output.write("\n")
        return
      case .interrupted:
        continue
      case .line(let line):
        editor.remember(line)
        LineEditor.takeInterrupt()
        do { try session.execute(line) } catch { Launcher.report(error, in: session, atPrompt: true) }
      }
    }
  }

  /// Standard input that is not a terminal runs as a script, line by line as it arrives.
  private func runPlain() throws {
    try session.runScript(lines: AnySequence { AnyIterator { readLine() } }, source: "<stdin>")
  }
}
