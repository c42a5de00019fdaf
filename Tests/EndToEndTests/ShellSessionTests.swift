import FlowTestSupport
import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A mapping session that never loses a person's work (issue 10): every keystroke or signal that
/// used to hang the shell or lose its bindings, tried in a real terminal under tmux. Every
/// terminal and every fps is ended when its test ends, passed or failed.
@Suite(.serialized, .temporaryFolders)
struct ShellSessionTests {
  /// Runs `body` with fps's shell (given `arguments`) started in a terminal in `fps.home`, once
  /// its first line is shown. With `blockingEndSignals`, fps starts with SIGHUP and SIGTERM
  /// blocked, as it does under a parent that blocks them (Dispatch's workers and test runners
  /// do, and a blocked mask survives exec): the way the issue saw fps outlive its terminal.
  /// With `asChild`, the terminal's program is `sh` and fps its child, which `sh` reaps as soon
  /// as it ends (tmux was seen to leave a killed fps unreaped for seconds, and a process not
  /// yet reaped still counts as running for `kill(pid, 0)`).
  func withShell<Result>(
    _ fps: FPSProcess, arguments: [String] = [], blockingEndSignals: Bool = false, asChild: Bool = false,
    _ body: (TmuxTerminal) throws -> Result
  ) throws -> Result {
    var environment = fps.environment
    environment["LANG"] = "C.UTF-8"
    environment["TERM"] = "xterm"
    environment["HOME"] = fps.home.path
    let words = ([FPSProcess.executable.path] + arguments).map { "'\($0)'" }.joined(separator: " ")
    // As a child, the shell that started fps says how it ended and whether it left the
    // terminal without echo, and stays to be read.
    let epilogue = #"s=$?; stty -a | grep -qw -- -echo && e=', echo off'; echo "fps ended ($s)$e"; sleep 30"#
    let run = asChild ? "\(words); \(epilogue)" : "exec \(words)"
    let shell = ["sh", "-c", "cd '\(fps.home.path)' && \(run)"]
    let command = blockingEndSignals && Self.envBlocksSignals ? ["env", "--block-signal=HUP,TERM"] + shell : shell
    return try TmuxTerminal.with(command: command, environment: environment) { terminal in
      try terminal.wait(for: "type `help` for commands")
      return try body(terminal)
    }
  }

  /// True when `env` can start a program with signals blocked (GNU coreutils 8.31 and later).
  static let envBlocksSignals: Bool = {
    let probe = Process()
    probe.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    probe.arguments = ["--block-signal=HUP", "true"]
    probe.standardOutput = FileHandle.nullDevice
    probe.standardError = FileHandle.nullDevice
    guard (try? probe.run()) != nil else { return false }
    probe.waitUntilExit()
    return probe.terminationStatus == 0
  }()

  /// True when the last line of `screen` is an empty prompt, `fps prod (1 pending)>`.
  static func atPrompt(_ screen: String) -> Bool {
    let last = screen.components(separatedBy: "\n").last ?? ""
    return last.hasPrefix("fps ") && last.hasSuffix(">")
  }

  /// Waits for a prompt, then types each line and waits for the prompt after its output.
  func run(_ lines: [String], in terminal: TmuxTerminal) throws {
    try terminal.wait(for: "a prompt", Self.atPrompt)
    for line in lines {
      let start = try terminal.enter(line)
      try terminal.wait(for: "fps ", since: start)
      try terminal.wait(for: "the prompt after `\(line)`", Self.atPrompt)
    }
  }

  /// A target `prod` with connections of three types, and orders-v1 (references kafka-test and
  /// finance-db-test) staged into it.
  func stageOrders(in terminal: TmuxTerminal) throws {
    try run(
      [
        "workspace new prod.fpsw", "connection add kafka-prod --type kafka", "connection add finance-db-prod --type jdbc",
        "connection add chat-prod --type http", "load \(Corpus.examples.path)/orders-v1.json into prod",
      ], in: terminal)
  }

  // MARK: Questions

