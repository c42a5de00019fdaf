import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A real terminal for the shell, through tmux: type with `send` or `enter`, read with `screen`
/// or `output(since:)`. Each terminal has its own tmux server socket, so tests never touch a
/// user's tmux, and `TmuxTerminal.with` ends it (server and program) however the test ends.
public final class TmuxTerminal {
  /// Why the terminal could not be driven, with what to do or what the screen showed.
  public enum Failure: Error, CustomStringConvertible {
    case tmuxMissing
    case tmuxFailed([String], status: Int32)
    case timeout(String, screen: String)
    /// The message a failing test shows.
    public var description: String {
      switch self {
      case .tmuxMissing: "tmux is needed for the terminal tests: scripts/setup installs it"
      case .tmuxFailed(let arguments, let status): "tmux \(arguments.joined(separator: " ")) exited with status \(status)"
      case .timeout(let text, let screen): "timed out waiting for \(text.debugDescription); the screen was:\n\(screen)"
      }
    }
  }

  /// A place in the terminal's output: the lines after it are what came since.
  public struct Mark: Sendable {
    let lines: Int
    /// The start of the terminal: everything it showed.
    public static let start = Mark(lines: 0)
  }

  private let socket = "flowport-test-\(UUID().uuidString.prefix(8))"
  private let name = "fps"
  /// The tmux server and the program in the pane, to kill should tmux not end them.
  private var processes: [RunningProcess] = []
  /// The program `with` started, the process in the pane.
  private var program: RunningProcess?
  private var socketPath: String?

  /// The terminal's width in columns, unless a test asks for another.
  public static let width = 100

  /// Runs `body` with `command` (and `environment`) started in a terminal `width` columns wide
  /// and 30 lines high, then ends the terminal, also when `body` throws: the server is told to
  /// quit, and the server and the program it started are killed if they are still there.
  public static func with<Result>(
    command: [String], environment: [String: String], width: Int = width, _ body: (TmuxTerminal) throws -> Result
  ) throws -> Result {
    let terminal = TmuxTerminal()
    defer { terminal.end() }
    try terminal.start(command: command, environment: environment, width: width)
    return try body(terminal)
  }

  private init() {}

  private func start(command: [String], environment: [String: String], width: Int) throws {
    guard FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux") else { throw Failure.tmuxMissing }
    let assignments = environment.map { "\($0.key)=\($0.value)" }
    // A long history: a bulk command's thousands of lines stay readable by `output(since:)`.
    try tmux(
      [
        "start-server", ";", "set-option", "-g", "history-limit", "50000", ";", "new-session", "-d", "-s", name, "-x", "\(width)",
        "-y", "30", "env",
      ]
        + assignments + command)
    let fields = try tmux(["display-message", "-p", "-t", name, "#{pid} #{pane_pid} #{socket_path}"])
      .trimmingCharacters(in: .whitespacesAndNewlines).split(separator: " ", maxSplits: 2).map(String.init)
    guard fields.count == 3 else { return }
    processes = fields[0..<2].compactMap { Int32($0) }.compactMap(RunningProcess.init)
    program = Int32(fields[1]).flatMap(RunningProcess.init)
    socketPath = fields[2]
  }

  /// The process id of the program the terminal started, or nil when tmux did not report it.
  public var programID: Int32? { program?.id }

  /// True while the program the terminal started runs; one that ended is not running, even
  /// before its parent has reaped it.
  public var programIsRunning: Bool { program?.isRunning ?? false }

  /// Sends `signal` to the program the terminal started, as `kill -<signal> <pid>` does; nothing
  /// when that program has ended.
  public func signalProgram(_ signal: Int32) {
    program?.send(signal)
  }

  /// Closes the terminal as closing its window does: the tmux server quits, and the program in
  /// the pane loses its terminal and gets SIGHUP. `end` still cleans up what is left.
  public func close() throws {
    try tmux(["kill-server"])
  }

