import FlowSession
import Foundation
import LineEditor

/// Session output on the process's standard streams; colour only on a terminal, with `NO_COLOR`
/// unset or empty and `TERM` not `dumb`. A progress bar on the terminal is taken away before each write,
/// or the line would follow the bar on its row (`… 100%staged orders: …`).
final class TerminalOutput: Output {
  let usesColour: Bool
  /// Holds long output at the prompt for `$PAGER`; nil when paging is off.
  let pager: Pager?
  private let progress: TerminalProgress?
  private let toTerminal = isatty(1) == 1

  /// Asked anew for each line: the terminal may have been resized.
  var lineWidth: Int? { toTerminal ? LineEditor.terminalColumns : nil }

  init(environment: [String: String], pager: Pager?, progress: TerminalProgress?) {
    usesColour = toTerminal && Self.allowsColour(in: environment)
    self.pager = pager
    self.progress = progress
  }

  /// True unless `NO_COLOR` holds something (no-color.org: an empty value asks for nothing) or
  /// `TERM` is `dumb`.
  static func allowsColour(in environment: [String: String]) -> Bool {
    ProcessEnvironment.value(of: "NO_COLOR", in: environment) == nil && environment["TERM"] != "dumb"
  }

  func write(_ text: String) { writeHeld(text, else: .standardOutput) }
  /// Writes to standard output after what the command printed so far, once that is shown
  /// (paged when long): never inside the pager, where quitting early would hide it.
  func writeOutcome(_ text: String) { writeAfterHeld(text, to: .standardOutput) }
  /// Writes to standard error, after what the command printed so far (kept in order with it).
  func writeError(_ text: String) { writeAfterHeld(text, to: .standardError) }
  /// Holds a warning with what the command prints, when the pager holds that: one pager for a
  /// command, warnings in place.
  func writeWarning(_ text: String) { writeHeld(text, else: .standardError) }

  /// Gives `text` to the pager when it holds what the command prints, else writes it to `stream`.
  private func writeHeld(_ text: String, else stream: FileHandle) {
    progress?.takeAway()
    if pager?.hold(text) == true { return }
    stream.write(Data(text.utf8))
  }

  /// Shows what the command printed so far (paged when long), then writes `text` to `stream`
  /// directly.
  private func writeAfterHeld(_ text: String, to stream: FileHandle) {
    progress?.takeAway()
    pager?.showHeld()
    stream.write(Data(text.utf8))
  }
}
