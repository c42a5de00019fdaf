import ArgumentParser
import FlowSession
import Foundation
import LineEditor

/// `fps`: the FlowPort shell. With no arguments it opens the interactive shell; with a script
/// it runs it; with `-c` it runs the given commands in order, like psql.
@main
struct FPS: ParsableCommand {
  /// The version `fps --version` prints.
  static let version = "0.3.0"

  static let configuration = CommandConfiguration(
    commandName: "fps",
    abstract: "FlowPort: move automation flows between environments.",
    usage: "fps [<options>] [<script.fps> | -c <command>... | diff <a> <b>]",
    discussion: """
      Commands (load, match, diff, commit, export, ...) run the same at the prompt, in .fps scripts and with -c; type `help` in the shell for the list. Exit status: 0 on success, 1 when a command failed, 2 for a usage error, 130 when interrupted.

        fps                        the interactive shell
        fps migrate.fps            run a script (also: fps run migrate.fps)
        fps -c 'load a.json' -c 'show orders'
        fps diff a.json b.json     exit 0 equal, 1 different, 2 trouble
        fps --restore              bring back a session a closed terminal left
      """,
    version: version)

  @OptionGroup var options: SessionOptions

  /// Runs the command; a malformed command line exits 2, like a usage error inside a script
  /// (argument-parser's own default would be 64). The lines people type most skip
  /// argument-parser's start-up cost (`Launch(commonArguments:)`).
  static func main() {
    do {
      if let launch = Launch(commonArguments: Array(CommandLine.arguments.dropFirst())), (try? launch.validate()) != nil {
        return try launch.run()
      }
      var command = try parseAsRoot()
      try command.run()
    } catch {
      guard exitCode(for: error) == .validationFailure else { exit(withError: error) }
      FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
      exit(withError: ExitCode(2))
    }
  }

  @Option(name: .customShort("c"), help: ArgumentHelp("Run this command; repeatable, run in order.", valueName: "command"))
  var commands: [String] = []

  @Argument(
    parsing: .allUnrecognized,
    help: ArgumentHelp(
      "A .fps script to run instead of the interactive shell (optionally after `run`), or `diff <a> <b> [diff options]`.",
      valueName: "script.fps"))
  var words: [String] = []

  /// The same request, as plain values.
  var launch: Launch {
    Launch(
      commands: commands, words: words, variables: options.variables, workspace: options.workspace, user: options.user,
      restore: options.restore, noPager: options.noPager)
  }

  func validate() throws { try launch.validate() }

  func run() throws { try launch.run() }
}