  /// Ends the terminal: asks the server to quit, then kills what is left of it and of the
  /// program it started (a program that ignores the hangup outlives the server), and removes
  /// the socket. Safe to call more than once.
  public func end() {
    _ = try? tmux(["kill-server"])
    for process in processes { process.kill() }
    processes = []
    if let socketPath { try? FileManager.default.removeItem(atPath: socketPath) }
    socketPath = nil
  }

  /// Types keys (tmux key names such as `Tab`, `Enter`, `C-c`, `Up`, or literal text with `literal`).
  public func send(_ keys: String..., literal: Bool = false) throws {
    try tmux(["send-keys", "-t", name] + (literal ? ["-l"] : []) + keys)
  }

  /// Types `line` and Enter; the mark returned is where the line's output starts.
  @discardableResult
  public func enter(_ line: String) throws -> Mark {
    let start = try mark()
    try send(line, literal: true)
    try send("Enter")
    return start
  }

  /// The current end of the output: the line the cursor is on, and what comes after it, is
  /// `output(since:)` this mark.
  public func mark() throws -> Mark {
    Mark(lines: max(try lines().count, 1))
  }

  /// The lines written since `mark`, after the line that was current then (the prompt line the
  /// command was typed on), scrolled-off lines included.
  public func output(since mark: Mark) throws -> String {
    try lines().dropFirst(mark.lines).joined(separator: "\n")
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
    try poll(description, seconds: seconds, read: { try self.screen() }, condition)
  }

  /// Waits until the screen contains `text`.
  @discardableResult
  public func wait(for text: String, seconds: Double = 10) throws -> String {
    try wait(for: text, seconds: seconds) { $0.contains(text) }
  }

  /// Waits until the output since `mark` contains `text` (so an earlier command's output never
  /// satisfies it), and returns that output.
  @discardableResult
  public func wait(for text: String, since mark: Mark, seconds: Double = 10) throws -> String {
    try poll(text, seconds: seconds, read: { try self.output(since: mark) }) { $0.contains(text) }
  }

  private func poll(_ description: String, seconds: Double, read: () throws -> String, _ condition: (String) -> Bool) throws -> String {
    let deadline = Date().addingTimeInterval(seconds)
    var last = ""
    while Date() < deadline {
      last = (try? read()) ?? last
      if condition(last) { return last }
      Thread.sleep(forTimeInterval: 0.05)
    }
    throw Failure.timeout(description, screen: (try? screen()) ?? last)
  }

