/// The command line itself is wrong: an unknown command or option, a missing argument. Exit
/// status 2, as for any command-line tool.
struct UsageError: Error, CustomStringConvertible {
  /// What is wrong, lowercase, with a suggestion where there is one; never the command's name,
  /// which `CommandFailure` puts in front.
  let message: String
  /// The command it concerns, for a pointer to `help <command>`.
  let command: String?

  init(_ message: String, command: String? = nil) {
    self.message = message
    self.command = command
  }

  var description: String {
    guard let command else { return message }
    return "\(message) (see `help \(command)`)"
  }
}
