import FlowSession
import Foundation
import LineEditor

/// Questions answered at the terminal: y/N confirmations and secrets typed without echo.
final class TerminalInteraction: Interaction {
  let isInteractive = isatty(0) == 1

  func confirm(_ question: String) -> Bool {
    FileHandle.standardOutput.write(Data("\(question) [y/N] ".utf8))
    guard let answer = LineEditor.readAnswer() else { return false }
    return ["y", "yes"].contains(answer.trimmingCharacters(in: .whitespaces).lowercased())
  }

  func readSecret(_ prompt: String) -> String? {
    LineEditor.readSecret(prompt: prompt).flatMap { $0.isEmpty ? nil : $0 }
  }
}