  /// Every line of the pane, the scrolled-off history first, wrapped lines joined, trailing
  /// blanks removed.
  private func lines() throws -> [String] {
    var lines = try tmux(["capture-pane", "-p", "-J", "-S", "-", "-t", name]).components(separatedBy: "\n")
      .map { $0.replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression) }
    while lines.last?.isEmpty == true { lines.removeLast() }
    return lines
  }

  @discardableResult
  private func tmux(_ arguments: [String]) throws -> String {
    // The tmux server that `new-session` starts would inherit every open descriptor, among them
    // Foundation's pipe that watches for a child's exit, and a `waitUntilExit` would never
    // return; so bash closes all but 0-2 before it becomes tmux. Output goes to a file for the
    // same reason.
    let closeInherited = #"for fd in /proc/$$/fd/*; do fd=${fd##*/}; [ "$fd" -gt 2 ] && eval "exec $fd>&-"; done; exec /usr/bin/tmux "$@""#
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("\(socket)-\(UUID().uuidString).out")
    defer { try? FileManager.default.removeItem(at: file) }
    let status = try Self.spawnUnblocked(
      ["/bin/bash", "-c", closeInherited, "tmux", "-L", socket, "-f", "/dev/null"] + arguments, output: file.path)
    guard status == 0 else { throw Failure.tmuxFailed(arguments, status: status) }
    return try String(contentsOf: file, encoding: .utf8)
  }

  /// Runs `arguments` (a path first) with output into the file at `output`, and returns its exit
  /// status. It starts with no signal blocked and the ending signals at their default action,
  /// as it would from a person's shell: a tmux server inheriting the test runner's blocked
  /// signals never reaps the program that ended in its pane (SIGCHLD) and ignores `kill-server`
  /// (SIGTERM).
  private static func spawnUnblocked(_ arguments: [String], output: String) throws -> Int32 {
    #if canImport(Glibc)
      var attributes = posix_spawnattr_t()
      var actions = posix_spawn_file_actions_t()
    #else
      var attributes: posix_spawnattr_t? = nil
      var actions: posix_spawn_file_actions_t? = nil
    #endif
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    var none = sigset_t()
    sigemptyset(&none)
    posix_spawnattr_setsigmask(&attributes, &none)
    var ending = sigset_t()
    sigemptyset(&ending)
    for signal in [SIGHUP, SIGINT, SIGTERM, SIGPIPE, SIGCHLD] { sigaddset(&ending, signal) }
    posix_spawnattr_setsigdefault(&attributes, &ending)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)

    let argv = arguments.map { strdup($0) } + [nil]
    let envp = ProcessInfo.processInfo.environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer { for pointer in argv + envp { free(pointer) } }
    var id: pid_t = 0
    let spawned = posix_spawn(&id, arguments[0], &actions, &attributes, argv, envp)
    guard spawned == 0 else { throw Failure.tmuxFailed(arguments, status: -spawned) }
    var status: Int32 = 0
    while waitpid(id, &status, 0) == -1 {
      guard errno == EINTR else { throw Failure.tmuxFailed(arguments, status: -errno) }
    }
    // WIFEXITED and WEXITSTATUS, which Swift does not import: a signal's end is reported as 128+n.
    return status & 0x7f == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
  }
}

/// A process known by its id and, on Linux, its start time, so that killing it later never hits
/// another process that was given the same id.
struct RunningProcess {
  let id: Int32
  let startTime: String?

  init?(_ id: Int32) {
    guard id > 1 else { return nil }
    self.id = id
    self.startTime = Self.startTime(of: id)
  }

  /// Kills the process with SIGKILL (which cannot be blocked) if it is still the same process.
  func kill() {
    send(SIGKILL)
  }

  /// Sends `signal` to the process if it is still the same process.
  func send(_ signal: Int32) {
    guard Self.startTime(of: id) == startTime else { return }
    #if canImport(Glibc)
      _ = Glibc.kill(id, signal)
    #else
      _ = Darwin.kill(id, signal)
    #endif
  }

  /// True while the process runs: it is still the same process and it is not a zombie (ended,
  /// waiting for its parent to reap it). Without /proc, true while the id is taken.
  var isRunning: Bool {
    guard let fields = Self.statFields(of: id) else {
      #if canImport(Glibc)
        return startTime == nil && Glibc.kill(id, 0) == 0
      #else
        return startTime == nil && Darwin.kill(id, 0) == 0
      #endif
    }
    return fields.count > 19 && String(fields[19]) == startTime && fields[0] != "Z" && fields[0] != "X"
  }

  /// Field 22 of `/proc/<id>/stat`, the start time in clock ticks; nil where there is no /proc.
  private static func startTime(of id: Int32) -> String? {
    guard let fields = statFields(of: id), fields.count > 19 else { return nil }
    return String(fields[19])
  }

  /// The fields of `/proc/<id>/stat` after the command name, from the state (field 3) on; nil
  /// where there is no such file.
  private static func statFields(of id: Int32) -> [Substring]? {
    guard let stat = try? String(contentsOfFile: "/proc/\(id)/stat", encoding: .utf8),
      let end = stat.lastIndex(of: ")")
    else { return nil }
    return stat[stat.index(after: end)...].split(separator: " ")
  }
}