  @Test(.tmux) func ctrlCAtAConfirmationAnswersNo() throws {
    let fps = try FPSProcess()
    try withShell(fps) { terminal in
      try stageOrders(in: terminal)
      try run(["match --auto"], in: terminal)
      let commit = try terminal.enter("commit")
      try terminal.wait(for: "to prod? [y/N]", since: commit)
      try terminal.send("C-c")
      try terminal.wait(for: "not committed: nothing was written", since: commit)
      try terminal.wait(for: "a fresh prompt", Self.atPrompt)
      let echo = try terminal.enter("echo alive")
      try terminal.wait(for: "alive\nfps prod (1 pending)>", since: echo)
      #expect(terminal.programIsRunning)
    }
  }

  @Test(.tmux) func ctrlDAtAConfirmationAnswersOnlyThatQuestion() throws {
    let fps = try FPSProcess()
    try withShell(fps) { terminal in
      try stageOrders(in: terminal)
      try run(["match --auto"], in: terminal)
      let first = try terminal.enter("commit")
      try terminal.wait(for: "to prod? [y/N]", since: first)
      try terminal.send("C-d")
      try terminal.wait(for: "not committed: nothing was written", since: first)
      try terminal.wait(for: "a fresh prompt", Self.atPrompt)

      let second = try terminal.enter("commit")
      try terminal.wait(for: "to prod? [y/N]", since: second)
      // The question must wait for its own answer, not take the earlier end of input as one.
      Thread.sleep(forTimeInterval: 0.5)
      let waiting = try terminal.output(since: second)
      #expect(!waiting.contains("not committed"))
      #expect(waiting.hasSuffix("[y/N]"))
      try terminal.send("y", "Enter")
      try terminal.wait(for: "committed #", since: second)
      try terminal.wait(for: "created flow orders@1", since: second)
    }
  }

  // MARK: Interrupting work

  @Test(.tmux) func ctrlCDuringALongLoadKeepsTheNextCommand() throws {
    let fps = try FPSProcess()
    let folder = try Self.manyExports(3000)
    try withShell(fps) { terminal in
      try terminal.wait(for: "the first prompt", Self.atPrompt)
      let load = try terminal.enter("load \(folder.path)")
      // Reading 3000 files takes about a second; the interrupt comes while they are read.
      Thread.sleep(forTimeInterval: 0.3)
      try terminal.send("C-c")
      let interrupted = try terminal.wait(for: "interrupted", since: load)
      #expect(!interrupted.contains("loaded orders"))
      try terminal.wait(for: "a fresh prompt", Self.atPrompt)
      let echo = try terminal.enter("echo typed-after-the-interrupt")
      try terminal.wait(for: "typed-after-the-interrupt\nfps default>", since: echo)
    }
  }

