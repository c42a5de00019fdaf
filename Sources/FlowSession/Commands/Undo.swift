import FlowModel
import FlowStore

/// `undo`: takes a commit back as a new, journaled commit.
struct Undo: Command {
  /// The options and keywords, declared once: the spec lists them and `init` looks them up by
  /// these values, never by spelling.
  enum Option {
    static let dryRun = OptionSpec("--dry-run", help: "show what the undo would do and what blocks it; write nothing")
    static let json = OptionSpec("--json", help: "with --dry-run: the plan as JSON (schema in README)")
    static let yes = OptionSpec("--yes", short: "-y", help: "do not ask for confirmation")
    static let inWorkspace = OptionSpec.inWorkspace
  }

  static let spec = CommandSpec(
    name: "undo", synopsis: "[#N] [--dry-run [--json]] [--yes] [in <workspace>]",
    summary: "Take a commit back (the latest by default) as a new commit: nothing is lost, and `log` shows both.",
    discussion: """
      Without a number, the latest commit; refused when that is an undo itself, so a rollback
      script run twice takes back one release, not two. Flows the commit created are removed,
      versions it added are removed (the previous version is current again), flows, connections
      and members it removed or changed are put back as they were, and registry entries it
      added are removed, all in one transaction. Refused, naming them, while later commits
      changed what it would take back: undo those first.

        undo --dry-run
        undo #4
      """,
    options: [Option.dryRun, Option.json, Option.yes],
    keywords: [Option.inWorkspace])

  let commit: Int?
  let dryRun: Bool
  let json: Bool
  let assumeYes: Bool
  let workspaceName: String?

  init(_ arguments: ParsedArguments) throws {
    try arguments.expectPositionals(atMost: 1)
    if let word = arguments.positionals.first {
      guard let number = Int(word.hasPrefix("#") ? String(word.dropFirst()) : word), number > 0 else {
        throw UsageError("name a commit by its number, as `log` shows it (#4), not '\(word)'", command: "undo")
      }
      commit = number
    } else {
      commit = nil
    }
    dryRun = arguments.flag(Option.dryRun)
    json = arguments.flag(Option.json)
    if json, !dryRun { throw UsageError("--json describes the plan: use it with --dry-run", command: "undo") }
    assumeYes = arguments.flag(Option.yes)
    workspaceName = arguments.value(Option.inWorkspace)
  }

  func run(in session: Session) throws {
    let open = try session.workspace(workspaceName)
    let number = try commit ?? Self.latest(in: open)
    let plan = try open.store.undoPlan(of: number)
    if json { return session.output.line(JSONWriter().string(Self.json(plan))) }
    session.output.line("undo #\(number) (\(plan.message)) in \(open.name):")
    for change in plan.changes { session.output.line(fitting: "  \(Describe.change(change))") }
    if !plan.blockedBy.isEmpty { throw StoreError.undoBlocked(commit: number, by: plan.blockedBy) }
    if dryRun { return session.output.line("dry run: nothing was written") }
    try session.authorize(.commit, in: open)
    guard try session.confirmed("undo #\(number) in \(open.name)?", assumeYes: assumeYes, otherwise: "not undone: nothing was written")
    else { return }
    let record = try session.writing(to: open) { () throws(StoreError) in
      try open.store.undo(number, author: session.user, expectedRevision: open.revision)
    }
    session.output.outcome("committed #\(record.id) to \(open.name): undid #\(number) (\(Describe.tally(record.changes)))")
  }

  /// The newest commit, when it is no undo itself. Going on to the newest one not undone took a
  /// tester's rollback, run twice, back two releases.
  private static func latest(in open: OpenWorkspace) throws -> Int {
    guard let newest = try open.store.journal().first else { throw SessionError.nothingToUndo(open.name) }
    if let undid = newest.undoes { throw SessionError.latestIsAnUndo(workspace: open.name, commit: newest.id, undid: undid) }
    return newest.id
  }

  /// The plan for `undo --dry-run --json`.
  static func json(_ plan: UndoPlan) -> JSONValue {
    [
      "commit": .number(JSONNumber(plan.commit)), "message": .string(plan.message),
      "changes": .array(plan.changes.map(Log.json)),
      "blockedBy": .array(plan.blockedBy.map { .number(JSONNumber($0)) }),
    ]
  }
}
