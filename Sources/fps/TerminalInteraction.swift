import FlowSession
import Foundation
import LineEditor

/// Questions answered at the terminal: y/N confirmations and secrets typed without echo. What
/// the command printed before the question (a plan) is shown first, paged if long.
final class TerminalInteraction: Interaction {
  let isInteractive = isatty(0) == 1
  /// The pager holding the command's output, shown before each question.
  let pager: Pager?

  init(pager: Pager?) { self.pager = pager }

  func confirm(_ question: String) -> Bool {
    showHeldOutput()
    FileHandle.standardOutput.write(Data("\(question) [y/N] ".utf8))
    guard let answer = LineEditor.readAnswer() else { return false }
    return ["y", "yes"].contains(answer.trimmingCharacters(in: .whitespaces).lowercased())
  }

  func readSecret(_ prompt: String) -> String? {
    showHeldOutput()
    return LineEditor.readSecret(prompt: prompt).flatMap { $0.isEmpty ? nil : $0 }
  }

  /// Shows what the command printed so far, and goes on holding the rest of its output.
  private func showHeldOutput() {
    pager?.showHeld()
  }
}
