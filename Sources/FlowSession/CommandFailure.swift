import FlowFormats
import FlowStore

/// A failure as the user sees it, wherever it happened (the prompt, `-c`, a script, `fps diff`):
/// where (script and line), which command, why, and the exit status it ends a run with. The one
/// place error text is composed: `file:line: command: message`.
public struct CommandFailure: Error, CustomStringConvertible {
  /// A line of a script, or the number of a `-c` command.
  public struct Position: Hashable, Sendable {
    var source: String
    var line: Int
  }

  /// Where the failing command was read; nil at the prompt.
  public internal(set) var position: Position?
  /// The command as the user calls it (`load`, `connection add`); nil for a failure outside a
  /// command, such as a script that cannot be read.
  var command: String?
  /// Why: a `SessionError`, `UsageError`, `StoreError` or `FormatError`.
  let reason: any Error

  /// Wraps any error; a `CommandFailure` stays as it is (its innermost position is the one that
  /// matters in a sourced script).
  public init(_ error: any Error, command: String? = nil, position: Position? = nil) {
    if let failure = error as? CommandFailure {
      self = failure
      self.command = self.command ?? command
      self.position = self.position ?? position
    } else {
      self.reason = error
      self.command = command
      self.position = position
    }
  }

  /// 2 for a malformed command line, 130 for Ctrl-C (as shells do), 1 for any other failure.
  public var exitStatus: Int32 {
    switch reason {
    case is UsageError: 2
    case SessionError.cancelled, StoreError.cancelled: 130
    default: 1
    }
  }

  /// True when the command line itself was wrong.
  public var isUsageError: Bool { reason is UsageError }

  /// The reason alone, without position or command; a store's with what looks like a secret
  /// redacted (`no flow named '…'` repeats a name as typed, a token pasted into it too).
  public var message: String { reason is StoreError ? Secrets.redacted(text: "\(reason)") : "\(reason)" }

  /// `file:line: command: message`, leaving out the parts that are unknown.
  public var description: String {
    var text = ""
    if let position { text += "\(position.source):\(position.line): " }
    if let command { text += "\(command): " }
    return text + message
  }
}
