import ArgumentParser
import FlowSession
import Foundation
import LineEditor

/// What one start of `fps` was asked to do, however its command line was read: by
/// argument-parser (`FPS`), or by `Launch(commonArguments:)` for the lines people type most.
struct Launch: Equatable {
  /// `-c` commands, in order.
  var commands: [String] = []
  /// The script, `run <script>`, or `diff <a> <b> [options]`.
  var words: [String] = []
  /// `--var name=value` definitions, in order.
  var variables: [String] = []
  /// `--workspace`: the workspace used when none is named.
  var workspace: String?
  /// `--user`: who the journal names.
  var user: String?
  /// `--restore`: bring back the last abandoned session without asking.
  var restore = false
  /// `--no-pager`: never page long output at the prompt.
  var noPager = false

  /// The script named by `fps <script>` or `fps run <script>`.
  var script: String? { words.first == "run" ? words.dropFirst().first : words.first }

  /// Rejects what argument-parser accepts but fps cannot run, with a message for the user.
  func validate() throws {
    // Swift reads arguments with U+FFFD for bytes that are not UTF-8; a name must not change so.
    let arguments = (1..<Int(CommandLine.argc)).map { CommandLine.unsafeArgv[$0] }
    if let index = arguments.firstIndex(where: { pointer in pointer.flatMap { String(validatingCString: $0) } == nil }) {
      throw ValidationError("argument \(index + 1) is not valid UTF-8 (a lone surrogate, or text in another encoding)")
    }
    for pair in variables where !pair.contains("=") || pair.hasPrefix("=") {
      throw ValidationError("--var takes name=value, got '\(pair)'")
    }
    if words.first == "diff" { return }
    if let option = words.first(where: { $0.hasPrefix("-") && $0.count > 1 }) {
      throw ValidationError("unknown option '\(option)'")
    }
    // `fps help`, `fps load a.json`: a command typed where a script goes, not a missing file.
    if let first = words.first, first != "run", CommandRegistry.names.contains(first), !FileManager.default.fileExists(atPath: first) {
      throw ValidationError(
        "'\(first)' is a command, not a script: run it with fps -c '\(words.joined(separator: " "))', or type it at the fps prompt")
    }
    let count = words.first == "run" ? words.count - 1 : words.count
    if words == ["run"] { throw ValidationError("`run` needs a script: fps run <script.fps>") }
    if count > 1 { throw ValidationError("one script at a time; to run several, `source` them from one script") }
  }

  /// Runs the commands, the script, `diff`, or the interactive shell.
  func run() throws {
    #if os(Linux)
      HugePageHeap.restart(if: buildsLargeHeap)
    #endif
    let (session, pager) = makeSession()
    if words.first == "diff" { return try DiffLauncher.run(Array(words.dropFirst()), in: session) }
    if !commands.isEmpty {
      // Like a script: stops at the first failure unless `set on-error continue` came first.
      try Launcher.exit(on: session) { try session.runCommands(commands, source: "-c") }
      if script == nil || session.quitRequested { return }
    }
    if let script {
      if restore { session.restoreAbandoned(keptIn: paths.sessionsFolder, asking: false) }
      return try Launcher.exit(on: session) { try session.runScript(at: script) }
    }
    try Shell(session: session, paths: paths, restore: restore, pager: pager).run()
  }

  private var paths: Paths { Paths(environment: ProcessEnvironment.current) }

  /// True for a run whose heap grows large enough to be worth huge pages (`HugePageHeap`): a
  /// script or the shell (a bulk load). Not `-c` alone: it is how scripts and tools ask a
  /// quick question. Not a diff: its heap is a few times its files, and a 10,000-node n8n pair
  /// (22 MB) took as long with them (182 against 202 ms, 40 runs each) and 1 to 2 MB more at
  /// its peak, each huge page's first touch costing the whole page.
  var buildsLargeHeap: Bool {
    words.first != "diff" && (script != nil || commands.isEmpty)
  }

  /// Who commits: `--user`, else `$USER`, else the account's name; an empty one is passed
  /// over (it left the journal's author blank).
  static func author(given: String?, environment: [String: String]) -> String {
    if let given, !given.isEmpty { return given }
    return ProcessEnvironment.value(of: "USER", in: environment) ?? ProcessInfo.processInfo.userName
  }

  /// A session wired to the terminal (output, questions, Ctrl-C), and the pager its output
  /// holds long output for at the prompt.
  private func makeSession() -> (Session, Pager?) {
    let environment = ProcessEnvironment.current
    var defined: [String: String] = [:]
    for pair in variables {
      let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
      defined[String(parts[0])] = String(parts[1])
    }
    let configuration = Session.Configuration(
      user: Self.author(given: user, environment: environment), defaultWorkspace: workspace ?? paths.defaultWorkspace,
      environment: environment, variables: defined)
    LineEditor.installInterruptHandler()
    // Paging is for a person at the prompt: never for -c, scripts or piped input.
    let commandsOrScript = !commands.isEmpty || !words.isEmpty
    let pager = commandsOrScript ? nil : Pager(environment: environment, disabled: noPager || isatty(0) != 1)
    let progress = TerminalProgress()
    let session = Session(
      configuration: configuration, output: TerminalOutput(environment: environment, pager: pager, progress: progress),
      interaction: TerminalInteraction(pager: pager))
    session.isCancelled = { LineEditor.interruptPending }
    session.progress = progress
    return (session, pager)
  }
}
