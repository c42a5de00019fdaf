import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// An `fps` run that a test acts on while it runs: waits for its output, sends it a signal, then
/// collects how it ended. Made by `FPSProcess.running`, which kills it if the test leaves first.
public final class RunningFPS {
  /// Why the run did not do what the test waited for, with what it had printed.
  public struct Failure: Error, CustomStringConvertible {
    let waitedFor: String
    let output: String
    /// The message a failing test shows.
    public var description: String { "timed out waiting for \(waitedFor); fps had printed:\n\(output)" }
  }

  private let process = Process()
  private let standardOutput: URL
  private let standardError: URL

  fileprivate init(_ fps: FPSProcess, arguments: [String], in directory: URL?) throws {
    let name = "run-\(UUID().uuidString.prefix(8))"
    standardOutput = fps.home.appendingPathComponent("\(name).out")
    standardError = fps.home.appendingPathComponent("\(name).err")
    // Files, not pipes: output is read while the run goes on, and nothing waits on a full pipe.
    for file in [standardOutput, standardError] { _ = FileManager.default.createFile(atPath: file.path, contents: nil) }
    process.executableURL = FPSProcess.executable
    process.arguments = arguments
    process.environment = fps.environment
    process.currentDirectoryURL = directory ?? fps.home
    process.standardInput = FileHandle.nullDevice
    process.standardOutput = try FileHandle(forWritingTo: standardOutput)
    process.standardError = try FileHandle(forWritingTo: standardError)
    try process.run()
  }

  /// What the run has written to standard output so far.
  public var output: String { (try? String(contentsOf: standardOutput, encoding: .utf8)) ?? "" }

  /// What the run has written to standard error so far.
  public var errorOutput: String { (try? String(contentsOf: standardError, encoding: .utf8)) ?? "" }

  /// Waits until standard output contains `text`, for at most `seconds`.
  public func wait(forOutput text: String, seconds: Double = 10) throws {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
      if output.contains(text) { return }
      Thread.sleep(forTimeInterval: 0.01)
    }
    throw Failure(waitedFor: text.debugDescription, output: output + errorOutput)
  }

  /// Sends `signal` to the run, as `kill -<signal> <pid>` does.
  public func send(_ signal: Int32) {
    guard process.isRunning else { return }
    #if canImport(Glibc)
      _ = Glibc.kill(process.processIdentifier, signal)
    #else
      _ = Darwin.kill(process.processIdentifier, signal)
    #endif
  }

  /// Waits, for at most `seconds`, until the run ends, and returns what it printed and how it
  /// ended.
  public func finish(seconds: Double = 10) throws -> FPSProcess.Result {
    let deadline = Date().addingTimeInterval(seconds)
    while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
    guard !process.isRunning else { throw Failure(waitedFor: "fps to end", output: output + errorOutput) }
    process.waitUntilExit()
    return FPSProcess.Result(status: process.terminationStatus, standardOutput: output, standardError: errorOutput)
  }

  /// Kills the run if it still runs, and waits for it.
  fileprivate func end() {
    send(SIGKILL)
    process.waitUntilExit()
  }
}

extension FPSProcess {
  /// Runs `body` with fps started with `arguments` (standard input empty), then kills fps if it
  /// still runs, also when `body` throws.
  public func running<Result>(_ arguments: [String], in directory: URL? = nil, _ body: (RunningFPS) throws -> Result) throws -> Result {
    let run = try RunningFPS(self, arguments: arguments, in: directory)
    defer { run.end() }
    return try body(run)
  }
}
