import FlowTestSupport
import Foundation
import Testing

/// The shell as a person uses it, in a real terminal under tmux. Every terminal is ended (tmux
/// server and fps) when its test ends, passed or failed.
@Suite(.serialized, .temporaryFolders, .enabled(if: ExternalTool.tmux.isInstalled, ExternalTool.tmux.missing))
struct TerminalTests {
  /// Runs `body` with fps's shell started in a terminal in `fps.home`, at its first prompt.
  func withShell<Result>(
    _ fps: FPSProcess, pager: String? = nil, width: Int = TmuxTerminal.width, _ body: (TmuxTerminal) throws -> Result
  ) throws -> Result {
    var environment = fps.environment
    if let pager { environment["PAGER"] = pager }
    environment["LANG"] = "C.UTF-8"
    environment["TERM"] = "xterm"
    environment["HOME"] = fps.home.path
    return try TmuxTerminal.with(
      command: ["sh", "-c", "cd '\(fps.home.path)' && exec '\(FPSProcess.executable.path)'"], environment: environment, width: width
    ) { terminal in
      try terminal.wait(for: "fps default>")
      return try body(terminal)
    }
  }

  @Test func promptCompletionUnicodeInterruptAndEndOfInput() throws {
    let fps = try FPSProcess()
    try withShell(fps) { terminal in
      try terminal.send("hel", literal: true)
      try terminal.send("Tab")
      try terminal.wait(for: "the completed line") { $0.components(separatedBy: "\n").last == "fps default> help" }
      let help = try terminal.mark()
      try terminal.send("Enter")
      try terminal.wait(for: "`help <command>` explains one", since: help)

      let completion = try terminal.mark()
      try terminal.send("co", literal: true)
      try terminal.send("Tab")
      try terminal.wait(for: "commit      connection\n", since: completion)

      try terminal.send("C-u")
      let echo = try terminal.enter("echo café 日本")
      try terminal.wait(for: "café 日本\nfps default>", since: echo)

      try terminal.send("abandoned-line", literal: true)
      // As a person does, Ctrl-C once the line shows: the interrupt flushes the terminal's
      // queues, and under load it would take the echo not yet drawn along with it.
      try terminal.wait(for: "the typed line") { $0.hasSuffix("fps default> abandoned-line") }
      try terminal.send("C-c")
      let screen = try terminal.wait(for: "a fresh prompt after Ctrl-C") { $0.hasSuffix("abandoned-line\nfps default>") }
      #expect(!screen.contains("unknown command"))

      try terminal.send("C-d")
      try terminal.wait(for: "the shell to exit on Ctrl-D", seconds: 5) { _ in !terminal.isRunning }
    }
  }

  /// Ctrl-\ at the prompt asks to leave as Ctrl-D does: with staged work, the first warns and
  /// the shell stays; the second leaves. (Its default, SIGQUIT, ended fps at once.)
  @Test func ctrlBackslashWarnsOfPendingWorkLikeCtrlD() throws {
    let fps = try FPSProcess()
    try withShell(fps) { terminal in
      try terminal.enter("workspace new w.fpsw as w")
      let staged = try terminal.enter("connection add k --type http")
      try terminal.wait(for: "fps w>", since: staged)
      try terminal.send("C-\\")
      try terminal.wait(for: "1 staged change not committed; quit again (or Ctrl-D) to leave")
      #expect(terminal.isRunning)
      try terminal.wait(for: "the prompt again") { $0.hasSuffix("fps w>") }
      try terminal.send("C-\\")
      try terminal.wait(for: "the shell to exit on the second Ctrl-\\", seconds: 5) { _ in !terminal.isRunning }
    }
  }

  /// A line that ends in `\` goes on after a `> ` prompt, as in a script; Ctrl-C there drops
  /// the whole command.
  @Test func aTrailingBackslashContinuesTheCommand() throws {
    let fps = try FPSProcess()
    try withShell(fps) { terminal in
      let start = try terminal.enter("echo one \\")
      try terminal.wait(for: "the continuation prompt") { $0.hasSuffix("\n>") }
      try terminal.enter("two")
      try terminal.wait(for: "one two\nfps default>", since: start)
      let dropped = try terminal.enter("echo dropped \\")
      try terminal.wait(for: "the continuation prompt") { $0.hasSuffix("\n>") }
      try terminal.send("C-c")
      try terminal.wait(for: "a fresh prompt") { $0.hasSuffix("\nfps default>") }
      #expect(try !terminal.output(since: dropped).contains("\ndropped"))
      // Tab after `> ` completes the command the line is part of: `set` takes a setting (alone,
      // `on` would be a command's name, and none begins so).
      try terminal.enter("set \\")
      try terminal.wait(for: "the continuation prompt") { $0.hasSuffix("\n>") }
      try terminal.send("on", literal: true)
      try terminal.send("Tab")
      try terminal.wait(for: "the setting completed") { $0.hasSuffix("\n> on-error") }
      try terminal.send("C-c")
    }
  }

