import FlowSession
import Foundation
import LineEditor

/// The interactive loop: prompt, read, run, report; or, when stdin is not a terminal, the same
/// commands read plainly with no prompt, stopping at the first failure like a script.
struct Shell {
  let session: Session
  let paths: Paths
  /// `--restore`: bring back the last abandoned session without asking.
  let restore: Bool
  /// Holds each command's output for `$PAGER` when it is long; nil when paging is off.
  let pager: Pager?

  func run() throws {
    guard isatty(0) == 1 else {
      if restore { session.restoreAbandoned(keptIn: paths.sessionsFolder, asking: false) }
      return try Launcher.exit(on: session) { try runPlain() }
    }
    session.keeper = SessionKeeper(folder: paths.sessionsFolder)
    let history = paths.historyFile
    do {
      try FileManager.default.createDirectory(
        at: URL(fileURLWithPath: history).deletingLastPathComponent(), withIntermediateDirectories: true)
    } catch {
      session.output.warning("history will not be kept: \(error.localizedDescription)")
    }
    // What the lines before said, when they ended in `\`: the command goes on after `> `, and
    // Tab there completes it as the whole command it is part of.
    let continued = ContinuedCommand()
    guard
      let editor = LineEditor(
        program: "fps", historyFile: history,
        completer: { line, cursor in
          let before = continued.text.utf8.count
          let completion = session.completions(line: continued.text + line, cursor: before + cursor)
          return (max(0, completion.wordStart - before), completion.candidates, completion.replacement)
        })
    else {
      return try Launcher.exit(on: session) { try runPlain() }
    }
    session.output.line("fps \(FPS.version): type `help` for commands, `quit` to leave")
    session.restoreAbandoned(keptIn: paths.sessionsFolder, asking: !restore)
    defer { session.leave() }
    while !session.quitRequested {
      switch editor.readLine(prompt: continued.text.isEmpty ? session.prompt : Self.continuationPrompt) {
      case .endOfInput:
        session.output.write("\n")
        // Ctrl-D after a `\` drops the command being continued, as Ctrl-C does; it leaves
        // only from the prompt itself.
        guard continued.text.isEmpty else {
          continued.text = ""
          continue
        }
        if session.mayLeave() { return }
      case .interrupted:
        continued.text = ""
      case .line(let text):
        if let head = LineContinuation.continued(text[...], after: continued.text) {
          continued.text += head + " "
          continue
        }
        let line = continued.text + text
        continued.text = ""
        editor.remember(HistoryText.masked(line))
        pager?.begin()
        do { try session.execute(line) } catch { Launcher.report(error, in: session, atPrompt: true) }
        pager?.end()
      }
    }
  }

  /// The start of a command continued over lines, shared by the loop and Tab's completer.
  private final class ContinuedCommand {
    var text = ""
  }

  /// The prompt for a command's next line after a line that ends in `\`, as shells show it.
  private static let continuationPrompt = "> "

  /// Standard input that is not a terminal runs as a script, line by line as it arrives.
  private func runPlain() throws {
    try session.runScript(lines: IteratorSequence(StandardInputLines()), source: "<stdin>")
  }
}
