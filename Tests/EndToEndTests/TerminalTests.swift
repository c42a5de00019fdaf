import FlowTestSupport
import Foundation
import Testing

/// The shell as a person uses it, in a real terminal under tmux.
@Suite(.serialized) struct TerminalTests {
  func startShell(_ fps: FPSProcess) throws -> TmuxTerminal {
    var environment = fps.environment
    environment["LANG"] = "C.UTF-8"
    environment["TERM"] = "xterm"
    environment["HOME"] = fps.home.path
    let terminal = try TmuxTerminal(
      command: ["sh", "-c", "cd '\(fps.home.path)' && exec '\(FPSProcess.executable.path)'"], environment: environment)
    try terminal.wait(for: "fps default>")
    return terminal
  }

  @Test func promptCompletionUnicodeInterruptAndEndOfInput() throws {
    let fps = try FPSProcess()
    let terminal = try startShell(fps)

    try terminal.send("hel", literal: true)
    try terminal.send("Tab")
    try terminal.wait(for: "fps default> help")
    try terminal.send("Enter")
    try terminal.wait(for: "`help <command>` explains one")

    try terminal.send("co", literal: true)
    try terminal.send("Tab")
    try terminal.wait(for: "commit  connection")

    try terminal.send("C-u")
    try terminal.send("echo café 日本", literal: true)
    try terminal.send("Enter")
    try terminal.wait(for: "\ncafé 日本\n")

    try terminal.send("abandoned-line", literal: true)
    try terminal.send("C-c")
    let screen = try terminal.wait(for: "a fresh prompt after Ctrl-C") { $0.hasSuffix("abandoned-line\nfps default>") }
    #expect(!screen.contains("unknown command"))

    try terminal.send("C-d")
    try terminal.wait(for: "the shell to exit on Ctrl-D", seconds: 5) { _ in !terminal.isRunning }
  }

  @Test func historyIsKeptAcrossRuns() throws {
    let fps = try FPSProcess()
    do {
      let first = try startShell(fps)
      try first.send("echo remembered-42", literal: true)
      try first.send("Enter")
      try first.wait(for: "\nremembered-42\n")
      try first.send("C-d")
      try first.wait(for: "the first shell to exit", seconds: 5) { _ in !first.isRunning }
    }
    let history = fps.home.appendingPathComponent("state/flowport/history").path
    #expect(FileManager.default.fileExists(atPath: history))
    let second = try startShell(fps)
    try second.send("Up")
    try second.wait(for: "fps default> echo remembered-42")
  }

  /// The questions only a person answers: a secret typed without echo, and the commit's y/N.
  @Test func secretsAreNotEchoedAndCommitAsks() throws {
    let fps = try FPSProcess()
    let terminal = try startShell(fps)
    for line in ["workspace new prod.fpsw", "connection add kafka-prod --type kafka --secret password"] {
      try terminal.send(line, literal: true)
      try terminal.send("Enter")
    }
    try terminal.wait(for: "password for kafka-prod:")
    try terminal.send("hunter2-secret", literal: true)
    try terminal.send("Enter")
    try terminal.wait(for: "added connection kafka-prod (kafka) to prod")
    #expect(!(try terminal.screen()).contains("hunter2-secret"))

    let examples = Corpus.examples.path
    for line in ["connection add finance-db-prod --type jdbc", "load \(examples)/orders-v1.json into prod", "match --auto", "commit"] {
      try terminal.send(line, literal: true)
      try terminal.send("Enter")
    }
    try terminal.wait(for: "commit 1 import to prod? [y/N]")
    try terminal.send("n", "Enter")
    try terminal.wait(for: "not committed: nothing was written")
    try terminal.send("commit -m 'from the terminal'", literal: true)
    try terminal.send("Enter")
    try terminal.wait(for: "commit 1 import to prod? [y/N]") { $0.components(separatedBy: "[y/N]").count == 3 }
    try terminal.send("y", "Enter")
    try terminal.wait(for: "committed #3 to prod: created flow orders@1")
  }
}
