/// `discard`: drops pending imports without writing anything.
struct Discard: Command {
  /// The options and keywords, declared once: the spec lists them and `init` looks them up by
  /// these values, never by spelling.
  enum Option {
    static let all = OptionSpec("--all", help: "drop every pending import")
  }

  static let spec = CommandSpec(
    name: "discard", synopsis: "<import>... | --all",
    summary: "Drop pending imports (nothing is written; the files are untouched).",
    options: [Option.all],
    positionals: .pendingImport)

  let names: [String]
  let all: Bool

  init(_ arguments: ParsedArguments) throws {
    all = arguments.flag(Option.all)
    names = arguments.positionals
    if !all, names.isEmpty { throw UsageError("name the imports to drop, or --all", command: "discard") }
  }

  func run(in session: Session) throws {
    let dropped = all ? session.imports.map(\.name) : names
    for name in names { _ = try session.importIndex(named: name) }
    session.imports.removeAll { dropped.contains($0.name) }
    session.output.line(dropped.isEmpty ? "nothing to discard" : "discarded \(dropped.joined(separator: ", "))")
  }
}
