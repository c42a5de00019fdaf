/// `echo`: prints its words, after variable expansion; for scripts to narrate.
struct Echo: Command {
  static let spec = CommandSpec(
    name: "echo", synopsis: "<word>...", summary: "Print the words, variables expanded.", takesWordsAsTheyAre: true)

  let words: [String]

  init(_ arguments: ParsedArguments) throws { words = arguments.positionals }

  func run(in session: Session) throws { session.output.line(words.joined(separator: " ")) }
}
