import Testing

@testable import FlowSession

/// How an error reads when it is about many things at once.
struct SessionErrorTests {
  /// Flows found in the target already are listed ten at most, then how many more: a migration
  /// run again without `--on-conflict` named each of its 2,000 flows.
  @Test func aLongListOfFlowsInTheTargetIsCut() {
    let flows = (1...2000).map { SessionError.FlowInTarget(flow: "flow \($0)", path: "/x/\($0).json") }
    let lines = "\(SessionError.flowsExist(flows, workspace: "prod", total: 2000))".split(separator: "\n")
    #expect(lines.count == 12)
    #expect(lines[10] == "  flow 10 (/x/10.json)")
    #expect(lines.last == "  … and 1990 more flows")
    // One more than ten is listed whole: a line saying "1 more" would take its place.
    let eleven = "\(SessionError.flowsExist(Array(flows.prefix(11)), workspace: "prod", total: 11))".split(separator: "\n")
    #expect(eleven.count == 12)
    #expect(eleven.last == "  flow 11 (/x/11.json)")
  }
}