  /// Tab on a folder of 500 exports lists what fits the terminal (30 lines) and says how many
  /// more there are, rather than scrolling the prompt away under 500 names.
  @Test func aLongListOfCandidatesFitsTheTerminal() throws {
    let fps = try FPSProcess()
    let folder = fps.home.appendingPathComponent("many")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    for number in 1...500 { try Data("[]".utf8).write(to: folder.appendingPathComponent("export-\(number).json")) }
    try withShell(fps) { terminal in
      try terminal.send("load many/", literal: true)
      try terminal.send("Tab")
      try terminal.wait(for: "the common start") { $0.hasSuffix("fps default> load many/export-") }
      let listing = try terminal.mark()
      try terminal.send("Tab")
      let shown = try terminal.wait(for: "more: type more of the name to narrow them\nfps default> load many/export-", since: listing)
      #expect(shown.components(separatedBy: "\n").count <= 30, "the list and the prompt fit the terminal:\n\(shown)")
      try terminal.send("C-u", "C-d")
      try terminal.wait(for: "the shell to exit on Ctrl-D", seconds: 5) { _ in !terminal.isRunning }
    }
  }

  /// Two exports whose names start alike (`alpha-orders.json`, `alpha-billing.json`) in
  /// `folder` of the shell's home: what Tab completes on a long line.
  static func makeAlphaExports(in folder: String, for fps: FPSProcess) throws {
    let url = fps.home.appendingPathComponent(folder)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    for name in ["alpha-orders", "alpha-billing"] { try Data("[]".utf8).write(to: url.appendingPathComponent("\(name).json")) }
  }

  /// The screen's rows run together: a line longer than the terminal as it was typed.
  static func joinedRows(_ screen: String) -> String { screen.replacingOccurrences(of: "\n", with: "") }

  /// Tab on a line longer than the terminal is wide lists every candidate: libedit redraws the
  /// prompt as many rows up as the cursor stood below the prompt's row, and it used to come
  /// down over the list's last names. With the cursor on the line's first row, the list starts
  /// below its last.
  @Test func candidatesOfALineThatWrapsAreAllListed() throws {
    let fps = try FPSProcess()
    let folder = "exports-kept-in-a-folder-whose-name-is-long-enough-to-wrap"
    try Self.makeAlphaExports(in: folder, for: fps)
    try withShell(fps) { terminal in
      let line = "diff \(folder)/alpha-orders.json \(folder)/al"
      #expect(line.count > TmuxTerminal.width)
      try terminal.send(line, literal: true)
      try terminal.send("Tab")
      try terminal.wait(for: "the common start") { Self.joinedRows($0).hasSuffix("/alpha-") }
      let listing = try terminal.mark()
      try terminal.send("Tab")
      let shown = try terminal.wait(for: "alpha-orders.json\nfps default>", since: listing)
      #expect(shown.contains("alpha-billing.json") && !shown.contains("/alpha-billing.json"), "listed by their names alone:\n\(shown)")
      try terminal.send("C-a", "Tab")
      let commands = try terminal.wait(for: "the commands, then the line again") { $0.contains("workspace") && $0.hasSuffix("/alpha-") }
      let rows = commands.components(separatedBy: "\n")
      let listed = try #require(rows.firstIndex { $0.hasPrefix("commit ") }, "\(commands)")
      #expect(rows[listed - 1].hasSuffix("/alpha-"), "the list starts below the line's last row:\n\(commands)")
      try terminal.send("C-e", "C-u", "C-d")
      try terminal.wait(for: "the shell to exit on Ctrl-D", seconds: 5) { _ in !terminal.isRunning }
    }
  }

