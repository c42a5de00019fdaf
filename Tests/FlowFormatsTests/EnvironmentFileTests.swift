import FlowFormats
import FlowModel
import Testing

@Suite struct EnvironmentFileTests {
  static let text = """
    connections:
      - from: "Gmail account (test)"
        to: gmail-prod
      - from: { type: slackApi }
        to: slack-prod
      - from: { id: "fegneFqi8XJX3NJH" }
        to: gmail-id-prod
      - from: "*_TEST"
        to: "*_PROD"
    values:
      - flow: "orders*"
        node: { type: n8n-nodes-base.webhook }
        set: { "parameters.path": "orders-prod" }
    """

  func reference(_ name: String, type: String = "kafka", key: String? = nil, id: String? = nil) -> ConnectionRef {
    ConnectionRef(key: key ?? "\(type):\(name)", type: type, name: name, properties: id.map { ["id": .string($0)] } ?? [:])
  }

  @Test func entriesByNameTypeIdAndRulesWithCaptures() throws {
    let file = try EnvironmentFile(text: Self.text, path: "prod.yaml")
    #expect(file.connections.map(\.line) == [2, 4, 6, 8])
    #expect(file.entry(for: reference("Gmail account (test)", type: "gmailOAuth2"))?.target == "gmail-prod")
    #expect(file.entry(for: reference("anything", type: "slackApi"))?.target == "slack-prod")
    #expect(file.entry(for: reference("other", type: "gmailOAuth2", id: "fegneFqi8XJX3NJH"))?.target == "gmail-id-prod")
    let rule = try #require(file.entry(for: reference("kafka_TEST")))
    #expect(rule.target == "kafka_PROD")
    #expect(rule.entry.label == "rule *_TEST -> *_PROD")
    #expect(file.entry(for: reference("kafka_DEV")) == nil)
    let value = try #require(file.values.first)
    #expect(value.selects(flow: "orders-eu") && !value.selects(flow: "payments"))
    #expect(value.node.selects(type: "n8n-nodes-base.webhook", name: "Hook"))
    #expect(!value.node.selects(type: "n8n-nodes-base.set", name: "Hook"))
  }

  @Test func aTypeRuleCapturesTheTypeAndComesAfterExactEntries() throws {
    let file = try EnvironmentFile(
      text: """
        connections:
          - from: { type: "*" }
            to: "*_PROD"
          - from: { type: slackApi }
            to: slack-special
        """, path: "e.yaml")
    let rule = try #require(file.entry(for: reference("Gmail account", type: "gmailOAuth2")))
    #expect(rule.target == "gmailOAuth2_PROD")
    #expect(rule.entry.label == "rule type * -> *_PROD")
    #expect(file.entry(for: reference("team chat", type: "slackApi"))?.target == "slack-special")
  }

  @Test func exactEntriesComeBeforeRulesAndTheFirstMatchWins() throws {
    let file = try EnvironmentFile(
      text: """
        connections:
          - from: "*_TEST"
            to: "*_PROD"
          - from: orders_TEST
            to: orders-special
          - from: orders_TEST
            to: never-reached
        """, path: "e.yaml")
    #expect(file.entry(for: reference("orders_TEST"))?.target == "orders-special")
  }

