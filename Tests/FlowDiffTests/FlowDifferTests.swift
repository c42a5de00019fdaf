import FlowDiff
import FlowFormats
import FlowModel
import FlowTestSupport
import Foundation
import Testing

@Suite struct FlowDifferTests {
  func example(_ name: String) throws -> FlowVersion {
    try ExportFormat.read(try Fixtures.example(name), fallbackName: name).1.version
  }

  @Test func ordersV1ToV2() throws {
    let diff = FlowDiffer.diff(
      try example("orders-v1.json"), try example("orders-v2.json"), leftLabel: "v1", rightLabel: "v2",
      options: DiffOptions().showingConfigurationsAsTheyAre)
    #expect(
      DiffRenderer.terminal(colour: false).render(diff) == """
        --- v1
        +++ v2
        flow
          ~ version: 1 -> 2
        ~ node "Big orders"
          ~ config.condition: "amount > 100" -> "amount > 500"
        ~ node "Shape for finance"
          + config.fields.region: "shipping.region"
        + node "Audit trail" (destination.kafka)
        edges
          + "Big orders" -> "Audit trail"
        2 nodes changed, 1 node added, 1 edge added, 1 other change

        """)
  }

  /// JSON allows a key twice in an object, and a hand-edited export may have it: each side's
  /// last member with the key (the one the platform reads) pairs with the other's last, so a
  /// change to it shows, and the ones before it pair from the front: a stale copy taken out is
  /// removed, not read as a change to the live one.
  @Test func aRepeatedKeyPairsLastWithLast() throws {
    func flow(_ parameters: String) throws -> FlowVersion {
      let text = """
        {"name": "D", "connections": {}, "nodes": [{"id": "1", "name": "Set", "type": "n8n-nodes-base.set", \
        "position": [0, 0], "parameters": {\(parameters)}}]}
        """
      return try ExportFormat.read(Data(text.utf8), fallbackName: "D").1.version
    }
    let old = try flow(#""mode": "raw", "mode": "first""#)
    func render(_ new: FlowVersion) -> String {
      DiffRenderer.terminal(colour: false).render(
        FlowDiffer.diff(old, new, leftLabel: "a", rightLabel: "b", options: DiffOptions().showingConfigurationsAsTheyAre))
    }
    #expect(render(try flow(#""mode": "raw", "mode": "second""#)).contains(#"~ config.parameters.mode: "first" -> "second""#))
    #expect(!render(try flow(#""mode": "raw", "mode": "second""#)).contains(#""raw""#))
    let appended = render(try flow(#""mode": "raw", "mode": "first", "mode": "third""#))
    #expect(appended.contains(#"~ config.parameters.mode: "first" -> "third""#) && appended.contains(#"+ config.parameters.mode: "first""#))
    let staleRemoved = render(try flow(#""mode": "first""#))
    #expect(staleRemoved.contains(#"- config.parameters.mode: "raw""#) && !staleRemoved.contains(" -> "), "\(staleRemoved)")
    #expect(FlowDiffer.diff(old, try flow(#""mode": "raw", "mode": "first""#), leftLabel: "a", rightLabel: "b").isEmpty)
    // An object too large for a linear search is indexed by key and occurrence.
    func repeated(_ last: String) -> String {
      (0..<40).map { #""k": \#($0), "other\#($0)": 0"# }.joined(separator: ", ") + #", "k": "\#(last)""#
    }
    let large = FlowDiffer.diff(
      try flow(repeated("a")), try flow(repeated("b")), leftLabel: "a", rightLabel: "b",
      options: DiffOptions().showingConfigurationsAsTheyAre)
    #expect(DiffRenderer.terminal(colour: false).render(large).contains(#"~ config.parameters.k: "a" -> "b""#))
    #expect(large.nodes.count == 1)
  }

  /// Where a wire or a name repeats a key, the model reads the last, as n8n's JavaScript does:
  /// a change to it is a change to the flow, not "no changes".
  @Test func aRepeatedKeyInAWireOrANameIsReadAsThePlatformReadsIt() throws {
    func flow(index: String, name: String) throws -> FlowVersion {
      let text = """
        {"name": "W", "nodes": [
          {"id": "1", "name": "Start", "type": "n8n-nodes-base.manualTrigger", "position": [0, 0], "parameters": {}},
          {"id": "2", "name": "Send", "name": "\(name)", "type": "n8n-nodes-base.set", "position": [200, 0], "parameters": {}}],
         "connections": {"Start": {"main": [[{"node": "\(name)", "type": "main", "index": 0, "index": \(index)}]]}}}
        """
      return try ExportFormat.read(Data(text.utf8), fallbackName: "W").1.version
    }
    let old = try flow(index: "1", name: "Send")
    #expect(old.nodes.map(\.name) == ["Start", "Send"])
    #expect(old.edges.map(\.toPort) == ["main:1"])
    let rewired = FlowDiffer.diff(old, try flow(index: "2", name: "Send"), leftLabel: "a", rightLabel: "b")
    #expect(rewired.edges.count == 2, "the wire to input 1 removed, one to input 2 added")
    let renamed = FlowDiffer.diff(old, try flow(index: "1", name: "Post"), leftLabel: "a", rightLabel: "b")
    #expect(DiffRenderer.terminal(colour: false).render(renamed).contains("Post"))
  }

  /// Pairing by id pairs things of one kind and type only, and an id one side repeats pairs
  /// once, in order; without a repeated left id it reads the left side's index alone
  /// (`pairByUniqueID`), and pairs as the queues of repeats do.
  @Test(arguments: [false, true]) func idsPairThingsOfOneKindAndTypeOnce(leftRepeatsAnID: Bool) {
    func node(_ id: String, _ name: String, _ type: String, _ step: Int = 1) -> Node {
      Node(id: id, name: name, type: type, config: ["step": .number(JSONNumber(step))])
    }
    // Names differ on each side, so that nothing pairs but by id or by likeness of type.
    var left = [node("a", "first", "t1"), node("b", "second", "t2")]
    if leftRepeatsAnID { left.append(node("x", "other", "t9")); left.append(node("x", "other again", "t9")) }
    let right = [node("a", "first'", "t1", 2), node("a", "copy of first", "t1", 3), node("b", "second'", "t3")]
    let diff = FlowDiffer.diff(
      FlowVersion(name: "f", nodes: left), FlowVersion(name: "f", nodes: right), leftLabel: "l", rightLabel: "r")
    let changed = diff.nodes.filter { $0.kind == .changed }.map { "\($0.oldName ?? $0.name) -> \($0.name)" }
    #expect(changed == ["first -> first'"])
    #expect(diff.nodes.filter { $0.kind == .added }.map(\.name) == ["copy of first", "second'"])
    #expect(diff.nodes.filter { $0.kind == .removed }.map(\.name) == ["second"] + (leftRepeatsAnID ? ["other", "other again"] : []))
  }

  @Test func sameFlowFromAnotherInstanceIsNoChange() {
    var other = Fixtures.flow(ids: ["x", "y", "z"])
    other.nodes.reverse()
    other.edges.reverse()
    other.nodes[0].position = Position(x: JSONNumber(99), y: JSONNumber(99))
    let diff = FlowDiffer.diff(Fixtures.flow(), other, leftLabel: "a", rightLabel: "b")
    #expect(diff.isEmpty)
    #expect(DiffRenderer.stat.render(diff) == "no changes\n")
  }

  /// Modules renumbered so that their new ids are each other's old ones (a Make scenario
  /// pasted into an empty one numbers from 1 again) pair by what they are, not by id.
  @Test func idsThatChangedHandsPairByWhatTheyAre() {
    func flow(_ first: String, _ second: String) -> FlowVersion {
      FlowVersion(
        name: "f",
        nodes: [
          Node(id: first, name: "webhook", type: "vapi:endOfCallReport", config: ["hook": "h1"]),
          Node(id: second, name: "add row", type: "google-sheets:addRow", config: ["values": .string("{{\(first).summary}}")]),
        ],
        edges: [Edge(from: first, to: second)])
    }
    var options = DiffOptions()
    options.embeddedIDs = [EmbeddedIDs(open: "{{", close: "}}", suffix: ".")]
    let diff = FlowDiffer.diff(flow("2", "6"), flow("6", "2"), leftLabel: "a", rightLabel: "b", options: options)
    #expect(diff.isEmpty, "\(DiffRenderer.terminal(colour: false).render(diff))")
  }

  /// An edge between nodes another node shares the name of says which, by id; in `--json` too.
  @Test func anEdgeOfNodesThatShareANameNamesThemByID() {
    let nodes = [
      Node(id: "in1", name: "inject", type: "inject"), Node(id: "d1", name: "debug", type: "debug", config: ["n": 1]),
      Node(id: "d2", name: "debug", type: "debug", config: ["n": 2]),
    ]
    let before = FlowVersion(name: "f", nodes: nodes, edges: [Edge(from: "in1", to: "d1")])
    let after = FlowVersion(name: "f", nodes: nodes, edges: [Edge(from: "in1", to: "d2")])
    let diff = FlowDiffer.diff(before, after, leftLabel: "a", rightLabel: "b", options: DiffOptions())
    let text = DiffRenderer.terminal(colour: false).render(diff)
    #expect(text.contains("\n  + \"inject\" -> \"debug\" [d2]\n  - \"inject\" -> \"debug\" [d1]\n"), "\(text)")
    let json = DiffRenderer.json.render(diff)
    #expect(json.contains(#""toId": "d2""#) && !json.contains(#""fromId""#), "\(json)")
  }

  /// Make names a module as `3.field` anywhere in an expression, also as a function's argument;
  /// numbers, versions and fields that end in digits are not ids.
  @Test(arguments: [
    ("{{3.total}}", ["3"]),
    ("{{substring(1.args.date; 0; 10)}} and {{get(12.items; 1).name}}", ["1", "12"]),
    ("{{1.amount * 1.5}} {{ 2.`0` }}", ["1", "2"]),
    ("{{v2.x}} {{a.3.x}} {{\"4.5\"}} {{x[2].y}} 5.x outside", []),
    ("{{7.open", ["7"]),
    (#"{{if(1.a; "}}"; 2.c)}} {{if(3.a; "{{4.b}}"; 5.c)}}"#, ["1", "2", "3", "4", "5"]),
  ])
  func makeModuleIDsInsideExpressions(text: String, ids: [String]) {
    let make = EmbeddedIDs(open: "{{", close: "}}", suffix: ".")
    #expect(make.ranges(in: text).map { String(text[$0]) } == ids)
  }

  @Test func volatileFieldsShowWhenAskedFor() {
    let other = Fixtures.flow(ids: ["x", "y", "z"])
    let diff = FlowDiffer.diff(Fixtures.flow(), other, leftLabel: "a", rightLabel: "b", options: DiffOptions(includeVolatile: true))
    #expect(diff.stat.nodesChanged == 3)
    #expect(diff.nodes[0].changes.map(\.path) == ["id"])
  }

  @Test func removedNodeTakesItsEdges() {
    var right = Fixtures.flow()
    right.nodes.removeLast()
    right.edges.removeLast()
    let diff = FlowDiffer.diff(Fixtures.flow(), right, leftLabel: "a", rightLabel: "b")
    #expect(diff.stat.summary == "1 node removed, 1 edge removed")
    #expect(diff.edges.map { "\($0.isAdded) \($0.from) -> \($0.to)" } == ["false Filter -> Out"])
  }

  /// A caller that does not say how configurations are shown prints none of their values:
  /// every value stands in for a secret, and a change shows as `changed (secret)`.
  @Test func configurationsAreShownAsSecretsUnlessSaidOtherwise() {
    let diff = FlowDiffer.diff(Fixtures.flow(), Fixtures.flow(condition: "amount > 5"), leftLabel: "a", rightLabel: "b")
    let text = DiffRenderer.terminal(colour: false).render(diff) + DiffRenderer.json.render(diff)
    #expect(text.contains("~ config.condition: changed (secret)"), "\(text)")
    #expect(!text.contains("amount") && !text.contains("\u{FFFF}"), "\(text)")
  }

  /// Carried subflows pair by name, a name carried twice in order: the second with the second.
  @Test func subflowsOfOneNamePairInOrder() {
    func subflow(_ table: String) -> FlowVersion {
      FlowVersion(name: "enrich", nodes: [Node(id: "s1", name: "Lookup", type: "source.jdbc", config: ["table": .string(table)])])
    }
    func flow(_ tables: [String]) -> FlowVersion {
      var flow = Fixtures.flow()
      flow.subflowDefinitions = tables.map(subflow)
      return flow
    }
    let diff = FlowDiffer.diff(
      flow(["same", "other"]), flow(["same", "other2"]), leftLabel: "a", rightLabel: "b",
      options: DiffOptions().showingConfigurationsAsTheyAre)
    #expect(diff.subflows.count == 1)
    #expect(diff.subflows.first?.nodes.flatMap(\.changes) == [PropertyChange(path: "config.table", old: "other", new: "other2")])
  }

  @Test func jsonViewIsStable() throws {
    let diff = FlowDiffer.diff(
      Fixtures.flow(), Fixtures.flow(condition: "amount > 5"), leftLabel: "a", rightLabel: "b",
      options: DiffOptions().showingConfigurationsAsTheyAre)
    let document = try JSONParser.parse(DiffRenderer.json.render(diff))
    #expect(document["equal"] == false)
    #expect(document["summary"]?["nodesChanged"] == 1)
    #expect(
      document["nodes"] == [
        [
          "kind": "changed", "name": "Filter", "type": "filter",
          "changes": [["path": ["config", "condition"], "old": "amount > 100", "new": "amount > 5"]],
        ]
      ])
  }

  /// Node-RED and Make repeat names: the picture must mark the node that changed, not its namesakes.
  @Test func thePictureMarksTheChangedNodeNotItsNamesake() {
    var left = Fixtures.flow()
    left.nodes[2].name = "Filter"
    var right = left
    right.nodes[2].config["table"] = "other"
    let diff = FlowDiffer.diff(left, right, leftLabel: "a", rightLabel: "b", options: DiffOptions(includeGraph: true))
    #expect(diff.graph.nodes.map(\.status) == [.unchanged, .unchanged, .changed])
  }

  /// Edges are compared over the nodes pairing found for their ends: a wire to an id the file
  /// does not hold, or to a connection reference, stays outside and is named by its id; a
  /// repeated id stands for its first node; added edges come first, in the right side's order,
  /// then removed ones, in the left side's.
  @Test func edgesAreComparedOverTheirPairedEnds() {
    func flow(_ edges: [Edge]) -> FlowVersion {
      FlowVersion(
        name: "f",
        nodes: [
          Node(id: "a", name: "A", type: "t"), Node(id: "b", name: "B", type: "t"), Node(id: "b", name: "B twice", type: "t"),
        ],
        edges: edges, connections: [ConnectionRef(key: "conn", type: "db", name: "Database")])
    }
    let left = flow([
      Edge(from: "a", to: "b"), Edge(from: "a", to: "missing"), Edge(from: "a", to: "conn"), Edge(from: "b", to: "a", toPort: "1"),
    ])
    let right = flow([
      Edge(from: "a", to: "b"), Edge(from: "b", to: "missing"), Edge(from: "a", to: "conn"), Edge(from: "b", to: "a", toPort: "2"),
    ])
    let diff = FlowDiffer.diff(left, right, leftLabel: "l", rightLabel: "r")
    #expect(
      diff.edges.map { "\($0.isAdded ? "+" : "-") \($0.from) -> \($0.to)" } == [
        "+ B -> missing", "+ B -> A", "- A -> missing", "- B -> A",
      ])
  }
}