  /// Tab in the middle of a line longer than the terminal draws the whole line again: libedit's
  /// refresh in place left the rows after the completed word half drawn (40 columns, the line a
  /// tester typed).
  @Test func aCompletionInsideAWrappedLineRedrawsItsEnd() throws {
    let fps = try FPSProcess()
    let folder = "tc/a-rather-long-folder-name/with-more-nesting"
    try Self.makeAlphaExports(in: folder, for: fps)
    try withShell(fps, width: 40) { terminal in
      let head = "diff \(folder)/al"
      try terminal.send("\(head) \(folder)/alpha-orders.json", literal: true)
      try terminal.wait(for: "the typed line") { Self.joinedRows($0).hasSuffix("alpha-orders.json") }
      try terminal.send("C-a")
      for _ in 0..<head.count { try terminal.send("Right") }
      try terminal.send("Tab")
      try terminal.wait(for: "the line drawn whole after the completion") {
        Self.joinedRows($0).hasSuffix("/alpha- \(folder)/alpha-orders.json")
      }
      try terminal.send("C-e", "C-u", "C-d")
      try terminal.wait(for: "the shell to exit on Ctrl-D", seconds: 5) { _ in !terminal.isRunning }
    }
  }

  /// A secret typed at the prompt never reaches the history file; a secret asked for is not echoed.
  @Test func theHistoryKeepsNoSecret() throws {
    let fps = try FPSProcess()
    try withShell(fps) { terminal in
      let added = try terminal.enter("connection add k --type kafka --secret password=CNRYhistory01 --secret token")
      try terminal.wait(for: "token for k:", since: added)
      try terminal.send("CNRYhistory02", literal: true)
      try terminal.send("Enter")
      // The prompt, not just the line before it: a Ctrl-D that reaches the terminal before the
      // editor has taken it over is read by the kernel's line discipline and lost.
      try terminal.wait(for: "staged: add connection k (kafka) to default; `commit` writes it\nfps default>", since: added)
      #expect(try !terminal.screen().contains("CNRYhistory02"), "asked without echo")
      try terminal.send("C-d")
      try terminal.wait(for: "1 staged change not committed; quit again (or Ctrl-D) to leave", since: added)
      try terminal.send("C-d")
      try terminal.wait(for: "the shell to exit on a second Ctrl-D", seconds: 5) { _ in !terminal.isRunning }
    }
    // libedit writes spaces in its history file as \040.
    let history = try String(contentsOfFile: fps.home.appendingPathComponent("state/flowport/history").path, encoding: .utf8)
      .replacing("\\040", with: " ")
    #expect(history.contains("--secret password=***") && history.contains("--secret token"))
    #expect(!history.contains("CNRYhistory01") && !history.contains("CNRYhistory02"))
  }

  /// Long output goes through the pager, like git; short output is written as it is.
  @Test func longOutputIsPagedAndShortOutputIsNot() throws {
    let fps = try FPSProcess()
    try withShell(fps, pager: "less -FRX") { terminal in
      let long = try terminal.enter("help export")
      try terminal.wait(for: "less's prompt after a screenful") { $0.hasSuffix("\n:") }
      #expect(try !terminal.screen().contains("mode 0600\nfps default>"), "the end waits in the pager")
      try terminal.send("q")
      try terminal.wait(for: "fps default>", since: long)
      let short = try terminal.enter("help use")
      try terminal.wait(for: "that take `in`/`into`.\nfps default>", since: short)
    }
  }

  /// A `PAGER` naming a program that is not installed loses nothing: the shell's message and
  /// fps's say so once, and long output is written directly from then on.
  @Test func aPagerThatCannotRunLosesNoOutput() throws {
    let fps = try FPSProcess()
    try withShell(fps, pager: "no-such-pager-fps") { terminal in
      let first = try terminal.enter("help export")
      try terminal.wait(for: "could not run; long output is shown directly", since: first)
      try terminal.wait(for: "mode 0600\nfps default>", since: first)
      let second = try terminal.enter("help load")
      try terminal.wait(for: "fps default>", since: second)
      #expect(try !terminal.output(since: second).contains("could not run"), "said once")
      #expect(try !terminal.output(since: second).contains("not found"), "not tried again")
    }
  }

  /// A commit's plan longer than the terminal is paged; `q` before its end still shows whether
  /// the commit was written, after the pager.
  @Test func theCommitsOutcomeFollowsThePager() throws {
    let fps = try FPSProcess()
    for number in 1...40 {
      let export = #"{"format": "flowport/1", "flow": {"name": "flow-\#(number)"}, "nodes": []}"#
      try Data(export.utf8).write(to: fps.home.appendingPathComponent("flow-\(number).json"))
    }
    try withShell(fps, pager: "less -FRX") { terminal in
      try terminal.enter("workspace new w.fpsw as w")
      try terminal.enter("load flow-*.json into w")
      try terminal.wait(for: "less's prompt after a screenful") { $0.hasSuffix("\n:") }
      try terminal.send("q")
      try terminal.wait(for: "fps w (40 pending)>")
      let commit = try terminal.enter("commit --yes")
      try terminal.wait(for: "less's prompt after a screenful") { $0.hasSuffix("\n:") }
      try terminal.send("q")
      try terminal.wait(for: "committed #1 to w: 40 created flows\nfps w>", since: commit)
    }
  }

