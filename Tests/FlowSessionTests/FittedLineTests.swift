import FlowTestSupport
import Foundation
import Testing

@testable import FlowSession

/// Per-flow lines fit the terminal: paths give way from the front, then names from the middle;
/// words and counts stay whole, and without a width nothing is cut.
@Suite(.temporaryFolders) struct FittedLineTests {
  let path = "/srv/exports/2026/finance/orders-for-the-regional-ledgers.json"
  let name = "Sync every regional ledger with the auditors"

  var line: FittedLine { "  create flow \(name: name): 12 nodes, 3 bindings (\(path: path))" }
  var whole: String { "  create flow \(name): 12 nodes, 3 bindings (\(path))" }

  /// A token pasted into a flow's name is not printed by the lines about the flow; nor is the
  /// password of a URL it holds.
  @Test func aSecretInANameIsRedacted() {
    let token = "Bearer 8f3a9c2e7b1d4f60a5e9c3b2d1f0e7a6"
    let line: FittedLine = "staged \(name: "orders \(token)"): new flow, \(name: "mqtt://admin:s3cret-pw@broker:1883")"
    let text = line.text(width: nil)
    #expect(!text.contains("8f3a9c2e7b1d4f60") && !text.contains("s3cret-pw"), "\(text)")
    #expect(text.hasPrefix("staged orders <redacted:bearer token>: new flow, mqtt://admin:"), "\(text)")
  }

  @Test func withoutAWidthOrWithRoomTheLineIsWhole() {
    #expect(line.text(width: nil) == whole)
    #expect(line.text(width: whole.count) == whole)
  }

  @Test func thePathGivesWayFirstFromItsFront() {
    let fitted = line.text(width: whole.count - 20)
    #expect(fitted == "  create flow \(name): 12 nodes, 3 bindings (…/orders-for-the-regional-ledgers.json)", "cut at a slash")
  }

  @Test func thenTheNameFromItsMiddleKeepingTheEndOfThePath() {
    let fitted = line.text(width: 80)
    #expect(fitted == "  create flow Sync every r…the auditors: 12 nodes, 3 bindings (…al-ledgers.json)")
    #expect(fitted.count == 80)
  }

  @Test func aLineThatCannotFitIsLeftAtItsShortest() {
    let fitted = line.text(width: 20)
    #expect(fitted == "  create flow Sync …tors: 12 nodes, 3 bindings (…al-ledgers.json)")
  }

  @Test func fixedTextNeverShrinks() {
    let fixed: FittedLine = "created flow \(name)@1"
    #expect(fixed.text(width: 10) == "created flow \(name)@1")
    let indented: FittedLine = "  \(fixed)"
    #expect(indented.text(width: nil) == "  created flow \(name)@1")
  }

  @Test func aPathIsCutAtAFoldersSlashWhereItCan() {
    let line: FittedLine = "loaded \(name: "orders") from \(path: "/srv/exports/finance/orders.json")"
    #expect(line.text(width: 40) == "loaded orders from …/finance/orders.json")
  }

  @Test func wideCharactersTakeTwoColumns() {
    #expect(FittedLine.columns("Sync 📒 ledger 財務") == 19)
    let line: FittedLine = "created flow \(name: "財務財務財務財務財務財務財務財務")@1"
    let fitted = line.text(width: 30)
    #expect(fitted == "created flow 財務財…務財務@1")
    #expect(FittedLine.columns(fitted) <= 30)
  }

  /// A migration of flows with long names, in a session whose output is 80 columns wide: every
  /// line fits; the same lines are whole when the output has no width (a pipe).
  /// A connection reference's key as long as some exports make them.
  static let longReference = "finance-db-test-of-the-quarterly-reconciliation-of-every-regional-ledger"

  @Test func aMigrationsLinesFitTheOutputsWidth() throws {
    let harness = try SessionHarness()
    try harness.prepareProd()
    let text = String(decoding: try Fixtures.example("orders-v1.json"), as: UTF8.self)
    let long = "orders for the quarterly reconciliation of every regional ledger 📒"
    try FileManager.default.createDirectory(atPath: harness.path("exports"), withIntermediateDirectories: true)
    for index in 0..<3 {
      try text.replacingOccurrences(of: #""name": "orders""#, with: #""name": "\#(long) \#(index)""#)
        .replacingOccurrences(of: "finance-db-test", with: Self.longReference)
        .write(toFile: harness.path("exports/ledger-\(index).json"), atomically: true, encoding: .utf8)
    }
    harness.lineWidth = 80
    let commands = ["load ${dir}/exports into prod", "match --auto", "match \(Self.longReference) finance-db-prod", "status"]
    var lines = try commands.flatMap { try harness.output(of: $0).standardOutput.split(separator: "\n") }
    let verbosePlan = try harness.output(of: "commit --dry-run --verbose").standardOutput.split(separator: "\n")
    #expect(verbosePlan.contains { $0.hasPrefix("    binds ") }, "the plan's binding lines are among those checked")
    lines += try harness.output(of: "commit --yes").standardOutput.split(separator: "\n")
    let wide = (lines + verbosePlan).filter { FittedLine.columns($0) > 80 }
    #expect(wide.isEmpty, "wider than 80 columns: \(wide)")
    for prefix in ["staged orders for", "  orders for", "orders for", "  create flow orders for", "  created flow orders for"] {
      #expect(lines.filter { $0.hasPrefix(prefix) && $0.contains("…") }.count == 3, "\(prefix)")
    }
    harness.lineWidth = nil
    #expect(try harness.output(of: "log").standardOutput.contains("created flow \(long) 0@1"))
  }
}
