import FlowFormats
import FlowModel
import FlowTestSupport
import Foundation
import Testing

@testable import FlowSession

/// A foreign flow loaded into a workspace is staged as its document's text and an outline;
/// everything that looks inside it reads it whole, a change makes it whole, and the flow a
/// commit stores from the text is the flow the pending import showed.
@Suite(.temporaryFolders) struct OutlinedImportTests {
  func stagedLeads() throws -> SessionHarness {
    let harness = try SessionHarness()
    try DialectCommandTests.n8n.write(toFile: harness.path("leads.json"), atomically: true, encoding: .utf8)
    try harness.run(
      "workspace new ${dir}/prod.fpsw as prod", "connection add sheets-prod --type googleSheetsOAuth2Api",
      "connection add slack-prod --type slackApi", "commit --yes", "load ${dir}/leads.json into prod", "match --auto")
    return harness
  }

  static func isOutlined(_ pending: PendingImport) -> Bool {
    if case .outlined = pending.staged { true } else { false }
  }

  @Test func aStagedFlowIsHeldAsTextAndCommittedAsTheImportShowedIt() throws {
    let harness = try stagedLeads()
    #expect(harness.session.imports.count == 1 && Self.isOutlined(harness.session.imports[0]))
    // A node's configuration is in the document only: shown, it was read whole.
    let shown = try harness.output(of: "show Leads --json").standardOutput
    #expect(shown.contains("https://api.example.com/leads"))
    try harness.run("export Leads to ${dir}/pending.json")
    #expect(try harness.output(of: "status").standardOutput.contains("Leads"))
    #expect(Self.isOutlined(harness.session.imports[0]), "reading it whole leaves it held as text")
    try harness.run("commit --yes", "export prod:Leads to ${dir}/committed.json")
    #expect(
      try Data(contentsOf: URL(fileURLWithPath: harness.path("committed.json")))
        == Data(contentsOf: URL(fileURLWithPath: harness.path("pending.json"))))
    #expect(try harness.output(of: "show prod:Leads").standardOutput.contains("Fetch leads"))
  }

  @Test func aRenameMakesTheImportWholeAndIsKept() throws {
    let harness = try stagedLeads()
    try harness.run("rename Leads 'Fetch leads' 'Get leads'")
    #expect(!Self.isOutlined(harness.session.imports[0]))
    try harness.run("commit --yes")
    #expect(try harness.output(of: "show prod:Leads").standardOutput.contains("Get leads"))
  }

  @Test func theSameFlowLoadedAgainIsUnchangedAndSkipped() throws {
    let harness = try stagedLeads()
    try harness.run("commit --yes", "load ${dir}/leads.json into prod --on-conflict version", "match --auto")
    #expect(Self.isOutlined(harness.session.imports[0]))
    let second = try harness.output(of: "commit --yes").standardOutput
    #expect(second.contains("unchanged Leads: skipped"), "\(second)")
  }
}
