import FlowSession
import Foundation

/// Session output on the process's standard streams; colour only on a terminal, with `NO_COLOR`
/// unset and `TERM` not `dumb`.
final class TerminalOutput: Output {
  let usesColour: Bool

  init(environment: [String: String]) {
    usesColour = isatty(1) == 1 && environment["NO_COLOR"] == nil && environment["TERM"] != "dumb"
  }

  func write(_ text: String) { FileHandle.standardOutput.write(Data(text.utf8)) }
  func writeError(_ text: String) { FileHandle.standardError.write(Data(text.utf8)) }
}
