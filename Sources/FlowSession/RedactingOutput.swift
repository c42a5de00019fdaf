import FlowModel

/// A session's output on its way to where it goes: every text with the passwords of URLs in it
/// replaced (`URLPassword`). A name is printed as it is by every command, its load warnings
/// and its plans; one that holds a URL with its password (a flow or a config node named
/// `mqtt://admin:…@broker`) printed the password everywhere.
final class RedactingOutput: Output {
  /// Where the text goes once redacted: the terminal, or a test's buffer.
  let destination: any Output

  init(_ destination: any Output) { self.destination = destination }

  var usesColour: Bool { destination.usesColour }
  var lineWidth: Int? { destination.lineWidth }

  func write(_ text: String) { destination.write(URLPassword.masking(in: text)) }
  func writeError(_ text: String) { destination.writeError(URLPassword.masking(in: text)) }
  func writeOutcome(_ text: String) { destination.writeOutcome(URLPassword.masking(in: text)) }
  func writeWarning(_ text: String) { destination.writeWarning(URLPassword.masking(in: text)) }
}
