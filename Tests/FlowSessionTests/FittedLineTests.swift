import Testing

@testable import FlowSession

/// Per-flow lines fit the terminal: paths give way from the front, then names from the middle;
/// words and counts stay whole, and without a width nothing is cut.
struct FittedLineTests {
  let path = "/srv/exports/2026/finance/orders-for-the-regional-ledgers.json"
  let name = "Sync every regional ledger with the auditors"

  var line: FittedLine { "  create flow \(name: name): 12 nodes, 3 bindings (\(path: path))" }
  var whole: String { "  create flow \(name): 12 nodes, 3 bindings (\(path))" }

  @Test func withoutAWidthOrWithRoomTheLineIsWhole() {
    #expect(line.text(width: nil) == whole)
    #expect(line.text(width: whole.count) == whole)
  }

  @Test func thePathGivesWayFirstFromItsFront() {
    let fitted = line.text(width: whole.count - 20)
    #expect(fitted.count == whole.count - 20)
    #expect(fitted.contains(name))
    #expect(fitted.hasSuffix("…" + path.suffix(path.count - 21) + ")"))
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
    #expect(fixed.indented(by: "  ").text(width: nil) == "  created flow \(name)@1")
  }
}
