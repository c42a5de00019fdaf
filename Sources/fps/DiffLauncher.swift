import ArgumentParser
import FlowSession
import Foundation
import LineEditor

/// `fps diff A B` from a system shell: the shell's `diff` command, with diff(1)'s exit status
/// (0 equal, 1 different, 2 trouble), so scripts and CI can branch on it.
///
/// Git calls an external diff driver with seven arguments (`path old-file old-hex old-mode
/// new-file new-hex new-mode`), nine for a renamed file (`new-path` and git's rename header
/// after them), and one, the path, for a file with merge conflicts. Given those, it compares
/// the two files under the repository paths git names (`a/flows/orders.json`, never git's
/// temporary files), shows a new or deleted flow as everything it has, falls back to a plain
/// `diff -u` when neither file is a flow (a `package.json` under `*.json diff=flowport`),
/// and exits 0 on a difference, since git stops at a driver that fails.
enum DiffLauncher {
  static func run(_ arguments: [String], in session: Session) throws {
    // The process ends after this one diff: its documents need not be freed, and Ctrl-C ends
    // it at once, with 130 as a script does. Asked only where it read a pipe, Ctrl-C was lost
    // while a large diff ran on to print everything, and said with the status of trouble (2).
    BackgroundRelease.holdUntilExit()
    LineEditor.endOnInterrupt(saying: (isatty(2) == 1 ? "\r\u{1B}[K" : "") + "fps: diff: \(SessionError.cancelled)\n")
    let positionals = arguments.filter { !$0.hasPrefix("-") }
    let count = positionals.count
    if count == 7 || count == 9, positionals == Array(arguments.prefix(count)) {
      return try gitDriver(
        path: positionals[0], newPath: count == 9 ? positionals[7] : positionals[0], old: positionals[1], new: positionals[4],
        options: Array(arguments.dropFirst(count)), in: session)
    }
    if count == 1, ProcessEnvironment.current["GIT_DIFF_PATH_TOTAL"] != nil {
      // Git's call for a path with merge conflicts: there is no pair to compare.
      session.output.line("* Unmerged path \(positionals[0])")
      exit(0)
    }
    let line = (["diff"] + arguments).map(quoted).joined(separator: " ")
    try Launcher.exit(on: session, status: 2) { try session.execute(line) }
    // Leave at once: freeing two large parsed documents one value at a time costs more than
    // the diff's own output, and the process is ending anyway.
    exit(session.lastDiffDiffered == true ? 1 : 0)
  }

  private static func gitDriver(path: String, newPath: String, old: String, new: String, options: [String], in session: Session) throws {
    var labels = [old == "/dev/null" ? old : "a/\(path)", new == "/dev/null" ? new : "b/\(newPath)"]
    // `/dev/null` (a new or deleted file) is a flow only beside one: a new package.json is text.
    let kinds = [old, new].map(DiffFileKind.init(atPath:))
    let flows = kinds.map { $0 == .flow }
    guard flows.contains(true) else {
      let hidden = zip(labels, kinds).compactMap { label, kind -> (label: String, reason: String)? in
        guard case .hidden(let reason) = kind else { return nil }
        return (label, reason)
      }
      guard hidden.isEmpty else { notShown(hidden, labels: labels, in: session) }
      return try plainDiff(old, new, labels: labels, in: session)
    }
    // A flow against a file that is not one (JSON that became a flow, or stopped being one) is
    // shown as a new or deleted flow: a text diff would print the flow's secrets in clear.
    let sides = zip([old, new], flows).map { file, isFlow in isFlow ? file : "/dev/null" }
    for (index, file) in [old, new].enumerated() where !flows[index] && file != "/dev/null" { labels[index] += " (not a flow)" }
    let words = ["diff", sides[0], sides[1], "--label", labels[0], "--label", labels[1]] + options
    try Launcher.exit(on: session, status: 2) { try session.execute(words.map(quoted).joined(separator: " ")) }
    exit(0)
  }

  /// `diff -u` of two files that are not flows, under git's labels, secret-looking values
  /// redacted (`Session.plainDiff`); that they differ is no trouble for git.
  private static func plainDiff(_ old: String, _ new: String, labels: [String], in session: Session) throws {
    do {
      if let text = try Session.plainDiff(old, labelled: labels[0], new, labelled: labels[1]) { session.output.write(text) }
    } catch {
      session.output.writeError("fps: \(error)\n")
      throw ExitCode(2)
    }
    exit(0)
  }

  /// In place of a plain diff, when a side must not be shown as text (`DiffFileKind.hidden`):
  /// why, and how to see its lines.
  private static func notShown(_ hidden: [(label: String, reason: String)], labels: [String], in session: Session) -> Never {
    session.output.line("--- \(labels[0])\n+++ \(labels[1])")
    for (label, reason) in hidden {
      session.output.line("fps: \(label): \(reason); its lines are not shown, as its secrets would be")
    }
    session.output.line("(git diff --no-ext-diff shows them as text)")
    exit(0)
  }

  /// Single-quotes a word for the session's tokenizer, so paths with spaces or `$` pass whole.
  private static func quoted(_ word: String) -> String {
    "'" + word.replacing("'", with: "'\\''") + "'"
  }
}
