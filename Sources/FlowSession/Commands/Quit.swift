/// `quit`: leaves the shell. Pending imports are not committed.
struct Quit: Command {
  static let spec = CommandSpec(
    name: "quit", synopsis: "", summary: "Leave the shell (also `exit`, Ctrl-D); pending imports are not committed.",
    discussion: """
      With pending imports, the first `quit` says what is pending and the second leaves. An
      interactive session is kept on disk as it changes: `fps --restore` brings back its pending
      imports and bindings, also after a closed terminal or a killed fps.
      """)

  init(_ arguments: ParsedArguments) throws { try arguments.expectPositionals(atMost: 0) }

  func run(in session: Session) throws {
    guard session.mayLeave() else { return }
    if !session.imports.isEmpty, !session.interaction.isInteractive {
      session.output.warning("\(Describe.count(session.imports.count, "pending import")) not committed")
    }
    session.quitRequested = true
  }
}
