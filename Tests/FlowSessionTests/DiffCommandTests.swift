import FlowSession
import FlowTestSupport
import Foundation
import Testing

@Suite(.temporaryFolders) struct DiffCommandTests {
  /// What a person runs: `diff` of two files whose secrets changed says so, never the value.
  @Test(arguments: ["node-red", "ibm-ep", "nifi"])
  func aChangedSecretShowsAsSuchThroughTheCommand(dialect: String) throws {
    let fixtures = Corpus.repositoryRoot.appendingPathComponent("Tests/FlowDiffTests/Fixtures")
    let before = fixtures.appendingPathComponent("\(dialect)-before.json").path
    let after = fixtures.appendingPathComponent("\(dialect)-after.json").path
    let printed = try SessionHarness().output(of: "diff '\(before)' '\(after)'").standardOutput
    #expect(printed.contains(": changed (secret)"), "\(printed)")
    #expect(!printed.contains("\u{FFFF}"), "no stand-in is printed")
  }

  @Test func aPendingImportAgainstItsTarget() throws {
    let harness = try SessionHarness()
    try harness.commitOrders()
    try harness.run(
      "load ${examples}/orders-v2.json into prod --as-version-of orders", "match --auto", "match finance-db-test finance-db-prod")
    #expect(
      try harness.output(of: "diff orders --stat").standardOutput.hasSuffix(
        "\n2 nodes changed, 1 node added, 1 edge added, 1 other change\n"))
    try harness.run("load ${examples}/payments.json into prod")
    let payments = try harness.output(of: "diff payments --stat").standardOutput
    #expect(payments.hasSuffix("\n4 nodes added, 3 edges added, 3 connections added, 5 other changes\n"), "\(payments)")
  }

  @Test func twoWholeWorkspaces() throws {
    let harness = try SessionHarness()
    try harness.commitOrders()
    try harness.run(
      "workspace new ${dir}/test.fpsw as test", "connection add kafka-prod --type kafka", "connection add finance-db-prod --type jdbc",
      "connection add crm-db --type jdbc", "connection add ledger-api --type http",
      "load ${examples}/orders-v2.json ${examples}/payments.json into test", "match --auto", "match finance-db-test finance-db-prod",
      "commit --yes")
    let workspaces = try harness.output(of: "diff prod test").standardOutput
    #expect(
      workspaces
        == ("""
        --- prod
        +++ test
        + payments (only in test)
        ~ orders: 2 nodes changed, 1 node added, 1 edge added, 1 connection changed
        0 only in prod, 1 only in test, 1 differ, 0 the same

        """))
    #expect(try harness.output(of: "diff prod test --json").standardOutput.contains(#""onlyRight": ["#))
  }

  @Test(.enabled(if: ExternalTool.dot.isInstalled, ExternalTool.dot.missing))
  func anSVGPicture() throws {
    let harness = try SessionHarness()
    try harness.run("diff ${examples}/orders-v1.json ${examples}/orders-v2.json --svg ${dir}/orders.svg")
    let svg = try String(contentsOfFile: harness.path("orders.svg"), encoding: .utf8)
    #expect(svg.contains("<svg") && svg.contains("Audit trail") && svg.contains("#c8f7c5"))
  }

  @Test func oneViewAtATime() throws {
    #expect(try SessionHarness().rendered("diff a b --stat --json") == "diff: choose one of --stat, --json (see `help diff`)")
  }
}