  @Test func mistakesNameFileLineAndColumn() throws {
    for (text, message) in [
      ("connections: 3", "e.yaml:1:14: connections: expected a list"),
      ("connections:\n  - from: a\n", "e.yaml:2:5: a connections entry needs `from` and `to: <connection>`"),
      ("connections:\n  - from: a\n    to: '*_PROD'\n", "e.yaml:2:5: `to: *_PROD` has a * but `from` captures none"),
      ("secrets: {}", "e.yaml:1:1: unknown key 'secrets'; an environment file has connections, values"),
      ("connections:\n  - from: { type: a, id: b }\n    to: c\n", "e.yaml:2:11: `from` is a name, or one of { name | type | id: ... }"),
      ("connections:\n  - from: { tpye: a }\n    to: c\n", "e.yaml:2:13: unknown key 'tpye'; `from` has one of name, type, id"),
      ("connections:\n  - from: a\n    to: c\n    via: d\n", "e.yaml:4:5: unknown key 'via'; a connections entry has from, to"),
      ("connections:\n  - from: { type: a }\n    to: '*_PROD'\n", "e.yaml:2:5: `to: *_PROD` has a * but `from` captures none"),
      ("values:\n  - node: {}\n    set: { a: 1 }\n", "e.yaml:2:11: `node` is { type: ... } or { name: ... }"),
      ("values:\n  - node: { tpye: x }\n    set: { a: 1 }\n", "e.yaml:2:13: unknown key 'tpye'; `node` has type, name"),
      ("values:\n  - flow: [a, b]\n    set: { a: 1 }\n", "e.yaml:2:11: expected a name, not a list or mapping"),
      ("values:\n  - flow: a\n    set: { '': 1 }\n", "e.yaml:3:12: a `set` path is a dotted path such as parameters.path"),
      ("values:\n  - flow: a\n    set: { a: 1 }\n    create: yes please\n", "e.yaml:4:13: `create` is true or false"),
      ("values:\n  - set: { a: 1 }\n", "e.yaml:2:5: a values entry needs a `flow` or a `node` to select"),
      ("connections: [\n", "e.yaml:2:1: while parsing a flow node: did not find expected node content"),
    ] {
      #expect(throws: FormatError.self) { try EnvironmentFile(text: text, path: "e.yaml") }
      do { _ = try EnvironmentFile(text: text, path: "e.yaml") } catch { #expect("\(error)".hasPrefix(message), "\(error)") }
    }
  }

  /// The YAML bounds a bundle's config.yaml has, named in the environment file's own terms;
  /// a quote the guard cannot follow (an escaped one, one inside a plain value) does not let
  /// what follows past it.
  @Test func boundsRefuseInTheFilesOwnName() throws {
    let anchors =
      ["      d0: &d0 [" + Array(repeating: "x", count: 1000).joined(separator: ",") + "]"]
      + (1...6).map { "      d\($0): &d\($0) [*d\($0 - 1), *d\($0 - 1), *d\($0 - 1)]" }
    let expanding = "values:\n  - flow: x\n    set:\n" + anchors.joined(separator: "\n") + "\n"
    let deep = String(repeating: "[", count: 100_000)
    for (text, message) in [
      (expanding, "expands to more than 100000 values"),
      (#"x: "a\\""# + "\ny: " + deep, "nests deeper than 128 levels"),
      ("x: a 'b\ny: " + deep, "nests deeper than 128 levels"),
    ] {
      do {
        _ = try EnvironmentFile(text: text, path: "e.yaml")
        Issue.record("accepted: \(text.prefix(60))")
      } catch { #expect("\(error)".hasPrefix("e.yaml:") && "\(error)".contains(message), "\(error)") }
    }
  }

  @Test func savedFilesReadBack() throws {
    let file = try EnvironmentFile(text: Self.text, path: "prod.yaml")
    let again = try EnvironmentFile(text: file.yaml, path: "prod.yaml")
    #expect(again.connections.map(\.source) == file.connections.map(\.source))
    #expect(again.connections.map(\.target) == file.connections.map(\.target))
    #expect(again.values.map(\.set) == file.values.map(\.set))
  }

  @Test func valuesAreSetInTheNodesOwnDialect() throws {
    let n8n = try JSONParser.parse(
      #"{"name": "orders", "nodes": [{"id": "w1", "name": "Hook", "type": "n8n-nodes-base.webhook", "parameters": {"path": "orders-test"}}], "connections": {}}"#
    )
    let (format, decoded) = try ExportFormat.read(Array(JSONWriter().string(n8n).utf8), fallbackName: "orders")
    #expect(format.rawValue == "n8n")
    let set = try written(setting: "parameters.path", to: "orders-prod", inNode: "w1", of: decoded.version)
    let written = try format.encode(set, stamp: nil)
    #expect(written["nodes"]?.arrayValue?.first?["parameters"]?["path"] == "orders-prod")
    #expect(throws: FormatError.self) {
      try self.written(setting: "parameters.missing", to: "x", inNode: "w1", of: decoded.version)
    }
    let created = try self.written(setting: "parameters.extra", to: "x", inNode: "w1", of: decoded.version, create: true)
    #expect(try format.encode(created, stamp: nil)["nodes"]?.arrayValue?.first?["parameters"]?["extra"] == "x")
  }

  /// NiFi names a component by `identifier` (a connection's ends carry the same value as `id`),
  /// IBM EP a node by `nodeId`: the value lands in the component, not in what points at it.
  @Test func valuesFindTheNodeByTheDialectsOwnIDMember() throws {
    let nifi = #"""
      {"flowContents": {"identifier": "g", "name": "root",
        "processors": [{"identifier": "p1", "name": "Consume", "type": "ConsumeKafka", "properties": {"Topic": "test"}},
                       {"identifier": "p2", "name": "Log", "type": "LogAttribute", "properties": {}}],
        "connections": [{"identifier": "c1", "source": {"id": "p1", "type": "PROCESSOR"}, "destination": {"id": "p2", "type": "PROCESSOR"},
                         "selectedRelationships": ["success"]}]}}
      """#
    let (nifiFormat, nifiFlow) = try ExportFormat.read(Array(nifi.utf8), fallbackName: "ingest")
    let nifiSet = try written(setting: "properties.Topic", to: "prod", inNode: "p1", of: nifiFlow.version)
    let nifiWritten = try nifiFormat.encode(nifiSet, stamp: nil)
    #expect(nifiWritten["flowContents"]?["processors"]?.arrayValue?.first?["properties"]?["Topic"] == "prod")
    #expect(nifiWritten["flowContents"]?["connections"]?.arrayValue?.first?["source"]?["properties"] == nil)
    #expect(nifiSet.edges.count == 1)

    let ep = #"""
      {"pipelineState": {}, "contextState": {"nodes": [
        {"nodeId": 1, "viewName": "orders", "nodeType": "source", "configuration": {"topic": "orders-test"}}], "edges": []}}
      """#
    let (epFormat, epFlow) = try ExportFormat.read(Array(ep.utf8), fallbackName: "orders")
    let epSet = try written(setting: "configuration.topic", to: "orders-prod", inNode: "1", of: epFlow.version)
    #expect(
      try epFormat.encode(epSet, stamp: nil)["contextState"]?["nodes"]?.arrayValue?.first?["configuration"]?["topic"] == "orders-prod")
  }

  private func written(setting path: String, to value: JSONValue, inNode node: String, of version: FlowVersion, create: Bool = false)
    throws -> FlowVersion
  {
    var writer = try NodeValueWriter(version)
    try writer.set(path, to: value, inNode: node, create: create)
    return writer.version
  }
}
