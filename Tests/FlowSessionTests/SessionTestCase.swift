import FlowSession
import FlowTestSupport
import Foundation

/// A session in a scratch folder with its output collected.
final class SessionHarness {
  let folder: URL
  let output = OutputBuffer()
  let session: Session

  init(variables: [String: String] = [:], environment: [String: String] = [:], user: String = "tester", in folder: URL? = nil) throws {
    self.folder = try folder ?? Fixtures.temporaryDirectory()
    var defined = variables
    defined["examples"] = Corpus.examples.path
    defined["dir"] = self.folder.path
    session = Session(
      configuration: Session.Configuration(user: user, environment: environment, variables: defined), output: output)
  }

  /// Runs lines in order; the first failure is thrown.
  func run(_ lines: String...) throws {
    for line in lines { try session.execute(line) }
  }

  /// The error a line fails with, as the user sees it.
  /// Why `line` failed, without the command's name in front (see `rendered`).
  func failure(_ line: String) -> String {
    do {
      try session.execute(line)
      return "(no error)"
    } catch {
      return error.message
    }
  }

  /// The failure of `line` as the user sees it: `command: message`.
  func rendered(_ line: String) -> String {
    do {
      try session.execute(line)
      return "(no error)"
    } catch {
      return error.description
    }
  }

  func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

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
      "connection add analytics-db --type jdbc")
  }
}
