/// `quit`: leaves the shell. Pending imports are not committed.
struct Quit: Command {
  static let spec = CommandSpec(
    name: "quit", synopsis: "", summary: "Leave the shell (also `exit`, Ctrl-D); pending imports are dropped, not committed.")

  init(_ arguments: ParsedArguments) throws { try arguments.expectPositionals(atMost: 0) }

  func run(in session: Session) throws {
    let pending = session.imports.count
    if pending > 0 { session.output.warning("\(Describe.count(pending, "pending import")) dropped, not committed") }
    session.quitRequested = true
  }
}
