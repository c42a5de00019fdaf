import FlowSession
import Foundation
import LineEditor

/// Session output on the process's standard streams; colour only on a terminal, with `NO_COLOR`
/// unset and `TERM` not `dumb`.
final class TerminalOutput: Output {
  let usesColour: Bool
  /// Holds long output at the prompt for `$PAGER`; nil when paging is off.
  let pager: Pager?
  private let toTerminal = isatty(1) == 1

  /// Asked anew for each command's lines: the terminal may have been resized.
  var lineWidth: Int? { toTerminal ? LineEditor.terminalColumns : nil }

  init(environment: [String: String], pager: Pager?) {
    usesColour = toTerminal && environment["NO_COLOR"] == nil && environment["TERM"] != "dumb"
    self.pager = pager
  }

  func write(_ text: String) {
    if pager?.hold(text) == true { return }
    FileHandle.standardOutput.write(Data(text.utf8))
  }
  /// Writes to standard error, after what the command printed so far (kept in order with it).
  func writeError(_ text: String) {
    pager?.showHeld()
    FileHandle.standardError.write(Data(text.utf8))
  }
}
