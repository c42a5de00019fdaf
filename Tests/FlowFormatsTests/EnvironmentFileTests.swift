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
    #expect(file.values.first?.selects(flow: "orders-eu", nodeName: "Hook", type: "n8n-nodes-base.webhook") == true)
    #expect(file.values.first?.selects(flow: "payments", nodeName: "Hook", type: "n8n-nodes-base.webhook") == false)
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
      ("secrets: {}", "e.yaml:1:1: unknown section 'secrets'; an environment file has connections and values"),
      ("values:\n  - set: { a: 1 }\n", "e.yaml:2:5: a values entry needs a `flow` or a `node` to select"),
      ("connections: [\n", "e.yaml:2:1: while parsing a flow node: did not find expected node content"),
    ] {
      #expect(throws: FormatError.self) { try EnvironmentFile(text: text, path: "e.yaml") }
      do { _ = try EnvironmentFile(text: text, path: "e.yaml") } catch { #expect("\(error)".hasPrefix(message), "\(error)") }
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
