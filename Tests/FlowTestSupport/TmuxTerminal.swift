import Foundation

/// A real terminal for the shell, through tmux: type with `send`, read the screen with `screen`.
/// Each instance has its own tmux server socket, so tests never touch a user's tmux.
public final class TmuxTerminal {
  public enum Failure: Error, CustomStringConvertible {
    case tmuxMissing
    case timeout(String, screen: String)
    public var description: String {
      switch self {
      case .tmuxMissing: "tmux is needed for the terminal tests: scripts/setup installs it"
      case .timeout(let text, let screen): "timed out waiting for \(text.debugDescription); the screen was:\n\(screen)"
      }
    }
  }

  private let socket = "flowport-test-\(UUID().uuidString.prefix(8))"
  private let name = "fps"

  /// Starts `command` (with `environment`) in an 100x30 terminal.
  public init(command: [String], environment: [String: String]) throws {
    guard FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux") else { throw Failure.tmuxMissing }
    let assignments = environment.map { "\($0.key)=\($0.value)" }
    try tmux(["new-session", "-d", "-s", name, "-x", "100", "-y", "30", "env"] + assignments + command)
  }

  deinit { _ = try? tmux(["kill-server"]) }

  /// Types keys (tmux key names such as `Tab`, `Enter`, `C-c`, `Up`, or literal text with `literal`).
  public func send(_ keys: String..., literal: Bool = false) throws {
    try tmux(["send-keys", "-t", name] + (literal ? ["-l"] : []) + keys)
  }

  /// The visible screen, trailing blank lines removed.
  public func screen() throws -> String {
    try tmux(["capture-pane", "-p", "-t", name]).replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
  }

  /// True while the program in the terminal is running.
  public var isRunning: Bool { (try? tmux(["has-session", "-t", name])) != nil }

  /// Waits until the screen satisfies `condition`, for at most `seconds`.
  @discardableResult
  public func wait(for description: String, seconds: Double = 10, _ condition: (String) -> Bool) throws -> String {
    let deadline = Date().addingTimeInterval(seconds)
    var last = ""
    while Date() < deadline {
      last = (try? screen()) ?? ""
      if condition(last) { return last }
      Thread.sleep(forTimeInterval: 0.05)
    }
    throw Failure.timeout(description, screen: last)
  }

  /// Waits until the screen contains `text`.
  @discardableResult
  public func wait(for text: String, seconds: Double = 10) throws -> String {
    try wait(for: text, seconds: seconds) { $0.contains(text) }
  }

  @discardableResult
  private func tmux(_ arguments: [String]) throws -> String {
    // The tmux server that `new-session` starts would inherit every open descriptor, among them
    // Foundation's pipe that watches for the child's exit, and `waitUntilExit` would never
    // return; so bash closes all but 0-2 before it becomes tmux. Output goes to a file for the
    // same reason.
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/bash")
    let closeInherited = #"for fd in /proc/$$/fd/*; do fd=${fd##*/}; [ "$fd" -gt 2 ] && eval "exec $fd>&-"; done; exec /usr/bin/tmux "$@""#
    process.arguments = ["-c", closeInherited, "tmux", "-L", socket, "-f", "/dev/null"] + arguments
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("\(socket)-\(UUID().uuidString).out")
    _ = FileManager.default.createFile(atPath: file.path, contents: nil)
    defer { try? FileManager.default.removeItem(at: file) }
    let handle = try FileHandle(forWritingTo: file)
    process.standardOutput = handle
    process.standardError = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    try handle.close()
    guard process.terminationStatus == 0 else { throw CocoaError(.executableLoad) }
    return try String(contentsOf: file, encoding: .utf8)
  }
}
