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
  /// (argument-parser's own default would be 64).
  static func main() {
    do {
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

  /// The script named by `fps <script>` or `fps run <script>`.
  var script: String? { words.first == "run" ? words.dropFirst().first : words.first }

  func validate() throws {
    // Swift reads arguments with U+FFFD for bytes that are not UTF-8; a name must not change so.
    let arguments = (1..<Int(CommandLine.argc)).map { CommandLine.unsafeArgv[$0] }
    if let index = arguments.firstIndex(where: { pointer in pointer.flatMap { String(validatingCString: $0) } == nil }) {
      throw ValidationError("argument \(index + 1) is not valid UTF-8 (a lone surrogate, or text in another encoding)")
    }
    if words.first == "diff" { return }
    if let option = words.first(where: { $0.hasPrefix("-") && $0.count > 1 }) {
      throw ValidationError("unknown option '\(option)'")
    }
    let count = words.first == "run" ? words.count - 1 : words.count
    if words == ["run"] { throw ValidationError("`run` needs a script: fps run <script.fps>") }
    if count > 1 { throw ValidationError("one script at a time; to run several, `source` them from one script") }
  }

  func run() throws {
    let session = options.makeSession(commandsOrScript: !commands.isEmpty || !words.isEmpty)
    if words.first == "diff" { return try DiffLauncher.run(Array(words.dropFirst()), in: session) }
    if !commands.isEmpty {
      // Like a script: stops at the first failure unless `set on-error continue` came first.
      try Launcher.exit(on: session) { try session.runScript(lines: commands.map { Array($0.utf8) }, source: "-c") }
      if script == nil || session.quitRequested { return }
    }
    if let script {
      if options.restore { session.restoreAbandoned(keptIn: options.paths.sessionsFolder, asking: false) }
      return try Launcher.exit(on: session) { try session.runScript(at: script) }
    }
    try Shell(session: session, paths: options.paths, restore: options.restore).run()
  }
}