  /// A long load with a warning for each file shows one pager: the warnings are in it, in
  /// place, and one `q` is back at the prompt (each warning opened the pager again).
  @Test func aLongLoadWithWarningsPagesOnce() throws {
    let fps = try FPSProcess()
    for number in 1...60 {
      let export = #"{"name": "flow-\#(number)", "nodes": [{"name": "A", "type": "t"}], "connections": {"Q": {"main": [[]]}}}"#
      try Data(export.utf8).write(to: fps.home.appendingPathComponent("flow-\(number).json"))
    }
    try withShell(fps, pager: "less -FRX") { terminal in
      try terminal.enter("workspace new w.fpsw as w")
      let load = try terminal.enter("load flow-*.json into w")
      try terminal.wait(for: "less's prompt after a screenful") { $0.hasSuffix("\n:") }
      #expect(try terminal.screen().contains("source node 'Q' does not exist"), "the warnings are in the pager")
      try terminal.send("q")
      try terminal.wait(for: "fps w (60 pending)>", since: load)
    }
  }

  @Test func historyIsKeptAcrossRuns() throws {
    let fps = try FPSProcess()
    try withShell(fps) { first in
      let echo = try first.enter("echo remembered-42")
      try first.wait(for: "remembered-42\nfps default>", since: echo)
      try first.send("C-d")
      try first.wait(for: "the first shell to exit", seconds: 5) { _ in !first.isRunning }
    }
    let history = fps.home.appendingPathComponent("state/flowport/history").path
    #expect(FileManager.default.fileExists(atPath: history))
    try withShell(fps) { second in
      try second.send("Up")
      try second.wait(for: "the remembered line") {
        $0.components(separatedBy: "\n").last == "fps default> echo remembered-42"
      }
    }
  }

  /// Two shells open at once both keep their lines in the history file: each adds its line to
  /// the file as it is, rather than saving its own list over the other's.
  @Test func twoShellsAtOnceKeepBothHistories() throws {
    let fps = try FPSProcess()
    try withShell(fps) { first in
      try withShell(fps) { second in
        let fromFirst = try first.enter("echo from-the-first")
        try first.wait(for: "from-the-first\nfps default>", since: fromFirst)
        let fromSecond = try second.enter("echo from-the-second")
        try second.wait(for: "from-the-second\nfps default>", since: fromSecond)
        let again = try first.enter("echo first-again")
        try first.wait(for: "first-again\nfps default>", since: again)
      }
    }
    let history = try String(contentsOfFile: fps.home.appendingPathComponent("state/flowport/history").path, encoding: .utf8)
    for line in ["from-the-first", "from-the-second", "first-again"] {
      #expect(history.contains(line), "\(line) is kept:\n\(history)")
    }
  }

  /// The questions only a person answers: a secret typed without echo, and the commit's y/N.
  @Test func secretsAreNotEchoedAndCommitAsks() throws {
    let fps = try FPSProcess()
    try withShell(fps) { terminal in
      try terminal.wait(for: "it is the target", since: try terminal.enter("workspace new prod.fpsw"))
      let connection = try terminal.enter("connection add kafka-prod --type kafka --secret password")
      try terminal.wait(for: "password for kafka-prod:", since: connection)
      try terminal.send("hunter2-secret", literal: true)
      try terminal.send("Enter")
      let added = try terminal.wait(for: "staged: add connection kafka-prod (kafka) to prod", since: connection)
      #expect(!added.contains("hunter2-secret"))

      let examples = Corpus.examples.path
      for line in ["connection add finance-db-prod --type jdbc", "load \(examples)/orders-v1.json into prod", "match --auto"] {
        try terminal.wait(for: "fps prod", since: try terminal.enter(line))
      }
      let declined = try terminal.enter("commit")
      try terminal.wait(for: "commit 1 import and 2 changes to prod? [y/N]", since: declined)
      try terminal.send("n", "Enter")
      try terminal.wait(for: "not committed: nothing was written", since: declined)
      let accepted = try terminal.enter("commit -m 'from the terminal'")
      try terminal.wait(for: "commit 1 import and 2 changes to prod? [y/N]", since: accepted)
      try terminal.send("y", "Enter")
      try terminal.wait(for: "committed #1 to prod: 2 added connections, 1 created flow", since: accepted)
      #expect(!(try terminal.output(since: TmuxTerminal.Mark.start)).contains("hunter2-secret"))
    }
  }
}
