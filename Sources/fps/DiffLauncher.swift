import ArgumentParser
import FlowSession
import Foundation

/// `fps diff A B` from a system shell: the shell's `diff` command, with diff(1)'s exit status
/// (0 equal, 1 different, 2 trouble), so scripts and CI can branch on it.
///
/// Git calls an external diff driver with seven arguments (`path old-file old-hex old-mode
/// new-file new-hex new-mode`); given those, it compares the two files, and exits 0 on a
/// difference, since git stops at a driver that fails.
enum DiffLauncher {
  static func run(_ arguments: [String], in session: Session) throws {
    let positionals = arguments.filter { !$0.hasPrefix("-") }
    if positionals.count == 7, positionals == Array(arguments.prefix(7)) {
      return try gitDriver(
        path: positionals[0], old: positionals[1], new: positionals[4], options: Array(arguments.dropFirst(7)), in: session)
    }
    let line = (["diff"] + arguments).map(quoted).joined(separator: " ")
    try Launcher.exit(on: session, status: 2) { try session.execute(line) }
    // Leave at once: freeing two large parsed documents one value at a time costs more than
    // the diff's own output, and the process is ending anyway.
    exit(session.lastDiffDiffered == true ? 1 : 0)
  }

  private static func gitDriver(path: String, old: String, new: String, options: [String], in session: Session) throws {
    if old == "/dev/null" || new == "/dev/null" {
      return session.output.write("\(path): \(old == "/dev/null" ? "new file" : "deleted")\n")
    }
    try Launcher.exit(on: session, status: 2) { try session.execute((["diff", old, new] + options).map(quoted).joined(separator: " ")) }
  }

  /// Single-quotes a word for the session's tokenizer, so paths with spaces or `$` pass whole.
  private static func quoted(_ word: String) -> String {
    "'" + word.replacing("'", with: "'\\''") + "'"
  }
}
