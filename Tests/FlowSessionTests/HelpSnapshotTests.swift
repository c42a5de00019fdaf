import FlowSession
import FlowTestSupport
import SnapshotTesting
import Testing

/// Every command's help, and the overview, as snapshot files: a change to what users read is
/// seen in review. Re-record with `SNAPSHOT_TESTING_RECORD=all scripts/test`.
@Suite(.temporaryFolders) struct HelpSnapshotTests {
  @Test(arguments: CommandRegistry.names)
  func helpOf(command: String) throws {
    let harness = try SessionHarness()
    assertSnapshot(of: try harness.output(of: "help \(command)").standardOutput, as: .lines, named: command)
  }

  @Test func overview() throws {
    let harness = try SessionHarness()
    assertSnapshot(of: try harness.output(of: "help").standardOutput, as: .lines)
  }
}
