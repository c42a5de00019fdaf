import ArgumentParser
import FlowSession
import Foundation
import LineEditor

/// `fps`: the FlowPort shell. With no arguments it opens the interactive shell; with a script
/// it runs it; with `-c` it runs the given commands in order, like psql.
@main
struct FPS: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "fps",
    abstract: "FlowPort: move automation flows between environments.",
    discussion: """
      Commands (load, match, diff, commit, export, ...) run the same at the prompt, in .fps
      scripts and with -c; type `help` in the shell for the list. Exit status: 0 on success,
      1 when a command failed, 2 for a usage error.
      """,
    subcommands: [Run.self])

  @OptionGroup var options: SessionOptions

  @Option(name: .customShort("c"), help: ArgumentHelp("Run this command; repeatable, run in order.", valueName: "command"))
  var commands: [String] = []

  @Argument(help: ArgumentHelp("A .fps script to run instead of the interactive shell.", valueName: "script.fps"))
  var script: String?

  func run() throws {
    let session = options.makeSession()
    if !commands.isEmpty {
      for (index, command) in commands.enumerated() {
        try Launcher.exit(on: session) { try session.execute(command, source: "-c", number: index + 1) }
        if session.quitRequested { break }
      }
      if script == nil { return }
    }
    if let script { return try Launcher.exit(on: session) { try session.runScript(at: script) } }
    try Shell(session: session, history: options.paths.historyFile).run()
  }
}

/// `fps run <script.fps>`: the explicit form of `fps <script.fps>`.
struct Run: ParsableCommand {
  static let configuration = CommandConfiguration(abstract: "Run a .fps script; stops at the first failing command.")

  @OptionGroup var options: SessionOptions

  @Argument(help: ArgumentHelp("The script to run.", valueName: "script.fps"))
  var script: String

  func run() throws {
    let session = options.makeSession()
    try Launcher.exit(on: session) { try session.runScript(at: script) }
  }
}
