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

        fps                          the interactive shell
        fps migrate.fps              run a script (also: fps run migrate.fps)
        fps -c 'load a.json' -c 'show orders'
      """)

  @OptionGroup var options: SessionOptions

  @Option(name: .customShort("c"), help: ArgumentHelp("Run this command; repeatable, run in order.", valueName: "command"))
  var commands: [String] = []

  @Argument(help: ArgumentHelp("A .fps script to run instead of the interactive shell, optionally after the word `run`.", valueName: "script.fps"))
  var words: [String] = []

  /// The script named by `fps <script>` or `fps run <script>`.
  var script: String? { words.first == "run" ? words.dropFirst().first : words.first }

  func validate() throws {
    let count = words.first == "run" ? words.count - 1 : words.count
    if words == ["run"] { throw ValidationError("`run` needs a script: fps run <script.fps>") }
    if count > 1 { throw ValidationError("one script at a time; to run several, `source` them from one script") }
  }

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