  /// A folder of `count` copies of orders-v1, each with its own flow name (`orders-7` unless
  /// `name` says otherwise).
  static func manyExports(_ count: Int, name: (Int) -> String = { "orders-\($0)" }) throws -> URL {
    let folder = try Fixtures.temporaryDirectory()
    let text = String(decoding: try Fixtures.example("orders-v1.json"), as: UTF8.self)
    #expect(text.contains(#""name": "orders""#))
    for index in 0..<count {
      let copy = text.replacingOccurrences(of: #""name": "orders""#, with: #""name": "\#(name(index))""#)
      try copy.write(to: folder.appendingPathComponent("orders-\(index).json"), atomically: false, encoding: .utf8)
    }
    return folder
  }

  @Test func scriptStoppedBySIGINTExits130() throws {
    let fps = try FPSProcess()
    let folder = try Self.manyExports(3000)
    let script = try fps.script("long.fps", "echo started\nload \(folder.path)\necho finished\n")
    let result = try fps.running(["run", script]) { run in
      try run.wait(forOutput: "started\n")
      run.send(SIGINT)
      return try run.finish()
    }
    #expect(result.status == 130)
    #expect(result.standardError.contains("long.fps:2: load: interrupted"))
    #expect(!result.standardOutput.contains("finished"))
  }

  // MARK: Leaving

  @Test(.tmux) func closingTheTerminalOrSIGTERMEndsTheShell() throws {
    let fps = try FPSProcess()
    try withShell(fps, blockingEndSignals: true) { terminal in
      try terminal.wait(for: "the first prompt", Self.atPrompt)
      try terminal.wait(for: "closed-terminal-42\nfps default>", since: try terminal.enter("echo closed-terminal-42"))
      #expect(terminal.programIsRunning)
      try terminal.close()
      Self.wait(seconds: 5) { !terminal.programIsRunning }
      #expect(!terminal.programIsRunning, "fps (pid \(terminal.programID ?? 0)) outlived its closed terminal")
    }
    let history = try String(contentsOf: fps.home.appendingPathComponent("state/flowport/history"), encoding: .utf8)
    #expect(history.contains("closed-terminal-42"))

    try withShell(fps, blockingEndSignals: true) { terminal in
      try terminal.wait(for: "the first prompt", Self.atPrompt)
      #expect(terminal.programIsRunning)
      terminal.signalProgram(SIGTERM)
      Self.wait(seconds: 5) { !terminal.programIsRunning }
      #expect(!terminal.programIsRunning, "fps (pid \(terminal.programID ?? 0)) ignored SIGTERM")
    }
  }

  /// SIGTERM at the prompt ends fps alone, by that signal (143 to its parent). libedit passed
  /// it on to the whole process group: the script that started fps ended with it.
  /// At a secret's prompt, echo is off: SIGTERM turns it back on before fps ends.
  @Test(.tmux) func sigtermAtThePromptEndsFPSAndNotItsParent() throws {
    let fps = try FPSProcess()
    try withShell(fps, asChild: true) { terminal in
      try terminal.wait(for: "the first prompt", Self.atPrompt)
      _ = kill(try Self.shellProcess(in: terminal), SIGTERM)
      try terminal.wait(for: "fps to end by SIGTERM, echo on") { $0.hasSuffix("fps ended (143)") }
    }
    try withShell(fps, asChild: true) { terminal in
      try terminal.wait(for: "the first prompt", Self.atPrompt)
      try terminal.enter("connection add k --type http --secret password")
      try terminal.wait(for: "password for k:")
      _ = kill(try Self.shellProcess(in: terminal), SIGTERM)
      try terminal.wait(for: "fps to end by SIGTERM, echo on") { $0.hasSuffix("fps ended (143)") }
    }
  }

  /// Waits until `condition` holds, for at most `seconds`; the caller checks it again.
  static func wait(seconds: Double, until condition: () -> Bool) {
    let deadline = Date().addingTimeInterval(seconds)
    while !condition(), Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
  }

  @Test(.tmux) func quitWithPendingImportsWarnsOnce() throws {
    let fps = try FPSProcess()
    try withShell(fps) { terminal in
      try stageOrders(in: terminal)
      let first = try terminal.enter("quit")
      let warning = try terminal.wait(for: "quit again (or Ctrl-D) to leave", since: first)
      #expect(warning.contains("1 pending import"))
      try terminal.wait(for: "a prompt after the warning", Self.atPrompt)
      #expect(terminal.isRunning)
      try terminal.enter("quit")
      try terminal.wait(for: "the shell to leave on the second quit", seconds: 5) { _ in !terminal.isRunning }
    }
  }

  // MARK: Bulk output

  /// A bulk migration prints a line or two per flow, and each fits the terminal (issue 15):
  /// long names lose their middle and paths their front, instead of every line wrapping.
  @Test(.tmux) func aBulkMigrationsLinesFitTheTerminal() throws {
    let fps = try FPSProcess()
    let long = "for the quarterly reconciliation of every regional ledger and its auditors"
    let folder = try Self.manyExports(20) { "orders-\($0) \(long)" }
    try withShell(fps) { terminal in
      try run(
        ["workspace new prod.fpsw", "connection add kafka-prod --type kafka", "connection add finance-db-prod --type jdbc"], in: terminal)
      let start = try terminal.mark()
      try run(["load \(folder.path)", "load \(folder.path) into prod", "match --auto", "status", "commit --yes", "status"], in: terminal)
      let lines = try terminal.output(since: start).components(separatedBy: "\n")
      let width = TmuxTerminal.width
      #expect(lines.allSatisfy { $0.count <= width }, "wider than \(width): \(lines.filter { $0.count > width })")
      #expect(lines.filter { $0.hasPrefix("staged orders-") && $0.contains("…") }.count == 20)
      #expect(lines.filter { $0.hasPrefix("  create flow orders-") && $0.contains("(…") }.count == 20)
      #expect(lines.filter { $0.hasPrefix("  created flow orders-") }.count == 20)
      #expect(lines.filter { $0.hasPrefix("loaded orders-") && $0.contains(" …") }.count == 60, "by load and both statuses")
      #expect(lines.filter { $0.hasPrefix("  orders-") && $0.contains("references matched") }.count == 20, "pending in status")
    }
  }

  /// A load long enough to draw its progress bar takes the bar away before its first line, which
  /// would otherwise follow the bar on its row (`… 100%staged orders-0: …`).
  @Test(.tmux) func aLongLoadsBarIsGoneBeforeItsLines() throws {
    let fps = try FPSProcess()
    let folder = try Self.manyExports(6000)
    try withShell(fps) { terminal in
      try run(["workspace new prod.fpsw"], in: terminal)
      let start = try terminal.mark()
      // Six thousand files take a debug build a while, and a loaded machine longer.
      let load = try terminal.enter("load \(folder.path) into prod")
      try terminal.wait(for: "fps ", since: load, seconds: 120)
      try terminal.wait(for: "the prompt after the load", Self.atPrompt)
      let lines = try terminal.output(since: start).components(separatedBy: "\n")
      #expect(lines.filter { $0.hasPrefix("staged orders-") }.count == 6000)
      #expect(!lines.contains { $0.contains("%staged") || $0.contains("reading files") })
    }
  }

  // MARK: The session survives

  @Test(.tmux) func aKilledSessionIsRestored() throws {
    let fps = try FPSProcess()
    let sessions = fps.home.appendingPathComponent("state/flowport/sessions")
    try withShell(fps, asChild: true) { terminal in
      try stageOrders(in: terminal)
      try run(["match kafka-test kafka-prod", "match finance-db-test finance-db-prod"], in: terminal)
      let status = try terminal.enter("status")
      try terminal.wait(for: "2/2 references matched", since: status)
      try Self.killShell(in: terminal)
    }
    #expect(try FileManager.default.contentsOfDirectory(atPath: sessions.path).contains { $0.hasSuffix(".json") })

    // The next shell asks; answered y, it has the bindings back.
    try withShell(fps, asChild: true) { terminal in
      let question = try terminal.wait(for: "restore it? [y/N]")
      #expect(question.contains("2 binding"))
      try terminal.send("y", "Enter")
      try terminal.wait(for: "the restored prompt") { $0.hasSuffix("fps prod (1 pending)>") }
      let status = try terminal.enter("status")
      let shown = try terminal.wait(for: "ready to commit", since: status)
      #expect(shown.contains("orders: new flow, 2/2 references matched"))
      // Killed again, the restored session is still kept.
      try Self.killShell(in: terminal)
    }

    // `fps --restore` restores without asking.
    try withShell(fps, arguments: ["--restore"]) { terminal in
      try terminal.wait(for: "the restored prompt") { $0.hasSuffix("fps prod (1 pending)>") }
      #expect(!(try terminal.screen()).contains("[y/N]"))
      let status = try terminal.enter("status")
      let shown = try terminal.wait(for: "ready to commit", since: status)
      #expect(shown.contains("orders: new flow, 2/2 references matched"))
      let bindings = try terminal.enter("commit")
      let plan = try terminal.wait(for: "[y/N]", since: bindings)
      #expect(plan.contains("binds kafka-test (kafka) -> kafka-prod [by hand]"))
      #expect(plan.contains("binds finance-db-test (jdbc) -> finance-db-prod [by hand]"))
      try terminal.send("n", "Enter")
      try terminal.wait(for: "not committed", since: bindings)
    }
  }

  /// The process id of fps in `terminal`, started `asChild` of a shell.
  static func shellProcess(in terminal: TmuxTerminal) throws -> Int32 {
    let parent = try #require(terminal.programID)
    let children = try String(contentsOfFile: "/proc/\(parent)/task/\(parent)/children", encoding: .utf8)
    let shell = try #require(children.split(separator: " ").first.flatMap { Int32($0) })
    #expect((try? String(contentsOfFile: "/proc/\(shell)/comm", encoding: .utf8)) == "fps\n")
    return shell
  }

  /// Kills the shell in `terminal` (started `asChild`) with SIGKILL, which nothing can catch,
  /// and waits until its parent has reaped it, so the next shell sees it gone.
  static func killShell(in terminal: TmuxTerminal) throws {
    let shell = try shellProcess(in: terminal)
    _ = kill(shell, SIGKILL)
    wait(seconds: 5) { !FileManager.default.fileExists(atPath: "/proc/\(shell)") }
    #expect(!FileManager.default.fileExists(atPath: "/proc/\(shell)"), "fps (pid \(shell)) was not reaped")
  }

  // MARK: Completion

  @Test(.tmux) func matchCompletesConnectionsOfTheReferencesType() throws {
    let fps = try FPSProcess()
    try withShell(fps) { terminal in
      try stageOrders(in: terminal)
      try terminal.send("match kafka-test ", literal: true)
      try terminal.send("Tab")
      try terminal.wait(for: "the kafka connection completed") { $0.hasSuffix("fps prod (1 pending)> match kafka-test kafka-prod") }
      let bound = try terminal.mark()
      try terminal.send("Enter")
      try terminal.wait(for: "bound kafka-test -> kafka-prod in orders", since: bound)
    }
  }

  @Test(.tmux) func namesWithSpacesCompleteQuoted() throws {
    let fps = try FPSProcess()
    try #"{"name":"Extract spend details","nodes":[],"connections":{}}"#
      .write(to: fps.home.appendingPathComponent("extract.json"), atomically: true, encoding: .utf8)
    try withShell(fps) { terminal in
      try terminal.wait(for: "the first prompt", Self.atPrompt)
      try terminal.wait(for: "loaded Extract spend details", since: try terminal.enter("load extract.json"))
      try terminal.wait(for: "the prompt after load", Self.atPrompt)

      try terminal.send("show Extr", literal: true)
      try terminal.send("Tab")
      try terminal.wait(for: "the quoted name") { $0.hasSuffix("fps default> show 'Extract spend details'") }
      // The completion ends the word: what is typed next is the next word.
      try terminal.send("x", literal: true)
      try terminal.wait(for: "a space after the name") { $0.hasSuffix("fps default> show 'Extract spend details' x") }

      // Inside an open quote too.
      try terminal.send("C-u")
      try terminal.send("show 'Extr", literal: true)
      try terminal.send("Tab")
      try terminal.wait(for: "the quote closed") { $0.hasSuffix("fps default> show 'Extract spend details'") }
      let show = try terminal.mark()
      try terminal.send("Enter")
      try terminal.wait(for: "the prompt after show", Self.atPrompt)
      let shown = try terminal.output(since: show)
      #expect(shown.contains("Extract spend details"))
      #expect(!shown.contains("unknown"))
      #expect(!shown.contains("no flow"))
    }
  }
}

extension Trait where Self == ConditionTrait {
  /// Runs the test only where tmux is installed, and says why it is skipped where it is not.
  fileprivate static var tmux: Self { .enabled(if: ExternalTool.tmux.isInstalled, ExternalTool.tmux.missing) }
}
