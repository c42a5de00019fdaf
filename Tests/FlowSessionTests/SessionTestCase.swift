import FlowSession
import FlowTestSupport
import Foundation

/// What one command (or one script) printed, and nothing that came before it.
struct Printed: Equatable {
  var standardOutput = ""
  var standardError = ""
}

/// A session in a scratch folder. Setup runs through `run`, whose output is not kept; the
/// command under test runs through `output(of:)`, which returns only what that command printed,
/// so a check can never pass on an earlier command's output.
final class SessionHarness {
  let folder: URL
  private let buffer = OutputBuffer()
  let session: Session

  init(variables: [String: String] = [:], environment: [String: String] = [:], user: String = "tester", in folder: URL? = nil) throws {
    self.folder = try folder ?? Fixtures.temporaryDirectory()
    var defined = variables
    defined["examples"] = Corpus.examples.path
    defined["dir"] = self.folder.path
    var environment = environment
    // The workspace key file lives in the test's folder, never in the real home.
    if environment["FLOWPORT_KEY"] == nil, environment["XDG_CONFIG_HOME"] == nil {
      environment["XDG_CONFIG_HOME"] = self.folder.appendingPathComponent("config").path
    }
    session = Session(
      configuration: Session.Configuration(user: user, environment: environment, variables: defined), output: buffer)
  }

  /// Runs setup lines in order; the first failure is thrown. What they print is not returned.
  func run(_ lines: String...) throws {
    for line in lines { try session.execute(line) }
  }

  /// Runs the command under test and returns what it printed, and only that.
  func output(of line: String) throws -> Printed {
    let (printed, error) = capture { try session.execute(line) }
    if let error { throw error }
    return printed
  }

  /// Runs the script at `path` and returns what it printed, with the error it ended with.
  func output(ofScript path: String) -> (printed: Printed, error: (any Error)?) {
    capture { try session.runScript(at: path) }
  }

  /// Why `line` failed, without the command's name in front (see `rendered`); "(no error)" when
  /// it did not fail.
  func failure(_ line: String) -> String {
    failing(line)?.message ?? "(no error)"
  }

  /// The failure of `line` as the user sees it: `command: message`.
  func rendered(_ line: String) -> String {
    failing(line)?.description ?? "(no error)"
  }

  private func failing(_ line: String) -> CommandFailure? {
    do {
      try session.execute(line)
      return nil
    } catch {
      return error
    }
  }

  func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

  /// The terminal width the session's per-flow lines fit; nil, as for a pipe, unless set.
  var lineWidth: Int? {
    get { buffer.lineWidth }
    set { buffer.lineWidth = newValue }
  }

  /// prod, with its connections, and orders v1 staged into it.
  func stageOrders() throws {
    try prepareProd()
    try run("load ${examples}/orders-v1.json into prod")
  }

  /// prod holding orders v1, committed.
  func commitOrders() throws {
    try stageOrders()
    try commitStaged()
  }

  /// Binds what the examples need and commits whatever is staged.
  func commitStaged() throws {
    try run("match --auto", "match finance-db-test finance-db-prod", "commit --yes")
  }

  /// A workspace with the connections the examples need.
  func prepareProd() throws {
    try run(
      "workspace new ${dir}/prod.fpsw as prod",
      "connection add kafka-prod --type kafka --prop bootstrap=b:9092 --secret password=pw",
      "connection add finance-db-prod --type jdbc",
      "connection add analytics-db --type jdbc", "commit --yes")
  }

  /// Runs `body` and returns what it appended to the output, with the error it threw, if any.
  func capture(_ body: () throws -> Void) -> (Printed, (any Error)?) {
    let outputStart = buffer.standardOutput.utf8.count
    let errorStart = buffer.standardError.utf8.count
    var thrown: (any Error)?
    do { try body() } catch { thrown = error }
    let printed = Printed(
      standardOutput: String(decoding: buffer.standardOutput.utf8.dropFirst(outputStart), as: UTF8.self),
      standardError: String(decoding: buffer.standardError.utf8.dropFirst(errorStart), as: UTF8.self))
    return (printed, thrown)
  }
}
