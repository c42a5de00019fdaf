import Foundation
import LineEditor

/// Long output at the prompt goes through `$PAGER` (default `less -FRX`), as git does: what a
/// command prints is held until it ends (or asks a question), then written directly when it
/// fits the terminal, or handed to the pager when it does not. Never in scripts or pipes, and
/// not with `--no-pager` or `PAGER=` / `PAGER=cat`.
final class Pager {
  private let command: String
  private var held = ""
  private var holding = false
  /// True once the pager could not run: output is written directly from then on.
  private var failed = false

  /// A pager for the terminal, or nil when paging is off.
  init?(environment: [String: String], disabled: Bool) {
    let command = environment["PAGER"] ?? "less -FRX"
    guard !disabled, isatty(1) == 1, !command.trimmingCharacters(in: .whitespaces).isEmpty, command != "cat" else { return nil }
    self.command = command
  }

  /// Starts holding what a command writes to standard output.
  func begin() {
    holding = true
  }

  /// Takes `text` when holding; false when the caller should write it itself.
  func hold(_ text: String) -> Bool {
    guard holding else { return false }
    held += text
    return true
  }

  /// Shows what was held: directly when it fits the screen, else through the pager; then
  /// writes directly again until the next `begin`. A pager that cannot run (a `PAGER` naming a
  /// program not installed) is said once, under the shell's own message, and not tried again:
  /// the text is written directly, never lost.
  func end() {
    holding = false
    let text = held
    held = ""
    guard !text.isEmpty else { return }
    let lines = text.reduce(0) { $1 == "\n" ? $0 + 1 : $0 }
    if !failed, lines >= LineEditor.terminalRows - 1 {
      if page(text) { return }
      failed = true
      FileHandle.standardError.write(
        Data("fps: the pager `\(command)` could not run; long output is shown directly (set PAGER, or --no-pager)\n".utf8))
    }
    FileHandle.standardOutput.write(Data(text.utf8))
  }

  /// Shows what was held so far and goes on holding: before a question or an error message, so
  /// what the command printed comes first.
  func showHeld() {
    guard holding else { return }
    end()
    begin()
  }

  /// Runs the pager on `text`; false when it could not be started.
  private func page(_ text: String) -> Bool {
    LineEditor.page(text, through: command)
  }
}
