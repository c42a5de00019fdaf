import Foundation

/// Runs the built `fps` binary, as a user would, and captures what it did.
public struct FPSProcess {
  /// What one run printed and how it ended.
  public struct Result {
    /// The exit status.
    public let status: Int32
    /// Everything the run wrote to standard output.
    public let standardOutput: String
    /// Everything the run wrote to standard error.
    public let standardError: String
  }

  /// The `fps` built next to the test bundle (`swift build --build-tests` builds both).
  public static var executable: URL {
    if let override = ProcessInfo.processInfo.environment["FPS_BINARY"] { return URL(fileURLWithPath: override) }
    let productsDirectory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    let candidates = [productsDirectory, productsDirectory.deletingLastPathComponent()].map { $0.appendingPathComponent("fps") }
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[0]
  }

  /// A folder of the run's own, holding the XDG state and data folders and any files it writes.
  public let home: URL

  /// A runner with a new, empty `home`.
  public init() throws { home = try Fixtures.temporaryDirectory() }

  /// The environment of a run: XDG folders inside `home`, no colour.
  public var environment: [String: String] {
    var environment = ProcessInfo.processInfo.environment
    environment["XDG_STATE_HOME"] = home.appendingPathComponent("state").path
    environment["XDG_DATA_HOME"] = home.appendingPathComponent("data").path
    environment["XDG_CONFIG_HOME"] = home.appendingPathComponent("config").path
    environment["NO_COLOR"] = "1"
    // Terminal tests see long output as written; the pager has a test of its own.
    environment["PAGER"] = "cat"
    environment["USER"] = "tester"
    return environment
  }

  /// Runs fps with `arguments`; with `through`, runs `through + arguments` by `/usr/bin/env`
  /// instead (for wrappers such as `setpriv`, whose arguments then name the binary themselves).
  @discardableResult
  public func run(_ arguments: [String], input: String = "", in directory: URL? = nil, through wrapper: [String]? = nil) throws -> Result {
    let process = Process()
    if let wrapper {
      process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
      process.arguments = wrapper + arguments
    } else {
      process.executableURL = Self.executable
      process.arguments = arguments
    }
    process.environment = environment
    process.currentDirectoryURL = directory ?? home
    let stdin = Pipe()
    let stdout = Pipe()
    let stderr = Pipe()
    process.standardInput = stdin
    process.standardOutput = stdout
    process.standardError = stderr
    try process.run()
    stdin.fileHandleForWriting.write(Data(input.utf8))
    try stdin.fileHandleForWriting.close()
    let out = stdout.fileHandleForReading.readDataToEndOfFile()
    let err = stderr.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Result(
      status: process.terminationStatus, standardOutput: String(decoding: out, as: UTF8.self),
      standardError: String(decoding: err, as: UTF8.self))
  }

  /// Writes a script into `home` and returns its path.
  public func script(_ name: String, _ text: String) throws -> String {
    let path = home.appendingPathComponent(name).path
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }
}
