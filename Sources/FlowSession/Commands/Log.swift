import FlowModel
import FlowStore

/// `log`: the journal of a workspace, newest first.
struct Log: Command {
  /// The options and keywords, declared once: the spec lists them and `init` looks them up by
  /// these values, never by spelling.
  enum Option {
    static let json = OptionSpec("--json", help: "print JSON for scripts")
    static let inWorkspace = OptionSpec.inWorkspace
  }

  static let spec = CommandSpec(
    name: "log", synopsis: "[in <workspace>] [--json]",
    summary: "Show the journal of commits of the target workspace, newest first.",
    options: [Option.json],
    keywords: [Option.inWorkspace])

  let json: Bool
  let workspaceName: String?

  init(_ arguments: ParsedArguments) throws {
    try arguments.expectPositionals(atMost: 0)
    json = arguments.flag(Option.json)
    workspaceName = arguments.value(Option.inWorkspace)
  }

  func run(in session: Session) throws {
    let open = try session.workspace(workspaceName)
    let records = try open.store.journal()
    if json {
      let values: [JSONValue] = records.map { record in
        var object: JSONObject = [
          "id": .number(JSONNumber(record.id)), "author": .string(record.author), "at": .string(record.at),
          "message": .string(record.message), "changes": .array(record.changes.map(Self.json)),
        ]
        object["undoneBy"] = record.undoneBy.map { .number(JSONNumber($0)) }
        object["undoes"] = record.undoes.map { .number(JSONNumber($0)) }
        return .object(object)
      }
      return session.output.line(JSONWriter().string(.array(values)))
    }
    if records.isEmpty { return session.output.line("no commits in \(open.name)") }
    for record in records {
      let undone = record.undoneBy.map { "  (undone by #\($0))" } ?? ""
      session.output.line("#\(record.id)  \(record.at)  \(record.author)  \(record.message)\(undone)")
      for change in record.changes { session.output.line(fitting: "    \(Describe.change(change))") }
    }
  }

  /// A journal change as JSON: `{"action", "subject", "version"?}`.
  static func json(_ change: JournalChange) -> JSONValue {
    var object: JSONObject = ["action": .string(change.action.rawValue), "subject": .name(change.subject)]
    object["version"] = change.version.map { .number(JSONNumber($0)) }
    return .object(object)
  }
}
