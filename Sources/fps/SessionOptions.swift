import ArgumentParser
import FlowSession
import Foundation
import LineEditor

/// Options every way of starting `fps` shares.
struct SessionOptions: ParsableArguments {
  @Option(name: .customLong("var"), help: ArgumentHelp("Define a variable for ${name}; repeatable.", valueName: "name=value"))
  var variables: [String] = []

  @Option(
    help: ArgumentHelp("The workspace file used when none is named (default: the embedded default workspace).", valueName: "file.fpsw"))
  var workspace: String?

  @Option(help: ArgumentHelp("Act as this user in the journal (default: $USER).", valueName: "name"))
  var user: String?

  @Flag(help: "Bring back the last shell session that ended with pending imports (a closed terminal, a killed fps).")
  var restore = false

  @Flag(help: "Never send long output at the prompt through $PAGER (default: less -FRX).")
  var noPager = false

  func validate() throws {
    for pair in variables where !pair.contains("=") || pair.hasPrefix("=") {
      throw ValidationError("--var takes name=value, got '\(pair)'")
    }
  }

  var paths: Paths { Paths(environment: ProcessInfo.processInfo.environment) }

  /// A session wired to the terminal: output, questions, Ctrl-C.
  func makeSession(commandsOrScript: Bool) -> Session {
    let environment = ProcessInfo.processInfo.environment
    var defined: [String: String] = [:]
    for pair in variables {
      let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
      defined[String(parts[0])] = String(parts[1])
    }
    let configuration = Session.Configuration(
      user: user ?? environment["USER"] ?? ProcessInfo.processInfo.userName, defaultWorkspace: workspace ?? paths.defaultWorkspace,
      environment: environment, variables: defined)
    LineEditor.installInterruptHandler()
    // Paging is for a person at the prompt: never for -c, scripts or piped input.
    let pager = commandsOrScript ? nil : Pager(environment: environment, disabled: noPager || isatty(0) != 1)
    let session = Session(
      configuration: configuration, output: TerminalOutput(environment: environment, pager: pager),
      interaction: TerminalInteraction(pager: pager))
    session.isCancelled = { LineEditor.interruptPending }
    session.progress = TerminalProgress()
    return session
  }
}
