import FlowSession
import Foundation
import LineEditor

/// A progress bar on standard error, drawn only when standard error is a terminal and the work
/// has run for a second (a quick load stays quiet), redrawn at most ten times a second.
/// `@unchecked Sendable`: fps runs its commands on one thread; the store calls back on it too.
final class TerminalProgress: ProgressDisplay, @unchecked Sendable {
  private var started: Date?
  private var lastDrawn: Date?
  private var task = ""
  /// True while the bar is on its row, the cursor at its end.
  private var onScreen = false

  /// A bar for the terminal, or nil when standard error is not one.
  init?() {
    guard isatty(2) == 1 else { return nil }
  }

  func show(_ task: String, done: Int, total: Int) {
    let now = Date()
    if task != self.task || started == nil {
      self.task = task
      started = now
    }
    guard let started, now.timeIntervalSince(started) >= 1, total > 0 else { return }
    if let lastDrawn, now.timeIntervalSince(lastDrawn) < 0.1, done < total { return }
    lastDrawn = now
    let counts = "\(task) \(done)/\(total) "
    let width = max(10, min(40, LineEditor.terminalColumns - counts.count - 8))
    let filled = width * min(done, total) / total
    let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
    FileHandle.standardError.write(Data("\r\u{1B}[K\(counts)[\(bar)] \(100 * min(done, total) / total)%".utf8))
    onScreen = true
  }

  /// Takes the bar off its row, so that a line written now starts the row (`TerminalOutput`
  /// asks before each write); the next `show` draws it again.
  func takeAway() {
    guard onScreen else { return }
    FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    onScreen = false
  }

  func finish() {
    takeAway()
    started = nil
    lastDrawn = nil
    task = ""
  }
}
