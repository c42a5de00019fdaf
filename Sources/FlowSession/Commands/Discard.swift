import FlowFormats

/// `discard`: drops pending imports without writing anything.
struct Discard: Command {
  /// The options and keywords, declared once: the spec lists them and `init` looks them up by
  /// these values, never by spelling.
  enum Option {
    static let all = OptionSpec("--all", help: "drop every pending import and every staged change")
  }

  static let spec = CommandSpec(
    name: "discard", synopsis: "<import>... | --all",
    summary: "Drop pending imports, or with --all also staged connection and member changes (nothing is written).",
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
    let changes = all ? session.changes.values.reduce(0) { $0 + $1.count } : 0
    if all { session.changes = [:] }
    let words =
      (dropped.isEmpty ? [] : [dropped.map { Secrets.redacted(name: $0) }.joined(separator: ", ")])
      + (changes == 0 ? [] : [Describe.count(changes, "staged change")])
    session.output.line(words.isEmpty ? "nothing to discard" : "discarded \(words.joined(separator: " and "))")
  }
}
